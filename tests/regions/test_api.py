import pytest

pytestmark = pytest.mark.django_db


def test_region_list_shape(client):
    response = client.get("/api/v1/regions/", {"page_size": 600})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 514
    assert len(data["results"]) == 514
    first = data["results"][0]
    assert set(first) >= {"code", "name", "kind", "province", "participation", "spbe"}
    assert first["code"] == "11.01"
    assert first["participation"] is None
    assert first["spbe"] == []


def test_participating_filter_returns_the_62_without_the_host(client):
    data = client.get(
        "/api/v1/regions/", {"participating": "true", "page_size": 100}
    ).json()
    assert data["count"] == 62
    assert "32.11" not in {r["code"] for r in data["results"]}
    assert {r["participation"]["cohort"] for r in data["results"]} == {
        "study_visit",
        "top_spbe",
    }


def test_the_host_has_its_own_cohort_with_spbe_history(client):
    data = client.get("/api/v1/regions/", {"cohort": "host"}).json()
    assert data["count"] == 1
    sumedang = data["results"][0]
    assert sumedang["code"] == "32.11"
    assert sumedang["kind"] == "kabupaten"
    assert sumedang["province"] == {"code": "32", "name": "Jawa Barat"}
    assert sumedang["participation"]["cohort"] == "host"
    assert sumedang["participation"]["is_host"] is True
    assert sumedang["participation"]["demonstration"] is True
    years = [row["year"] for row in sumedang["spbe"]]
    assert years == sorted(years) and len(years) == 4
    for row in sumedang["spbe"]:
        assert isinstance(row["index"], float)
        assert row["predicate"] in {
            "Kurang",
            "Cukup",
            "Baik",
            "Sangat Baik",
            "Memuaskan",
        }


def test_non_participating_and_province_filters(client):
    assert (
        client.get("/api/v1/regions/", {"participating": "false"}).json()["count"]
        == 514 - 62 - 1
    )
    jabar = client.get("/api/v1/regions/", {"province": "32"}).json()
    assert jabar["count"] == 27
    assert all(r["province"]["code"] == "32" for r in jabar["results"])


@pytest.mark.parametrize("code", ["32.11", "3211"])
def test_region_detail_accepts_both_spellings(client, code):
    response = client.get(f"/api/v1/regions/{code}/")
    assert response.status_code == 200
    assert response.json()["code"] == "32.11"


@pytest.mark.parametrize("code", ["99.99", "abc", "32.70", "3299"])
def test_unknown_region_is_404_in_the_error_shape(client, code):
    response = client.get(f"/api/v1/regions/{code}/")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["status"] == 404
    assert error["message"]


@pytest.mark.parametrize(
    "params",
    [
        {"participating": "maybe"},
        {"province": "zz"},
        {"province": "99"},
        {"cohort": "x"},
        {"kind": "desa"},
    ],
)
def test_bad_filters_are_400_with_a_message(client, params):
    response = client.get("/api/v1/regions/", params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["detail"]) == list(params)
    field = next(iter(params))
    assert error["message"].startswith(f"{field}: ")
    assert error["message"] == f"{field}: {error['detail'][field][0]}"


def test_page_past_the_end_is_404_with_a_message(client):
    response = client.get("/api/v1/regions/", {"page": 999})
    assert response.status_code == 404
    assert "999" in response.json()["error"]["message"]


def test_list_query_count_does_not_grow_with_page_size(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        client.get("/api/v1/regions/", {"page_size": 600})
