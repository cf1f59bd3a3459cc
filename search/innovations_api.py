"""The case-study list of the API (``/api/v1/innovations/``).

It filters by the case study's own fields and by the search's facets and
counts the facets through the search service (Elasticsearch when it
answers, the database otherwise), so it lives in search, above innovations;
the detail and parts endpoints are ``innovations/api.py``.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics
from rest_framework.exceptions import ValidationError as ApiValidationError

from innovations.models import InnovationPage
from innovations.search import FACETS as SEARCH_FACETS
from innovations.serializers import InnovationListSerializer
from livinglab.api.schema import ERROR_RESPONSES
from livinglab.regions import codes
from livinglab.taxonomy.models import SpbeIndicator

from . import service

TAXONOMY_FILTERS = {
    "dimension": ("dimensions__name__iexact", "dimensions__name_en__iexact"),
    "theme": ("themes__name__iexact", "themes__name_en__iexact"),
    "spm": ("spm_sectors__name__iexact", "spm_sectors__name_en__iexact"),
}


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
            ids, self.facets = service.filter_pages(self.facet_filters)
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
