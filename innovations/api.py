"""The case-study detail and its parts in the API
(``/api/v1/innovations/<slug>/`` and ``…/kode-sumber/`` etc.); the list with
the search's facets is ``search/innovations_api.py``."""

from django.http import Http404
from django.utils.translation import gettext as _

from drf_spectacular.utils import (
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import generics, serializers
from rest_framework.response import Response

from livinglab.api.schema import ERROR_RESPONSES, example

from .models import InnovationPage
from .serializers import InnovationDetailSerializer


def published_with_parts(slug):
    """One published case study with its replicable parts, or 404."""
    page = InnovationPage.objects.published().with_parts().filter(slug=slug).first()
    if page is None:
        raise Http404(_("No published case study has that slug."))
    return page


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
                    "spbe_levels": [
                        {"indicator": 15, "level": 4},
                        {"indicator": 37, "level": 5},
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
