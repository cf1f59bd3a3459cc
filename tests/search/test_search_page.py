"""The public search page (issue 14): a result page that says what it did
(corrections, partial matches), and a zero-result page that offers a way on
without naming the search engine (that is for /healthz)."""

import re

import pytest

from search.models import SearchDocument

from .test_relevance import CORPUS

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(settings):
    settings.ELASTICSEARCH_URL = ""  # the database backend; the page is the same
    SearchDocument.objects.bulk_create(CORPUS)


def page(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_zero_results_help_instead_of_a_list_item(client, documents):
    html = page(client, "/cari/", q="zyqqaflorb")
    assert "Tidak ditemukan" in html or "Nothing found" in html
    # the message is not item "1." of an ordered list, and nothing is sorted
    assert not re.search(r"<ol[^>]*>\s*<li>", html)
    assert 'id="sort"' not in html
    # ways on: example searches and popular topics
    assert "?q=antrean%20puskesmas" in html
    assert "Topik populer" in html


def test_the_engine_is_not_named_to_the_public(client, documents):
    for q in ("zyqqaflorb", "puskesmas"):
        html = page(client, "/cari/", q=q)
        assert "Elasticsearch" not in html
        assert "Mesin pencari" not in html


def test_partial_matches_are_said(client, documents):
    html = page(client, "/cari/", q="puskesmas zyqqa wobbex flurp")
    assert "sebagian kata Anda" in html
    assert "/rv-1/" in html


def test_corrections_are_said(client, documents):
    html = page(client, "/cari/", q="pusksmas")
    assert "Menampilkan hasil untuk" in html
    assert "?q=puskesmas" in html


def test_one_result_has_no_sort_control(client, documents):
    html = page(client, "/cari/", q="SRIKANDI")
    assert "Persuratan Dinas" in html
    assert 'id="sort"' not in html


def test_english_page_says_case_studies_are_in_indonesian(client, documents):
    html = page(client, "/en/cari/", q="health")
    assert "written in Indonesian" in html
    # the glossary's Indonesian ("kesehatan") is highlighted (issue 20)
    assert "Pemantauan Kesehatan Lansia" in re.sub(r"</?mark>", "", html)
    assert "written in Indonesian" not in page(client, "/cari/", q="health")
