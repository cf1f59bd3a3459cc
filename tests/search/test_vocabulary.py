"""The search vocabulary as data (issue 14): synonym sets and the English
glossary are snippets moderators edit; the shipped set is loaded
idempotently; a change applies to searches at once and re-analyses the
case studies it concerns."""

from django.core.exceptions import ValidationError
from django.core.management import call_command

import pytest

from search import analysis, db_backend
from search.models import GlossaryEntry, SearchDocument, SynonymSet
from search.query import SearchQuery

from .test_contract import Params

pytestmark = pytest.mark.django_db


def slugs(q):
    result = db_backend.run(SearchQuery.from_params(Params({"q": q, "page_size": 50})))
    return [r["slug"] for r in result.results if r["slug"].startswith("uji-")]


@pytest.fixture(autouse=True)
def _reload():
    analysis.reload()
    yield
    analysis.reload()


def test_the_shipped_vocabulary_is_loaded_once():
    # load_initial_data ran it for the test database already
    sets, terms = SynonymSet.objects.count(), GlossaryEntry.objects.count()
    assert sets > 100 and terms > 100
    call_command("load_search_vocabulary", verbosity=0)
    assert (SynonymSet.objects.count(), GlossaryEntry.objects.count()) == (sets, terms)
    phrases = {p for s in SynonymSet.objects.all() for p in s.phrase_list()}
    for acronym in (
        "ttd",
        "tte",
        "srikandi",
        "dtsen",
        "dtks",
        "pbg",
        "splp",
        "ikd",
        "ina digital",
        "mpp",
        "wbs",
        "siasn",
        "antrian",
        "antrean",
    ):
        assert acronym in phrases, acronym
    glossary = dict(GlossaryEntry.objects.values_list("english", "indonesian"))
    assert "kesehatan" in glossary["health"]
    assert "tanda tangan" in glossary["signature"]


def test_moderators_edits_are_kept_on_reload():
    entry = GlossaryEntry.objects.get(english="health")
    entry.indonesian = "kesehatan; puskesmas"
    entry.save()
    call_command("load_search_vocabulary", verbosity=0)
    assert (
        GlossaryEntry.objects.get(english="health").indonesian == "kesehatan; puskesmas"
    )


def test_bad_entries_are_refused_with_a_message():
    with pytest.raises(ValidationError) as error:
        SynonymSet(phrases="hanya-satu").full_clean()
    assert "phrases" in error.value.message_dict
    with pytest.raises(ValidationError):
        GlossaryEntry(english="!!!", indonesian="x").full_clean()


def test_a_new_synonym_set_reanalyses_and_finds(
    corpus, django_capture_on_commit_callbacks
):
    assert slugs("cdkm") == []
    page = corpus["uji-data-kependudukan"]
    with django_capture_on_commit_callbacks(execute=True):
        entry = SynonymSet.objects.create(
            phrases="cdkm, cetak dokumen kependudukan mandiri"
        )
    assert entry._reanalysed >= 1
    assert "cdkm" in SearchDocument.objects.get(page_id=page.pk).synonyms
    assert slugs("cdkm") == ["uji-data-kependudukan"]
    # an edit re-analyses what the old and the new phrases concern
    with django_capture_on_commit_callbacks(execute=True):
        entry.phrases = "cdkx, cetak dokumen kependudukan mandiri"
        entry.save()
    assert slugs("cdkx") == ["uji-data-kependudukan"]
    with django_capture_on_commit_callbacks(execute=True):
        entry.delete()
    assert "cdkx" not in SearchDocument.objects.get(page_id=page.pk).synonyms


def test_a_new_glossary_entry_applies_to_queries(
    corpus, django_capture_on_commit_callbacks
):
    assert slugs("marketplace") == []
    with django_capture_on_commit_callbacks(execute=True):
        GlossaryEntry.objects.create(english="marketplace", indonesian="pasar daring")
    assert slugs("marketplace") == ["uji-pasar-umkm"]


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="vocab-admin@example.test", password="x"
    )
    client.force_login(user)
    return client


def test_the_vocabulary_is_in_the_admin_and_an_edit_says_what_it_did(
    admin_client, corpus, django_capture_on_commit_callbacks
):
    html = admin_client.get("/admin/").content.decode()
    assert "Kosakata pencarian" in html
    listing = admin_client.get("/admin/snippets/search/synonymset/?q=srikandi")
    assert listing.status_code == 200
    assert "srikandi" in listing.content.decode().lower()
    glossary = admin_client.get("/admin/snippets/search/glossaryentry/?q=signature")
    assert "tanda tangan" in glossary.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/snippets/search/synonymset/add/",
            {"phrases": "cdkm, cetak dokumen kependudukan mandiri", "note": ""},
            follow=True,
        )
    assert response.status_code == 200
    assert SynonymSet.objects.filter(phrases__startswith="cdkm").exists()
    assert slugs("cdkm") == ["uji-data-kependudukan"]
    # a bad entry: a message, nothing saved
    response = admin_client.post(
        "/admin/snippets/search/synonymset/add/", {"phrases": "satu", "note": ""}
    )
    assert "sedikitnya dua frasa" in response.content.decode()
    assert not SynonymSet.objects.filter(phrases="satu").exists()


# --- learning from use -----------------------------------------------------------


def test_public_searches_are_counted_per_week_without_personal_data(client, corpus):
    from search.models import QueryWeek

    client.get("/cari/", {"q": "Zyqqaflorb  Wobbex"}, REMOTE_ADDR="203.0.113.9")
    client.get("/cari/", {"q": "zyqqaflorb wobbex"})
    client.get("/cari/", {"q": "antrean puskesmas"})
    rows = {r.query: r for r in QueryWeek.objects.all()}
    assert rows["zyqqaflorb wobbex"].searches == 2
    assert rows["zyqqaflorb wobbex"].zero_results == 2
    assert rows["antrean puskesmas"].zero_results == 0
    assert rows["zyqqaflorb wobbex"].week.weekday() == 0  # the Monday
    # only the week, the words and three counts are kept
    assert {f.name for f in QueryWeek._meta.get_fields()} == {
        "id",
        "week",
        "query",
        "searches",
        "zero_results",
        "clicked",
    }


def test_moderators_see_zero_result_queries_and_add_them_as_synonyms(
    admin_client, corpus
):
    from search.models import QueryWeek

    admin_client.get("/cari/", {"q": "zyqqaflorb"})
    listing = admin_client.get("/admin/snippets/search/queryweek/").content.decode()
    assert "zyqqaflorb" in listing
    assert "/admin/snippets/search/synonymset/add/?phrases=zyqqaflorb" in listing
    form = admin_client.get("/admin/snippets/search/synonymset/add/?phrases=zyqqaflorb")
    assert "zyqqaflorb, " in form.content.decode()
    assert QueryWeek.objects.get(query="zyqqaflorb").zero_results == 1


def test_long_pasted_text_is_not_recorded():
    from search.models import QueryWeek
    from search.vocabulary import MAX_RECORDED_WORDS, record_query

    record_query(" ".join(["kata"] * (MAX_RECORDED_WORDS + 1)), 0)
    assert not QueryWeek.objects.exists()
    record_query("antrean puskesmas", 0)
    assert QueryWeek.objects.count() == 1
