"""The SPBE part of the API: frameworks, the national series, a region-year.

It lives in adoptions, above accounts, because what a caller sees of a
region-year depends on ``policy`` (the registers below accounts cannot ask).

Stable addresses (in the OpenAPI description):

* ``GET /api/v1/spbe/frameworks/``: ``count``, ``results`` of ``code``,
  ``name``, ``regulation``, ``valid_from``, ``valid_to``, ``status``;
* ``GET /api/v1/spbe/frameworks/<code>/``: the same plus ``levels``,
  ``predicates`` and ``indicators`` (``number``, ``name``, ``aspect``,
  ``domain``, ``weight`` in % of the index, ``criteria`` per level);
* ``GET /api/v1/spbe/national/``: ``results`` of ``year``, ``index``,
  ``framework``, ``source`` (KemenPAN-RB's published national index);
* ``GET /api/v1/regions/<code>/spbe/<year>/``: ``official_index``,
  ``computed_index`` (Σ weight × level / 100 when every indicator has a
  level), ``difference``, ``flagged`` (> 0.01), ``predicate`` and the
  ``levels`` when the caller may see them (``regions.view_spbe_levels`` in
  livinglab/accounts/policy.py; otherwise ``null``).
"""

from django.http import Http404
from django.utils.translation import gettext as _

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from livinglab.accounts import policy
from livinglab.api.schema import ERROR_RESPONSES, example
from livinglab.base.i18n import localized
from livinglab.regions import spbe
from livinglab.regions.models import (
    NationalSpbeAverage,
    SpbeIndicatorScore,
    SpbeScore,
)
from livinglab.regions.queries import region_or_404
from livinglab.taxonomy.models import SpbeFramework, SpbeIndicator


class FrameworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = SpbeFramework
        fields = [
            "code",
            "name",
            "name_en",
            "regulation",
            "valid_from",
            "valid_to",
            "status",
            "to_be_confirmed",
        ]


class PartSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()


class CriterionSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    criteria = serializers.CharField()
    evidence = serializers.CharField()


class IndicatorSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField()
    aspect = PartSerializer()
    domain = PartSerializer(allow_null=True)
    weight = serializers.FloatField(allow_null=True, help_text="% of the index")
    to_be_confirmed = serializers.ListField(child=serializers.CharField())
    criteria = CriterionSerializer(many=True)


class LevelNameSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    name = serializers.CharField()
    name_en = serializers.CharField(required=False)


class PredicateSerializer(serializers.Serializer):
    min_index = serializers.CharField()
    name = serializers.CharField()
    name_en = serializers.CharField(required=False)


class FrameworkDetailSerializer(FrameworkSerializer):
    source = serializers.CharField()
    levels = LevelNameSerializer(many=True)
    predicates = PredicateSerializer(many=True)
    indicators = serializers.SerializerMethodField()

    class Meta(FrameworkSerializer.Meta):
        fields = [
            *FrameworkSerializer.Meta.fields,
            "source",
            "levels",
            "predicates",
            "indicators",
        ]

    @extend_schema_field(IndicatorSerializer(many=True))
    def get_indicators(self, framework):
        return indicator_rows(framework)


def _part(part):
    if part is None:
        return None
    return {"number": part.number, "name": part.name, "name_en": part.name_en}


def indicator_rows(framework):
    """The framework's indicators as API rows, in number order."""
    indicators = (
        SpbeIndicator.objects.filter(framework=framework)
        .select_related("aspect", "aspect__domain")
        .prefetch_related("criteria")
        .order_by("number")
    )
    return [
        {
            "number": i.number,
            "name": i.name,
            "name_en": i.name_en,
            "aspect": _part(i.aspect),
            "domain": _part(i.aspect.domain),
            "weight": float(i.weight) if i.weight is not None else None,
            "to_be_confirmed": i.to_be_confirmed or [],
            "criteria": [
                {"level": c.level, "criteria": c.criteria, "evidence": c.evidence}
                for c in i.criteria.all()
            ],
        }
        for i in indicators
    ]


