"""The Kemendagri dashboard page: matrix, filters, funnel, series, provinces,
stalled adoptions, the SPBE correlation and who may see it."""

import math
import re

from django.urls import reverse
from django.utils import timezone

import pytest

from innovations.models import InnovationPage
from livinglab.adoptions.dashboard import charts, figures
from livinglab.adoptions.models import StageEvent
from livinglab.regions.models import Participation, SpbeScore
from livinglab.taxonomy.models import SmartCityDimension, Theme

from .conftest import EXPECTED_EVENTS, EXPECTED_STAGES

URL = "/adopsi/dasbor/"


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


def funnel_numbers(html):
    """``{stage: now}`` read from the funnel table of the page."""
    return {
        stage: int(n)
        for stage, n in re.findall(
            r'<tr data-stage="(\w+)"><th scope="row">[^<]*</th><td class="num">(\d+)</td>',
            html,
        )
    }


# Access ----------------------------------------------------------------------


def test_url_names():
    assert reverse("adoptions:dashboard") == URL
    assert (
        reverse("adoptions:dashboard-export-matrix", args=["csv"])
        == URL + "ekspor/matriks.csv"
    )
    assert (
        reverse("adoptions:dashboard-export-events", args=["xlsx"])
        == URL + "ekspor/peristiwa.xlsx"
    )


@pytest.mark.django_db
def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL + "?province=32")
    assert response.status_code == 302
    assert "next=" in response["Location"]
    assert "/adopsi/dasbor/" in response["Location"]


def test_region_team_member_is_refused(client, team_member):
    client.force_login(team_member)
    assert client.get(URL).status_code == 403
    assert client.get(URL + "ekspor/matriks.csv").status_code == 403


def test_analyst_and_superuser_see_it(client, analyst, superuser, dashboard_scenario):
    for user in (analyst, superuser):
        client.force_login(user)
        response = client.get(URL)
        assert response.status_code == 200
        assert 'href="/static/livinglab/dashboard.css"' in response.content.decode()


def test_english_version(analyst_client, dashboard_scenario):
    response = analyst_client.get("/en" + URL)
    assert response.status_code == 200
    assert "Adoption dashboard" in response.content.decode()


def test_page_has_no_script_and_no_inline_style(analyst_client, dashboard_scenario):
    html = analyst_client.get(URL).content.decode()
    assert "<script" not in html.split("</header>", 1)[1]
    assert " style=" not in html
    assert " onclick=" not in html


def test_print_stylesheet_shows_the_stage_names():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    css = Path(finders.find("livinglab/dashboard.css")).read_text(encoding="utf-8")
    screen, printed = css.split("@media print", 1)
    assert "table.matrix .stage-text" in screen  # hidden on screen, read aloud
    assert "table.matrix .stage-text { position: static" in printed
    assert "table.matrix .mark { display: none; }" in printed


# The funnel and the totals -------------------------------------------------------


def test_funnel_counts_each_stage(analyst_client, dashboard_scenario):
    response = analyst_client.get(URL)
    html = response.content.decode()
    assert funnel_numbers(html) == EXPECTED_STAGES
    funnel = response.context["funnel"]
    assert funnel["total"] == 7
    assert funnel["stopped"] == 1
    # In pipeline order, "at this stage or further" adds up from the end.
    assert [r["stage"] for r in funnel["rows"]][:3] == [
        "minat",
        "studi_tiru",
        "kesepakatan",
    ]
    assert [r["at_or_beyond"] for r in funnel["rows"]] == [6, 5, 5, 4, 3, 3, 2, 1]
    totals = response.context["totals"]
    assert totals["adoptions"] == 7
    assert totals["implemented"] == 2
    assert totals["regions_adopting"] == 5
    assert totals["regions"] == Participation.objects.pilot().count() == 62
    assert totals["innovations"] == InnovationPage.objects.originals().live().count()


# The matrix ------------------------------------------------------------------------


def test_matrix_cells_show_the_stage(analyst_client, dashboard_scenario):
    response = analyst_client.get(URL)
    matrix = response.context["matrix"]
    columns = [page.slug for page in matrix["columns"]]
    # The most adopted innovation comes first.
    assert columns[0] == "tte-sumedang"
    rows = {row["region"].code: row["cells"] for row in matrix["rows"]}
    assert len(rows) == 62
    tte = columns.index("tte-sumedang")
    assert rows["32.04"][tte]["stage"] == "implementasi"
    assert rows["32.05"][tte]["stage"] == "dilembagakan"
    assert rows["51.03"][tte]["stage"] == "uji_coba"
    assert "32.11" not in rows  # the host's cohort is apart from the 62
    # Every adoption is in exactly one cell.
    stages = [c["stage"] for cells in rows.values() for c in cells if c]
    assert {s: stages.count(s) for s in EXPECTED_STAGES} == EXPECTED_STAGES
    html = response.content.decode()
    assert html.count('class="cell cell-implementasi"') == 1
    assert html.count('class="cell cell-dihentikan"') == 1
    # The stage's name is in the cell for screen readers and print.
    assert re.search(
        r'class="cell cell-kesepakatan"><span class="mark" aria-hidden="true">3</span>'
        r'<span class="stage-text">[^<]+</span>',
        html,
    )


