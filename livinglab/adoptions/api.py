"""Adoption records in the public API (no personal data for anonymous callers)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _

from rest_framework import generics, serializers

from livinglab.regions import codes
from livinglab.regions.models import Region

from .models import Adoption


class AdoptionSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code")
    innovation = serializers.CharField(source="innovation.slug")
    innovation_title = serializers.CharField(source="innovation.title")
    host_region = serializers.CharField(source="innovation.host_region.code")
    stage_label = serializers.CharField(source="get_stage_display")

    class Meta:
        model = Adoption
        fields = [
            "id",
            "region",
            "innovation",
            "innovation_title",
            "host_region",
            "stage",
            "stage_label",
            "started_on",
            "last_event_on",
            "responsible_opd",
            "target_date",
            "interest_acknowledged_at",
            "agreement_confirmed_at",
            "transfer_confirmed_at",
        ]


class AdoptionWithContactSerializer(AdoptionSerializer):
    class Meta(AdoptionSerializer.Meta):
        fields = [*AdoptionSerializer.Meta.fields, "contact_name", "contact_email"]


class RegionAdoptionList(generics.ListAPIView):
    """A region's adoptions with their stages. Contact details only for people
    who may see the region's records (its team, its hosts, analysts)."""

    def get_region(self):
        try:
            code = codes.normalize_region_code(self.kwargs["code"])
        except ValidationError:
            raise Http404(_("There is no kabupaten/kota with that code.")) from None
        region = Region.objects.filter(code=code).first()
        if region is None:
            raise Http404(_("There is no kabupaten/kota with that code."))
        return region

    def get_queryset(self):
        self.region = self.get_region()
        return (
            Adoption.objects.filter(region=self.region)
            .select_related("region", "innovation", "innovation__host_region")
            .order_by("innovation__title", "pk")
        )

    def get_serializer_class(self):
        user = self.request.user
        if user.has_perm("adoptions.view_records", getattr(self, "region", None)):
            return AdoptionWithContactSerializer
        return AdoptionSerializer
