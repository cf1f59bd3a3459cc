"""API-wide behaviour: conditional requests, read-only CORS, JSON 404s, schema."""

from django.urls import reverse

import pytest

PUBLIC_READS = [
    "/api/v1/innovations/",
    "/api/v1/regions/?participating=true",
    "/api/v1/regions/32.11/",
    "/api/v1/regions/32.11/adoptions/",
    "/api/v1/taxonomies/",
    "/api/v1/search/?q=pajak",
]


@pytest.mark.parametrize("url", PUBLIC_READS)
def test_etag_and_304(client, db, url):
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_read_only_cors(client, db):
    response = client.get("/api/v1/taxonomies/", HTTP_ORIGIN="https://data.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    preflight = client.options(
        "/api/v1/adoptions/1/events/",
        HTTP_ORIGIN="https://data.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    assert "POST" not in preflight.get("Access-Control-Allow-Methods", "")
    # Not on people's pages.
    page = client.get("/wilayah/", HTTP_ORIGIN="https://data.example.org")
    assert "Access-Control-Allow-Origin" not in page


def test_unknown_api_path_is_json_404(client, db):
    response = client.get("/api/v1/tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["error"]["status"] == 404


def test_taxonomies(client, db):
    data = client.get(reverse("api:taxonomies")).json()
    assert {d["name"] for d in data["dimensions"]} >= {"Smart Governance"}
    indicators = [
        i["number"] for d in data["spbe"] for a in d["aspects"] for i in a["indicators"]
    ]
    assert sorted(indicators) == list(range(1, 48))


@pytest.mark.parametrize("part", ["source-code", "training", "evidence"])
def test_innovation_parts(client, db, part):
    from innovations.models import InnovationPage

    page = InnovationPage.objects.live().order_by("title").first()
    data = client.get(f"/api/v1/innovations/{page.slug}/{part}/").json()
    assert data["count"] == len(data["results"])
    assert client.get(f"/api/v1/innovations/tidak-ada/{part}/").status_code == 404


def test_schema_and_docs_are_served_locally(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    text = schema.content.decode()
    for path in (
        "/api/v1/search/",
        "/api/v1/innovations/",
        "/api/v1/regions/{code}/adoptions/",
        "/api/v1/adoptions/{id}/events/",
        "/api/v1/taxonomies/",
    ):
        assert path in text
    assert "/admin/" not in text
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "unpkg" not in html
    assert "<script>" not in html  # no inline script: the CSP forbids them


def test_innovations_filter_and_count_like_search(client, db):
    everything = client.get("/api/v1/innovations/?facets=true").json()
    facets = everything["facets"]
    province = facets["province"][0]
    filtered = client.get(
        "/api/v1/innovations/", {"province": province["value"], "facets": "true"}
    ).json()
    assert filtered["count"] == province["count"] < everything["count"]
    search = client.get(
        "/api/v1/search/", {"province": province["value"], "page_size": 50}
    ).json()
    assert search["count"] == filtered["count"]
    assert {r["slug"] for r in search["results"]} == {
        r["slug"] for r in filtered["results"]
    }
    # OR within a facet, AND across facets.
    two = [f["value"] for f in facets["province"][:2]]
    both = client.get("/api/v1/innovations/", {"province": two}).json()
    assert both["count"] == sum(f["count"] for f in facets["province"][:2])
    none = client.get(
        "/api/v1/innovations/", {"province": two[0], "has_source_code": "tidak-ada"}
    ).json()
    assert none["count"] == 0