def test_matrix_pages_innovation_columns(
    analyst_client, dashboard_scenario, monkeypatch
):
    monkeypatch.setattr(figures, "INNOVATIONS_PER_PAGE", 2)
    response = analyst_client.get(URL + "?province=32")
    matrix = response.context["matrix"]
    assert [p.slug for p in matrix["columns"]][0] == "tte-sumedang"
    assert len(matrix["columns"]) == 2
    html = response.content.decode()
    assert "province=32&amp;cols=2" in html
    second = analyst_client.get(URL + "?province=32&cols=2").context["matrix"]
    assert len(second["columns"]) == 2
    assert "tte-sumedang" not in [p.slug for p in second["columns"]]


# Filters -------------------------------------------------------------------------


def test_province_filter(analyst_client, dashboard_scenario):
    response = analyst_client.get(URL + "?province=32")
    assert response.status_code == 200
    regions = [row["region"] for row in response.context["matrix"]["rows"]]
    assert (
        len(regions)
        == Participation.objects.pilot().filter(region__code__startswith="32").count()
    )
    assert {r.province.code for r in regions} == {"32"}
    assert funnel_numbers(response.content.decode()) == {
        **dict.fromkeys(EXPECTED_STAGES, 0),
        "kesepakatan": 1,
        "implementasi": 1,
        "dilembagakan": 1,
        "dihentikan": 1,
    }


def test_cohort_filter(analyst_client, dashboard_scenario):
    response = analyst_client.get(URL + "?cohort=top_spbe")
    rows = response.context["matrix"]["rows"]
    assert len(rows) == Participation.objects.filter(cohort="top_spbe").count() == 10
    assert response.context["funnel"]["total"] == 1
    assert funnel_numbers(response.content.decode())["uji_coba"] == 1


def test_dimension_filter(analyst_client, dashboard_scenario):
    economy = SmartCityDimension.objects.get(name="Smart Economy")
    response = analyst_client.get(URL, {"dimension": economy.pk})
    columns = {p.slug for p in response.context["matrix"]["columns"]}
    assert columns == set(
        InnovationPage.objects.originals()
        .live()
        .filter(dimensions=economy)
        .values_list("slug", flat=True)
    )
    assert "lapak-umkm-banyuwangi" in columns
    assert "tte-sumedang" not in columns
    numbers = funnel_numbers(response.content.decode())
    assert numbers["dihentikan"] == 1 and numbers["alih_teknologi"] == 1
    assert sum(numbers.values()) == 2


def test_theme_filter(analyst_client, dashboard_scenario):
    poverty = Theme.objects.get(name="Pengentasan Kemiskinan")
    response = analyst_client.get(URL, {"theme": poverty.pk, "province": "32"})
    numbers = funnel_numbers(response.content.decode())
    assert numbers["kesepakatan"] == 1 and numbers["dihentikan"] == 1
    assert sum(numbers.values()) == 2


@pytest.mark.parametrize(
    "query",
    [
        "province=99",
        "cohort=nope",
        "dimension=999999",
        "theme=Bukan Tema",
        "stalled_days=0",
        "stalled_days=3651",
        "stalled_days=abc",
        "spbe_from=2024&spbe_to=2023",
    ],
)
def test_invalid_filters_are_explained(analyst_client, dashboard_scenario, query):
    response = analyst_client.get(f"{URL}?{query}")
    assert response.status_code == 400
    html = response.content.decode()
    # the error summary at the top (announced), each error by its field
    assert 'class="error-summary"' in html and 'role="alert"' in html
    assert '<p class="error" id="' in html


# Over time, per province ----------------------------------------------------------


def test_monthly_series(analyst_client, dashboard_scenario):
    series = analyst_client.get(URL).context["series"]
    assert (
        sum(r["events"] for r in series)
        == EXPECTED_EVENTS
        == StageEvent.objects.count()
    )
    assert sum(r["started"] for r in series) == 7
    today = timezone.localdate()
    assert series[-1]["month"] == today.replace(day=1)
    months = [r["month"] for r in series]
    assert months == sorted(months) and len(set(months)) == len(months)
    # Each month counts the steps dated in it.
    for row in series:
        assert (
            row["events"]
            == StageEvent.objects.filter(
                date__year=row["month"].year, date__month=row["month"].month
            ).count()
        )


