"""Recommendations: weak SPBE indicators, replicability, peers; with reasons."""

import datetime
from decimal import Decimal

from django.utils.formats import number_format

import pytest

from innovations.models import InnovationPage, SpbeLevelReached
from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption
from livinglab.adoptions.recommendations import recommend
from livinglab.regions.models import Region, SpbeIndicatorScore
from livinglab.taxonomy.models import SpbeIndicator


def _set_levels(region, year, levels):
    SpbeIndicatorScore.objects.filter(region=region).delete()
    for indicator in SpbeIndicator.objects.current():
        SpbeIndicatorScore.objects.create(
            region=region,
            year=year,
            indicator=indicator,
            level=levels.get(indicator.number, 4),
        )


def test_weakest_indicators_raise_the_weighted_gain_and_say_why(garut):
    """An indicator at level 1 that the host raised to level 4 adds
    weight x (4 - 1) / 100 to the index gain of the innovations tagged with
    it, and only to them; the reason names it, the weight and the gain."""
    Adoption.objects.filter(region=garut).delete()
    target = (
        InnovationPage.objects.originals()
        .live()
        .filter(spbe_indicators__isnull=False)
        .order_by("title")
        .first()
    )
    weak = target.spbe_indicators.order_by("number").first()
    SpbeLevelReached.objects.filter(indicator=weak).delete()  # the host's level
    host_year = (
        SpbeIndicatorScore.objects.filter(region=target.host_region)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )
    _set_levels(target.host_region, host_year, {weak.number: 4})
    _set_levels(garut, 2024, {})  # nothing weak: level 4 everywhere
    before = {r.innovation.pk: r for r in recommend(garut, limit=100)}
    assert not any(r.weak_indicators for r in before.values())
    assert all(r.index_gain == 0 for r in before.values())
    _set_levels(garut, 2024, {weak.number: 1})
    after = {r.innovation.pk: r for r in recommend(garut, limit=100)}
    item = after[target.pk]
    expected = (weak.weight * 3 / 100).quantize(Decimal("0.01"))
    assert item.index_gain == expected
    assert item.score == pytest.approx(
        getattr(before.get(target.pk), "score", 0) + 100 * float(expected)
    )
    assert item.weak_indicators == [weak]
    reason = next(r for r in item.reasons if f"{weak.number}." in r)
    # in the site's number format (Indonesian: 0,08), not Python's 0.08
    assert number_format(expected, 2) in reason and "4" in reason
    assert f"{expected:.2f}" not in reason
    tagged = set(
        InnovationPage.objects.filter(spbe_indicators=weak).values_list("pk", flat=True)
    )
    for pk, rec in before.items():
        if pk not in tagged:
            assert after[pk].score == rec.score and after[pk].index_gain == 0
    # Ranked by the weighted gain first.
    gains = [r.index_gain for r in recommend(garut, limit=100)]
    assert gains == sorted(gains, reverse=True)


def test_a_level_the_host_states_is_the_target_and_the_reason_says_so(garut):
    """Issue 17.4: the same target as the simulator's (gains.Targets): the
    level the host states for the case study, over the host region's."""
    Adoption.objects.filter(region=garut).delete()
    page = InnovationPage.objects.originals().get(slug="jdih-terintegrasi-sumedang")
    jdih = SpbeIndicator.objects.current().get(number=44)
    SpbeLevelReached.objects.filter(page=page).delete()
    SpbeLevelReached.objects.create(page=page, indicator=jdih, level=3)
    _set_levels(page.host_region, 2024, {44: 5})
    _set_levels(garut, 2024, {44: 1})
    item = next(r for r in recommend(garut, limit=100) if r.innovation == page)
    assert item.index_gain == Decimal("0.06")  # 3.00 x (3 - 1) / 100, not (5 - 1)
    (reason,) = [r for r in item.reasons if r.startswith("Indikator 44.")]
    assert "tuan rumah menyatakan studi kasus ini mencapai tingkat 3" in reason
    assert "0,06" in reason


@pytest.mark.django_db
def test_a_level_on_42_to_47_outweighs_one_on_1_to_10():
    from livinglab.adoptions.recommendations import index_gain

    low = SpbeIndicator.objects.current().get(number=1)
    high = SpbeIndicator.objects.current().get(number=42)
    assert index_gain(low, 1, 2) == Decimal("0.013")
    assert index_gain(high, 1, 2) == Decimal("0.03")
    assert index_gain(high, 3, 2) == 0


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
