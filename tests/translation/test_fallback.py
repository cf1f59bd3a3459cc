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


def test_a_page_shown_in_english_cannot_be_saved(original, english):
    from django.core.exceptions import ImproperlyConfigured

    from livinglab.base.translation import show_in

    (shown,) = show_in([original], "en")
    assert shown.title == "Electronic signatures in Sumedang"
    with pytest.raises(ImproperlyConfigured):
        shown.save()
    original.refresh_from_db()
    assert original.title != "Electronic signatures in Sumedang"


def test_moderator_previews_a_draft_translation_on_its_original(
    client, django_user_model, original
):
    from django.contrib.auth.models import Group

    draft = translate_page(original, {"title": "Draft title for review"}, publish=False)
    moderator = django_user_model.objects.create_user(
        email="moderator-preview@kemendagri.go.id", password="x"
    )
    moderator.groups.add(Group.objects.get(name="Moderators"))
    client.force_login(moderator)
    response = client.get(f"/admin/pages/{draft.pk}/view_draft/")
    assert response.status_code == 200
    page = _text(response)
    assert "Draft title for review" in page
    # the preview reads the original's data (its host, its adoptions)
    assert original.host_region.name in page


def test_an_alias_parent_is_not_a_translation(client, original, english):
    """Translating a case study makes its untranslated English parents
    aliases of the Indonesian ones (wagtail-localize): they are still
    untranslated, so they carry the notice and lang="id"."""
    from django.utils import translation

    from wagtail.models import Page

    aliases = Page.objects.filter(
        locale__language_code="en", alias_of__isnull=False, depth__gt=1
    )
    assert aliases.exists()
    for alias in aliases:
        with translation.override("en"):
            path = alias.get_url()
        assert path.startswith("/en/"), path
        page = _text(client.get(path))
        assert "has not been translated into English yet" in page, path
        assert '<h1 lang="id">' in page, path


def test_a_new_draft_of_a_live_translation_waits(client, original, english):
    """A translator's new draft of a live translation is a revision: readers
    keep the published English until a moderator publishes the draft
    (wagtail-localize's own draft save writes the live row: review finding)."""
    draft = translate_page(original, {"title": "Unreviewed English title"})
    assert draft.live
    page = _text(client.get(f"/en{PATH}"))
    assert "Electronic signatures in Sumedang" in page
    assert "Unreviewed English title" not in page
    draft.get_latest_revision().publish()
    assert "Unreviewed English title" in _text(client.get(f"/en{PATH}"))


def test_document_names_keep_their_language_on_english_pages(client, original, english):
    """Bukti dukung and training material keep their own titles (document
    names): on an English page they carry their language."""
    from django.utils.html import escape

    page = _text(client.get(f"/en{PATH}"))
    evidence = list(original.evidence.all())
    materials = [m for m in original.training_materials.all() if m.language != "en"]
    assert evidence or materials
    for item in evidence:
        assert f'lang="id">{escape(item.title)}</a>' in page
    for item in materials:
        assert f'lang="{item.language}">{escape(item.title)}</a>' in page
    for figure in original.impact_figures.all():
        assert f'<td lang="id">{escape(figure.measure)}</td>' in page
        if figure.unit:
            assert f'<td lang="id">{escape(figure.unit)}</td>' in page
    indonesian = _text(client.get(PATH))
    for item in evidence:
        assert f'lang="id">{escape(item.title)}</a>' not in indonesian


def test_hreflang_leaves_the_query_string_out(client, db):
    page = _text(client.get("/cari/", {"q": "antrean"}))
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/cari/">' in page
    )


def test_a_partly_translated_page_marks_what_is_still_indonesian(client, original):
    """Only the title and summary translated (newcomer finding): the other
    fields are wagtail-localize's fallback, the Indonesian source text, and
    carry lang="id" on the English page."""
    translate_page(
        original,
        {"title": "Electronic signatures in Sumedang", "summary": "Signed online."},
        publish=True,
    )
    page = _text(client.get(f"/en{PATH}"))
    assert "<h1>Electronic signatures in Sumedang</h1>" in page
    assert '<p class="lead">Signed online.</p>' in page
    if original.problem:
        assert '<div lang="id"><p>' + original.problem.split("\n")[0][:20] in page
    assert '<div class="prose" lang="id">' in page
