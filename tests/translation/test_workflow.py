"""Issue 20: translations go through the same moderation as originals.

A translator (group "Translators") makes an English translation through
wagtail-localize, edits its strings, and submits it for moderation; a
moderator approves it in Wagtail's workflow and ``/en/<path>`` shows it.
The translator never publishes (wagtail-localize's publish, its sync's
"Publish immediately") and never edits an Indonesian original. The to-do
list shows what is untranslated, behind, drafted and in moderation
(livinglab/translations, docs/TRANSLATION.md "Translating and moderation")."""

import re
from urllib.parse import urlencode

from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.models import Page, TaskState, WorkflowState

from wagtail_localize.models import StringSegment, Translation, TranslationSource

from innovations.models import InnovationPage
from livinglab.accounts.policy import (
    TRANSLATORS,
    may_submit_translation,
    may_translate,
)
from livinglab.base.translation import translate_page
from livinglab.translations.setup import english_home, ensure_english_tree

SLUG = "tte-sumedang"
PATH = f"/inovasi/kabupaten-sumedang/{SLUG}/"
ENGLISH_TITLE = "Electronic signatures in Sumedang"


def _english(original):
    return original.get_translation(english_home().locale).specific


def _translate_as(client, original):
    return client.post(reverse("translations_translate", args=[original.pk]))


def _edit_string(client, page, path, value):
    """Change one string in wagtail-localize's editor (its API, as the
    editor's JavaScript does)."""
    job = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=page.locale
    )
    segment = StringSegment.objects.get(source=job.source, context__path=path)
    url = reverse("wagtail_localize:edit_string_translation", args=[job.pk, segment.pk])
    return client.put(
        url,
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def _approve(client, page):
    state = TaskState.objects.get(
        workflow_state__object_id=str(page.pk),
        status=TaskState.STATUS_IN_PROGRESS,
    )
    return client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", state.pk]
        ),
        {"comment": ""},
    )


def _messages(response):
    return [str(m) for m in response.wsgi_request._messages]


# The English tree --------------------------------------------------------


def test_english_tree_exists_with_the_same_workflow(db):
    home = english_home()
    assert home is not None
    site_home = Page.objects.get(translation_key=home.translation_key, locale=1)
    assert home.get_workflow() is not None
    assert home.get_workflow() == site_home.get_workflow()
    library = Page.objects.get(slug="inovasi", locale__language_code="id")
    assert library.get_translation_or_none(home.locale) is not None
    # the translators may add and change there, never publish
    group = Group.objects.get(name=TRANSLATORS)
    codenames = set(
        group.page_permissions.filter(page=home).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page"}
    # running it again changes nothing
    count = Page.objects.count()
    assert ensure_english_tree().pk == home.pk
    assert Page.objects.count() == count


# Translating, saving a draft, not publishing ------------------------------


def test_translator_makes_a_draft_and_cannot_publish_it(client, translator, original):
    client.force_login(translator)
    response = _translate_as(client, original)
    english = _english(original)
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_pages:edit", args=[english.pk])
    assert not english.live
    # wagtail-localize's editor opens for the translator
    assert client.get(response.url).status_code == 200
    # ... the translator changes a string (kept by wagtail-localize) ...
    assert _edit_string(client, english, "title", ENGLISH_TITLE).status_code in (
        200,
        201,
    )
    # ... and may not publish: wagtail-localize refuses its publish action
    refused = client.post(
        reverse("wagtailadmin_pages:edit", args=[english.pk]), {"action": "publish"}
    )
    # (Wagtail's admin turns the refusal into a redirect home with a message)
    assert refused.status_code in (302, 403)
    assert getattr(refused, "url", "/admin/") == "/admin/"
    english.refresh_from_db()
    assert not english.live
    assert english.title != ENGLISH_TITLE


def test_translator_cannot_edit_or_publish_an_original(client, translator, original):
    client.force_login(translator)
    edit = reverse("wagtailadmin_pages:edit", args=[original.pk])
    assert client.get(edit).status_code in (302, 403)
    response = client.post(edit, {"title": "Diubah", "action-publish": "publish"})
    assert response.status_code in (302, 403)
    original.refresh_from_db()
    assert original.title != "Diubah"
    assert not may_submit_translation(translator, original)


def test_translator_cannot_publish_through_sync(
    client, translator, original, django_capture_on_commit_callbacks
):
    translate_page(original, {"title": ENGLISH_TITLE}, publish=False)
    source = TranslationSource.objects.get_for_instance(original)
    client.force_login(translator)
    # wagtail-localize publishes when the transaction commits: run that too
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.pk]),
            {"publish_translations": "on"},
        )
    assert response.status_code == 302
    assert not _english(original).live
    assert any(
        "may not publish" in m or "tidak boleh" in m for m in _messages(response)
    )


# Submitting for moderation, approving ----------------------------------------


def test_submit_moderate_and_publish(client, translator, moderator, original):
    client.force_login(translator)
    _translate_as(client, original)
    english = _english(original)
    _edit_string(client, english, "title", ENGLISH_TITLE)
    response = client.post(
        reverse("translations_submit", args=[english.pk]), follow=True
    )
    # the message names the English draft, not the original's title
    assert f"“{ENGLISH_TITLE}”" in response.content.decode()
    english.refresh_from_db()
    assert english.workflow_in_progress
    assert english.get_latest_revision_as_object().title == ENGLISH_TITLE
    assert not english.live
    # the translator cannot approve
    assert _approve(client, english).status_code in (302, 403)
    english.refresh_from_db()
    assert not english.live
    # a moderator approves in Wagtail's normal review: published
    client.force_login(moderator)
    assert _approve(client, english).status_code in (200, 302)
    english.refresh_from_db()
    assert english.live
    assert english.title == ENGLISH_TITLE
    client.logout()
    page = client.get(f"/en{PATH}").content.decode()
    assert f"<h1>{ENGLISH_TITLE}</h1>" in page


