from django.urls import reverse

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import Participation, Region
from .queries import spbe_history


class ParticipationSerializer(serializers.ModelSerializer):
    cohort_label = serializers.CharField(source="get_cohort_display")
    demonstration = serializers.BooleanField(source="is_demonstration")

    class Meta:
        model = Participation
        fields = ["cohort", "cohort_label", "is_host", "joined_on", "demonstration"]


class RegionSerializer(serializers.ModelSerializer):
    """The stable shape of a region in ``/api/v1/regions/``."""

    province = serializers.SerializerMethodField()
    participation = serializers.SerializerMethodField()
    spbe = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Region
        fields = ["code", "name", "kind", "province", "participation", "spbe", "url"]

    def get_province(self, region) -> dict:
        return {"code": region.province.code, "name": region.province.name}

    @extend_schema_field(ParticipationSerializer(allow_null=True))
    def get_participation(self, region):
        participation = getattr(region, "participation", None)
        if participation is None:
            return None
        return ParticipationSerializer(participation).data

    def get_spbe(self, region) -> list[dict]:
        return [
            {
                "year": row["year"],
                "index": float(row["index"]),
                "predicate": row["predicate"],
            }
            for row in spbe_history(region, self.context["predicates"])
        ]

    def get_url(self, region) -> str:
        request = self.context.get("request")
        path = reverse("regions:detail", kwargs={"code": region.code})
        return request.build_absolute_uri(path) if request else path
