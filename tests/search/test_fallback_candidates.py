"""The PostgreSQL fallback ranks and counts a bounded candidate set (issue 14,
latency at 50,000 documents): at most ``db_backend.CANDIDATE_CAP`` matching
documents are read, those whose title or summary match first; when a query
matches more, the count and the facet counts say they are approximate (API
``approximate``, "Sekitar …" on the page). The results still honour the
filters, the facets' multi-select counts, the sort orders and the
restricted pages.

Behaviour, not timing: the cap is lowered so a handful of documents exceed
it. Real PostgreSQL (the candidates use its GIN indexes); skipped on SQLite.
"""

from django.db import connection

import pytest

from search import db_backend
from search.models import SearchDocument

from .test_database_backend import (
    FIRST_ID,
    OTHER,
    TOKEN,
    database_search,
    make_document,
    slugs,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's bounded candidates"
    ),
]


@pytest.fixture
def cap(monkeypatch):
    """Lower the candidate cap to three documents."""
    monkeypatch.setattr(db_backend, "CANDIDATE_CAP", 3)
    return 3


def body_and_title_corpus():
    """Five documents with the token in the body only, stored first, then two
    with it in the title: a capped set must still hold the title ones."""
    documents = [
        make_document(
            i,
            f"Catatan biasa {i}",
            body=f"Uraian panjang yang menyebut {TOKEN} sekali.",
            facets={"dimension": ["Smart Living"]},
            days_ago=i,
        )
        for i in range(5)
    ]
    documents += [
        make_document(
            10,
            f"Layanan {TOKEN} {OTHER}",
            facets={"dimension": ["Smart Economy"]},
            days_ago=30,
        ),
        make_document(
            11,
            "Aplikasi daring",
            summary=f"Ringkasan {TOKEN} untuk warga.",
            facets={"dimension": ["Smart Governance"]},
            days_ago=40,
        ),
    ]
    SearchDocument.objects.bulk_create(documents)
    return documents


def facet_total(result, facet):
    return sum(item["count"] for item in result.facets[facet])


def test_a_query_matching_more_than_the_cap_reads_only_the_cap(cap):
    body_and_title_corpus()
    result = database_search(q=TOKEN)
    assert result.approximate is True and result.approximate_facets is True
    assert result.as_json()["approximate"] is True
    assert len(result.results) == cap
    # the count is an estimate, never below what was read
    assert result.count >= cap
    # the facet counts are those of the candidates
    assert facet_total(result, "dimension") == cap


def test_title_and_summary_matches_are_candidates_first(cap):
    body_and_title_corpus()
    found = slugs(database_search(q=TOKEN))
    # stored last, matched in the title and the summary: ranked first
    assert found[:2] == ["ft-10", "ft-11"]


def test_under_the_cap_everything_is_exact(cap):
    SearchDocument.objects.bulk_create(
        [make_document(i, f"Layanan {TOKEN} {i}") for i in range(3)]
        + [make_document(9, f"Layanan {OTHER}")]
    )
    result = database_search(q=TOKEN)
    assert result.approximate is False and result.approximate_facets is False
    assert result.as_json()["approximate"] is False
    assert result.count == 3
    assert sorted(slugs(result)) == ["ft-0", "ft-1", "ft-2"]


def test_filters_still_hold_when_capped(cap):
    body_and_title_corpus()
    result = database_search(q=TOKEN, dimension="Smart Living")
    assert result.results
    for item in result.results:
        document = SearchDocument.objects.get(slug=item["slug"])
        assert "Smart Living" in document.facets["dimension"]
    # five documents pass the filter: more than the cap
    assert result.approximate is True and len(result.results) == cap
    # a facet's counts ignore its own filter (multi-select), from the
    # candidates without filters: other dimensions are offered
    offered = {item["value"] for item in result.facets["dimension"]}
    assert {"Smart Economy", "Smart Governance"} & offered
    # a filter only the title documents pass: all of them, exactly
    result = database_search(q=TOKEN, dimension="Smart Economy")
    assert slugs(result) == ["ft-10"]
    assert result.count == 1 and result.approximate is False
    # the facet counts come from the (cut) candidates without the filter
    assert result.approximate_facets is True


@pytest.mark.parametrize("sort", ["newest", "replicated"])
def test_sort_orders_are_exact_when_capped(cap, sort):
    documents = body_and_title_corpus()
    replications = {0: 1, 1: 7, 2: 0, 3: 4, 4: 2, 10: 9, 11: 3}
    for i, n in replications.items():
        SearchDocument.objects.filter(page_id=FIRST_ID + i).update(replication_count=n)
    result = database_search(q=TOKEN, sort=sort)
    assert result.approximate is True
    if sort == "newest":  # days_ago 0, 1, 2 are the newest of all seven
        expected = ["ft-0", "ft-1", "ft-2"]
    else:  # 9, 7, 4 replications
        expected = ["ft-10", "ft-1", "ft-3"]
    assert slugs(result) == expected
    assert len(documents) > cap


def test_the_page_says_the_count_is_approximate(client, cap, settings):
    settings.ELASTICSEARCH_URL = ""
    body_and_title_corpus()
    html = client.get("/cari/", {"q": TOKEN}).content.decode()
    assert "Sekitar" in html
    assert "perkiraan" in html
    # an exact count under the cap, facet counts from cut candidates
    html = client.get("/cari/", {"q": TOKEN, "dimension": "Smart Economy"})
    html = html.content.decode()
    assert "Sekitar" not in html and "1 inovasi ditemukan" in html
    assert "angka pada filter adalah perkiraan" in html
    # nothing cut: no such words
    html = client.get("/cari/", {"q": OTHER}).content.decode()
    assert "Sekitar" not in html and "perkiraan" not in html
    api = client.get("/api/v1/search/", {"q": TOKEN}).json()
    assert api["approximate"] is True


def test_a_capped_search_costs_one_more_query_at_most(
    cap, django_assert_max_num_queries
):
    body_and_title_corpus()
    database_search(q=TOKEN, dimension="Smart Living")  # fills the known-values cache
    # newest change, candidates with facets and count, the estimate, the
    # page, its documents
    with django_assert_max_num_queries(5):
        result = database_search(q=TOKEN, dimension="Smart Living")
    assert result.approximate


def test_restricted_case_studies_stay_out_when_capped(
    monkeypatch, settings, corpus, django_capture_on_commit_callbacks
):
    """A view-restricted case study is never a candidate (its SearchDocument
    goes with the restriction), so neither its result nor its facet values
    appear, capped or not."""
    from wagtail.models import PageViewRestriction

    from innovations.models import InnovationPage

    settings.ELASTICSEARCH_URL = ""
    monkeypatch.setattr(db_backend, "CANDIDATE_CAP", 2)
    page = InnovationPage.objects.get(slug="uji-pasar-umkm")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
    for sort in ("relevance", "newest", "replicated"):
        result = database_search(q="xylofon", sort=sort)
        assert result.approximate is True  # four public ones, more than two
        assert "uji-pasar-umkm" not in slugs(result)
        themes = {item["value"] for item in result.facets["theme"]}
        assert "Pertumbuhan Ekonomi" not in themes  # only the hidden one has it
