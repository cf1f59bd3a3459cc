"""The facets of the public search: names, labels and how a page fills them.

Both backends read facet values from ``SearchDocument.facets``; a facet value
is what the URL carries (``?dimension=Smart+Governance``) and what is shown.
Across facets the filters AND; within one facet they OR.
"""

from django.utils.translation import gettext_lazy as _

from livinglab.taxonomy.models import (
    SmartCityDimension,
    SpbeDomain,
    SpbeIndicator,
    SpmSector,
    Theme,
)

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


TERM_FACETS = {"dimension": SmartCityDimension, "spm": SpmSector, "theme": Theme}


def value_labels(name, values):
    """``{value: label}``: what a stored facet value of ``name`` reads as in
    the active language. Values are stored in Indonesian (they are what the
    address carries); terms with an English name read in English on /en/,
    SPBE domains and indicators by the active framework's names, yes/no
    translated. Names (regions, provinces, technologies, licences), years
    and buckets read as stored, so they are left out. One query per facet."""
    values = list(values)
    if name in TERM_FACETS:
        terms = TERM_FACETS[name].objects.filter(name__in=values)
        return {term.name: term.label for term in terms}
    if name == "spbe_domain":
        domains = SpbeDomain.objects.current().filter(name__in=values)
        return {domain.name: domain.label for domain in domains}
    if name == "spbe_indicator":
        by_number = {}
        for value in values:
            number = value.split(".", 1)[0]
            if number.isdigit():
                by_number[int(number)] = value
        indicators = SpbeIndicator.objects.current().filter(number__in=by_number)
        return {by_number[i.number]: f"{i.number}. {i.label}" for i in indicators}
    if name in ("has_source_code", "has_training"):
        return {YES: _("yes"), NO: _("no")}
    return {}


def with_labels(items, name=None):
    """Copies of facet ``items`` (dicts with ``value``, and ``name`` unless
    given) with ``label`` added (``value_labels``); the order is kept and
    the items, which may come from a shared cache, are not changed."""
    labels = {}
    for facet in {item.get("name", name) for item in items}:
        values = [item["value"] for item in items if item.get("name", name) == facet]
        labels[facet] = value_labels(facet, values)
    return [
        {
            **item,
            "label": labels[item.get("name", name)].get(item["value"], item["value"]),
        }
        for item in items
    ]
