"""What-if: a region's SPBE index if chosen case studies reach the levels
their hosts report.

For a region and an evaluation year, start from the region's indicator levels
under the year's framework (all of them are needed: the index is Σ weight ×
level / 100 over every indicator). Each chosen case study lifts the
indicators it is tagged with to its target level (``gains.Targets``: the
level its host states it reached there, else the host region's own level in
its latest evaluation, else one level up; never down, never above 5); each
lifted indicator says which of these it used (``source``). ``simulate``
returns the current and projected index with their predicates, and each case
study's own gain and, where its cost is known, its gain per Rp 1 miliar,
ranked by gain (default) or by gain per rupiah (unknown cost last).

``GET /api/v1/regions/<code>/spbe/simulate/?year=2024&innovations=a,b``
answers it to whoever may see the region's levels
(``regions.view_spbe_levels`` in livinglab/accounts/policy.py).
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import NotAuthenticated, PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from innovations.models import InnovationPage
from livinglab.accounts.policy import token_allows
from livinglab.api.schema import ERROR_RESPONSES
from livinglab.regions import spbe
from livinglab.regions.models import SpbeIndicatorScore
from livinglab.taxonomy.models import SpbeFramework, SpbeIndicator

from .gains import SOURCES, Targets, gain_per_miliar
from .spbe_api import region_for_spbe

MAX_INNOVATIONS = 10


class SimulationError(Exception):
    """The simulation cannot run; ``str()`` says why (Indonesian first)."""


SORT_BY_GAIN = "gain"
SORT_BY_COST = "per_rupiah"
SORTS = (SORT_BY_GAIN, SORT_BY_COST)


@dataclass
class LiftedIndicator:
    """One indicator a case study raises: from the region's level to the
    target, the indicator's weight (% of the index) and where the target
    comes from (``gains.STATED``, ``HOST_REGION`` or ``ONE_UP``)."""

    number: int
    from_level: int
    to_level: int
    weight: Decimal
    source: str

    @property
    def source_label(self):
        return SOURCES[self.source]


@dataclass
class Lift:
    """One case study's effect: the indicators it raises, its own gain (index
    points) and that gain per Rp 1 miliar of its cost (None if unknown)."""

    innovation: InnovationPage
    gain: Decimal
    indicators: list = field(default_factory=list)  # LiftedIndicator, by number
    gain_per_miliar: Decimal | None = None


def rank(lifts, sort=SORT_BY_GAIN):
    """``lifts`` ordered by gain (highest first), or with ``SORT_BY_COST`` by
    gain per Rp 1 miliar (highest first, unknown cost last, then by gain);
    ties by title."""
    if sort == SORT_BY_COST:
        return sorted(
            lifts,
            key=lambda lift: (
                lift.gain_per_miliar is None,
                -(lift.gain_per_miliar or 0),
                -lift.gain,
                lift.innovation.title,
            ),
        )
    return sorted(lifts, key=lambda lift: (-lift.gain, lift.innovation.title))


@dataclass
class Simulation:
    framework: SpbeFramework
    current_index: Decimal
    projected_index: Decimal
    lifts: list

    @property
    def gain(self) -> Decimal:
        return self.projected_index - self.current_index


def simulate(region, year, pages, sort=SORT_BY_GAIN):
    """Simulate ``pages`` (InnovationPage list) for ``region`` in ``year``;
    the lifts are ranked by ``rank(lifts, sort)``.

    Raises SimulationError when no framework covers the year or the region
    lacks a level on one of its indicators.
    """
    framework = SpbeFramework.for_year(year)
    if framework is None:
        raise SimulationError(_("no SPBE framework covers %(year)s") % {"year": year})
    indicators = {i.pk: i for i in SpbeIndicator.objects.filter(framework=framework)}
    levels = dict(
        SpbeIndicatorScore.objects.filter(
            region=region, year=year, indicator__in=indicators
        ).values_list("indicator_id", "level")
    )
    if set(levels) != set(indicators):
        raise SimulationError(
            _(
                "%(region)s has levels on %(n)s of the %(total)s indicators for "
                "%(year)s; the index needs all of them."
            )
            % {
                "region": region,
                "n": len(levels),
                "total": len(indicators),
                "year": year,
            }
        )

    def index(with_levels):
        return _index(indicators, with_levels)

    current = index(levels)
    targets = Targets(pages)
    projected = dict(levels)
    lifts = []
    for page in pages:
        own = dict(levels)
        rows = []
        for indicator, level, target, source in _rises(
            page, indicators, levels, targets
        ):
            own[indicator.pk] = target
            projected[indicator.pk] = max(projected[indicator.pk], target)
            rows.append(
                LiftedIndicator(
                    indicator.number, level, target, indicator.weight, source
                )
            )
        gain = index(own) - current
        lifts.append(
            Lift(
                innovation=page,
                gain=gain,
                indicators=sorted(rows, key=lambda row: row.number),
                gain_per_miliar=gain_per_miliar(gain, page.cost),
            )
        )
    return Simulation(framework, current, index(projected), rank(lifts, sort))


def _index(indicators, levels):
    return spbe.compute_index(
        (indicators[pk].weight, level) for pk, level in levels.items()
    )


def _rises(page, indicators, levels, targets):
    """``(indicator, level, target, source)`` for each indicator of
    ``indicators`` (``{pk: SpbeIndicator}``) that ``page`` lifts above the
    region's ``levels`` (``{indicator pk: level}``) under ``targets``."""
    for indicator in page.spbe_indicators.all():
        if indicator.pk not in indicators:
            continue
        level = levels[indicator.pk]
        target, source = targets.target(page, indicator.pk, level)
        if target > level:
            yield indicator, level, target, source


