"""What only Elasticsearch adds, the index lifecycle, and the outbox under faults."""

import pytest

from innovations.models import InnovationPage
from search import indexer, service
from search.models import SearchDocument, SearchOutbox

from .conftest import MARK
from .test_contract import run, slugs

pytestmark = [pytest.mark.django_db, pytest.mark.elasticsearch]


@pytest.fixture
def es(es_settings, corpus):
    indexer.rebuild()
    return es_settings


def test_typos_are_tolerated(es):
    assert "uji-pelayanan-perizinan" in slugs(run(q=f"perizinnan {MARK}"))


def test_did_you_mean(es):
    result = run(q="puskesmaz")
    assert result.backend == "elasticsearch"
    assert "puskesmas" in result.suggestion


def test_autocomplete_is_fuzzy_on_elasticsearch(es):
    assert "Antrean Puskesmas Xylofon" in [
        s["title"] for s in service.autocomplete("antraen pus")
    ]


def test_rebuild_swaps_the_alias_and_check_agrees(es):
    from search.client import get_client
    from search.documents import alias_name

    client = get_client()
    before = indexer.current_index(client)
    result = indexer.rebuild()
    after = indexer.current_index(client)
    assert after == result["index"] != before
    assert not client.indices.exists(index=before)
    report = indexer.check()
    assert report["missing_from_index"] == report["not_in_database"] == []
    assert report["index"] == report["database"] == report["live_pages"]
    assert client.count(index=alias_name())["count"] == SearchDocument.objects.count()


def test_falls_back_to_the_database_when_elasticsearch_is_down(es, settings, client):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    result = run(q=MARK)
    assert result.backend == "database" and result.count == 5
    assert any(
        "tidak" in str(n).lower() or "not answering" in str(n)
        for n in result.query.notices
    )
    response = client.get("/api/v1/search/", {"q": MARK})
    assert response.status_code == 200
    assert response.json()["backend"] == "database"
    page = client.get("/cari/", {"q": MARK})
    assert page.status_code == 200 and "notice" in page.content.decode()


def test_outbox_keeps_every_change_while_elasticsearch_is_down(es, settings, corpus):
    """Publish and unpublish with the cluster unreachable, then recover."""
    live_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # dead port: nothing listens
    settings.ELASTICSEARCH_TIMEOUT = 0.5

    gone = corpus["uji-pasar-umkm"]
    gone.unpublish()
    changed = InnovationPage.objects.get(slug="uji-tte-surat")
    changed.title = "Surat Dinas Elektronik Xylofon Versi Dua"
    changed.save_revision().publish()
    draft_only = InnovationPage.objects.get(slug="uji-antrean-puskesmas")
    draft_only.title = "JUDUL DRAF YANG TIDAK BOLEH BOCOR"
    draft_only.save_revision()  # a draft of a live page: must not reach search

    assert SearchOutbox.objects.count() >= 2
    failed = indexer.drain()
    assert failed.error and failed.remaining == SearchOutbox.objects.count() >= 2
    assert SearchOutbox.objects.filter(attempts__gte=1).exists()

    settings.ELASTICSEARCH_URL = live_url
    drained = indexer.drain(refresh=True)
    assert not drained.error and drained.remaining == 0
    report = indexer.check()
    assert report["missing_from_index"] == report["not_in_database"] == []
    assert report["index"] == report["live_pages"]
    found = slugs(run(q=MARK))
    assert "uji-pasar-umkm" not in found
    titles = [r["title"] for r in run(q=MARK).results]
    assert "Surat Dinas Elektronik Xylofon Versi Dua" in titles
    assert "JUDUL DRAF YANG TIDAK BOLEH BOCOR" not in titles


def test_deleting_and_moving_pages_reach_the_index(es, corpus, library):
    from innovations.models import InnovationIndexPage

    corpus["uji-antrean-puskesmas"].delete()
    section = library.add_child(
        instance=InnovationIndexPage(title="Arsip", slug="arsip")
    )
    moved = InnovationPage.objects.get(slug="uji-data-kependudukan")
    moved.move(section, pos="last-child")
    indexer.drain(refresh=True)
    assert "uji-antrean-puskesmas" not in slugs(run(q=MARK))
    item = next(r for r in run(q=MARK).results if r["slug"] == "uji-data-kependudukan")
    assert "/arsip/" in item["url"]


@pytest.fixture
def library(db):
    from innovations.models import InnovationIndexPage

    return InnovationIndexPage.objects.get(slug="inovasi", locale__language_code="id")


def test_completion_inputs_keep_the_title_whatever_the_synonyms():
    """Every title suffix is an input, first and in order, however many
    synonym tokens the case study has (they used to share a set cut at 20,
    so a suffix fell off at random and autocomplete missed the page)."""
    from types import SimpleNamespace

    from search.documents import suggest_inputs

    title = "Surat Dinas Zamrudwangi dengan TTE Xylofon"
    synonyms = " ".join(f"sinonim{i:02d}" for i in range(40))
    inputs = suggest_inputs(SimpleNamespace(title=title, synonyms=synonyms))
    words = title.split()
    assert inputs[:6] == [" ".join(words[i:]) for i in range(6)]
    assert inputs[6:] == [f"sinonim{i:02d}" for i in range(14)]


def test_autocomplete_lists_every_case_study_sharing_a_synonym(es):
    """Two case studies with the same synonym token both complete it; with
    ``skip_duplicates`` the second was dropped as a duplicate surface form."""
    from search.documents import suggest_inputs

    shared = {
        d.title for d in SearchDocument.objects.all() if "tte" in suggest_inputs(d)
    }
    assert len(shared) >= 2, shared
    titles = {s["title"] for s in service.autocomplete("tte")}
    assert shared <= titles
