""" "The framework case studies are tagged with today" is written once
(``SpbeFramework.objects.active()``, review finding 8): the taxonomy's
``current()`` rows and the kit's checklist follow the same framework."""

import pytest

from livinglab.replication import kit
from livinglab.taxonomy.models import SpbeAspect, SpbeFramework, SpbeIndicator

pytestmark = pytest.mark.django_db


def _framework(code, valid_from, status="active"):
    return SpbeFramework.objects.create(
        code=code, name=code, regulation="-", valid_from=valid_from, status=status
    )


def test_active_is_the_latest_active_framework():
    shipped = SpbeFramework.objects.get(code="permenpanrb-59-2020")
    assert list(SpbeFramework.objects.active()) == [shipped]
    _framework("draf-baru", 2030, status="draft")
    _framework("pensiun", 2031, status="retired")
    assert list(SpbeFramework.objects.active()) == [shipped]
    newer = _framework("aktif-baru", 2027)
    assert list(SpbeFramework.objects.active()) == [newer]


def test_a_tie_is_broken_the_same_way_everywhere(case_study):
    """Two active frameworks from the same year: ``active()`` names one
    (the newest row), and ``current()`` and the kit use that one."""
    shipped = SpbeFramework.objects.get(code="permenpanrb-59-2020")
    twin = _framework("kembar", shipped.valid_from)
    aspect = SpbeAspect.objects.create(framework=twin, number=1, name="Aspek")
    indicator = SpbeIndicator.objects.create(
        framework=twin, aspect=aspect, number=1, name="Indikator kembar"
    )
    assert list(SpbeFramework.objects.active()) == [twin]
    assert list(SpbeIndicator.objects.current()) == [indicator]
    case_study.spbe_indicators.set([indicator])
    assert kit.lifted_indicators(case_study) == [indicator]
    assert [row["indicator"] for row in kit.checklist_rows(case_study)] == [indicator]
