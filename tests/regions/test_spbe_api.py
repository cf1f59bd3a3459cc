"""The SPBE API: frameworks, national series and a region-year, with the
indicator levels shown only to the region's team, analysts and admins."""

import pytest

pytestmark = pytest.mark.django_db


def test_framework_list_shape(client):
    data = client.get("/api/v1/spbe/frameworks/").json()
    assert data["count"] == 2
    by_code = {row["code"]: row for row in data["results"]}
    assert set(by_code["permenpanrb-59-2020"]) >= {
        "code",
        "name",
        "regulation",
        "valid_from",
        "status",
    }
    assert by_code["permenpanrb-59-2020"]["valid_from"] == 2019
    assert by_code["permenpanrb-59-2020"]["status"] == "active"
    assert by_code["indeks-pemerintah-digital"]["status"] == "draft"


def test_framework_detail_shape(client):
    data = client.get("/api/v1/spbe/frameworks/permenpanrb-59-2020/").json()
    assert [row["name"] for row in data["levels"]] == [
        "Rintisan",
        "Terkelola",
        "Terdefinisi",
        "Terpadu dan Terukur",
        "Optimum",
    ]
    assert [p["name"] for p in data["predicates"]] == [
        "Kurang",
        "Cukup",
        "Baik",
        "Sangat Baik",
        "Memuaskan",
    ]
    assert len(data["indicators"]) == 47
    jdih = next(i for i in data["indicators"] if i["number"] == 44)
    assert jdih["name"] == "Layanan Jaringan Dokumentasi dan Informasi Hukum (JDIH)"
    assert jdih["weight"] == 3.0
    assert jdih["aspect"]["number"] == 8 and jdih["domain"]["number"] == 4
    assert len(jdih["criteria"]) == 5
    assert round(sum(i["weight"] for i in data["indicators"]), 6) == 100


def test_unknown_framework_is_404(client):
    assert client.get("/api/v1/spbe/frameworks/tidak-ada/").status_code == 404


def test_national_series(client):
    data = client.get("/api/v1/spbe/national/").json()
    assert [(r["year"], r["index"]) for r in data["results"]] == [
        (2020, 2.26),
        (2021, 2.24),
        (2022, 2.34),
        (2023, 2.79),
        (2024, 3.12),
    ]
    assert {r["framework"] for r in data["results"]} == {"permenpanrb-59-2020"}


URL = "/api/v1/regions/32.05/spbe/2024/"


def test_region_year_for_the_public_has_indices_but_no_levels(client):
    data = client.get(URL).json()
    assert data["region"] == "32.05" and data["year"] == 2024
    assert data["framework"] == "permenpanrb-59-2020"
    assert data["computed_index"] == data["official_index"]
    assert data["flagged"] is False
    assert data["predicate"]["name"] in {"Kurang", "Cukup", "Baik", "Sangat Baik"}
    assert data["levels_visible"] is False and data["levels"] is None


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("team_member", True),
        ("coordinator", True),
        ("analyst", True),
        ("superuser", True),
        ("other_team_member", False),
        ("sumedang_host", False),
        ("moderator_user", False),
    ],
)
def test_levels_are_shown_by_role(client, request, role, visible):
    client.force_login(request.getfixturevalue(role))
    data = client.get(URL).json()
    assert data["levels_visible"] is visible
    if visible:
        assert len(data["levels"]) == 47
        assert {row["level"] for row in data["levels"]} <= {1, 2, 3, 4, 5}
    else:
        assert data["levels"] is None


def test_region_year_without_figures_and_administrative_units_are_404(client):
    assert client.get("/api/v1/regions/32.05/spbe/2012/").status_code == 404
    response = client.get("/api/v1/regions/31.71/spbe/2024/")
    assert response.status_code == 404
    assert client.get("/api/v1/regions/99.99/spbe/2024/").status_code == 404


def test_the_schema_describes_the_spbe_addresses(client):
    schema = client.get("/api/schema/").content.decode()
    for path in (
        "/api/v1/spbe/frameworks/",
        "/api/v1/spbe/frameworks/{code}/",
        "/api/v1/spbe/national/",
        "/api/v1/regions/{code}/spbe/{year}/",
    ):
        assert path in schema
