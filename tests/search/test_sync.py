"""SearchDocument follows the live version of pages (database only)."""

import pytest

from innovations.models import InnovationPage
from search.models import SearchDocument, SearchOutbox

pytestmark = pytest.mark.django_db


def test_publish_unpublish_and_drafts(corpus, settings):
    page = corpus["uji-tte-surat"]
    document = SearchDocument.objects.get(page_id=page.pk)
    assert document.title == "Surat Dinas dengan TTE Xylofon"
    assert "tte" in document.synonyms.split() or "tte" in document.search_text
    page.title = "Judul draf"
    page.save_revision()
    assert (
        SearchDocument.objects.get(page_id=page.pk).title
        == "Surat Dinas dengan TTE Xylofon"
    )
    page.unpublish()
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()


def test_no_outbox_rows_without_elasticsearch(corpus, settings):
    settings.ELASTICSEARCH_URL = ""
    before = SearchOutbox.objects.count()
    InnovationPage.objects.get(slug="uji-tte-surat").save_revision().publish()
    assert SearchOutbox.objects.count() == before


def test_outbox_rows_in_the_same_transaction(corpus, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    before = SearchOutbox.objects.count()
    InnovationPage.objects.get(slug="uji-tte-surat").save_revision().publish()
    assert SearchOutbox.objects.count() == before + 1
