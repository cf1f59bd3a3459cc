"""The translators' admin views (docs/TRANSLATION.md "Translating and
moderation").

- :func:`todo`: what is left to translate (published originals without an
  English translation, with a "Translate" button), the translations that may
  be behind their original, the drafts not yet submitted and the
  translations in moderation;
- :func:`translate`: POST, makes a page's English translation through
  wagtail-localize (a draft) and opens wagtail-localize's editor on it;
- :func:`submit`: POST, saves the translator's strings into a draft
  revision of the English page and starts the workflow the page is under
  (the same as the Indonesian tree's), which a moderator approves in
  Wagtail's "Awaiting your review". wagtail-localize's editor has no
  "Submit for moderation" of its own.

Every decision of who may do what is in ``livinglab.accounts.policy``.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.defaults import permission_denied

from wagtail.models import Page, WorkflowState

from livinglab.accounts.policy import may_submit_translation, may_translate
from livinglab.base.translation import (
    is_behind,
    save_translation_draft,
    translate_page,
)

#: The language translators translate into.
TARGET_LANGUAGE = "en"


def forbidden(request):
    """A 403 response (the site's 403 page). Wagtail's admin would turn a
    raised ``PermissionDenied`` into a redirect to the dashboard; a refusal
    here is a plain 403, as the authorization matrix expects."""
    return permission_denied(request, PermissionDenied())


def _in_moderation_ids(page_ids):
    """The ids (ints) among ``page_ids`` with a workflow in progress."""
    rows = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=[str(pk) for pk in page_ids],
    ).values_list("object_id", flat=True)
    return {int(pk) for pk in rows}


def _source_times(keys):
    """``{translation_key: datetime}``: when wagtail-localize last read each
    original (``TranslationSource.last_updated_at``, the newest)."""
    from wagtail_localize.models import TranslationSource

    latest = {}
    rows = TranslationSource.objects.filter(
        object_id__in=keys, locale__language_code=settings.LANGUAGE_CODE
    ).values_list("object_id", "last_updated_at")
    for key, when in rows:
        if key not in latest or when > latest[key]:
            latest[key] = when
    return latest


def _strings_edited_at(keys, language=TARGET_LANGUAGE):
    """``{translation_key: datetime}``: the last time a translator changed a
    string of each page in wagtail-localize's editor (its strings are kept
    apart from the page until they are saved into a revision)."""
    from wagtail_localize.models import StringTranslation

    rows = (
        StringTranslation.objects.filter(
            locale__language_code=language, context__object_id__in=keys
        )
        .values("context__object_id")
        .annotate(last=Max("updated_at"))
    )
    return {row["context__object_id"]: row["last"] for row in rows}


def has_unsubmitted_work(page, strings_edited_at=None):
    """Whether the English ``page`` holds work not yet published: it was never
    published, has a draft revision, or its strings were edited in
    wagtail-localize's editor after its latest revision
    (``strings_edited_at``, a datetime or None)."""
    if not page.live or page.has_unpublished_changes:
        return True
    if strings_edited_at is None:
        return False
    revision = page.latest_revision
    return revision is None or strings_edited_at > revision.created_at


def todo_lists(language=TARGET_LANGUAGE):
    """The translators' to-do list, as a dict of lists:

    - ``untranslated``: live originals (specific pages) with no translation
      in ``language`` (an alias made for the English tree counts as none);
    - ``behind``: ``(original, translation)`` pairs whose live translation
      may be behind (``livinglab.base.translation.is_behind``);
    - ``drafts``: translations with work not yet submitted
      (:func:`has_unsubmitted_work`) and not in moderation;
    - ``in_moderation``: translations with a workflow in progress.

    A fixed number of queries, whatever the number of pages."""
    originals = list(
        Page.objects.live()
        .public()
        .filter(depth__gt=1, locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .specific()
    )
    translations = list(
        Page.objects.filter(
            locale__language_code=language,
            alias_of__isnull=True,
            translation_key__in=[page.translation_key for page in originals],
        )
        .select_related("latest_revision")
        .order_by("path")
        .specific()
    )
    by_key = {page.translation_key: page for page in translations}
    keys = list(by_key)
    sources = _source_times(keys)
    source_ids = _source_ids(keys)
    edited = _strings_edited_at(keys)
    moderated = _in_moderation_ids([page.pk for page in translations])
    lists = {"untranslated": [], "behind": [], "drafts": [], "in_moderation": []}
    for original in originals:
        translated = by_key.get(original.translation_key)
        if translated is None:
            lists["untranslated"].append(original)
            continue
        if translated.pk in moderated:
            lists["in_moderation"].append(translated)
        elif has_unsubmitted_work(translated, edited.get(translated.translation_key)):
            lists["drafts"].append(translated)
        if translated.live and is_behind(
            original, translated, sources.get(original.translation_key)
        ):
            lists["behind"].append(
                (original, translated, source_ids.get(str(original.translation_key)))
            )
    return lists


def _source_ids(keys):
    """``{translation_key (str): TranslationSource pk}`` of the originals:
    the address of wagtail-localize's "Sync translated pages" for each."""
    from wagtail_localize.models import TranslationSource

    rows = TranslationSource.objects.filter(
        object_id__in=keys, locale__language_code=settings.LANGUAGE_CODE
    ).values_list("object_id", "pk")
    return {str(key): pk for key, pk in rows}


