from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.exceptions import ValidationError as ApiValidationError

from livinglab.api.schema import ERROR_RESPONSES, REGION_EXAMPLE

from .forms import RegionFilterForm
from .models import SpbePredicate
from .queries import region_or_404, regions_with_details
from .serializers import RegionSerializer


class RegionApiMixin:
    serializer_class = RegionSerializer

    def get_serializer_context(self):
        context = super().get_serializer_context()
        context["predicates"] = SpbePredicate.table()
        return context


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("participating", bool),
            OpenApiParameter("province", str, description="Province code, e.g. 32"),
            OpenApiParameter("kind", str, enum=["kabupaten", "kota"]),
            OpenApiParameter("cohort", str),
            OpenApiParameter(
                "q",
                str,
                description=(
                    "Code (32.05 or 3205, or its start: 32) or name in any "
                    "common form (Kab. Garut, Kabupaten Garut, garut)"
                ),
            ),
        ],
        responses={200: RegionSerializer(many=True), **ERROR_RESPONSES},
    )
)
class RegionList(RegionApiMixin, generics.ListAPIView):
    """Kabupaten/kota with province, pilot participation and SPBE history.

    Filters: ``participating=true|false``, ``province=32``, ``kind``,
    ``cohort``, ``q``. ``page`` and ``page_size`` (at most 600).
    """

    def get_queryset(self):
        form = RegionFilterForm(self.request.query_params)
        if not form.is_valid():
            raise ApiValidationError(
                {
                    field: [str(e) for e in errors]
                    for field, errors in form.errors.items()
                }
            )
        return form.filter(regions_with_details())


@extend_schema_view(
    get=extend_schema(
        responses={200: RegionSerializer, **ERROR_RESPONSES}, examples=[REGION_EXAMPLE]
    )
)
class RegionDetail(RegionApiMixin, generics.RetrieveAPIView):
    lookup_url_kwarg = "code"

    def get_object(self):
        return region_or_404(self.kwargs["code"], regions_with_details(), by_name=True)
