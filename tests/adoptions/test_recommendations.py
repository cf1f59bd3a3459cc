"""Recommendations: weak SPBE indicators, replicability, peers; with reasons."""

import datetime

from innovations.models import InnovationPage
from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption
from livinglab.adoptions.recommendations import recommend
from livinglab.regions.models import Region, SpbeIndicatorScore
from livinglab.taxonomy.models import SpbeIndicator


def _set_levels(region, year, levels):
    SpbeIndicatorScore.objects.filter(region=region).delete()
    for indicator in SpbeIndicator.objects.all():
        SpbeIndicatorScore.objects.create(
            region=region,
            year=year,
            indicator=indicator,
            level=levels.get(indicator.number, 4),
        )


def test_weakest_indicators_rank_first_and_say_why(garut):
    Adoption.objects.filter(region=garut).delete()
    target = (
        InnovationPage.objects.live()
        .filter(spbe_indicators__isnull=False)
        .order_by("title")
        .first()
    )
    weak = target.spbe_indicators.first()
    _set_levels(garut, 2024, {weak.number: 1})
    results = recommend(garut, limit=20)
    ranked = [r.innovation.pk for r in results]
    assert target.pk in ranked
    first_weak = next(r for r in results if weak in r.weak_indicators)
    assert any(f"{weak.number}." in reason for reason in first_weak.reasons)
    # Innovations not touching a weak indicator rank below those that do.
    touching = [r for r in results if r.weak_indicators]
    others = [r for r in results if not r.weak_indicators]
    if touching and others:
        assert (
            min(r.score for r in touching)
            > max(r.score for r in others) - 3.0 - 2.0 * 10
        )


def test_adopted_innovations_are_not_recommended(garut, adoption):
    results = recommend(garut, limit=50)
    assert adoption.innovation.pk not in [r.innovation.pk for r in results]


def test_peers_in_the_same_province_count(garut, sumedang_innovation):
    Adoption.objects.filter(region=garut).delete()
    Adoption.objects.filter(innovation=sumedang_innovation).delete()
    _set_levels(garut, 2024, {})
    before = {r.innovation.pk: r.score for r in recommend(garut, limit=50)}
    neighbour = Region.objects.get(code="32.06")  # Tasikmalaya, Jawa Barat
    adoption = pipeline.start_adoption(
        region=neighbour,
        innovation=sumedang_innovation,
        date=datetime.date(2025, 1, 1),
        actor=None,
    )
    pipeline.record_step(
        adoption=adoption,
        to_stage="implementasi",
        date=datetime.date(2025, 6, 1),
        actor=None,
    )
    after = {r.innovation.pk: r for r in recommend(garut, limit=50)}
    item = after[sumedang_innovation.pk]
    assert item.score > before.get(sumedang_innovation.pk, 0)
    assert neighbour in item.peers
    assert any(neighbour.name in reason for reason in item.reasons)


def test_fixed_number_of_queries(garut, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        recommend(garut)
