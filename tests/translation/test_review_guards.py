"""Issue 20 review findings: no unmoderated English reaches a reader, and
only translators (and administrators) translate, only what readers may see.

H1: wagtail-localize's "Translate this page" with "include subtree" saved a
translator's unsubmitted strings into a live translation's row, which
readers saw. H2: translating an alias (the English parents) made a live
page without moderation. H3: translators could translate (and read) a
restricted or unpublished original. M1: "Convert to alias" let a translator
withdraw a published translation. M2: wagtail-localize gives Editors and
Moderators ``submit_translation``."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail.models import Locale, Page, PageViewRestriction

import pytest

from livinglab.base.translation import live_translations, translate_page

from .test_workflow import PATH, _edit_string

EN = f"/en{PATH}"


def _english():
    return Locale.objects.get(language_code="en")


def _submit(client, page, **extra):
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [_english().pk], **extra},
    )


def test_readers_see_only_the_published_revision(client, translator, original):
    english = translate_page(
        original, {"title": "Published English title"}, publish=True
    )
    client.force_login(translator)
    _edit_string(client, english, "title", "UNMODERATED DRAFT TITLE")
    # whatever writes the row (wagtail-localize's save_target does), readers
    # read the published revision
    Page.objects.filter(pk=english.pk).update(title="UNMODERATED DRAFT TITLE")
    reader = client.__class__()
    for url in (
        EN,
        "/api/v1/innovations/tte-sumedang/?lang=en",
        "/en/umpan/studi-kasus/tte-sumedang/",
    ):
        body = reader.get(url).content.decode()
        assert "UNMODERATED DRAFT TITLE" not in body, url
    assert "Published English title" in reader.get(EN).content.decode()


def test_translate_this_page_refuses_a_subtree(client, translator, original):
    translate_page(original, {"title": "Published English title"}, publish=True)
    client.force_login(translator)
    section = original.get_parent()
    response = _submit(client, section, include_subtree="on")
    assert response.status_code == 302
    assert not Page.objects.filter(
        translation_key=section.translation_key,
        locale=_english(),
        alias_of__isnull=True,
    ).exists()


@pytest.mark.parametrize("closed", ["restricted", "unpublished"])
def test_translators_translate_only_what_readers_may_read(
    client, translator, original, closed
):
    if closed == "restricted":
        PageViewRestriction.objects.create(
            page=original, restriction_type="password", password="x"
        )
    else:
        original.unpublish()
    client.force_login(translator)
    assert _submit(client, original).status_code == 403
    assert original.get_translation_or_none(_english()) is None


def test_translating_an_alias_makes_a_draft(client, translator, original):
    section = original.get_parent().specific
    translate_page(original, {"title": "Published English title"}, publish=True)
    alias = section.get_translation(_english())
    assert alias.alias_of_id is not None
    client.force_login(translator)
    client.post(reverse("translations_translate", args=[section.pk]))
    made = section.get_translation(_english())
    assert made.alias_of_id is None
    assert not made.live
    assert live_translations([section], "en") == {}
    assert (
        "has not been translated into English yet"
        in client.__class__().get("/en/inovasi/kabupaten-sumedang/").content.decode()
    )


def test_a_translator_cannot_convert_a_published_translation_to_an_alias(
    client, translator, original
):
    english = translate_page(
        original, {"title": "Published English title"}, publish=True
    )
    client.force_login(translator)
    response = client.post(
        reverse("wagtail_localize:convert_to_alias", args=[english.pk])
    )
    assert response.status_code == 403
    english.refresh_from_db()
    assert english.alias_of_id is None and english.live


def test_only_translators_hold_submit_translation(client, moderator, original):
    holders = set(
        Permission.objects.get(codename="submit_translation").group_set.values_list(
            "name", flat=True
        )
    )
    assert holders == {"Translators"}
    client.force_login(moderator)
    assert _submit(client, original).status_code == 403
    assert original.get_translation_or_none(_english()) is None
