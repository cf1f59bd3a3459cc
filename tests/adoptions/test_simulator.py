"""What-if simulator: projected SPBE index when case studies reach the
levels their hosts state (else the host region's own), hand-computed; gain
per rupiah; and who may run it."""

from decimal import Decimal

import pytest

from innovations.models import InnovationPage, SpbeLevelReached
from livinglab.adoptions.gains import gain_per_miliar
from livinglab.adoptions.simulator import SimulationError, simulate
from livinglab.regions.models import SpbeIndicatorScore
from livinglab.taxonomy.models import SpbeIndicator

pytestmark = pytest.mark.django_db
URL = "/api/v1/regions/32.05/spbe/simulate/"


def _set_levels(region, year, levels, default=3):
    SpbeIndicatorScore.objects.filter(region=region, year=year).delete()
    SpbeIndicatorScore.objects.bulk_create(
        SpbeIndicatorScore(
            region=region, year=year, indicator=i, level=levels.get(i.number, default)
        )
        for i in SpbeIndicator.objects.current()
    )


def _page(slug, stated=None, cost=...):
    """The demo case study ``slug`` with exactly the ``stated`` levels
    ({indicator number: level}; none by default) and, if given, ``cost``."""
    page = InnovationPage.objects.originals().get(slug=slug)
    SpbeLevelReached.objects.filter(page=page).delete()
    for number, level in (stated or {}).items():
        SpbeLevelReached.objects.create(
            page=page,
            indicator=SpbeIndicator.objects.current().get(number=number),
            level=level,
        )
    if cost is not ...:
        InnovationPage.objects.filter(pk=page.pk).update(cost=cost)
        page.cost = cost
    return page


def _rows(lift):
    return [(r.number, r.from_level, r.to_level, r.source) for r in lift.indicators]


def test_projected_index_by_hand(garut):
    jdih = _page("jdih-terintegrasi-sumedang")  # tagged 15, 26, 44; none stated
    host = jdih.host_region
    SpbeIndicatorScore.objects.filter(region=host).delete()
    _set_levels(host, 2024, {15: 5, 26: 4, 44: 5})
    _set_levels(garut, 2024, {15: 1, 26: 2, 44: 1})
    result = simulate(garut, 2024, [jdih])
    # current: 300 - 2 x 2.50 - 1 x 1.50 - 2 x 3.00 = 287.5 -> 2.875 -> 2.88
    assert result.current_index == Decimal("2.88")
    # projected: 15 -> 5 (+4 x 2.50), 26 -> 4 (+2 x 1.50), 44 -> 5 (+4 x 3.00)
    # 287.5 + 10 + 3 + 12 = 312.5 -> 3.125 -> 3.13
    assert result.projected_index == Decimal("3.13")
    assert result.gain == Decimal("0.25")
    (lift,) = result.lifts
    assert lift.gain == Decimal("0.25")
    assert _rows(lift) == [
        (15, 1, 5, "host_region"),
        (26, 2, 4, "host_region"),
        (44, 1, 5, "host_region"),
    ]


def test_the_level_the_host_states_wins_over_the_host_regions(garut):
    """Issue 17.4: the host states per case study the level it reached; the
    simulator uses it, and the host region's own level only where none is
    stated (indicator by indicator), saying which."""
    jdih = _page("jdih-terintegrasi-sumedang", stated={44: 3})
    SpbeIndicatorScore.objects.filter(region=jdih.host_region).delete()
    _set_levels(jdih.host_region, 2024, {15: 5, 26: 4, 44: 5})
    _set_levels(garut, 2024, {15: 1, 26: 2, 44: 1})
    result = simulate(garut, 2024, [jdih])
    assert result.current_index == Decimal("2.88")  # 287.5 / 100, as above
    # 15 -> 5 (+4 x 2.50) and 26 -> 4 (+2 x 1.50) from the host region;
    # 44 -> 3 as stated (+2 x 3.00), not 5: 287.5 + 10 + 3 + 6 = 306.5 -> 3.07
    assert result.projected_index == Decimal("3.07")
    assert _rows(result.lifts[0]) == [
        (15, 1, 5, "host_region"),
        (26, 2, 4, "host_region"),
        (44, 1, 3, "stated"),
    ]
    # a stated level at or below the region's own lifts nothing
    _set_levels(garut, 2024, {15: 5, 26: 4, 44: 4})
    assert _rows(simulate(garut, 2024, [jdih]).lifts[0]) == []


