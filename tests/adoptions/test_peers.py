"""Peers' real cost and time on a case study (issue 19.3, livinglab/adoptions/peers.py):
medians of months from agreement (Kesepakatan) to implementation and of the
recorded APBD cost, with n, shown only from MIN_REGIONS regions, overall,
by kind and by SPBE band; only published case studies; a region once."""

import datetime
from decimal import Decimal

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from innovations.models import InnovationPage
from livinglab.adoptions.models import Adoption
from livinglab.adoptions.peers import (
    MIN_REGIONS,
    median,
    months_between,
    peer_figures,
    peers_for,
)
from livinglab.regions.models import Region, SpbeScore

SLUG = "tte-sumedang"
# Kabupaten (two-digit second pair 01-69) and kota (71-99) outside the host.
KABUPATEN = ["32.04", "32.05", "33.02", "35.07", "51.03"]
KOTA = ["32.73", "33.74"]


def _months(days):
    return months_between(
        datetime.date(2025, 1, 1),
        datetime.date(2025, 1, 1) + datetime.timedelta(days=days),
    )


@pytest.fixture
def implemented(adopt):
    """``implemented(code, days, cost=None)``: region ``code`` agreed
    ``days + 10`` days ago and went live 10 days ago, with an APBD cost."""

    def make(code, days, cost=None, slug=SLUG):
        adoption = adopt(
            code,
            slug,
            [
                ("minat", days + 40, ""),
                ("kesepakatan", days + 10, ""),
                ("implementasi", 10, ""),
            ],
        )
        if cost is not None:
            Adoption.objects.filter(pk=adoption.pk).update(apbd_cost=Decimal(cost))
        return adoption

    return make


def _page(slug=SLUG):
    return InnovationPage.objects.originals().get(slug=slug)


def _row(figures, key):
    return next(row for row in figures.rows if row.key == key)


def test_the_threshold_is_three_regions():
    assert MIN_REGIONS == 3


def test_two_regions_are_hidden_three_are_shown(implemented):
    implemented("32.04", 61, 100_000_000)
    implemented("32.05", 91, 300_000_000)
    figures = peers_for(_page())
    assert figures.overall.months.n == 2 and figures.overall.months.value is None
    assert figures.overall.cost.n == 2 and figures.overall.cost.value is None
    assert not figures.any_shown

    implemented("33.02", 122, 200_000_000)
    figures = peers_for(_page())
    assert figures.overall.months.n == 3
    assert figures.overall.months.value == Decimal("3.0")
    assert figures.overall.cost.value == Decimal("200000000")
    assert figures.any_shown


def test_the_case_study_page_shows_medians_only_from_three(client, implemented):
    implemented("32.04", 61, 100_000_000)
    implemented("32.05", 91, 300_000_000)
    html = client.get(_page().url).content.decode()
    section = html[
        html.find('id="peers-h"') : html.find("</section>", html.find('id="peers-h"'))
    ]
    assert "Rp 200" not in section and "Rp 100" not in section
    assert "tidak ditampilkan: 2 daerah melapor" in section
    assert "jadi belum ada median yang ditampilkan" in section

    implemented("33.02", 122, 200_000_000)
    html = client.get(_page().url).content.decode()
    section = html[
        html.find('id="peers-h"') : html.find("</section>", html.find('id="peers-h"'))
    ]
    assert "Rp 200.000.000" in section
    assert "3,0" in section
    assert "n = 3 daerah" in section


def test_medians_odd_and_even(implemented):
    for code, days, cost in [
        ("32.04", 61, 100_000_000),
        ("32.05", 91, 300_000_000),
        ("33.02", 122, 200_000_000),
    ]:
        implemented(code, days, cost)
    odd = peers_for(_page()).overall
    assert (odd.months.value, odd.months.n) == (_months(91), 3)
    assert (odd.cost.value, odd.cost.n) == (Decimal("200000000"), 3)

    implemented("35.07", 183, 1_000_000_000)
    even = peers_for(_page()).overall
    # (3.0 + 4.0) / 2 and (200 + 300) / 2 million
    assert (even.months.value, even.months.n) == (Decimal("3.5"), 4)
    assert (even.cost.value, even.cost.n) == (Decimal("250000000"), 4)


def test_median_helper_rounds_half_up_and_hides_below_three():
    assert median([Decimal("1"), Decimal("2")], Decimal("1")).value is None
    assert median([Decimal("1"), Decimal("2")], Decimal("1")).n == 2
    assert median([Decimal(x) for x in "1234"], Decimal("1")).value == Decimal("3")
    assert median([Decimal(x) for x in "514"], Decimal("1")).value == Decimal("4")


