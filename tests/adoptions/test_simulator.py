"""What-if simulator: projected SPBE index when case studies reach their
hosts' levels, hand-computed, and who may run it."""

from decimal import Decimal

import pytest

from innovations.models import InnovationPage
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


def _page(slug):
    return InnovationPage.objects.get(slug=slug)


def test_projected_index_by_hand(garut):
    jdih = _page("jdih-terintegrasi-sumedang")  # tagged 15, 26, 44
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
    assert [row[:3] for row in lift.indicators] == [(15, 1, 5), (26, 2, 4), (44, 1, 5)]


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
        InnovationPage.objects.live()
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