def expected_gains(year, pages_by_region):
    """``{region id: Decimal}``: the index points the case studies of each
    region (``pages_by_region``: ``{region id: [InnovationPage]}``, with
    ``spbe_indicators`` prefetched) add together to its ``year`` index by
    the simulator's rule (``gains.Targets``), for the regions with a level
    on every indicator of the year's framework; others are left out, as is
    every region when no framework covers the year. Four queries, whatever
    the number of regions."""
    framework = SpbeFramework.for_year(year)
    if framework is None or not pages_by_region:
        return {}
    indicators = {i.pk: i for i in SpbeIndicator.objects.filter(framework=framework)}
    levels = {}
    for region_id, indicator_id, level in SpbeIndicatorScore.objects.filter(
        region_id__in=list(pages_by_region), year=year, indicator__in=indicators
    ).values_list("region_id", "indicator_id", "level"):
        levels.setdefault(region_id, {})[indicator_id] = level
    pages = {page.pk: page for group in pages_by_region.values() for page in group}
    targets = Targets(pages.values())
    gains = {}
    for region_id, group in pages_by_region.items():
        own = levels.get(region_id, {})
        if set(own) != set(indicators):
            continue
        projected = dict(own)
        for page in group:
            for indicator, _level, target, _source in _rises(
                page, indicators, own, targets
            ):
                projected[indicator.pk] = max(projected[indicator.pk], target)
        gains[region_id] = _index(indicators, projected) - _index(indicators, own)
    return gains


def _predicate(framework, value):
    band = framework.predicate_for(value)
    return band["name"] if band else None


