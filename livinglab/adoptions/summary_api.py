"""``GET /api/v1/adoptions/summary/``: the dashboard's headline figures, public.

Counts only, nothing about a person. The filters are the dashboard's
(``province``, ``cohort``, ``dimension``, ``theme``, ``stalled_days``); an
unknown or invalid value is a 400 in the API's error shape.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from livinglab.api.schema import ERROR_RESPONSES, example
from livinglab.regions.models import Participation

from .dashboard import figures
from .dashboard.filters import AdoptionFilterForm
from .models import Stage

SummarySerializer = inline_serializer(
    "AdoptionSummary",
    {
        "by_stage": inline_serializer(
            "AdoptionsByStage",
            {stage.value: serializers.IntegerField() for stage in Stage},
        ),
        "adoptions": serializers.IntegerField(),
        "implemented": serializers.IntegerField(
            help_text="At implementasi or dilembagakan."
        ),
        "replicating": serializers.IntegerField(
            help_text="At alih_teknologi or later (stopped excluded)."
        ),
        "regions": serializers.IntegerField(
            help_text="Pilot regions within the filters."
        ),
        "regions_adopting": serializers.IntegerField(),
        "innovations": serializers.IntegerField(
            help_text="Live case studies within the filters."
        ),
        "innovations_stopped": serializers.IntegerField(
            help_text="Of those, case studies their host marked stopped (Dihentikan)."
        ),
        "stalled": inline_serializer(
            "StalledAdoptions",
            {"days": serializers.IntegerField(), "count": serializers.IntegerField()},
        ),
        "filters": serializers.JSONField(),
    },
)


class AdoptionSummary(APIView):
    """Adoptions of the pilot's regions by stage, with totals.

    ``by_stage`` holds every stage code (``minat`` … ``dilembagakan``,
    ``dihentikan``) with its count, zeros included; ``regions`` and
    ``innovations`` count the pilot regions and live case studies within the
    filters; ``implemented`` counts ``implementasi`` and ``dilembagakan``;
    ``stalled`` counts adoptions with no step for ``stalled.days`` days.
    """

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("province", str, description="Province code, e.g. 32"),
            OpenApiParameter("cohort", str, enum=Participation.Cohort.values),
            OpenApiParameter(
                "dimension",
                str,
                description="Smart City dimension: id, or name in Indonesian or English",
            ),
            OpenApiParameter(
                "theme", str, description="Theme: id, or name in Indonesian or English"
            ),
            OpenApiParameter(
                "stalled_days",
                int,
                description="Days without a step that make an adoption stalled "
                "(1-3650, default 60)",
            ),
        ],
        responses={200: SummarySerializer, 400: ERROR_RESPONSES[400]},
        examples=[
            example(
                "Jawa Barat (shortened)",
                {
                    "by_stage": {"minat": 4, "pelatihan": 2, "implementasi": 1},
                    "regions": 9,
                    "innovations": 16,
                    "filters": {"province": "32", "cohort": None},
                },
            )
        ],
    )
    def get(self, request):
        form = AdoptionFilterForm(request.query_params)
        if not form.is_valid():
            raise ValidationError(
                {
                    field: [str(e) for e in errors]
                    for field, errors in form.errors.items()
                }
            )
        filters = form.filters()
        data = figures.summary(filters, form.stalled_days_value())
        data["filters"] = {
            "province": filters.province.code if filters.province else None,
            "cohort": filters.cohort or None,
            "dimension": filters.dimension.name if filters.dimension else None,
            "theme": filters.theme.name if filters.theme else None,
        }
        return Response(data)
