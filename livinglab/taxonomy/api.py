"""The taxonomies that tag an innovation, for clients building filters."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from livinglab.api.schema import TaxonomyResponse, example

from .models import (
    SmartCityDimension,
    SpbeDomain,
    SpmSector,
    TechnologyTag,
    Theme,
)


def _terms(model):
    return [{"name": t.name, "name_en": t.name_en} for t in model.objects.all()]


class TaxonomyList(APIView):
    """Smart City dimensions, SPM sectors, themes, technologies and the SPBE
    tree (domains → aspects → indicators), in Indonesian and English."""

    @extend_schema(
        responses={200: TaxonomyResponse},
        examples=[
            example(
                "Taxonomies (shortened)",
                {
                    "dimensions": [
                        {"name": "Smart Governance", "name_en": "Smart Governance"}
                    ],
                    "spm_sectors": [{"name": "Kesehatan", "name_en": "Health"}],
                    "themes": [
                        {
                            "name": "Pengentasan Kemiskinan",
                            "name_en": "Poverty reduction",
                        }
                    ],
                    "technologies": ["Django", "PostgreSQL"],
                    "spbe": [
                        {
                            "number": 1,
                            "name": "Kebijakan Internal SPBE",
                            "name_en": "Internal SPBE policy",
                            "weight": 13.0,
                            "aspects": [],
                        }
                    ],
                },
            )
        ],
    )
    def get(self, request):
        domains = SpbeDomain.objects.current().prefetch_related("aspects__indicators")
        spbe = [
            {
                "number": d.number,
                "name": d.name,
                "name_en": d.name_en,
                "weight": float(d.weight) if d.weight is not None else None,
                "aspects": [
                    {
                        "number": a.number,
                        "name": a.name,
                        "name_en": a.name_en,
                        "indicators": [
                            {"number": i.number, "name": i.name, "name_en": i.name_en}
                            for i in a.indicators.all()
                        ],
                    }
                    for a in d.aspects.all()
                ],
            }
            for d in domains
        ]
        return Response(
            {
                "dimensions": _terms(SmartCityDimension),
                "spm_sectors": _terms(SpmSector),
                "themes": _terms(Theme),
                "technologies": [t.name for t in TechnologyTag.objects.all()],
                "spbe": spbe,
            }
        )
