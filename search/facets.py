"""The facets of the public search: names, labels and how a page fills them.

Both backends read facet values from ``SearchDocument.facets``; a facet value
is what the URL carries (``?dimension=Smart+Governance``) and what is shown.
Across facets the filters AND; within one facet they OR.
"""

from django.utils.translation import gettext_lazy as _

from livinglab.taxonomy.models import SpbeIndicator

FACETS = {
    "dimension": _("Smart City dimension"),
    "spbe_domain": _("SPBE domain"),
    "spbe_indicator": _("SPBE indicator"),
    "spm": _("SPM basic service"),
    "theme": _("Theme"),
    "province": _("Province"),
    "host": _("Host region"),
    "technology": _("Technology"),
    "licence": _("Licence"),
    "has_source_code": _("Source code"),
    "has_training": _("Training material"),
    "replication": _("Replications"),
    "year": _("Year launched"),
}
YES, NO = "ya", "tidak"


def replication_bucket(count):
    if count <= 0:
        return "0"
    if count <= 2:
        return "1-2"
    if count <= 5:
        return "3-5"
    return "6+"


def facet_values(page, replication_count=0):
    """Facet values of a live case study (relations should be prefetched)."""
    links = list(page.source_code_links.all())
    # The SPBE facets speak the active framework: a page may also carry
    # indicators of another (a draft's aspects have no domain, and its
    # numbers repeat the active one's).
    current = set(
        SpbeIndicator.objects.current().values_list("framework_id", flat=True)[:1]
    )
    indicators = [i for i in page.spbe_indicators.all() if i.framework_id in current]
    return {
        "dimension": sorted(d.name for d in page.dimensions.all()),
        "spbe_domain": sorted(
            {i.aspect.domain.name for i in indicators if i.aspect.domain_id}
        ),
        "spbe_indicator": sorted(
            {f"{i.number}. {i.name}" for i in indicators},
            key=lambda v: int(v.split(".")[0]),
        ),
        "spm": sorted(s.name for s in page.spm_sectors.all()),
        "theme": sorted(t.name for t in page.themes.all()),
        "province": [page.host_region.province.name],
        "host": [page.host_region.name],
        "technology": sorted({t.name for t in page.technologies.all()}),
        "licence": sorted({link.license for link in links if link.license}),
        "has_source_code": [YES if links else NO],
        "has_training": [YES if page.training_materials.all() else NO],
        "replication": [replication_bucket(replication_count)],
        "year": [str(page.year_launched)],
    }
