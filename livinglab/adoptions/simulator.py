"""What-if: a region's SPBE index if chosen case studies reach their hosts'
levels.

For a region and an evaluation year, start from the region's indicator levels
under the year's framework (all of them are needed: the index is Σ weight ×
level / 100 over every indicator). Each chosen case study lifts the
indicators it is tagged with to the level its host reached on them in the
host's latest evaluation (one level up where the host has no level; never
down, never above 5). ``simulate`` returns the current and projected index
with their predicates, and each case study's own gain, ranked by gain (the
same weighted gain the recommendations use).

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

from .recommendations import host_levels
from .spbe_api import region_for_spbe

MAX_INNOVATIONS = 10


class SimulationError(Exception):
    """The simulation cannot run; ``str()`` says why (Indonesian first)."""


@dataclass
class Lift:
    """One case study's effect: the indicators it raises and its own gain."""

    innovation: InnovationPage
    gain: Decimal
    indicators: list = field(default_factory=list)  # (number, from, to, weight)


@dataclass
class Simulation:
    framework: SpbeFramework
    current_index: Decimal
    projected_index: Decimal
    lifts: list

    @property
    def gain(self) -> Decimal:
        return self.projected_index - self.current_index


def simulate(region, year, pages):
    """Simulate ``pages`` (InnovationPage list) for ``region`` in ``year``.

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
        return spbe.compute_index(
            (indicators[pk].weight, level) for pk, level in with_levels.items()
        )

    current = index(levels)
    reached = host_levels({p.host_region_id for p in pages})
    projected = dict(levels)
    lifts = []
    for page in pages:
        host = reached.get(page.host_region_id, {})
        own = dict(levels)
        rows = []
        for indicator in page.spbe_indicators.all():
            if indicator.pk not in indicators:
                continue
            level = levels[indicator.pk]
            target = min(5, host.get(indicator.pk, level + 1))
            if target <= level:
                continue
            own[indicator.pk] = target
            projected[indicator.pk] = max(projected[indicator.pk], target)
            rows.append((indicator.number, level, target, indicator.weight))
        lifts.append(
            Lift(
                innovation=page,
                gain=index(own) - current,
                indicators=sorted(rows),
            )
        )
    lifts.sort(key=lambda lift: (-lift.gain, lift.innovation.title))
    return Simulation(framework, current, index(projected), lifts)


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
                        "indicators": inline_serializer(
                            "SpbeSimulationIndicator",
                            {
                                "number": serializers.IntegerField(),
                                "from_level": serializers.IntegerField(),
                                "to_level": serializers.IntegerField(),
                                "weight": serializers.FloatField(),
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
    levels their hosts reached; ``gain`` per case study, ranked."""

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
        if slugs and unknown:
            errors["innovations"] = [
                _("No published case study has the slug %(slugs)s.")
                % {"slugs": ", ".join(unknown[:5])}
            ]
        if errors:
            raise ApiValidationError(errors)
        try:
            result = simulate(
                region, int(year), [pages[s] for s in dict.fromkeys(slugs)]
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
                        "indicators": [
                            {
                                "number": number,
                                "from_level": low,
                                "to_level": high,
                                "weight": float(weight),
                            }
                            for number, low, high, weight in lift.indicators
                        ],
                    }
                    for lift in result.lifts
                ],
            }
        )
