"""English search over English content, on both backends (issue 20).

A case study's live English translation is searched by English queries with
the English analysis (Snowball stems, English stopwords and synonyms); an
English query still finds untranslated Indonesian case studies through the
English -> Indonesian glossary; results are shown in English where a
translation exists and say their language otherwise (``lang="id"`` on the
card). The document stays one per Indonesian original: publishing,
unpublishing or deleting its translation re-analyses the original, and a
draft translation is never searched. English synonyms apply to English text
and queries only.
"""

import re

import pytest

from innovations.models import InnovationPage
from livinglab.base.translation import translate_page
from search import analysis, indexer, service
from search.models import SearchDocument, SynonymSet
from search.query import SearchQuery

pytestmark = pytest.mark.django_db

SLUG = "tte-sumedang"
# "zeppelin" is in no Indonesian text; "replication" only in the translation
TITLE_EN = "Zeppelin letters signed electronically"
SUMMARY_EN = "A replication guide for signing official zeppelin letters."


def settle(backend):
    """Bring Elasticsearch up to date with the outbox (the database is
    written in the publishing transaction)."""
    if backend == "elasticsearch":
        result = indexer.drain(refresh=True)
        assert not result.error and result.remaining == 0


def english(q, **params):
    return service.search(SearchQuery.from_params({"q": q, **params}), language="en")


def indonesian(q):
    return service.search(SearchQuery.from_params({"q": q}))


def by_slug(result):
    return {item["slug"]: item for item in result.results}


@pytest.fixture
def original(db):
    return InnovationPage.objects.get(slug=SLUG, locale__language_code="id")


@pytest.fixture
def _fresh_analysis():
    analysis.reload()
    yield
    analysis.reload()


def translate(page, publish=True, **texts):
    texts = {"title": TITLE_EN, "summary": SUMMARY_EN, **texts}
    return translate_page(page, texts, publish=publish)


def test_english_words_and_stems_find_the_translated_case_study(backend, original):
    assert SLUG not in by_slug(english("replicating zeppelin"))
    translate(original)
    settle(backend)

    # "replicating" and "replication" share their Snowball stem "replic"
    found = by_slug(english("replicating zeppelin"))
    assert SLUG in found
    item = found[SLUG]
    assert item["title"] == TITLE_EN
    assert item["summary"] == SUMMARY_EN
    assert item["language"] == "en"
    assert "<mark>" in item["title_highlight"] + item["highlight"]
    # English stopwords are no terms: "the" does not make a term to require
    assert SLUG in by_slug(english("the zeppelins"))
    # an Indonesian search never reads the English text
    assert SLUG not in by_slug(indonesian("zeppelin"))
    # and still shows the Indonesian title
    assert by_slug(indonesian("tanda tangan elektronik sumedang"))[SLUG]["title"] == (
        original.title
    )


def test_english_query_finds_untranslated_case_studies_through_the_glossary(
    backend, corpus
):
    # "queue" -> "antrean" (search/data/glossary_en_id.txt); the corpus
    # marker is searched as typed
    found = by_slug(english("queue xylofon"))
    assert "uji-antrean-puskesmas" in found
    item = found["uji-antrean-puskesmas"]
    assert item["title"] == "Antrean Puskesmas Xylofon"
    assert item["language"] == "id"


def test_the_english_page_marks_untranslated_results_lang_id(
    client, backend, corpus, original
):
    translate(original, title="Zeppelin queue letters Xylofon")
    settle(backend)
    page = client.get("/en/cari/", {"q": "queue xylofon"}).content.decode()
    # the untranslated case study: Indonesian title and summary, marked
    assert re.search(r'<h3 lang="id"><a [^>]*>[^<]*<mark>Antrean</mark>', page)
    assert re.search(r'<p lang="id">Warga mengambil nomor <mark>antrean</mark>', page)
    # the translated one: in English, without a lang attribute
    assert re.search(r"<h3><a [^>]*>Zeppelin <mark>queue</mark> letters", page)
    # the Indonesian page: every result is Indonesian, none marked
    page = client.get("/cari/", {"q": "antrean xylofon"}).content.decode()
    assert "Antrean Puskesmas Xylofon" in page.replace("<mark>", "").replace(
        "</mark>", ""
    )
    assert 'lang="id"' not in page.split("<main", 1)[-1]


