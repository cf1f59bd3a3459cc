"""One contract for both backends, against the real database and Elasticsearch."""

import pytest

from search import service
from search.query import SearchQuery

from .conftest import MARK

pytestmark = [pytest.mark.django_db]


class Params(dict):
    def getlist(self, key):
        value = self.get(key)
        return value if isinstance(value, list) else ([] if value is None else [value])


def run(**params):
    params.setdefault("page_size", 50)
    return service.search(SearchQuery.from_params(Params(params)))


def slugs(result):
    return [r["slug"] for r in result.results]


def test_reports_its_backend(backend):
    assert run(q=MARK).backend == backend


def test_marker_finds_the_corpus(backend):
    result = run(q=MARK)
    assert result.count == 5
    assert set(slugs(result)) == {
        "uji-pelayanan-perizinan",
        "uji-tte-surat",
        "uji-antrean-puskesmas",
        "uji-data-kependudukan",
        "uji-pasar-umkm",
    }


def test_indonesian_word_forms_match(backend):
    assert "uji-pelayanan-perizinan" in slugs(run(q=f"melayani izin {MARK}"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("TTE", "uji-pelayanan-perizinan"),  # its text says "tanda tangan elektronik"
        ("tanda tangan elektronik", "uji-tte-surat"),  # its text says "TTE"
        ("Disdukcapil", "uji-data-kependudukan"),
    ],
)
def test_acronyms_and_their_expansions_match_both_ways(backend, query, expected):
    assert expected in slugs(run(q=f"{query} {MARK}"))


def test_phrase_in_title_ranks_above_scattered_words(backend):
    found = slugs(run(q="antrean puskesmas"))
    assert found.index("uji-antrean-puskesmas") < found.index("uji-data-kependudukan")


def test_facet_counts_and_or_within_and_across(backend):
    result = run(q=MARK)
    dims = {f["value"]: f["count"] for f in result.facets["dimension"]}
    assert dims == {
        "Smart Governance": 2,
        "Smart Society": 2,
        "Smart Living": 1,
        "Smart Economy": 1,
    }
    either = run(q=MARK, dimension=["Smart Living", "Smart Economy"])
    assert set(slugs(either)) == {"uji-antrean-puskesmas", "uji-pasar-umkm"}
    both = run(
        q=MARK, dimension=["Smart Living", "Smart Economy"], theme="Pertumbuhan Ekonomi"
    )
    assert slugs(both) == ["uji-pasar-umkm"]
    # the dimension counts ignore the dimension filter itself (multi-select)
    counts = {f["value"]: f["count"] for f in either.facets["dimension"]}
    assert counts["Smart Governance"] == 2
    assert {f["value"] for f in either.facets["dimension"] if f["selected"]} == {
        "Smart Living",
        "Smart Economy",
    }


def test_other_facets(backend):
    result = run(q=MARK)
    facet = {
        name: {f["value"]: f["count"] for f in values}
        for name, values in result.facets.items()
    }
    assert facet["province"]["Jawa Barat"] == 2
    assert facet["host"]["Kabupaten Banyuwangi"] == 1
    assert facet["has_source_code"] == {"ya": 2, "tidak": 3}
    assert facet["has_training"]["ya"] == 1
    assert facet["licence"] == {"MIT": 1, "Apache-2.0": 1}
    assert facet["technology"]["Laravel"] == 1
    assert facet["spbe_indicator"]["15. Pembangunan Aplikasi SPBE"] == 5
    assert facet["spbe_domain"]["Tata Kelola SPBE"] == 5
    assert facet["year"]["2024"] == 1
    assert facet["replication"]["0"] == 5
    assert facet["spm"]["Kesehatan"] == 1
    assert slugs(run(q=MARK, has_source_code="ya", licence="MIT")) == [
        "uji-pelayanan-perizinan"
    ]


def test_unknown_facet_values_are_ignored_with_a_notice(backend):
    result = run(q=MARK, dimension="Smart Cooking")
    assert result.count == 5
    assert any("Smart Cooking" in str(n) for n in result.query.notices)
    assert "dimension" not in result.query.filters


def test_sort_newest_and_by_year(backend):
    found = slugs(run(q=MARK, sort="newest"))
    assert len(found) == 5
    assert set(found) == set(slugs(run(q=MARK, sort="replicated")))


def test_paging_is_bounded_with_a_message(backend):
    first = run(q=MARK, page_size=2)
    second = run(q=MARK, page_size=2, page=2)
    assert first.pages == 3 and len(first.results) == 2
    assert not set(slugs(first)) & set(slugs(second))
    deep = run(q=MARK, page_size=10, page=10_000)
    assert deep.query.error
    assert "1000" in deep.query.error


def test_highlights_mark_words_and_escape_text(backend):
    result = run(q=f"ongkir {MARK}")
    item = next(r for r in result.results if r["slug"] == "uji-pasar-umkm")
    assert "<mark>" in item["highlight"] or "<mark>" in item["title_highlight"]
    assert "&lt;" in item["highlight"] and "&amp;" in item["highlight"]
    assert "<script" not in item["highlight"]


def test_browse_without_words_lists_everything_newest_first(backend):
    result = run()
    assert result.count >= 5


def test_related_innovations(backend, corpus):
    related = service.related(corpus["uji-tte-surat"].pk)
    assert related and all(r["slug"] != "uji-tte-surat" for r in related)


def test_autocomplete(backend):
    titles = [s["title"] for s in service.autocomplete("Antrean Pusk")]
    assert "Antrean Puskesmas Xylofon" in titles


def test_titles_are_highlighted_whole(backend):
    item = next(
        r
        for r in run(q="xylofon kependudukan").results
        if r["slug"] == "uji-data-kependudukan"
    )
    assert item["title_highlight"].startswith("Layanan ")
    assert "…" not in item["title_highlight"]


@pytest.mark.parametrize(
    "filters",
    [{}, {"dimension": ["Smart Governance"]}, {"province": ["Jawa Barat", "Bali"]}],
)
def test_the_innovations_list_filters_and_counts_through_the_service(backend, filters):
    """The innovations API's facet filters and counts come from the search
    service (Elasticsearch when configured; it used to ask the database
    backend whatever the configuration): the same pages and counts as the
    database gives."""
    from search import db_backend

    ids, facets = service.filter_pages(filters)
    expected_ids, expected_facets = db_backend.filter_pages(filters)
    expected_facets = service.ordered_facets(expected_facets)
    assert sorted(ids) == sorted(expected_ids)
    # Elasticsearch returns the FACET_SIZE most frequent values of a facet.
    from search.es_backend import FACET_SIZE

    assert facets.keys() == expected_facets.keys()
    if backend == "database":
        assert facets == expected_facets
    for facet, values in facets.items():
        everything = expected_facets[facet]
        assert len(values) == min(len(everything), FACET_SIZE) or (
            backend == "database"
        ), facet
        assert all(value in everything for value in values), facet
    if backend == "elasticsearch":
        from search import es_backend
        from search.client import get_client

        assert es_backend.filter_pages(get_client(), filters) == (ids, facets)


def test_years_are_listed_newest_first(backend):
    """The year facet is looked up, not ranked: newest first on both
    backends, in the page and the API (it was ordered by count)."""
    years = [item["value"] for item in run(q=MARK).facets["year"]]
    assert len(years) > 1
    assert years == sorted(years, key=str, reverse=True)