@extend_schema(responses={200: FrameworkSerializer(many=True), **ERROR_RESPONSES})
class FrameworkList(generics.ListAPIView):
    """SPBE evaluation frameworks, the latest first: the one in force
    (``active``), earlier ones (``retired``) and announced ones whose details
    are still to be confirmed (``draft``)."""

    serializer_class = FrameworkSerializer
    queryset = SpbeFramework.objects.all()


@extend_schema(
    responses={200: FrameworkDetailSerializer, **ERROR_RESPONSES},
    examples=[
        example(
            "PermenPANRB 59/2020 (shortened)",
            {
                "code": "permenpanrb-59-2020",
                "name": "Evaluasi SPBE (PermenPANRB Nomor 59 Tahun 2020)",
                "regulation": "Peraturan Menteri PANRB Nomor 59 Tahun 2020 …",
                "valid_from": 2019,
                "valid_to": 2025,
                "status": "active",
                "levels": [{"level": 1, "name": "Rintisan", "name_en": "Initial"}],
                "predicates": [
                    {
                        "min_index": "4.20",
                        "name": "Memuaskan",
                        "name_en": "Satisfactory",
                    }
                ],
                "indicators": [
                    {
                        "number": 44,
                        "name": "Layanan Jaringan Dokumentasi dan Informasi Hukum (JDIH)",
                        "aspect": {
                            "number": 8,
                            "name": "Layanan Publik Berbasis Elektronik",
                        },
                        "domain": {"number": 4, "name": "Layanan SPBE"},
                        "weight": 3.0,
                    }
                ],
            },
        )
    ],
)
class FrameworkDetail(generics.RetrieveAPIView):
    """One framework with its level names, predicate bands and indicators
    (weights in % of the index; criteria and bukti-dukung guidance per
    level)."""

    serializer_class = FrameworkDetailSerializer
    queryset = SpbeFramework.objects.all()
    lookup_field = "code"
    lookup_url_kwarg = "code"


class NationalSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    index = serializers.FloatField()
    framework = serializers.CharField(allow_null=True)
    source = serializers.CharField()


@extend_schema(
    responses={200: NationalSerializer(many=True), **ERROR_RESPONSES},
    examples=[
        example(
            "National series",
            {
                "count": 1,
                "next": None,
                "previous": None,
                "results": [
                    {
                        "year": 2024,
                        "index": 3.12,
                        "framework": "permenpanrb-59-2020",
                        "source": "KepmenPANRB 663/2024",
                    }
                ],
            },
        )
    ],
)
class NationalSeries(generics.ListAPIView):
    """The national SPBE index (all evaluated agencies) per year, as
    published by KemenPAN-RB (2020-2024: KepmenPANRB 663/2024), with the
    framework that evaluated the year."""

    serializer_class = NationalSerializer

    def get_queryset(self):
        return NationalSpbeAverage.objects.order_by("year")

    def list(self, request, *args, **kwargs):
        frameworks = list(
            SpbeFramework.objects.exclude(status=SpbeFramework.Status.DRAFT)
        )

        def framework_of(year):
            covering = [
                f
                for f in frameworks
                if f.valid_from <= year and (f.valid_to is None or year <= f.valid_to)
            ]
            return max(covering, key=lambda f: f.valid_from).code if covering else None

        queryset = self.paginate_queryset(self.get_queryset())
        rows = [
            {
                "year": row.year,
                "index": float(row.index),
                "framework": framework_of(row.year),
                "source": row.source,
            }
            for row in queryset
        ]
        return self.get_paginated_response(rows)


class LevelSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    level = serializers.IntegerField()


class RegionSpbeSerializer(serializers.Serializer):
    region = serializers.CharField()
    year = serializers.IntegerField()
    framework = serializers.CharField(allow_null=True)
    official_index = serializers.FloatField(allow_null=True)
    computed_index = serializers.FloatField(allow_null=True)
    difference = serializers.FloatField(allow_null=True)
    flagged = serializers.BooleanField()
    predicate = PredicateSerializer(allow_null=True)
    levels_visible = serializers.BooleanField()
    levels = LevelSerializer(many=True, allow_null=True)


