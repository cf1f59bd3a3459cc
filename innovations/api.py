from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import generics, serializers
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response

from livinglab.api.schema import ERROR_RESPONSES, example
from livinglab.regions import codes
from livinglab.taxonomy.models import SpbeIndicator
from search.facets import FACETS as SEARCH_FACETS

from .models import InnovationPage
from .serializers import InnovationDetailSerializer, InnovationListSerializer

TAXONOMY_FILTERS = {
    "dimension": ("dimensions__name__iexact", "dimensions__name_en__iexact"),
    "theme": ("themes__name__iexact", "themes__name_en__iexact"),
    "spm": ("spm_sectors__name__iexact", "spm_sectors__name_en__iexact"),
}


def published_with_parts(slug):
    """One published case study with its replicable parts, or 404."""
    page = InnovationPage.objects.published().with_parts().filter(slug=slug).first()
    if page is None:
        raise Http404(_("No published case study has that slug."))
    return page


# The search facets the list filters by the search's own values; the
# first three have list filters of their own (labels in either language).
OWN_FILTERS = {"dimension", "theme", "spm", "host"}


def published():
    """The published case studies with the tags the list shows, by title."""
    return (
        InnovationPage.objects.published()
        .select_related("host_region")
        .prefetch_related(
            "dimensions", "spbe_indicators", "spm_sectors", "themes", "technologies"
        )
        .order_by("title")
    )


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter(
                "host", str, description="Host region code, 32.11 or 3211"
            ),
            OpenApiParameter(
                "maturity", str, enum=list(InnovationPage.Maturity.values)
            ),
            OpenApiParameter("dimension", str, description="Smart City dimension"),
            OpenApiParameter("theme", str),
            OpenApiParameter("spm", str, description="SPM sector"),
            *[
                OpenApiParameter(name, str, many=True, description=str(label))
                for name, label in SEARCH_FACETS.items()
                if name not in OWN_FILTERS
            ],
            OpenApiParameter("facets", bool, description="Add the facet counts"),
            OpenApiParameter(
                "indicator",
                {"type": "integer", "minimum": 1},
                description=(
                    "SPBE indicator number in the current framework "
                    "(/api/v1/spbe/frameworks/; 1-47 under PermenPANRB 59/2020)"
                ),
            ),
        ],
        responses={200: InnovationListSerializer(many=True), **ERROR_RESPONSES},
        examples=[
            OpenApiExample(
                "Innovations of Sumedang on SPBE indicator 15",
                value={"host": "32.11", "indicator": 15},
                request_only=True,
            )
        ],
    )
)
class InnovationList(generics.ListAPIView):
    """Published case studies. Filters: ``host`` (region code), ``maturity``,
    ``dimension``, ``theme``, ``spm`` (labels, either language), ``indicator``
    (SPBE number), and the search's facets (``province``, ``technology``,
    ``licence``, ``has_source_code``, ``has_training``, ``replication``,
    ``year``, ``spbe_domain``, ``spbe_indicator``; repeat a name for OR).
    ``facets=true`` adds the facet counts, as ``/api/v1/search/`` gives them."""

    serializer_class = InnovationListSerializer

    def get_queryset(self):
        params, pages, errors = self.request.query_params, published(), {}
        if params.get("host"):
            try:
                pages = pages.filter(
                    host_region__code=codes.normalize_region_code(params["host"])
                )
            except ValidationError as exc:
                errors["host"] = exc.messages
        if params.get("maturity"):
            if params["maturity"] not in InnovationPage.Maturity.values:
                errors["maturity"] = [
                    _("Choose one of %(v)s.")
                    % {"v": ", ".join(InnovationPage.Maturity.values)}
                ]
            pages = pages.filter(maturity=params["maturity"])
        for key, (field_id, field_en) in TAXONOMY_FILTERS.items():
            if params.get(key):
                from django.db.models import Q

                pages = pages.filter(
                    Q(**{field_id: params[key]}) | Q(**{field_en: params[key]})
                )
        if params.get("indicator"):
            numbers = set(
                SpbeIndicator.objects.current().values_list("number", flat=True)
            )
            if (
                not (params["indicator"].isdecimal() and params["indicator"].isascii())
                or int(params["indicator"]) not in numbers
            ):
                errors["indicator"] = [
                    _("Give an SPBE indicator number, 1-%(n)s.")
                    % {"n": max(numbers, default=0)}
                ]
            else:
                pages = pages.filter(
                    spbe_indicators__in=SpbeIndicator.objects.current().filter(
                        number=int(params["indicator"])
                    )
                )
        if errors:
            raise ApiValidationError(errors)
        self.facet_filters = {
            name: self.request.query_params.getlist(name)[:20]
            for name in SEARCH_FACETS
            if name not in OWN_FILTERS and self.request.query_params.getlist(name)
        }
        if self.facet_filters or self._want_facets():
            from search.db_backend import filter_pages

            ids, self.facets = filter_pages(self.facet_filters)
            if self.facet_filters:
                pages = pages.filter(pk__in=ids)
        return pages.distinct()

    def _want_facets(self):
        return self.request.query_params.get("facets", "").lower() in (
            "1",
            "true",
            "ya",
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        if self._want_facets():
            response.data["facets"] = self.facets
        return response


@extend_schema_view(
    get=extend_schema(
        responses={200: InnovationDetailSerializer, **ERROR_RESPONSES},
        examples=[
            example(
                "A case study (shortened)",
                {
                    "slug": "tte-sumedang",
                    "title": "Tanda Tangan Elektronik Terintegrasi",
                    "host_region": "32.11",
                    "host_region_name": "Kabupaten Sumedang",
                    "maturity": "institutionalised",
                    "dimensions": ["Smart Governance"],
                    "spbe_indicators": [15, 18, 37],
                    "source_code": [
                        {
                            "url": "https://git.sumedangkab.go.id/tte-gateway",
                            "license": "MIT",
                            "visibility": "public",
                            "technologies": ["Laravel"],
                        }
                    ],
                    "readiness": {"met": 5, "total": 5, "checks": {"code": True}},
                },
            )
        ],
    )
)
class InnovationDetail(generics.RetrieveAPIView):
    serializer_class = InnovationDetailSerializer

    def get_object(self):
        return published_with_parts(self.kwargs["slug"])


class InnovationPart(generics.GenericAPIView):
    """One list of a case study's replicable parts: its source code, training
    material or SPBE evidence (``{"count", "results"}``, no personal data)."""

    part = None  # "source_code" | "training" | "evidence"
    serializer_class = InnovationDetailSerializer

    @extend_schema(
        responses={
            200: inline_serializer(
                "InnovationPartList",
                {
                    "count": serializers.IntegerField(),
                    "results": serializers.ListField(child=serializers.DictField()),
                },
            ),
            **ERROR_RESPONSES,
        }
    )
    def get(self, request, slug):
        """Example: ``{"count": 1, "results": [{"title": "Modul operator TTE",
        "kind": "module", "url": "https://…", "language": "id"}]}``"""
        page = published_with_parts(slug)
        serializer = InnovationDetailSerializer(page, context={"request": request})
        items = getattr(serializer, f"get_{self.part}")(page)
        return Response({"count": len(items), "results": items})