def test_an_update_of_a_live_translation_waits_for_moderation(
    client, translator, original
):
    english = translate_page(original, {"title": ENGLISH_TITLE}, publish=True)
    client.force_login(translator)
    _edit_string(client, english, "title", "A changed English title")
    response = client.post(reverse("translations_submit", args=[english.pk]))
    assert response.status_code == 302
    english.refresh_from_db()
    assert english.workflow_in_progress
    # readers still see the published text until a moderator approves
    assert english.title == ENGLISH_TITLE
    client.logout()
    page = client.get(f"/en{PATH}").content.decode()
    assert ENGLISH_TITLE in page
    assert "A changed English title" not in page


def test_submit_refuses_without_a_draft_or_twice(client, translator, original):
    english = translate_page(original, {"title": ENGLISH_TITLE}, publish=True)
    client.force_login(translator)
    url = reverse("translations_submit", args=[english.pk])
    response = client.post(url)
    assert response.status_code == 302
    assert not WorkflowState.objects.filter(object_id=str(english.pk)).exists()
    assert any("no draft" in m or "tidak ada draf" in m for m in _messages(response))
    _edit_string(client, english, "title", "Another title")
    client.post(url)
    assert WorkflowState.objects.filter(object_id=str(english.pk)).count() == 1
    again = client.post(url)
    assert again.status_code == 302
    assert WorkflowState.objects.filter(object_id=str(english.pk)).count() == 1
    assert any("moderation" in m or "moderasi" in m for m in _messages(again))


def test_submit_refuses_others_and_hostile_input(
    client, translator, sumedang_host, original
):
    english = translate_page(original, {"title": ENGLISH_TITLE}, publish=False)
    url = reverse("translations_submit", args=[english.pk])
    client.force_login(sumedang_host)
    assert client.post(url).status_code == 403
    assert not english.workflow_in_progress
    client.force_login(translator)
    assert client.get(url).status_code == 405
    assert client.post(reverse("translations_submit", args=[999999])).status_code == 404
    # an original is not a translation to submit
    original_url = reverse("translations_submit", args=[original.pk])
    assert client.post(original_url).status_code == 404
    assert (
        client.get(reverse("translations_translate", args=[original.pk])).status_code
        == 405
    )
    assert (
        client.post(reverse("translations_translate", args=[999999])).status_code == 404
    )


def test_only_translators_and_administrators_translate(
    client, moderator, sumedang_host, translator, superuser, original
):
    assert may_translate(translator) and may_translate(superuser)
    assert not may_translate(moderator) and not may_translate(sumedang_host)
    client.force_login(moderator)
    assert _translate_as(client, original).status_code == 403
    assert not Translation.objects.filter(
        source__object_id=original.translation_key
    ).exists()


# The to-do list ---------------------------------------------------------------


def test_todo_list_shows_untranslated_behind_and_in_moderation(
    client, translator, original
):
    translated_keys = Page.objects.filter(locale__language_code="en").values(
        "translation_key"
    )
    other, third = (
        InnovationPage.objects.published()
        .exclude(translation_key__in=translated_keys)
        .exclude(pk=original.pk)
        .order_by("pk")[:2]
    )
    english = translate_page(original, {"title": ENGLISH_TITLE}, publish=True)
    # the original changes after the translation: it may be behind
    original.get_latest_revision_as_object().save_revision().publish()
    drafted = translate_page(other, {"title": "Drafted English"}, publish=False)
    client.force_login(translator)
    page = client.get(reverse("translations_todo")).content.decode()
    untranslated, rest = page.split('id="behind-heading"', 1)
    behind, rest = rest.split('id="drafts-heading"', 1)
    drafts, moderation = rest.split('id="moderation-heading"', 1)
    assert f'id="original-{original.pk}"' not in untranslated
    assert f'id="original-{other.pk}"' not in untranslated
    assert f'id="original-{third.pk}"' in untranslated
    assert reverse("translations_translate", args=[third.pk]) in untranslated
    assert f'id="behind-{english.pk}"' in behind
    # the translator syncs from here (the original's editor is not theirs)
    sync = re.search(r'href="(/admin/localize/update/\d+/)"', behind).group(1)
    assert client.get(sync).status_code == 200
    assert f'id="translation-{drafted.pk}"' in drafts
    assert f'id="translation-{drafted.pk}"' not in moderation
    client.post(reverse("translations_submit", args=[drafted.pk]))
    page = client.get(reverse("translations_todo")).content.decode()
    drafts, moderation = page.split('id="moderation-heading"', 1)
    assert f'id="translation-{drafted.pk}"' in moderation
    assert (
        f'id="translation-{drafted.pk}"' not in drafts.split('id="drafts-heading"')[1]
    )


def test_todo_list_refuses_others(client, team_member, sumedang_host, moderator):
    url = reverse("translations_todo")
    assert client.get(url).status_code == 302  # anonymous: sign in
    client.force_login(sumedang_host)  # in the admin, not a translator
    assert client.get(url).status_code == 403
    client.force_login(team_member)  # not in the admin at all
    assert client.get(url).status_code in (302, 403)
    client.force_login(moderator)  # moderators review translations
    assert client.get(url).status_code == 200
