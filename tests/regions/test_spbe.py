from decimal import Decimal

from django.core.exceptions import ValidationError

import pytest

from livinglab.regions import spbe
from livinglab.regions.models import SpbePredicate


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("index", "predicate"),
    [
        ("1.00", "Kurang"),
        ("1.79", "Kurang"),
        ("1.80", "Cukup"),
        ("2.40", "Cukup"),
        ("2.59", "Cukup"),
        ("2.60", "Baik"),
        ("3.49", "Baik"),
        ("3.50", "Sangat Baik"),
        ("4.19", "Sangat Baik"),
        ("4.20", "Memuaskan"),
        ("5.00", "Memuaskan"),
    ],
)
def test_predicate_boundaries_follow_permenpanrb_59_2020(index, predicate):
    assert SpbePredicate.for_index(Decimal(index)).name == predicate


@pytest.mark.django_db
def test_predicate_table_is_data_an_admin_can_change():
    SpbePredicate.objects.filter(name="Memuaskan").update(min_index=Decimal("4.50"))
    assert SpbePredicate.for_index(Decimal("4.30")).name == "Sangat Baik"


@pytest.mark.parametrize(
    ("raw", "value"),
    [("3.5", "3.50"), ("2,41", "2.41"), ("1", "1.00"), ("5.00", "5.00")],
)
def test_parse_index_accepts_dot_and_comma(raw, value):
    assert spbe.parse_index(raw) == Decimal(value)


@pytest.mark.parametrize(
    "raw", ["5.01", "-0.1", "0", "0.99", "abc", "", "NaN", "Infinity", "3.456"]
)
def test_parse_index_refuses_bad_values(raw):
    with pytest.raises(ValidationError):
        spbe.parse_index(raw)


def test_predicate_for_empty_table_is_none():
    assert spbe.predicate_for(Decimal("3"), []) is None
