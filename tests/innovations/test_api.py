import pytest

from innovations.factories import (
    InnovationPageFactory,
    SourceCodeLinkFactory,
    SpbeEvidenceFactory,
)

pytestmark = pytest.mark.django_db


def test_list_shape_and_only_published(client, library):
    live = InnovationPageFactory(parent=library, slug="api-live")
    draft = InnovationPageFactory(parent=library, slug="api-draft", live=False)
    gone = InnovationPageFactory(parent=library, slug="api-gone")
    gone.unpublish()
    data = client.get("/api/v1/innovations/", {"page_size": 500}).json()
    slugs = {r["slug"] for r in data["results"]}
    assert "api-live" in slugs and "api-draft" not in slugs and "api-gone" not in slugs
    assert data["count"] == len(data["results"])
    record = next(r for r in data["results"] if r["slug"] == "api-live")
    assert set(record) >= {
        "slug",
        "title",
        "summary",
        "host_region",
        "url",
        "dimensions",
        "themes",
        "spbe_indicators",
    }
    assert record["host_region"] == "32.11"
    assert record["url"].endswith(live.url)
    assert draft.pk


def test_a_draft_of_a_live_page_does_not_leak(client, library):
    page = InnovationPageFactory(parent=library, slug="api-leak", title="Judul Terbit")
    page.title = "Judul Draf Rahasia"
    page.save_revision()
    data = client.get("/api/v1/innovations/api-leak/").json()
    assert data["title"] == "Judul Terbit"


def test_detail_has_the_inline_parts_and_no_personal_data(client, library):
    page = InnovationPageFactory(
        parent=library, slug="api-detail", contact_email="budi@example.go.id"
    )
    SourceCodeLinkFactory(page=page, license="EUPL-1.2")
    SpbeEvidenceFactory(page=page)
    data = client.get("/api/v1/innovations/api-detail/").json()
    assert data["source_code"][0]["license"] == "EUPL-1.2"
    assert data["evidence"][0]["verification_status"] == "unverified"
    assert data["readiness"]["total"] == 5
    assert "budi@example.go.id" not in str(data)


def test_unknown_slug_and_bad_filters(client):
    response = client.get("/api/v1/innovations/tidak-ada/")
    assert response.status_code == 404 and response.json()["error"]["message"]
    for params in ({"host": "zz"}, {"maturity": "legendary"}, {"indicator": "abc"}):
        response = client.get("/api/v1/innovations/", params)
        assert response.status_code == 400
        assert response.json()["error"]["message"].startswith(next(iter(params)))


def test_filters(client, library):
    InnovationPageFactory(parent=library, slug="api-pilot", maturity="pilot")
    data = client.get(
        "/api/v1/innovations/", {"maturity": "pilot", "host": "3211"}
    ).json()
    assert "api-pilot" in {r["slug"] for r in data["results"]}
    assert all(r["maturity"] == "pilot" for r in data["results"])


def test_list_query_count_is_fixed(client, library, django_assert_max_num_queries):
    for _ in range(5):
        InnovationPageFactory(parent=library)
    with django_assert_max_num_queries(10):
        client.get("/api/v1/innovations/", {"page_size": 500})
