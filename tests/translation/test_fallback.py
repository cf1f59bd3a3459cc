"""Issue 20: which text a reader sees at / and /en/, and where links go.

The rules (livinglab/base/translation.py): originals are Indonesian; /en/
shows a case study's live English translation, otherwise its Indonesian
original with a notice and ``lang="id"``; a draft translation is never
shown; lists count each case study once; every page links its other
language with ``hreflang``."""

import re

import pytest

from innovations.models import InnovationPage
from livinglab.base.translation import translate_page

SLUG = "tte-sumedang"
PATH = f"/inovasi/kabupaten-sumedang/{SLUG}/"


@pytest.fixture
def original(db):
    return InnovationPage.objects.get(slug=SLUG, locale__language_code="id")


@pytest.fixture
def english(original):
    return translate_page(
        original,
        {
            "title": "Electronic signatures in Sumedang",
            "summary": "Officials sign letters electronically, with a certificate.",
        },
        publish=True,
    )


def _text(response):
    return response.content.decode()


def test_english_reader_sees_the_live_translation(client, original, english):
    page = _text(client.get(f"/en{PATH}"))
    assert "<h1>Electronic signatures in Sumedang</h1>" in page
    assert "Officials sign letters electronically" in page
    assert "not been translated" not in page
    # the Indonesian reader still sees the original
    assert original.title in _text(client.get(PATH))
    assert "Electronic signatures in Sumedang" not in _text(client.get(PATH))


def test_untranslated_case_study_falls_back_with_notice_and_lang(client, original):
    response = client.get(f"/en{PATH}")
    assert response.status_code == 200
    page = _text(response)
    assert '<html lang="en">' in page
    assert re.search(r'<h1 lang="id">' + re.escape(original.title), page)
    assert "has not been translated into English yet" in page


def test_a_draft_translation_is_not_shown(client, original):
    translate_page(original, {"title": "Draft English title"}, publish=False)
    page = _text(client.get(f"/en{PATH}"))
    assert "Draft English title" not in page
    assert "has not been translated into English yet" in page


def test_lists_count_each_case_study_once(client, original, english):
    assert InnovationPage.objects.published().filter(slug=SLUG).count() == 1
    library = _text(client.get("/en/inovasi/", {"q": "TTE"}))
    assert library.count(f'/en{PATH}"') == 1
    assert "Electronic signatures in Sumedang" in library


def test_links_follow_the_reader_language(client, original, english):
    page = _text(client.get("/en/inovasi/", {"q": "TTE"}))
    assert f'href="{PATH}"' not in page
    assert f'href="/en{PATH}"' in page


def test_behind_notice_when_the_original_changes(client, original, english):
    original.summary = "Ringkasan baru setelah terjemahan."
    original.save_revision().publish()
    page = _text(client.get(f"/en{PATH}"))
    assert "Electronic signatures in Sumedang" in page
    assert "may be behind" in page
    # the translator syncs and publishes again: no longer behind
    translate_page(
        original, {"title": "Electronic signatures in Sumedang"}, publish=True
    )
    assert "may be behind" not in _text(client.get(f"/en{PATH}"))


@pytest.mark.parametrize("path", ["/", "/inovasi/", PATH, "/cari/", "/wilayah/"])
def test_hreflang_alternates_on_every_page(client, db, path):
    page = _text(client.get(path))
    english_path = "/en" + path
    assert (
        f'<link rel="alternate" hreflang="id" href="http://testserver{path}">' in page
    )
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver{english_path}">'
        in page
    )
    assert (
        f'<link rel="alternate" hreflang="x-default" href="http://testserver{path}">'
        in page
    )


def test_a_restricted_original_stays_restricted_in_english(client, original, english):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=original, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(f"/en{PATH}")
    assert response.status_code == 302
    assert "Electronic signatures" not in _text(response)
