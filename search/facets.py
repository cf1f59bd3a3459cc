"""The facets of the public search: labels of their values in the active language.

Facet names and how a page fills them are declared by ``innovations.search``.
Both backends read facet values from ``SearchDocument.facets``; a facet value
is what the URL carries (``?dimension=Smart+Governance``) and what is shown.
Across facets the filters AND; within one facet they OR.
"""

from django.utils.translation import gettext_lazy as _

from innovations.search import NO, YES
from livinglab.taxonomy.models import (
    SmartCityDimension,
    SpbeDomain,
    SpbeIndicator,
    SpmSector,
    Theme,
)

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