@extend_schema(
    parameters=[
        OpenApiParameter("year", int, required=True),
        OpenApiParameter(
            "innovations",
            str,
            required=True,
            description="Case-study slugs separated by commas (at most 10).",
        ),
        OpenApiParameter(
            "sort",
            str,
            enum=list(SORTS),
            description=(
                "Order of ``innovations``: ``gain`` (weighted index gain, the "
                "default) or ``per_rupiah`` (gain per Rp 1 miliar of the case "
                "study's cost; unknown cost last)."
            ),
        ),
    ],
    responses={
        200: inline_serializer(
            "SpbeSimulation",
            {
                "region": serializers.CharField(),
                "year": serializers.IntegerField(),
                "framework": serializers.CharField(),
                "current_index": serializers.FloatField(),
                "current_predicate": serializers.CharField(allow_null=True),
                "projected_index": serializers.FloatField(),
                "projected_predicate": serializers.CharField(allow_null=True),
                "gain": serializers.FloatField(),
                "innovations": inline_serializer(
                    "SpbeSimulationLift",
                    {
                        "slug": serializers.CharField(),
                        "title": serializers.CharField(),
                        "gain": serializers.FloatField(),
                        "cost": serializers.IntegerField(
                            allow_null=True, help_text="Rp, as the host reports it"
                        ),
                        "gain_per_miliar": serializers.FloatField(
                            allow_null=True,
                            help_text=(
                                "gain × 1,000,000,000 / cost: index points per "
                                "Rp 1 miliar; null when the cost is unknown or 0"
                            ),
                        ),
                        "indicators": inline_serializer(
                            "SpbeSimulationIndicator",
                            {
                                "number": serializers.IntegerField(),
                                "from_level": serializers.IntegerField(),
                                "to_level": serializers.IntegerField(),
                                "weight": serializers.FloatField(),
                                "source": serializers.ChoiceField(
                                    choices=list(SOURCES),
                                    help_text=(
                                        "where to_level comes from: stated (the "
                                        "level the host states the case study "
                                        "reached), host_region (the host "
                                        "region's latest evaluated level), "
                                        "one_up (no level known)"
                                    ),
                                ),
                            },
                            many=True,
                        ),
                    },
                    many=True,
                ),
            },
        ),
        **ERROR_RESPONSES,
    },
)
class SimulateApi(APIView):
    """Projected SPBE index of a region if the chosen case studies reach the
    levels their hosts report (stated per case study, else the host region's
    own level; ``source`` per indicator); ``gain`` and ``gain_per_miliar``
    per case study, ranked by ``sort``."""

    def get(self, request, code):
        region = region_for_spbe(code)
        if not request.user.is_authenticated:
            raise NotAuthenticated(
                _(
                    "Log in, or send a personal API token: Authorization: Bearer <token>."
                )
            )
        if not (
            request.user.has_perm("regions.view_spbe_levels", region)
            and token_allows(request.auth, region)
        ):
            raise PermissionDenied(
                _("You may not see the SPBE levels of %(region)s.") % {"region": region}
            )
        errors = {}
        year = request.query_params.get("year", "")
        if not (year.isdecimal() and year.isascii() and 2015 <= int(year) <= 2100):
            errors["year"] = [_("Give an evaluation year such as 2024.")]
        slugs = [
            s.strip()
            for s in request.query_params.get("innovations", "").split(",")
            if s.strip()
        ]
        sort = request.query_params.get("sort") or SORT_BY_GAIN
        if sort not in SORTS:
            errors["sort"] = [
                _("Sort by %(choices)s.") % {"choices": " or ".join(SORTS)}
            ]
        if not 1 <= len(slugs) <= MAX_INNOVATIONS:
            errors["innovations"] = [
                _("Give 1 to %(n)s case-study slugs separated by commas.")
                % {"n": MAX_INNOVATIONS}
            ]
        pages = {
            p.slug: p
            for p in InnovationPage.objects.published()
            .filter(slug__in=slugs)
            .prefetch_related("spbe_indicators")
        }
        unknown = [s for s in slugs if s not in pages]
        stopped = [s for s in slugs if s in pages and pages[s].is_stopped]
        if slugs and unknown:
            errors["innovations"] = [
                _("No published case study has the slug %(slugs)s.")
                % {"slugs": ", ".join(unknown[:5])}
            ]
        elif stopped:
            # Stopped case studies (Dihentikan) are not simulated: the host no
            # longer runs them, so no region can replicate them from it.
            errors["innovations"] = [
                _(
                    "These case studies were stopped by their host and are not "
                    "simulated: %(slugs)s."
                )
                % {"slugs": ", ".join(stopped[:5])}
            ]
        if errors:
            raise ApiValidationError(errors)
        try:
            result = simulate(
                region, int(year), [pages[s] for s in dict.fromkeys(slugs)], sort
            )
        except SimulationError as error:
            raise ApiValidationError({"year": [str(error)]}) from None
        framework = result.framework
        return Response(
            {
                "region": region.code,
                "year": int(year),
                "framework": framework.code,
                "current_index": float(result.current_index),
                "current_predicate": _predicate(framework, result.current_index),
                "projected_index": float(result.projected_index),
                "projected_predicate": _predicate(framework, result.projected_index),
                "gain": float(result.gain),
                "innovations": [
                    {
                        "slug": lift.innovation.slug,
                        "title": lift.innovation.title,
                        "gain": float(lift.gain),
                        "cost": int(lift.innovation.cost)
                        if lift.innovation.cost is not None
                        else None,
                        "gain_per_miliar": float(lift.gain_per_miliar)
                        if lift.gain_per_miliar is not None
                        else None,
                        "indicators": [
                            {
                                "number": row.number,
                                "from_level": row.from_level,
                                "to_level": row.to_level,
                                "weight": float(row.weight),
                                "source": row.source,
                            }
                            for row in lift.indicators
                        ],
                    }
                    for lift in result.lifts
                ],
            }
        )
