from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from livinglab.api.language import (
    LANGUAGE_HELP,
    LANGUAGE_SCHEMA,
    CaseStudyLanguageMixin,
    CaseStudyListSerializer,
    content_language,
)

from . import records
from .models import InnovationPage


class InnovationListSerializer(CaseStudyLanguageMixin, serializers.ModelSerializer):
    """A case study in lists: stable keys, taxonomy labels in Indonesian.

    Its text (title, summary, problem, ...) is in the caller's language where
    a live translation exists (``livinglab/api/language.py``); ``language``
    says which; the slug, region and tags stay the original's."""

    host_region = serializers.CharField(source="host_region.code")
    host_region_name = serializers.CharField(source="host_region.name")
    url = serializers.SerializerMethodField()
    dimensions = serializers.SerializerMethodField()
    spbe_indicators = serializers.SerializerMethodField()
    spm_sectors = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    tech = serializers.SerializerMethodField()
    language = serializers.SerializerMethodField(help_text=LANGUAGE_HELP)

    class Meta:
        model = InnovationPage
        list_serializer_class = CaseStudyListSerializer
        fields = [
            "slug",
            "language",
            "title",
            "summary",
            "host_region",
            "host_region_name",
            "opd",
            "year_launched",
            "maturity",
            "url",
            "dimensions",
            "spbe_indicators",
            "spm_sectors",
            "themes",
            "tech",
            "last_confirmed",
        ]

    @extend_schema_field(LANGUAGE_SCHEMA)
    def get_language(self, page):
        return content_language(page)

    def get_url(self, page) -> str:
        request = self.context.get("request")
        url = page.get_url(request=request)
        return request.build_absolute_uri(url) if request and url else url

    def _facts(self, page):
        # innovations/records.py, computed once per page and serializer
        cache = self.context.setdefault("_facts", {})
        if page.pk not in cache:
            cache[page.pk] = records.facts(page)
        return cache[page.pk]

    def get_dimensions(self, page) -> list[str]:
        return self._facts(page)["dimensions"]

    def get_spbe_indicators(self, page) -> list[int]:
        return self._facts(page)["spbe_indicators"]

    def get_spm_sectors(self, page) -> list[str]:
        return self._facts(page)["spm_sectors"]

    def get_themes(self, page) -> list[str]:
        return self._facts(page)["themes"]

    def get_tech(self, page) -> list[str]:
        return self._facts(page)["tech"]


class InnovationDetailSerializer(InnovationListSerializer):
    """One case study with its replicable parts. No personal contact data:
    mentors and the contact person are for signed-in teams on the site."""

    source_code = serializers.SerializerMethodField()
    training = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    impact = serializers.SerializerMethodField()
    spbe_levels = serializers.SerializerMethodField(
        help_text=(
            "The level the host states it reached with this case study on each "
            "SPBE indicator it lifts (one of the page's spbe_indicators)."
        )
    )
    readiness = serializers.SerializerMethodField()
    national_applications = serializers.SerializerMethodField(
        help_text=(
            "National applications (Perpres 82/2023) the case study integrates "
            "with or overlaps, with the host's reason."
        )
    )
    is_stale = serializers.BooleanField()

    class Meta(InnovationListSerializer.Meta):
        fields = [
            *InnovationListSerializer.Meta.fields,
            "problem",
            "solution",
            "needs_infrastructure",
            "needs_staff",
            "needs_regulation",
            "cost",
            "funding_source",
            "is_stale",
            "source_code",
            "training",
            "evidence",
            "impact",
            "spbe_levels",
            "readiness",
            "national_applications",
        ]

    def get_source_code(self, page) -> list[dict]:
        keys = (
            "url",
            "license",
            "visibility",
            "name",
            "development_status",
            "software_version",
            "technologies",
        )
        return [{k: link[k] for k in keys} for link in records.source_code(page)]

    def get_training(self, page) -> list[dict]:
        return records.training(page)

    def get_evidence(self, page) -> list[dict]:
        return records.evidence(page)

    def get_impact(self, page) -> list[dict]:
        return records.impact(page)

    @extend_schema_field(
        inline_serializer(
            "InnovationSpbeLevel",
            {
                "indicator": serializers.IntegerField(
                    help_text="indicator number in the current framework"
                ),
                "level": serializers.IntegerField(min_value=1, max_value=5),
            },
            many=True,
        )
    )
    def get_spbe_levels(self, page):
        return [
            {"indicator": row["indicator"], "level": row["level"]}
            for row in records.spbe_levels(page)
        ]

    @extend_schema_field(
        inline_serializer(
            "InnovationNationalApplication",
            {
                "code": serializers.CharField(),
                "name": serializers.CharField(),
                "owner": serializers.CharField(),
                "legal_basis": serializers.CharField(),
                "url": serializers.URLField(allow_null=True),
                "relation": serializers.ChoiceField(["integrates", "overlaps"]),
                "reason": serializers.CharField(),
            },
            many=True,
        )
    )
    def get_national_applications(self, page):
        return records.national_applications(page)

    def get_readiness(self, page) -> dict:
        r = page.readiness
        return {
            "met": r.met,
            "total": r.total,
            "checks": {c.key: c.met for c in r.checks},
        }