def test_without_any_known_level_one_level_up(garut):
    jdih = _page("jdih-terintegrasi-sumedang")
    SpbeIndicatorScore.objects.filter(region=jdih.host_region).delete()
    _set_levels(garut, 2024, {15: 1, 26: 2, 44: 5})
    (lift,) = simulate(garut, 2024, [jdih]).lifts
    assert _rows(lift) == [(15, 1, 2, "one_up"), (26, 2, 3, "one_up")]


def test_gain_per_miliar_by_hand(garut):
    """gain × 10⁹ / cost: 0.03 index points for Rp 500.000.000 is 0.06 per
    Rp 1 miliar; no figure without a cost (or at cost 0)."""
    assert gain_per_miliar(Decimal("0.03"), Decimal(500_000_000)) == Decimal("0.06")
    assert gain_per_miliar(Decimal("0.25"), Decimal(2_400_000_000)) == Decimal("0.1042")
    assert gain_per_miliar(Decimal("0.03"), None) is None
    assert gain_per_miliar(Decimal("0.03"), Decimal(0)) is None
    jdih = _page("jdih-terintegrasi-sumedang", stated={44: 2}, cost=500_000_000)
    _set_levels(garut, 2024, {15: 5, 26: 5, 44: 1})
    (lift,) = simulate(garut, 2024, [jdih]).lifts
    # 44: 1 -> 2 is +1 x 3.00 % = 0.03 (302 -> 305 hundredths)
    assert lift.gain == Decimal("0.03")
    assert lift.gain_per_miliar == Decimal("0.06")


def _cheap_and_unknown(garut):
    """JDIH: gain 0.03 at Rp 500 juta (0.06 per miliar); the complaints case
    study: a bigger gain (42 from 1 to 5 as its host region) but no cost."""
    jdih = _page("jdih-terintegrasi-sumedang", stated={44: 4}, cost=500_000_000)
    complaints = _page("pengaduan-terpadu-semarang", cost=None)
    _set_levels(garut, 2024, {15: 5, 26: 5, 44: 3, 18: 5, 28: 5, 42: 1})
    SpbeIndicatorScore.objects.filter(region=complaints.host_region).delete()
    _set_levels(complaints.host_region, 2024, {42: 5}, default=5)
    return jdih, complaints


def test_unknown_cost_is_ranked_last_by_gain_per_rupiah(garut):
    jdih, complaints = _cheap_and_unknown(garut)
    by_gain = simulate(garut, 2024, [jdih, complaints])
    assert [lift.innovation for lift in by_gain.lifts] == [complaints, jdih]
    by_cost = simulate(garut, 2024, [complaints, jdih], sort="per_rupiah")
    assert [lift.innovation for lift in by_cost.lifts] == [jdih, complaints]
    assert by_cost.lifts[1].gain_per_miliar is None
    assert by_cost.lifts[1].gain == Decimal("0.12")  # 4 x 3.00 %


