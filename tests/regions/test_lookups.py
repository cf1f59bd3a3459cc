"""Every region look-up accepts dotted and dotless codes and the common name
forms (issue 15, failure 6): API ``q``, the region list filter, the page and
API addresses."""

import pytest

from livinglab.regions import codes
from livinglab.regions.models import Region
from livinglab.regions.queries import find_region, matching_regions

pytestmark = pytest.mark.django_db

GARUT = [
    "3205",
    "32.05",
    "32 05",
    "Kab. Garut",
    "Kabupaten Garut",
    "garut",
    "KAB GARUT",
]


@pytest.mark.parametrize("spelling", GARUT)
def test_api_q_finds_garut_however_it_is_written(client, spelling):
    data = client.get("/api/v1/regions/", {"q": spelling}).json()
    assert [r["code"] for r in data["results"]] == ["32.05"], spelling


@pytest.mark.parametrize("spelling", GARUT)
def test_region_list_page_finds_garut(client, spelling):
    response = client.get("/wilayah/", {"q": spelling})
    assert [r.code for r in response.context["page"].object_list] == ["32.05"]


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("Kota Bandung", ["32.73"]),
        ("Kabupaten Bandung", ["32.04", "32.17"]),  # and Bandung Barat
        ("bandung", ["32.04", "32.17", "32.73"]),
        ("Kota Adm. Jakarta Selatan", ["31.74"]),
        ("Kota Administrasi Jakarta Selatan", ["31.74"]),
        ("Kabupaten Administrasi Kepulauan Seribu", ["31.01"]),
        ("Kab. Adm. Kepulauan Seribu", ["31.01"]),
        ("Kota Kotamobagu", ["71.74"]),
        (
            "320",
            [
                "32.01",
                "32.02",
                "32.03",
                "32.04",
                "32.05",
                "32.06",
                "32.07",
                "32.08",
                "32.09",
            ],
        ),
    ],
)
def test_name_forms_and_code_starts(spelling, expected):
    found = matching_regions(Region.objects.order_by("code"), spelling)
    assert list(found.values_list("code", flat=True)) == expected


def test_province_code_lists_its_regions(client):
    data = client.get("/api/v1/regions/", {"q": "32", "page_size": 100}).json()
    assert data["count"] == Region.objects.filter(code__startswith="32.").count() == 27


def test_find_region_needs_one_answer():
    assert find_region("Kabupaten Garut").code == "32.05"
    assert find_region("3205").code == "32.05"
    assert find_region("Kota Bandung").code == "32.73"
    assert find_region("bandung") is None  # kabupaten and kota: ambiguous
    assert find_region("32") is None


def test_parse_lookup_shapes():
    assert codes.parse_lookup("3205") == codes.Lookup(code_prefix="32.05")
    assert codes.parse_lookup("Kab. Garut") == codes.Lookup(
        kind="kabupaten", name="garut"
    )
    assert codes.parse_lookup("  Kota   Bandung ") == codes.Lookup(
        kind="kota", name="bandung"
    )
    assert codes.parse_lookup("Kotabaru") == codes.Lookup(name="kotabaru")


@pytest.mark.parametrize("address", ["3205", "kabupaten-garut", "kab-garut"])
def test_page_addresses_lead_to_the_canonical_one(client, address):
    response = client.get(f"/wilayah/{address}/")
    assert response.status_code == 301
    assert response["Location"].endswith("/wilayah/32.05/")


@pytest.mark.parametrize("address", ["3205", "32.05", "kabupaten-garut"])
def test_api_detail_accepts_codes_and_names(client, address):
    response = client.get(f"/api/v1/regions/{address}/")
    assert response.status_code == 200
    assert response.json()["code"] == "32.05"


def test_unknown_names_are_not_found(client):
    assert client.get("/wilayah/kabupaten-atlantis/").status_code == 404
    assert client.get("/api/v1/regions/atlantis/").status_code == 404


def test_region_list_cites_the_act(client):
    body = client.get("/wilayah/").content.decode()
    assert "300.2.2-2138 Tahun 2025" in body and "2025-04-25" in body