def test_publishing_and_unpublishing_a_translation_reindexes_the_original(
    backend, original
):
    translation = translate(original)
    settle(backend)
    document = SearchDocument.objects.get(page_id=original.pk)
    assert document.title_en == TITLE_EN
    assert SLUG in by_slug(english("zeppelin"))
    # never a document of its own
    assert not SearchDocument.objects.filter(page_id=translation.pk).exists()

    translation.unpublish()
    settle(backend)
    assert SearchDocument.objects.get(page_id=original.pk).title_en == ""
    assert SLUG not in by_slug(english("zeppelin"))
    # the original is still found, by English words through the glossary
    found = by_slug(english("electronic signature sumedang"))
    assert found[SLUG]["language"] == "id"
    assert found[SLUG]["title"] == original.title

    # published again with other words, then deleted
    translation = translate(original, title="Airship post", summary="By airship.")
    settle(backend)
    assert SLUG in by_slug(english("airship"))
    assert SLUG not in by_slug(english("zeppelin"))  # the old text is gone
    translation.delete()
    settle(backend)
    assert SLUG not in by_slug(english("airship"))
    assert SearchDocument.objects.get(page_id=original.pk).title_en == ""


def test_a_draft_translation_is_not_searchable(backend, original):
    translate(original, publish=False)
    settle(backend)
    assert SearchDocument.objects.get(page_id=original.pk).title_en == ""
    assert SLUG not in by_slug(english("zeppelin"))
    # a draft of a live translation: the live text stays what is found
    translation = translate(original)
    settle(backend)
    translate(original, publish=False, title="Dirigible letters draft")
    settle(backend)
    assert translation.pk
    assert SLUG in by_slug(english("zeppelin"))
    assert SLUG not in by_slug(english("dirigible"))


def test_english_synonyms_apply_to_english_only(
    backend, corpus, original, _fresh_analysis
):
    # an English set naming a word of an Indonesian case study ("etalase")
    SynonymSet.objects.create(language="en", phrases="zeppelin, dirigible, etalase")
    analysis.reload()
    translate(original)
    settle(backend)
    # English: the synonym finds the English text saying "zeppelin"
    assert SLUG in by_slug(english("dirigible"))
    document = SearchDocument.objects.get(page_id=original.pk)
    assert "dirigible" in document.synonyms_en.split()
    assert "dirigible" not in document.synonyms.split()
    # Indonesian: the English set touches neither queries nor documents
    market = SearchDocument.objects.get(slug="uji-pasar-umkm")
    assert "dirigible" not in market.synonyms.split()
    assert "uji-pasar-umkm" not in by_slug(indonesian("dirigible"))
    assert [t.phrases for t in analysis.query_terms("etalase")] == [("etalase",)]
    assert SLUG not in by_slug(indonesian("dirigible"))


def test_english_analysis_is_symmetrical_with_indonesian():
    analysed = analysis.analyze_document(
        {"title": "Replicating the Services of Villages"}, "en"
    )
    assert analysed["title"] == "replicating the services of villages"
    assert analysed["title_stemmed"] == "replic servic villag"
    assert analysis.stems_en("replication") == ["replic"]
    # Indonesian stays Sastrawi's
    assert analysis.analyze_document({"title": "Pelayanan"})["title_stemmed"] == (
        "layan"
    )
    # a region name is never stemmed, in either language
    assert analysis.stems_en("Kabupaten Sumedang") == ["kabupaten", "sumedang"]


def test_english_query_terms_carry_both_sides():
    (term,) = analysis.query_terms("building permit", language="en")
    assert term.source == "glossary"
    assert "persetujuan bangunan gedung" in term.phrases
    assert term.en_phrases[0] == "building permit"
    assert term.en_stemmed[0] == "build permit"
    # Indonesian queries have no English side
    assert all(not t.en_phrases for t in analysis.query_terms("izin bangunan"))
    # an English stopword is no term; an Indonesian acronym typed stays one
    texts = [t.text for t in analysis.query_terms("the tte of the city", language="en")]
    assert texts == ["tte", "city"]


def test_the_search_api_speaks_the_callers_language(backend, original, client):
    """``/api/v1/search/`` matches an English query as /en/cari/ does when
    the caller asks for English (``?lang=en`` or ``Accept-Language``), and
    each result says its language (it read every query as Indonesian)."""
    translate(original)
    settle(backend)
    found = client.get("/api/v1/search/", {"q": "replicating zeppelin", "lang": "en"})
    assert found.status_code == 200
    item = {r["slug"]: r for r in found.json()["results"]}[SLUG]
    assert (item["title"], item["language"]) == (TITLE_EN, "en")
    by_header = client.get(
        "/api/v1/search/", {"q": "zeppelin"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert SLUG in {r["slug"] for r in by_header.json()["results"]}
    indonesian_api = client.get("/api/v1/search/", {"q": "zeppelin"})
    assert SLUG not in {r["slug"] for r in indonesian_api.json()["results"]}