def region_for_spbe(code):
    """The region ``code`` names, or Http404; administrative units (DKI
    Jakarta's six) have no SPBE evaluation of their own, so 404 too."""
    region = region_or_404(code)
    if region.is_administrative:
        raise Http404(
            _(
                "%(region)s is an administrative unit of DKI Jakarta: it has no "
                "SPBE evaluation of its own."
            )
            % {"region": region.name}
        )
    return region


def region_year(region, year):
    """``{framework, official_index, computed_index, difference, flagged,
    predicate, levels}`` for ``region`` in ``year`` (indices as Decimal,
    levels as ``{number: level}``); Http404 when there is neither an index
    nor a level."""
    framework = SpbeFramework.for_year(year)
    score = SpbeScore.objects.filter(region=region, year=year).first()
    levels = {}
    weights = {}
    if framework is not None:
        weights = dict(
            SpbeIndicator.objects.filter(framework=framework).values_list(
                "number", "weight"
            )
        )
        levels = dict(
            SpbeIndicatorScore.objects.filter(
                region=region, year=year, indicator__framework=framework
            ).values_list("indicator__number", "level")
        )
    if score is None and not levels:
        raise Http404(_("No SPBE figures for this region and year."))
    computed = None
    if weights and set(levels) == set(weights) and None not in weights.values():
        computed = spbe.compute_index((weights[n], levels[n]) for n in weights)
    official = score.index if score else None
    shown = computed if computed is not None else official
    predicate = framework.predicate_for(shown) if framework else None
    return {
        "framework": framework,
        "official_index": official,
        "computed_index": computed,
        "difference": (computed - official)
        if computed is not None and official is not None
        else None,
        "flagged": spbe.differs(computed, official),
        "predicate": predicate,
        "levels": levels,
    }


def _float(value):
    return float(value) if value is not None else None


@extend_schema(
    responses={200: RegionSpbeSerializer, **ERROR_RESPONSES},
    examples=[
        example(
            "Kabupaten Garut 2024 (levels shown to its team)",
            {
                "region": "32.05",
                "year": 2024,
                "framework": "permenpanrb-59-2020",
                "official_index": 2.71,
                "computed_index": 2.71,
                "difference": 0.0,
                "flagged": False,
                "predicate": {"min_index": "2.60", "name": "Baik", "name_en": "Good"},
                "levels_visible": True,
                "levels": [{"indicator": 1, "level": 3}],
            },
        )
    ],
)
class RegionSpbeYear(APIView):
    """A region's SPBE figures for one year: the official index published
    by KemenPAN-RB, the index computed from the indicator levels with the
    framework's weights, whether they differ by more than 0.01, and the
    predicate (of the computed index where there is one). The levels per
    indicator are given to the region's team, Kemendagri analysts and
    administrators (``levels_visible``); others get ``null``."""

    def get(self, request, code, year):
        region = region_for_spbe(code)
        data = region_year(region, year)
        visible = policy.allows(request, "regions.view_spbe_levels", region)
        predicate = data["predicate"]
        return Response(
            {
                "region": region.code,
                "year": year,
                "framework": data["framework"].code if data["framework"] else None,
                "official_index": _float(data["official_index"]),
                "computed_index": _float(data["computed_index"]),
                "difference": _float(data["difference"]),
                "flagged": data["flagged"],
                "predicate": {
                    "min_index": str(predicate["min_index"]),
                    "name": predicate["name"],
                    "name_en": predicate.get("name_en", ""),
                    "label": localized(predicate["name"], predicate.get("name_en", "")),
                }
                if predicate
                else None,
                "levels_visible": visible,
                "levels": [
                    {"indicator": n, "level": level}
                    for n, level in sorted(data["levels"].items())
                ]
                if visible
                else None,
            }
        )