def test_monthly_fills_gaps_and_caps():
    assert figures._add_months((2025, 12), 1) == (2026, 1)
    assert figures._add_months((2026, 1), -13) == (2024, 12)


def test_province_summary(analyst_client, dashboard_scenario):
    provinces = {p["code"]: p for p in analyst_client.get(URL).context["provinces"]}
    west_java = provinces["32"]
    assert west_java["regions"] == 11  # the 62's; the host Sumedang is apart
    assert west_java["adoptions"] == 4
    assert west_java["regions_adopting"] == 2
    assert west_java["implemented"] == 2
    assert west_java["stopped"] == 1
    # Stopped left out: (kesepakatan 3 + implementasi 7 + dilembagakan 8) / 3.
    assert west_java["average_stage"] == pytest.approx(6.0)
    assert provinces["51"]["average_stage"] == pytest.approx(6.0)  # uji_coba
    assert provinces["11"]["adoptions"] == 0
    assert provinces["11"]["average_stage"] is None
    assert sum(p["regions"] for p in provinces.values()) == 62


# Stalled ---------------------------------------------------------------------------


def test_stalled_default_sixty_days(analyst_client, dashboard_scenario, settings):
    settings.ADOPTION_STALLED_DAYS = 60
    response = analyst_client.get(URL)
    rows = list(response.context["stalled_page"].object_list)
    assert [(r["region__code"], r["stage"]) for r in rows] == [
        ("32.05", "kesepakatan"),
        ("33.02", "alih_teknologi"),
    ]
    assert [r["days"] for r in rows] == [100, 70]
    assert response.context["totals"]["stalled"] == 2


def test_stalled_days_parameter_and_setting(
    analyst_client, dashboard_scenario, settings
):
    response = analyst_client.get(URL + "?stalled_days=90")
    assert [
        r["region__code"] for r in response.context["stalled_page"].object_list
    ] == ["32.05"]
    # Institutionalised and stopped adoptions never stall.
    response = analyst_client.get(URL + "?stalled_days=1")
    stages = {r["stage"] for r in response.context["stalled_page"].object_list}
    assert stages == {
        "minat",
        "kesepakatan",
        "alih_teknologi",
        "implementasi",
        "uji_coba",
    }
    settings.ADOPTION_STALLED_DAYS = 90
    assert analyst_client.get(URL).context["totals"]["stalled"] == 1


# SPBE --------------------------------------------------------------------------------


def test_correlation_against_a_hand_computation():
    # x: 0 1 2 3 (mean 1.5), y: .1 0 .3 .4 (mean .2)
    # sum dx*dy = .15 + .1 + .05 + .3 = .6; sum dx² = 5; sum dy² = .1
    # r = .6 / sqrt(5 * .1) = 0.848528…
    assert figures.correlation([0, 1, 2, 3], [0.1, 0.0, 0.3, 0.4]) == pytest.approx(
        0.6 / math.sqrt(0.5)
    )
    assert figures.correlation([1, 2], [1, 2]) is None  # too few
    assert figures.correlation([1, 1, 1], [1, 2, 3]) is None  # no variation


def test_spbe_change_and_pearson(analyst_client, dashboard_scenario):
    years = sorted(set(SpbeScore.objects.values_list("year", flat=True)))
    response = analyst_client.get(URL + "?province=32")
    change = response.context["change"]
    assert (change["year_from"], change["year_to"]) == (years[-2], years[-1])
    points = {p["code"]: p for p in change["points"]}
    assert points["32.04"]["implemented"] == 1
    assert points["32.05"]["implemented"] == 1
    assert all(
        p["implemented"] == 0 for c, p in points.items() if c not in ("32.04", "32.05")
    )
    # By hand, from the stored indices.
    xs, ys = [], []
    for code in points:
        before = SpbeScore.objects.get(region__code=code, year=years[-2]).index
        after = SpbeScore.objects.get(region__code=code, year=years[-1]).index
        assert points[code]["change"] == after - before
        xs.append(1 if code in ("32.04", "32.05") else 0)
        ys.append(float(after - before))
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    expected = sxy / math.sqrt(sxx * syy)
    assert change["n"] == n == 11
    assert change["r"] == pytest.approx(expected)
    html = response.content.decode()
    assert f"r = {expected:.2f}".replace(".", ",") in html  # Indonesian decimals
    assert "korelasi, bukan sebab-akibat" in html
    assert html.count('class="dot point"') == n


