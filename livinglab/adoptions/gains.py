"""The weighted SPBE gain of a case study: one definition for the what-if
simulator (``simulator.py``), the recommendations (``recommendations.py``)
and anything else that ranks case studies by what they do to an index.

**Target level.** A case study is taken to lift each SPBE indicator it is
tagged with to, in this order:

1. the level its host *states* it reached there with it
   (``innovations.SpbeLevelReached``, edited in the page's "Tags" tab;
   source ``"stated"``);
2. otherwise the level the host region reached on the indicator in its own
   latest evaluation (``SpbeIndicatorScore``; source ``"host_region"``);
3. otherwise one level above the region's own (source ``"one_up"``);

never above 5, and a target at or below the region's level lifts nothing.

**Gain.** Raising an indicator from ``level`` to ``target`` adds
weight × (target − level) / 100 index points (weights in % of the index,
PermenPANRB 59/2020: 1.30 % for indicators 1-10 … 3.00 % for 42-47).

**Gain per rupiah.** Where the case study's ``cost`` (Rp, as the host
reports it) is known and above zero, ``gain_per_miliar`` is the gain per
Rp 1 miliar (1,000,000,000) of that cost: gain × 10⁹ / cost.
"""

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from innovations.models import SpbeLevelReached
from livinglab.regions.models import SpbeIndicatorScore

STATED = "stated"
HOST_REGION = "host_region"
ONE_UP = "one_up"
SOURCES = {
    STATED: _("stated by host"),
    HOST_REGION: _("host region's level"),
    ONE_UP: _("one level up (no level known)"),
}
MILIAR = Decimal(1_000_000_000)
TOP_LEVEL = 5


def host_levels(host_ids):
    """``{host region id: {indicator id: level}}`` of each host's latest
    evaluation year (one query)."""
    rows = SpbeIndicatorScore.objects.filter(region_id__in=host_ids).values_list(
        "region_id", "year", "indicator_id", "level"
    )
    latest, levels = {}, defaultdict(dict)
    for region_id, year, _indicator, _level in rows:
        latest[region_id] = max(year, latest.get(region_id, year))
    for region_id, year, indicator_id, level in rows:
        if year == latest[region_id]:
            levels[region_id][indicator_id] = level
    return levels


def index_gain(indicator, level, target):
    """Index points gained by raising ``indicator`` from ``level`` to
    ``target``: weight × (target − level) / 100 (a Decimal, 0 if no rise)."""
    if target <= level or indicator.weight is None:
        return Decimal("0.00")
    return indicator.weight * (target - level) / 100


def gain_per_miliar(gain, cost):
    """Index points per Rp 1 miliar of ``cost`` (a Decimal to 4 places), or
    None when the cost is unknown or zero. Example: a gain of 0.03 at
    Rp 500.000.000 is 0.03 × 10⁹ / 5 × 10⁸ = 0.06."""
    if cost is None or cost <= 0:
        return None
    return (Decimal(gain) * MILIAR / Decimal(cost)).quantize(
        Decimal("0.0001"), ROUND_HALF_UP
    )


class Targets:
    """The target level of each of ``pages`` (InnovationPage) on each
    indicator, with its source. Two queries, whatever the number of pages:
    the stated levels and the hosts' latest levels."""

    def __init__(self, pages):
        pages = list(pages)
        self.stated = {
            (page_id, indicator_id): level
            for page_id, indicator_id, level in SpbeLevelReached.objects.filter(
                page__in=[p.pk for p in pages]
            ).values_list("page_id", "indicator_id", "level")
        }
        self.hosts = host_levels({p.host_region_id for p in pages})

    def target(self, page, indicator_id, level):
        """``(target level, source)`` of ``page`` on ``indicator_id`` for a
        region now at ``level``; source is STATED, HOST_REGION or ONE_UP."""
        stated = self.stated.get((page.pk, indicator_id))
        if stated is not None:
            return min(TOP_LEVEL, stated), STATED
        host = self.hosts.get(page.host_region_id, {}).get(indicator_id)
        if host is not None:
            return min(TOP_LEVEL, host), HOST_REGION
        return min(TOP_LEVEL, level + 1), ONE_UP
