"""Any query string returns results or a clear message: never a 500."""

import pytest

pytestmark = pytest.mark.django_db

HOSTILE = [
    "",
    "   ",
    '"unbalanced quote',
    "(((brackets",
    "]]]{{{",
    "title:tte AND OR NOT",
    '+ - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /',
    "tte~~~^^^***",
    "a" * 10_240,
    "layanan " * 1500,
    "🙂🚀 pelayanan 🇮🇩",
    "مرحبا 你好 привет pelayanan",
    "\x00\x01\x1f kontrol",
    "<script>alert(1)</script>",
    "'; DROP TABLE search_searchdocument; --",
    "%00%27%22",
    "*",
    "?",
    "/regex.*/",
]


@pytest.mark.parametrize("q", HOSTILE)
def test_api_never_fails(client, backend, q):
    response = client.get(
        "/api/v1/search/",
        {"q": q, "dimension": "x" * 300, "sort": "chaos", "page": "-3"},
    )
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"count", "results", "facets", "backend"}
    assert data["backend"] == backend
    if len(q) > 200:
        assert any("200" in n for n in data["notices"])


@pytest.mark.parametrize(
    "q", HOSTILE[:8] + ["🙂🚀 pelayanan", "<script>alert(1)</script>"]
)
def test_page_never_fails_and_escapes(client, backend, q):
    response = client.get("/cari/", {"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@pytest.mark.parametrize("raw", ["%ED%A0%80%20x", "%FF%FE", "%C0%AF", "q%00"])
def test_invalid_utf8_in_the_query_string(client, backend, raw):
    response = client.get(f"/api/v1/search/?q={raw}&dimension=%FF")
    assert response.status_code == 200
    assert client.get(f"/cari/?q={raw}").status_code == 200


def test_lone_surrogates_never_reach_the_backends(backend):
    from search import service
    from search.query import SearchQuery

    result = service.search(SearchQuery.from_params({"q": "\ud800 pelayanan \udfff"}))
    assert result.backend == backend


def test_page_past_the_bound_says_so(client, backend):
    response = client.get("/api/v1/search/", {"q": "xylofon", "page": "999"})
    assert response.status_code == 200
    assert response.json()["error"]


def test_bad_page_and_sort_get_notices(client, backend):
    data = client.get(
        "/api/v1/search/", {"q": "xylofon", "page": "dua", "sort": "acak"}
    ).json()
    assert len(data["notices"]) == 2
    assert data["page"] == 1
