"""Querysets shared by the pages and the API, shaped to a fixed query count."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from . import codes
from .models import (
    NationalSpbeAverage,
    Region,
    RegisterAct,
    SpbePredicate,
    SpbeScore,
)


def matching_regions(queryset, text):
    """``queryset`` narrowed to the regions ``text`` names, however it is
    written: a code dotted or not, whole or its start (``32.05``, ``3205``,
    ``32``), or a name in any common form (``Kab. Garut``, ``Kabupaten
    Garut``, ``garut``, ``Kota Adm. Jakarta Selatan``). The one place a typed
    region reference becomes a filter (region list, API ``q``, loaders)."""
    lookup = codes.parse_lookup(text)
    if lookup.code_prefix:
        return queryset.filter(code__startswith=lookup.code_prefix)
    if not lookup.name:
        return queryset
    queryset = queryset.filter(name__icontains=lookup.name)
    if lookup.kind:
        queryset = queryset.filter(kind=lookup.kind)
    return queryset


def find_region(text):
    """The one region ``text`` names (a whole code or an unambiguous name),
    or ``None``."""
    lookup = codes.parse_lookup(text)
    if lookup.code_prefix and len(lookup.code_prefix) == 5:
        return Region.objects.filter(code=lookup.code_prefix).first()
    if lookup.code_prefix or not lookup.name:
        return None
    candidates = [
        region
        for region in matching_regions(Region.objects.all(), text)[:20]
        if codes.names_match(region.name, text)
    ]
    return candidates[0] if len(candidates) == 1 else None


def canonical_code(text, by_name=False):
    """The dotted code (``"32.11"``) that ``text`` names: a code in any
    accepted spelling (``3211``, ``32.11``) or, with ``by_name``, a name that
    names exactly one region (``kabupaten-garut``). Raises ``Http404`` with
    the site's message otherwise; the region need not exist."""
    try:
        return codes.normalize_region_code(text)
    except ValidationError:
        region = find_region(text.replace("-", " ")) if by_name else None
        if region is None:
            raise Http404(_("There is no kabupaten/kota with that code.")) from None
        return region.code


def region_or_404(text, queryset=None, by_name=False):
    """The ``Region`` (from ``queryset``, default all) that ``text`` names, as
    ``canonical_code`` reads it; raises ``Http404`` when there is none."""
    code = canonical_code(text, by_name=by_name)
    region = (
        (queryset if queryset is not None else Region.objects).filter(code=code).first()
    )
    if region is None:
        raise Http404(_("There is no kabupaten/kota with that code."))
    return region


def current_register_act():
    """The act the register follows (``RegisterAct.current()``), or ``None``."""
    return RegisterAct.current()


def regions_with_details():
    return Region.objects.select_related("province", "participation").prefetch_related(
        Prefetch("spbe_scores", queryset=SpbeScore.objects.order_by("year"))
    )


def spbe_history(region, predicates=None):
    """``[{"year", "index", "predicate"}]`` for a region, oldest first.

    Uses the prefetched scores when present.
    """
    table = SpbePredicate.table() if predicates is None else predicates
    history = []
    for score in sorted(region.spbe_scores.all(), key=lambda s: s.year):
        predicate = SpbePredicate.for_index(score.index, table)
        history.append(
            {
                "year": score.year,
                "index": score.index,
                "predicate": predicate.name if predicate else None,
                "predicate_label": predicate.label if predicate else None,
            }
        )
    return history


def national_averages():
    return {row.year: row.index for row in NationalSpbeAverage.objects.all()}
