"""Peers' real cost and time (issue 19.3): what replicating a case study took
the regions that did it, from their adoption records.

For each published case study, over the regions that adopted it (the host's
own record left out; one ``Adoption`` per region and case study, so a region
counts once):

* **months from agreement to implementation**: from the region's first
  recorded step to *Kesepakatan* (MoU / PKS, ``StageEvent.to_stage``) to its
  first step to *Implementasi* or *Dilembagakan* on or after that date, in
  months of 30.4375 days (365.25 / 12), one decimal. A region that skipped
  the agreement step or has not gone live yet does not report a time.
  A record later stopped still reports the time it took.
* **APBD cost**: ``Adoption.apbd_cost`` (Rp, entered by the region's team in
  the adoption's details), where recorded and above zero (zero or empty is
  "not reported", as for a case study's cost in ``gains.gain_per_miliar``).

Each is a median with its n (the number of regions reporting), overall, by
kind (kabupaten / kota, ``Region.kind``) and by SPBE band: the predicate
(``SpbePredicate``, PermenPANRB 59/2020) of the region's latest official
index (``SpbeScore``, as published by KemenPAN-RB); regions without one are
grouped as "no SPBE index". A median is shown only when at least
``MIN_REGIONS`` regions report it.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from innovations.models import InnovationPage
from livinglab.regions.models import Region, SpbePredicate, SpbeScore

from .models import IMPLEMENTED, Adoption, Stage, StageEvent

MIN_REGIONS = 3
"""The fewest regions whose figures make a median that is shown. With one
region the "median" is that region's own budget or timeline; with two it is
the mean of two, which either region can undo to learn the other's figure.
Regions report their APBD spending to the platform, not to each other, and a
median of one or two says little about what a new region should expect, so
below three the page says only how many regions reported."""

DAYS_PER_MONTH = Decimal("30.4375")  # 365.25 / 12
ONE_DECIMAL = Decimal("0.1")
WHOLE = Decimal("1")
NO_BAND = "none"


@dataclass(frozen=True)
class Median:
    """The median of ``n`` regions' figures; ``value`` (a Decimal: months to
    one decimal, or whole rupiah) is None when fewer than ``MIN_REGIONS``
    report it, so it cannot be shown by mistake."""

    value: Decimal | None
    n: int

    @property
    def shown(self):
        return self.value is not None


@dataclass(frozen=True)
class PeerRow:
    """One group of regions: ``key`` ("all", "kabupaten", "kota",
    "band-<min index>" or "band-none"), its ``label``, and the two medians."""

    key: str
    label: str
    months: Median
    cost: Median


@dataclass(frozen=True)
class PeerFigures:
    """A case study's peer figures: ``rows`` in the order overall, by kind,
    by SPBE band (highest band first, "no SPBE index" last)."""

    rows: tuple

    @property
    def overall(self):
        return self.rows[0]

    @property
    def any_shown(self):
        return any(row.months.shown or row.cost.shown for row in self.rows)


def median(values, places):
    """``Median`` of ``values`` (Decimals) quantized to ``places``, or a
    hidden one (value None) below ``MIN_REGIONS`` values. Odd n: the middle
    value; even n: the mean of the two middle ones (half up)."""
    values = list(values)
    if len(values) < MIN_REGIONS:
        return Median(None, len(values))
    return Median(
        Decimal(statistics.median(values)).quantize(places, ROUND_HALF_UP),
        len(values),
    )


def months_between(start, end):
    """Months (a Decimal, one decimal) from date ``start`` to date ``end``,
    a month being 30.4375 days."""
    return (Decimal((end - start).days) / DAYS_PER_MONTH).quantize(
        ONE_DECIMAL, ROUND_HALF_UP
    )


def _times(page_ids):
    """``{(page id, region id): months}`` from agreement to implementation."""
    agreed, live = {}, defaultdict(list)
    events = StageEvent.objects.filter(
        adoption__innovation_id__in=page_ids,
        to_stage__in=[Stage.AGREEMENT, *IMPLEMENTED],
    ).values_list("adoption__innovation_id", "adoption__region_id", "to_stage", "date")
    for page_id, region_id, stage, date in events:
        key = (page_id, region_id)
        if stage == Stage.AGREEMENT:
            agreed[key] = min(date, agreed.get(key, date))
        else:
            live[key].append(date)
    times = {}
    for key, start in agreed.items():
        after = [date for date in live.get(key, ()) if date >= start]
        if after:
            times[key] = months_between(start, min(after))
    return times


def _bands(region_ids):
    """``{region id: SpbePredicate or None}`` from each region's latest
    official index (two queries)."""
    latest = {}
    for region_id, year, index in SpbeScore.objects.filter(
        region_id__in=region_ids
    ).values_list("region_id", "year", "index"):
        if region_id not in latest or year > latest[region_id][0]:
            latest[region_id] = (year, index)
    table = SpbePredicate.table()
    return {
        region_id: SpbePredicate.for_index(latest[region_id][1], table)
        if region_id in latest
        else None
        for region_id in region_ids
    }


def peer_figures(pages):
    """``{page id: PeerFigures}`` for ``pages`` (InnovationPage objects or
    ids); pages that are not published (``InnovationPage.objects.published()``)
    are left out, as are their adoptions. Five queries, whatever the number
    of pages."""
    ids = [getattr(p, "pk", p) for p in pages]
    hosts = dict(
        InnovationPage.objects.published()
        .filter(pk__in=ids)
        .values_list("pk", "host_region_id")
    )
    if not hosts:
        return {}
    times = _times(list(hosts))
    costs = {
        (page_id, region_id): cost
        for page_id, region_id, cost in Adoption.objects.filter(
            innovation_id__in=list(hosts), apbd_cost__gt=0
        ).values_list("innovation_id", "region_id", "apbd_cost")
    }
    reporting = {key for key in (*times, *costs) if key[1] != hosts.get(key[0], key[1])}
    region_ids = {region_id for _page, region_id in reporting}
    kinds = dict(Region.objects.filter(pk__in=region_ids).values_list("pk", "kind"))
    bands = _bands(region_ids) if region_ids else {}
    result = {}
    for page_id in hosts:
        keys = sorted(key for key in reporting if key[0] == page_id)
        groups = [("all", _("All adopting regions"), keys)]
        for kind, label in Region.Kind.choices:
            groups.append((kind, label, [k for k in keys if kinds.get(k[1]) == kind]))
        present = {bands.get(k[1]) for k in keys}
        ordered = sorted(
            (band for band in present if band is not None),
            key=lambda band: band.min_index,
            reverse=True,
        )
        for band in ordered:
            groups.append(
                (
                    f"band-{band.min_index}",
                    _("SPBE %(predicate)s") % {"predicate": band.label},
                    [k for k in keys if bands.get(k[1]) == band],
                )
            )
        if None in present:
            groups.append(
                (
                    f"band-{NO_BAND}",
                    _("No SPBE index yet"),
                    [k for k in keys if bands.get(k[1]) is None],
                )
            )
        result[page_id] = PeerFigures(
            tuple(
                PeerRow(
                    key,
                    label,
                    median((times[k] for k in members if k in times), ONE_DECIMAL),
                    median((costs[k] for k in members if k in costs), WHOLE),
                )
                for key, label, members in groups
            )
        )
    return result


def peers_for(page):
    """``PeerFigures`` of one published case study (None if not published)."""
    return peer_figures([page]).get(page.pk)