def test_spbe_years_are_selectable(analyst_client, dashboard_scenario):
    years = sorted(set(SpbeScore.objects.values_list("year", flat=True)))
    response = analyst_client.get(URL, {"spbe_from": years[0], "spbe_to": years[-1]})
    change = response.context["change"]
    assert (change["year_from"], change["year_to"]) == (years[0], years[-1])
    assert change["n"] == 62
    response = analyst_client.get(URL, {"spbe_from": 1999})
    assert response.status_code == 400


def test_count_axes_use_whole_steps():
    assert charts.count_scale(0) == (1, 1)
    assert charts.count_scale(2) == (2, 1)
    assert charts.count_scale(7) == (8, 2)
    assert charts.count_scale(23) == (25, 5)
    assert charts.count_scale(1234) == (1500, 500)


def test_scatter_geometry_is_plain_numbers():
    change = {
        "points": [
            {"implemented": 0, "change": -0.2, "code": "a", "name": "A"},
            {"implemented": 3, "change": 0.4, "code": "b", "name": "B"},
        ],
        "r": None,
        "n": 2,
        "year_from": 2023,
        "year_to": 2024,
    }
    chart = charts.scatter_chart(change)
    # x from 0 to 3 implemented, 12 px inside the frame (52 to 624) at both ends
    assert [p["x"] for p in chart["points"]] == ["64.0", "612.0"]
    assert [t["value"] for t in chart["x_ticks"]] == ["0", "1", "2", "3"]
    # y runs from +0.5 (top) to -0.5 (bottom); zero in the middle.
    assert chart["zero_y"] == "146.0"
    assert (
        float(chart["points"][1]["y"])
        < float(chart["zero_y"])
        < float(chart["points"][0]["y"])
    )


def test_spbe_change_reads_the_index_computed_from_levels(
    analyst_client, dashboard_scenario
):
    """Issue 17.5: where a region-year has a level for every indicator, the
    dashboard uses the index computed from them with the framework's weights
    (here all 5 -> 5.00), not the published figure; elsewhere the published."""
    from decimal import Decimal

    from livinglab.regions.models import Region, SpbeIndicatorScore
    from livinglab.taxonomy.models import SpbeIndicator

    years = sorted(set(SpbeScore.objects.values_list("year", flat=True)))
    garut = Region.objects.get(code="32.05")
    score = SpbeScore.objects.get(region=garut, year=years[-1])
    score.index = Decimal("2.00")
    score.save()
    SpbeIndicatorScore.objects.filter(region=garut, year=years[-1]).delete()
    framework_indicators = SpbeIndicator.objects.current()
    SpbeIndicatorScore.objects.bulk_create(
        SpbeIndicatorScore(region=garut, year=years[-1], indicator=i, level=5)
        for i in framework_indicators
    )
    change = analyst_client.get(URL + "?province=32").context["change"]
    point = next(p for p in change["points"] if p["code"] == "32.05")
    assert point["index_to"] == Decimal("5.00")


def test_spbe_table_sets_the_expected_weighted_gain_beside_the_change(
    analyst_client, dashboard_scenario
):
    """Issue 17.5: beside each region's observed change, the weighted gain
    the simulator expects from the case studies it implemented
    (``simulator.expected_gains`` on the first year's levels); indices with
    two decimals in the page's notation (the computed index printed
    "2,52000000000000" on SQLite)."""

    from livinglab.adoptions.models import IMPLEMENTED, Adoption
    from livinglab.adoptions.simulator import expected_gains
    from livinglab.regions.models import Region, SpbeIndicatorScore
    from livinglab.taxonomy.models import SpbeIndicator

    years = sorted(set(SpbeScore.objects.values_list("year", flat=True)))
    garut = Region.objects.get(code="32.05")
    for year in years[-2:]:
        SpbeIndicatorScore.objects.filter(region=garut, year=year).delete()
        SpbeIndicatorScore.objects.bulk_create(
            SpbeIndicatorScore(region=garut, year=year, indicator=i, level=1)
            for i in SpbeIndicator.objects.current()
        )
    pages = [
        a.innovation
        for a in Adoption.objects.filter(region=garut, stage__in=IMPLEMENTED)
    ]
    want = expected_gains(years[-2], {garut.pk: pages})[garut.pk]
    assert want > 0  # its implemented case study lifts indicators above 1
    response = analyst_client.get(URL + "?province=32")
    point = next(
        p for p in response.context["change"]["points"] if p["code"] == "32.05"
    )
    assert point["expected"] == want
    row = f'data-region="32.05"><th scope="row">{garut.name}</th>'
    html = response.content.decode()
    assert row in html
    cells = html.split(row, 1)[1].split("</tr>", 1)[0]
    assert f"+{want:.2f}".replace(".", ",") in cells
    assert "1,00" in cells  # all levels 1: index 1.00, two decimals
    assert "1,000" not in cells