def test_time_and_cost_counted_separately(implemented, adopt):
    implemented("32.04", 61)  # time, no cost
    implemented("32.05", 91, 0)  # zero is "not reported"
    implemented("33.02", 122, 200_000_000)
    # agreed, not live: reports a cost but no time
    adoption = adopt("35.07", SLUG, [("minat", 60, ""), ("kesepakatan", 30, "")])
    Adoption.objects.filter(pk=adoption.pk).update(apbd_cost=Decimal(50_000_000))
    overall = peers_for(_page()).overall
    assert overall.months.n == 3 and overall.months.value == Decimal("3.0")
    assert overall.cost.n == 2 and overall.cost.value is None


def test_only_published_case_studies(implemented):
    for code, days in [("32.04", 61), ("32.05", 91), ("33.02", 122)]:
        implemented(code, days, 100_000_000)
    page = _page()
    assert peers_for(page) is not None
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert peers_for(page) is None
    assert peer_figures([page]) == {}
    restriction.delete()
    page.unpublish()
    assert peer_figures([page.pk]) == {}


def test_other_case_studies_do_not_leak(implemented):
    for code, days in [("32.04", 61), ("32.05", 91), ("33.02", 122)]:
        implemented(code, days, 100_000_000, slug="dtks-desa-sumedang")
    figures = peers_for(_page())
    assert figures.overall.months.n == 0 and figures.overall.cost.n == 0


def test_a_region_is_counted_once(adopt, implemented):
    implemented("32.04", 61, 100_000_000)
    implemented("32.05", 91, 300_000_000)
    # 33.02 agreed, went live, stepped back to the agreement and went live again:
    # one region, one time (first agreement to first implementation after it).
    adopt(
        "33.02",
        SLUG,
        [
            ("minat", 400, ""),
            ("kesepakatan", 300, ""),
            ("implementasi", 300 - 122, ""),
            ("kesepakatan", 100, "Server baru, PKS diperbarui."),
            ("implementasi", 50, ""),
        ],
    )
    overall = peers_for(_page()).overall
    assert overall.months.n == 3
    assert overall.months.value == _months(91)


def test_the_host_is_not_a_peer(implemented):
    for code, days in [("32.04", 61), ("32.05", 91)]:
        implemented(code, days, 100_000_000)
    implemented("32.11", 30, 999_000_000)  # Sumedang, the host itself
    overall = peers_for(_page()).overall
    assert overall.months.n == 2 and overall.cost.n == 2


def test_by_kind_and_spbe_band(implemented):
    SpbeScore.objects.filter(region__code__in=KABUPATEN + KOTA).delete()
    scores = {"32.04": "3.60", "32.05": "3.70", "33.02": "3.80", "32.73": "2.10"}
    year = timezone.localdate().year - 1
    for code, index in scores.items():
        region = Region.objects.get(code=code)
        SpbeScore.objects.create(region=region, year=year - 1, index=Decimal("1.50"))
        SpbeScore.objects.create(region=region, year=year, index=Decimal(index))
    implemented("32.04", 61, 100_000_000)
    implemented("32.05", 91, 300_000_000)
    implemented("33.02", 122, 200_000_000)
    implemented("32.73", 30, 50_000_000)
    implemented("33.74", 40, 60_000_000)  # no SPBE index

    figures = peers_for(_page())
    assert [row.key for row in figures.rows][:3] == ["all", "kabupaten", "kota"]
    kabupaten, kota = _row(figures, "kabupaten"), _row(figures, "kota")
    assert kabupaten.months.value == _months(91) and kabupaten.months.n == 3
    assert kota.months.n == 2 and kota.months.value is None
    bands = [row for row in figures.rows if row.key.startswith("band-")]
    # latest index: three at Sangat Baik (3.5 - < 4.2), one Cukup, one without
    assert [row.n for row in [b.months for b in bands]] == [3, 1, 1]
    assert "Sangat Baik" in bands[0].label and bands[0].months.value == _months(91)
    assert "Cukup" in bands[1].label and bands[1].months.value is None
    assert bands[-1].key == "band-none"


def test_few_queries_for_several_pages(implemented, django_assert_max_num_queries):
    implemented("32.04", 61, 100_000_000)
    pages = list(InnovationPage.objects.published()[:4])
    with django_assert_max_num_queries(6):
        peer_figures(pages)