def test_api_says_the_source_and_the_gain_per_rupiah(client, team_member, garut):
    jdih, complaints = _cheap_and_unknown(garut)
    client.force_login(team_member)
    params = {"year": 2024, "innovations": f"{complaints.slug},{jdih.slug}"}
    data = client.get(URL, {**params, "sort": "per_rupiah"}).json()
    assert [row["slug"] for row in data["innovations"]] == [jdih.slug, complaints.slug]
    first, last = data["innovations"]
    assert first["gain"] == 0.03 and first["gain_per_miliar"] == 0.06
    assert first["cost"] == 500_000_000
    assert first["indicators"] == [
        {
            "number": 44,
            "from_level": 3,
            "to_level": 4,
            "weight": 3.0,
            "source": "stated",
        }
    ]
    assert last["gain_per_miliar"] is None and last["cost"] is None
    assert last["indicators"][0]["source"] == "host_region"
    by_gain = client.get(URL, params).json()
    assert [row["slug"] for row in by_gain["innovations"]] == [
        complaints.slug,
        jdih.slug,
    ]
    bad = client.get(URL, {**params, "sort": "murah"})
    assert bad.status_code == 400 and "sort" in bad.json()["error"]["detail"]


def test_levels_never_go_down_and_need_every_indicator(garut):
    jdih = _page("jdih-terintegrasi-sumedang")
    SpbeIndicatorScore.objects.filter(region=jdih.host_region).delete()
    _set_levels(jdih.host_region, 2024, {}, default=2)
    _set_levels(garut, 2024, {}, default=4)
    result = simulate(garut, 2024, [jdih])
    assert result.gain == 0 and result.lifts[0].indicators == []
    SpbeIndicatorScore.objects.filter(
        region=garut, year=2024, indicator__number=47
    ).delete()
    with pytest.raises(SimulationError):
        simulate(garut, 2024, [jdih])


def test_api_shape_for_the_team(client, team_member, garut):
    client.force_login(team_member)
    slugs = list(
        InnovationPage.objects.originals()
        .live()
        .filter(spbe_indicators__isnull=False)
        .values_list("slug", flat=True)
        .distinct()[:2]
    )
    data = client.get(URL, {"year": 2024, "innovations": ",".join(slugs)}).json()
    assert set(data) >= {
        "current_index",
        "projected_index",
        "gain",
        "innovations",
        "current_predicate",
        "projected_predicate",
    }
    assert data["projected_index"] >= data["current_index"]
    gains = [row["gain"] for row in data["innovations"]]
    assert gains == sorted(gains, reverse=True)
    assert {row["slug"] for row in data["innovations"]} == set(slugs)


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc", "innovations": "jdih-terintegrasi-sumedang"},
        {"year": 2024, "innovations": ""},
        {"year": 2024, "innovations": "tidak-ada"},
        {"year": 2012, "innovations": "jdih-terintegrasi-sumedang"},
    ],
)
def test_bad_input_is_a_400_with_a_message(client, team_member, params):
    client.force_login(team_member)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.json()["error"]["message"]


def test_other_regions_and_the_public_may_not_simulate(client, other_team_member):
    params = {"year": 2024, "innovations": "jdih-terintegrasi-sumedang"}
    assert client.get(URL, params).status_code == 401
    client.force_login(other_team_member)
    assert client.get(URL, params).status_code == 403


PAGE = "/adopsi/wilayah/32.05/spbe/simulasi/"


def test_the_simulator_page_projects_two_case_studies(client, team_member, garut):
    """Issue 17.4: the simulator was API-only; a region's team uses it as a
    page (GET form, no JavaScript): the same figures as ``simulate``."""
    jdih = _page("jdih-terintegrasi-sumedang")
    SpbeIndicatorScore.objects.filter(region=jdih.host_region).delete()
    _set_levels(jdih.host_region, 2024, {15: 5, 26: 4, 44: 5})
    _set_levels(garut, 2024, {15: 1, 26: 2, 44: 1})
    other = (
        InnovationPage.objects.published()
        .filter(spbe_indicators__isnull=False)
        .exclude(pk=jdih.pk)
        .exclude(host_region=garut)
        .first()
    )
    client.force_login(team_member)
    form = client.get(PAGE)
    assert form.status_code == 200
    assert f'value="{jdih.slug}"' in form.content.decode()
    response = client.get(PAGE, {"year": 2024, "innovations": [jdih.slug, other.slug]})
    html = response.content.decode()
    expected = simulate(garut, 2024, [jdih, other])
    assert response.context["result"].projected_index == expected.projected_index
    assert "2,88" in html  # the current index, Indonesian decimals
    assert f"{expected.projected_index:.2f}".replace(".", ",") in html
    assert html.index(jdih.title) < html.rindex("Simulasikan")


