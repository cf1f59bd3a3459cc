"""The SPBE index computed from levels with the framework's weights, the
official index beside it, the national series, and the administrative units
left out of SPBE."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

import pytest

from livinglab.base.imports import ImportFailed
from livinglab.regions import spbe
from livinglab.regions.loaders import (
    ParticipationLoader,
    SpbeIndicatorLoader,
    SpbeScoreLoader,
)
from livinglab.regions.models import (
    NationalSpbeAverage,
    Participation,
    Region,
    SpbeIndicatorScore,
    SpbeScore,
)
from livinglab.taxonomy.models import SpbeFramework, SpbeIndicator

pytestmark = pytest.mark.django_db
CODE = "permenpanrb-59-2020"
JAKARTA = ["31.01", "31.71", "31.72", "31.73", "31.74", "31.75"]


def _weights():
    return dict(
        SpbeIndicator.objects.filter(framework__code=CODE).values_list(
            "number", "weight"
        )
    )


def _index(levels):
    weights = _weights()
    return spbe.compute_index((weights[n], levels(n)) for n in sorted(weights))


# Levels per aspect for the mixed case: aspect 1 (1-10) -> 1, aspect 2
# (11-14) -> 2, aspect 3 (15-18) -> 3, aspect 4 (19-20) -> 4, aspect 5
# (21-28) -> 5, aspect 6 (29-31) -> 1, aspect 7 (32-41) -> 2, aspect 8
# (42-47) -> 3.
MIXED = [(1, 10, 1), (11, 14, 2), (15, 18, 3), (19, 20, 4), (21, 28, 5)]
MIXED += [(29, 31, 1), (32, 41, 2), (42, 47, 3)]


def _mixed(number):
    return next(level for first, last, level in MIXED if first <= number <= last)


def test_all_levels_1_give_1_00_and_all_5_give_5_00():
    assert _index(lambda n: 1) == Decimal("1.00")
    assert _index(lambda n: 5) == Decimal("5.00")


def test_a_mixed_case_by_hand():
    # 10 x 1.30 x 1 = 13; 4 x 2.50 x 2 = 20; 4 x 2.50 x 3 = 30;
    # 2 x 2.50 x 4 = 20; 8 x 1.50 x 5 = 60; 3 x 1.50 x 1 = 4.5;
    # 10 x 2.75 x 2 = 55; 6 x 3.00 x 3 = 54; sum 256.5 / 100 = 2.565 -> 2.57
    assert _index(_mixed) == Decimal("2.57")


def test_one_level_up_on_indicator_1_is_worth_0_013():
    # 300 + 1.30 = 301.30 -> 3.013 -> 3.01 (two decimals, half up)
    assert _index(lambda n: 4 if n == 1 else 3) == Decimal("3.01")
    # A level on 42-47 is worth 3.00 / 1.30 = 2.3 times one on 1-10.
    assert _index(lambda n: 4 if n == 42 else 3) == Decimal("3.03")


def test_compute_index_refuses_a_bad_level():
    with pytest.raises(ValueError):
        spbe.compute_index([(Decimal("1.30"), 0)])
    with pytest.raises(ValueError):
        spbe.compute_index([])


@pytest.mark.parametrize(
    ("index", "predicate"),
    [
        ("1.00", "Kurang"),
        ("1.79", "Kurang"),
        ("1.80", "Cukup"),
        ("2.59", "Cukup"),
        ("2.60", "Baik"),
        ("3.49", "Baik"),
        ("3.50", "Sangat Baik"),
        ("4.19", "Sangat Baik"),
        ("4.20", "Memuaskan"),
        ("5.00", "Memuaskan"),
    ],
)
def test_the_frameworks_predicate_bands(index, predicate):
    framework = SpbeFramework.objects.get(code=CODE)
    assert framework.predicate_for(Decimal(index))["name"] == predicate


def _set_levels(region, year, levels):
    SpbeIndicatorScore.objects.filter(region=region, year=year).delete()
    SpbeIndicatorScore.objects.bulk_create(
        SpbeIndicatorScore(
            region=region, year=year, indicator=i, level=levels(i.number)
        )
        for i in SpbeIndicator.objects.filter(framework__code=CODE)
    )


def test_the_database_computes_the_same_index_and_flags_a_difference(garut):
    _set_levels(garut, 2024, _mixed)
    SpbeScore.objects.update_or_create(
        region=garut, year=2024, defaults={"index": Decimal("2.57")}
    )
    score = SpbeScore.objects.with_computed_index().get(region=garut, year=2024)
    assert Decimal(str(score.computed_index)).quantize(Decimal("0.01")) == Decimal(
        "2.57"
    )
    assert not score.is_flagged
    assert not SpbeScore.objects.flagged().filter(region=garut).exists()

    SpbeScore.objects.filter(region=garut, year=2024).update(index=Decimal("2.58"))
    score = SpbeScore.objects.with_computed_index().get(region=garut, year=2024)
    assert not score.is_flagged  # 0.01 is within rounding

    SpbeScore.objects.filter(region=garut, year=2024).update(index=Decimal("2.59"))
    score = SpbeScore.objects.with_computed_index().get(region=garut, year=2024)
    assert score.is_flagged
    assert list(SpbeScore.objects.flagged().filter(region=garut)) == [score]


def test_no_computed_index_while_an_indicator_lacks_a_level(garut):
    _set_levels(garut, 2024, _mixed)
    SpbeIndicatorScore.objects.filter(
        region=garut, year=2024, indicator__number=47
    ).delete()
    score = SpbeScore.objects.with_computed_index().get(region=garut, year=2024)
    assert score.computed_index is None and not score.is_flagged


def test_demo_indices_equal_their_levels():
    with_levels = SpbeScore.objects.with_computed_index().filter(
        computed_index__isnull=False
    )
    assert with_levels.count() >= 124
    assert not SpbeScore.objects.flagged().exists()


def test_an_index_outside_1_to_5_is_refused_by_validators_and_the_database(garut):
    score = SpbeScore(region=garut, year=2030, index=Decimal("0.99"))
    with pytest.raises(ValidationError):
        score.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        score.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        NationalSpbeAverage.objects.create(year=2031, index=Decimal("0.50"))


def test_the_loader_refuses_an_index_below_1(garut):
    with pytest.raises(ImportFailed) as error:
        SpbeScoreLoader().load(b"region_code,year,index\n32.05,2030,0.80\n")
    # "Indeks SPBE berada antara 1,00 dan 5,00, bukan 0.80."
    assert "0.80" in str(error.value.problems[0])
    assert "1,00" in str(error.value.problems[0])
    assert not SpbeScore.objects.filter(region=garut, year=2030).exists()


def test_the_national_series_is_the_published_one():
    series = {
        row.year: (str(row.index), row.source)
        for row in NationalSpbeAverage.objects.all()
    }
    assert {year: value for year, (value, _s) in series.items()} == {
        2020: "2.26",
        2021: "2.24",
        2022: "2.34",
        2023: "2.79",
        2024: "3.12",
    }
    assert {source for _v, source in series.values()} == {"KepmenPANRB 663/2024"}


def test_jakartas_administrative_units_are_flagged_and_kept_in_the_register():
    flagged = set(
        Region.objects.filter(is_administrative=True).values_list("code", flat=True)
    )
    assert flagged == set(JAKARTA)
    assert Region.objects.count() == 514
    assert Region.objects.autonomous().count() == 508


def test_administrative_units_have_no_spbe_or_cohort():
    assert not SpbeScore.objects.filter(region__code__in=JAKARTA).exists()
    assert not Participation.objects.filter(region__code__in=JAKARTA).exists()
    for loader, line in (
        (SpbeScoreLoader, b"region_code,year,index\n31.71,2024,3.00\n"),
        (SpbeIndicatorLoader, b"region_code,year,indicator,level\n31.71,2024,1,3\n"),
        (
            ParticipationLoader,
            b"region_code,cohort,is_host,joined_on\n31.71,study_visit,tidak,2024-03-01\n",
        ),
    ):
        with pytest.raises(ImportFailed) as error:
            loader().load(line)
        assert "31.71" in str(error.value.problems[0])
    participation = Participation(
        region=Region.objects.get(code="31.74"),
        cohort="study_visit",
        joined_on="2024-03-01",
    )
    with pytest.raises(ValidationError):
        participation.full_clean()


def test_indicator_levels_are_read_under_the_framework_of_their_year(garut):
    with pytest.raises(ImportFailed) as error:
        SpbeIndicatorLoader().load(
            b"region_code,year,indicator,level\n32.05,2024,48,3\n"
        )
    assert "permenpanrb-59-2020" in str(error.value.problems[0])
    # No framework covers 2026 until the draft index is activated.
    with pytest.raises(ImportFailed):
        SpbeIndicatorLoader().load(
            b"region_code,year,indicator,level\n32.05,2026,1,3\n"
        )


def test_admin_lists_official_and_computed_indices(admin_client, garut):
    _set_levels(garut, 2024, _mixed)
    SpbeScore.objects.filter(region=garut, year=2024).update(index=Decimal("3.00"))
    response = admin_client.get(
        "/admin/snippets/regions/spbescore/", {"q": "Garut", "year": 2024}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "2.57" in html or "2,57" in html
