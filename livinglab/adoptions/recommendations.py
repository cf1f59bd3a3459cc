"""Recommendations: joining the top-down SPBE evaluation with the bottom-up lab.

For a region, rank the innovations it has not taken up yet by:

* **need**: the SPBE indicators the innovation lifts where the region scores
  lowest in its latest evaluation, weighed as the regulation weighs them: the
  **index gain** is Σ weight × (target − level) / 100 over those indicators,
  where the target is the level the host states the case study reached on
  the indicator, else the host region's level in its latest evaluation, else
  one level up (``gains.py``, the same function as the simulator's). A level
  on indicators 42-47 (3.00 %) is worth 2.3 times one on 1-10 (1.30 %).
  Recommendations are ranked by this gain first;
* **replicability**: source code and training material are available;
* **proof by peers**: regions already replicating it (technology transfer or
  later), counting the same province twice and the same cohort once more.

Every recommendation carries the reasons that produced its score, so a team
sees why it is there. A fixed number of queries, whatever the sizes.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Max
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from innovations.models import InnovationPage
from livinglab.regions.models import Participation, SpbeIndicatorScore

from .gains import HOST_REGION, ONE_UP, STATED, Targets, index_gain
from .models import REPLICATING, Adoption

# Indicators at or below this maturity level count as weak.
WEAK_LEVEL = 2
# The need part of ``score``: the index gain in hundredths of an index point
# (0.06 index points -> 6.0), so it weighs like the bonuses below.
NEED_WEIGHT = 100.0
REPLICABLE_BONUS = 3.0
PEER_WEIGHTS = {"province": 2.0, "cohort": 1.0, "other": 0.5}


# The reason for one weak indicator, by where the target level comes from
# (gains.py).
REASONS = {
    STATED: gettext_lazy(
        "Indicator %(number)s. %(name)s (weight %(weight)s%%): you are at level "
        "%(level)s in %(year)s; the host states this case study reached level "
        "%(target)s. Getting there adds %(gain)s to your SPBE index."
    ),
    HOST_REGION: gettext_lazy(
        "Indicator %(number)s. %(name)s (weight %(weight)s%%): you are "
        "at level %(level)s in %(year)s; the host reached level "
        "%(target)s. Getting there adds %(gain)s to your SPBE index."
    ),
    ONE_UP: gettext_lazy(
        "Indicator %(number)s. %(name)s (weight %(weight)s%%): you are at level "
        "%(level)s in %(year)s; no level is known for the host, so one level up "
        "(%(target)s) is assumed. Getting there adds %(gain)s to your SPBE index."
    ),
}


@dataclass
class Recommendation:
    innovation: InnovationPage
    score: float
    index_gain: Decimal = Decimal("0.00")
    reasons: list = field(default_factory=list)
    weak_indicators: list = field(default_factory=list)
    peers: list = field(default_factory=list)
    replicable: bool = False


def weak_indicators(region):
    """{indicator_id: (indicator, level)} of the region's latest evaluation."""
    latest = SpbeIndicatorScore.objects.filter(region=region).aggregate(
        year=Max("year")
    )["year"]
    if latest is None:
        return {}, None
    scores = SpbeIndicatorScore.objects.filter(
        region=region, year=latest, level__lte=WEAK_LEVEL
    ).select_related("indicator")
    return {s.indicator_id: (s.indicator, s.level) for s in scores}, latest


def recommend(region, limit=10):
    weak, year = weak_indicators(region)
    cohort = (
        Participation.objects.filter(region=region)
        .values_list("cohort", flat=True)
        .first()
    )
    taken = Adoption.objects.filter(region=region).values_list(
        "innovation_id", flat=True
    )
    candidates = list(
        InnovationPage.objects.published()
        .running()
        .exclude(pk__in=taken)
        .select_related("host_region")
        .prefetch_related("spbe_indicators", "source_code_links", "training_materials")
    )
    targets = Targets(candidates)
    peers_by_innovation = defaultdict(list)
    for adoption in (
        Adoption.objects.filter(
            innovation__in=[c.pk for c in candidates], stage__in=REPLICATING
        )
        .exclude(region=region)
        .select_related("region", "region__participation")
    ):
        peers_by_innovation[adoption.innovation_id].append(adoption.region)

    results = []
    for page in candidates:
        reasons = []
        hits = [
            weak[indicator.pk]
            for indicator in page.spbe_indicators.all()
            if indicator.pk in weak
        ]
        gain = Decimal("0.00")
        for indicator, level in sorted(hits, key=lambda h: h[0].number):
            target, source = targets.target(page, indicator.pk, level)
            step = index_gain(indicator, level, target)
            if not step:
                continue
            gain += step
            reasons.append(
                str(REASONS[source])
                % {
                    "number": indicator.number,
                    "name": indicator.label,
                    "weight": number_format(indicator.weight, 2),
                    "level": level,
                    "year": year,
                    "target": target,
                    # quantize first: number_format truncates decimals
                    "gain": number_format(
                        step.quantize(Decimal("0.01"), ROUND_HALF_UP), 2
                    ),
                }
            )
        gain = gain.quantize(Decimal("0.01"))
        need = NEED_WEIGHT * float(gain)
        replicable = bool(page.source_code_links.all()) and bool(
            page.training_materials.all()
        )
        if replicable:
            reasons.append(_("Source code and training material are available."))
        peer_score = 0.0
        peers = peers_by_innovation.get(page.pk, [])
        near = [p for p in peers if p.province_id == region.province_id]
        same_cohort = [
            p
            for p in peers
            if p not in near
            and cohort
            and getattr(getattr(p, "participation", None), "cohort", None) == cohort
        ]
        others = [p for p in peers if p not in near and p not in same_cohort]
        peer_score = (
            PEER_WEIGHTS["province"] * len(near)
            + PEER_WEIGHTS["cohort"] * len(same_cohort)
            + PEER_WEIGHTS["other"] * len(others)
        )
        if near:
            reasons.append(
                _("Already replicated in your province by: %(regions)s")
                % {"regions": ", ".join(str(p) for p in near)}
            )
        if same_cohort:
            reasons.append(
                _("Already replicated in your cohort by: %(regions)s")
                % {"regions": ", ".join(str(p) for p in same_cohort)}
            )
        if others:
            reasons.append(
                ngettext(
                    "Replicated by %(count)s other region.",
                    "Replicated by %(count)s other regions.",
                    len(others),
                )
                % {"count": len(others)}
            )
        score = need + (REPLICABLE_BONUS if replicable else 0.0) + peer_score
        if score <= 0:
            continue
        results.append(
            Recommendation(
                innovation=page,
                score=round(score, 2),
                index_gain=gain,
                reasons=reasons,
                weak_indicators=[indicator for indicator, _level in hits],
                peers=peers,
                replicable=replicable,
            )
        )
    results.sort(key=lambda r: (-r.index_gain, -r.score, r.innovation.title))
    return results[:limit]