def test_the_simulator_page_says_what_is_wrong(client, team_member, garut):
    client.force_login(team_member)
    response = client.get(PAGE, {"year": "abc", "innovations": ["tidak-ada"]})
    assert response.status_code == 200
    assert "Pilih setidaknya satu studi kasus." in response.content.decode()


def test_the_simulator_page_is_the_regions_own(client, other_team_member, analyst):
    client.force_login(other_team_member)
    assert client.get(PAGE).status_code == 403
    client.logout()
    assert client.get(PAGE).status_code == 302


def test_the_page_ranks_by_gain_per_rupiah_without_javascript(
    client, team_member, garut
):
    """A plain GET parameter (radio buttons in the form) chooses the order;
    the gain per Rp 1 miliar is printed in the site's number format and an
    unknown cost says so."""
    jdih, complaints = _cheap_and_unknown(garut)
    client.force_login(team_member)
    chosen = {"year": 2024, "innovations": [complaints.slug, jdih.slug]}
    html = client.get(PAGE, chosen).content.decode()
    assert 'name="sort" value="gain" checked' in html
    assert html.index(complaints.title) < html.index(jdih.title)
    html = client.get(PAGE, {**chosen, "sort": "per_rupiah"}).content.decode()
    assert 'name="sort" value="per_rupiah" checked' in html
    table = html[html.index("<tbody>", html.index("Rp 1 miliar")) :]
    assert table.index(jdih.title) < table.index(complaints.title)
    assert "+0,060" in table  # 0.03 per Rp 0.5 miliar, Indonesian decimals
    assert "500.000.000" in table
    assert "biaya tidak diketahui" in table
    assert "dinyatakan tuan rumah" in table  # source of 44's target
    # an unknown sort falls back to the default, never a 500
    response = client.get(PAGE, {**chosen, "sort": "<script>"})
    assert response.status_code == 200
    assert response.context["sort"] == "gain"


def test_expected_gains_of_implemented_case_studies_by_hand(garut):
    """Issue 17.5: the dashboard sets each region's observed index change
    beside the weighted gain the simulator expects from the case studies it
    implemented (one batch, the same rule as ``simulate``)."""
    from livinglab.adoptions.simulator import expected_gains

    jdih = _page("jdih-terintegrasi-sumedang", stated={44: 3})
    SpbeIndicatorScore.objects.filter(region=jdih.host_region).delete()
    _set_levels(jdih.host_region, 2024, {15: 5, 26: 4, 44: 5})
    _set_levels(garut, 2024, {15: 1, 26: 2, 44: 1})
    host = jdih.host_region
    gains = expected_gains(2024, {garut.pk: [jdih], host.pk: [jdih]})
    # as in the by-hand case above: 2.88 -> 3.07
    assert gains[garut.pk] == simulate(garut, 2024, [jdih]).gain == Decimal("0.19")
    # the host already sits at or above every target: nothing expected
    assert gains[host.pk] == Decimal("0.00")
    # a region without every level is left out; no framework, nothing
    SpbeIndicatorScore.objects.filter(region=garut, indicator__number=44).delete()
    assert garut.pk not in expected_gains(2024, {garut.pk: [jdih]})
    assert expected_gains(1999, {host.pk: [jdih]}) == {}


def test_the_simulator_page_titles_itself_once(client, team_member, garut):
    """Newcomer finding (session 5): the <title> said "Simulasi SPBE ·
    Kabupaten Garut · Simulasi SPBE · …"."""
    import re

    client.force_login(team_member)
    html = client.get(PAGE).content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    parts = [part.strip() for part in title.split("·")]
    assert len(parts) == len(set(parts)) == 3, title
    assert parts[1] == garut.name
