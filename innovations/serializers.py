from rest_framework import serializers

from .models import InnovationPage


def _labels(terms):
    return [t.name for t in terms]


class InnovationListSerializer(serializers.ModelSerializer):
    """A case study in lists: stable keys, taxonomy labels in Indonesian."""

    host_region = serializers.CharField(source="host_region.code")
    host_region_name = serializers.CharField(source="host_region.name")
    url = serializers.SerializerMethodField()
    dimensions = serializers.SerializerMethodField()
    spbe_indicators = serializers.SerializerMethodField()
    spm_sectors = serializers.SerializerMethodField()
    themes = serializers.SerializerMethodField()
    tech = serializers.SerializerMethodField()

    class Meta:
        model = InnovationPage
        fields = [
            "slug",
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

    def get_url(self, page) -> str:
        request = self.context.get("request")
        url = page.get_url(request=request)
        return request.build_absolute_uri(url) if request and url else url

    def get_dimensions(self, page) -> list[str]:
        return _labels(page.dimensions.all())

    def get_spbe_indicators(self, page) -> list[int]:
        return sorted(i.number for i in page.spbe_indicators.all())

    def get_spm_sectors(self, page) -> list[str]:
        return _labels(page.spm_sectors.all())

    def get_themes(self, page) -> list[str]:
        return _labels(page.themes.all())

    def get_tech(self, page) -> list[str]:
        return sorted(t.name for t in page.technologies.all())


class InnovationDetailSerializer(InnovationListSerializer):
    """One case study with its replicable parts. No personal contact data:
    mentors and the contact person are for signed-in teams on the site."""

    source_code = serializers.SerializerMethodField()
    training = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()
    impact = serializers.SerializerMethodField()
    readiness = serializers.SerializerMethodField()
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
            "readiness",
        ]

    def get_source_code(self, page) -> list[dict]:
        return [
            {
                "url": s.url or None,
                "license": s.license,
                "visibility": s.visibility,
                "name": s.name,
                "development_status": s.development_status,
                "software_version": s.software_version,
                "technologies": [t.name for t in s.technologies.all()],
            }
            for s in page.source_code_links.all()
        ]

    def get_training(self, page) -> list[dict]:
        return [
            {
                "title": t.title,
                "kind": t.kind,
                "url": t.link,
                "language": t.language,
                "duration_minutes": t.duration_minutes,
                "level": t.level,
            }
            for t in page.training_materials.all()
        ]

    def get_evidence(self, page) -> list[dict]:
        return [
            {
                "title": e.title,
                "url": e.link,
                "year": e.year,
                "indicators": sorted(i.number for i in e.indicators.all()),
                "verification_status": e.verification_status,
                "verified_at": e.verified_at,
            }
            for e in page.evidence.all()
        ]

    def get_impact(self, page) -> list[dict]:
        return [
            {
                "measure": f.measure,
                "unit": f.unit,
                "before": float(f.before) if f.before is not None else None,
                "after": float(f.after),
            }
            for f in page.impact_figures.all()
        ]

    def get_readiness(self, page) -> dict:
        r = page.readiness
        return {
            "met": r.met,
            "total": r.total,
            "checks": {c.key: c.met for c in r.checks},
        }