def todo(request):
    """GET: the to-do list (translators, moderators, administrators)."""
    if not request.user.has_perm("translations.view_todo"):
        return forbidden(request)
    return TemplateResponse(
        request,
        "translations/admin/todo.html",
        {"lists": todo_lists(), "may_translate": may_translate(request.user)},
    )


def _original_or_404(page_id):
    """The live original (a specific page) no view restriction closes,
    with this id, else 404: translators translate what readers may read."""
    return get_object_or_404(
        Page.objects.live()
        .public()
        .filter(depth__gt=1, locale__language_code=settings.LANGUAGE_CODE),
        pk=page_id,
    ).specific


@require_POST
def translate(request, page_id):
    """POST: make ``page_id``'s English translation (a draft, through
    wagtail-localize) and open wagtail-localize's editor on it. An existing
    translation is opened as it is."""
    if not may_translate(request.user):
        return forbidden(request)
    original = _original_or_404(page_id)
    existing = original.get_translation_or_none(_target_locale())
    if existing is not None and existing.alias_of_id is None:
        messages.info(
            request,
            _("“%(title)s” already has an English translation.")
            % {"title": original.title},
        )
        return redirect("wagtailadmin_pages:edit", existing.pk)
    try:
        with transaction.atomic():
            translated = translate_page(original, {}, user=request.user, publish=False)
    except ValidationError:
        messages.error(
            request,
            _("“%(title)s” could not be translated: the original is not valid.")
            % {"title": original.title},
        )
        return redirect("translations_todo")
    messages.success(
        request,
        _("English translation of “%(title)s” created as a draft.")
        % {"title": original.title},
    )
    return redirect("wagtailadmin_pages:edit", translated.pk)


def _target_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code=TARGET_LANGUAGE)


@require_POST
def submit(request, page_id):
    """POST: submit the English page ``page_id`` for moderation.

    Saves the strings of wagtail-localize's editor into a draft revision and
    starts the page's workflow on it. Refused with a message, nothing
    changed, when the page has nothing unpublished, is already in
    moderation or has no workflow; 403 when the person may not
    (``policy.may_submit_translation``); 404 for an unknown page or an
    original."""
    from wagtail_localize.models import Translation

    page = get_object_or_404(
        Page.objects.exclude(locale__language_code=settings.LANGUAGE_CODE),
        pk=page_id,
    ).specific
    if not may_submit_translation(request.user, page):
        return forbidden(request)
    back = redirect("translations_todo")
    job = Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
        enabled=True,
    ).first()
    if page.alias_of_id is not None or job is None:
        messages.error(
            request,
            _("“%(title)s” is not a translation made here: translate it first.")
            % {"title": page.title},
        )
        return back
    if page.workflow_in_progress:
        messages.error(
            request,
            _("“%(title)s” is already in moderation.") % {"title": page.title},
        )
        return back
    edited = _strings_edited_at([page.translation_key]).get(page.translation_key)
    if not has_unsubmitted_work(page, edited):
        messages.error(
            request,
            _("“%(title)s” has no draft to submit: it is published as it is.")
            % {"title": page.title},
        )
        return back
    workflow = page.get_workflow()
    if workflow is None:
        messages.error(
            request,
            _("“%(title)s” has no moderation workflow; ask an administrator.")
            % {"title": page.title},
        )
        return back
    try:
        with transaction.atomic():
            page = save_translation_draft(job, request.user)
            workflow.start(page, request.user)
    except ValidationError:
        messages.error(
            request,
            _("“%(title)s” could not be saved: correct it in the editor first.")
            % {"title": page.title},
        )
        return back
    messages.success(
        request,
        _("“%(title)s” was submitted for moderation.")
        % {"title": page.get_admin_display_title()},
    )
    return back


def todo_url():
    """The address of the to-do list (for menu items and messages)."""
    return reverse("translations_todo")
