"""Content in the reader's language (issue 20, docs/TRANSLATION.md).

Indonesian pages are the originals: they carry the data (adoptions,
questions, follows, search documents, the API's identity) and every public
list counts them once. An English translation is a page of its own made with
wagtail-localize (``translation_key`` shared with the original, locale
``en``), moderated and published like any page. What a reader sees is the
original *shown* in their language:

- :func:`show_in` copies the text fields of each page's live translation
  onto the original object (title, summary, story, ...), marks it
  ``content_language`` and ``translation_behind``, and blocks saving it;
- pages are routed through the Indonesian tree at ``/`` and ``/en/`` alike
  (:class:`ReaderLanguagePageMixin`), so an untranslated case study at
  ``/en/...`` is its Indonesian original with a notice and ``lang="id"``,
  and view restrictions are always the original's;
- a page's link follows the reader's language (``/en/...`` from English
  pages), whether or not a translation exists.

A translation "may be behind" when its original was published after the
text the translator worked from (wagtail-localize's ``TranslationSource``)
or after the translation itself was published: :func:`is_behind`.
"""

import functools

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import translate_url
from django.utils import translation

from wagtail.models import Locale, Page
from wagtail.query import PageQuerySet

#: The language of the originals (``LANGUAGE_CODE``, Bahasa Indonesia).
ORIGINAL_LANGUAGE = settings.LANGUAGE_CODE


class OriginalsQuerySet(PageQuerySet):
    """A page queryset that can keep to the originals."""

    def originals(self):
        """The Indonesian originals (the default locale), not their
        translations: a case study or a library section is counted, linked
        and found once (issue 20; docs/TRANSLATION.md)."""
        return self.filter(locale__language_code=ORIGINAL_LANGUAGE)


def reader_language(request=None):
    """The content language the reader asked for: ``"id"`` or ``"en"``.

    The active Django language (the URL prefix; ``Accept-Language`` outside
    the prefixed URLs), or ``request.LANGUAGE_CODE``; anything else is the
    original language."""
    code = getattr(request, "LANGUAGE_CODE", None) or translation.get_language()
    code = (code or ORIGINAL_LANGUAGE).split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else ORIGINAL_LANGUAGE


def original_locale():
    """The :class:`wagtail.models.Locale` of the originals.

    Raises ``Locale.DoesNotExist`` before the migrations ran."""
    return Locale.objects.get(language_code=ORIGINAL_LANGUAGE)


@functools.lru_cache(maxsize=16)
def language_of_locale(locale_id):
    """The language code of the locale with this primary key (``"id"``).

    Cached per process: a locale's language never changes (Wagtail's
    admin refuses it while pages use it), and pages read it on every link."""
    return Locale.objects.values_list("language_code", flat=True).get(pk=locale_id)


def page_language(page):
    """The language code of ``page``'s locale, without a query per page."""
    return language_of_locale(page.locale_id)


def is_original(page):
    """True for a page in the originals' locale (Indonesian)."""
    return page_language(page) == ORIGINAL_LANGUAGE


def translated_fields(page):
    """The names of the fields a reader sees translated on ``page``'s model:
    its ``reader_translated_fields`` (a tuple of field names) or Wagtail's
    title, SEO title and search description."""
    return getattr(
        type(page),
        "reader_translated_fields",
        ("title", "seo_title", "search_description"),
    )


def live_translations(pages, language):
    """``{translation_key: page}``: the live, specific translations of
    ``pages`` (originals) in ``language``, aliases left out; empty for the
    original language. Two queries and the specific rows, whatever the
    number of pages.

    The text is the translation's *published revision*, not its page row:
    wagtail-localize writes a translator's saved strings into the row of a
    live translation in some paths (a subtree submission, an alias
    converted into a page), and a reader must only ever see what a
    moderator published (review finding H1/H2). A translation with no
    published revision is not shown."""
    from wagtail.models import Revision

    if language == ORIGINAL_LANGUAGE:
        return {}
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    # an alias is the original's text under the other locale's tree
    # (wagtail-localize makes the English parents of a first translation
    # aliases): not a translation
    found = (
        Page.objects.live()
        .filter(
            translation_key__in=keys,
            locale__language_code=language,
            alias_of__isnull=True,
            live_revision__isnull=False,
        )
        .specific()
    )
    # a page being deleted may have lost its specific row already: Wagtail
    # then gives a plain Page, which is no translation to show
    found = [page for page in found if type(page) is not Page]
    contents = dict(
        Revision.objects.filter(
            pk__in=[page.live_revision_id for page in found]
        ).values_list("pk", "content")
    )
    shown = {}
    for page in found:
        content = contents.get(page.live_revision_id)
        if content is None:
            continue
        # the text fields only, each through its own field (no query: a
        # whole object from the revision would read its tags, one query
        # per many-to-many field and page)
        for name in translated_fields(page):
            if name in content:
                field = page._meta.get_field(name)
                setattr(page, name, field.to_python(content[name]))
        shown[page.translation_key] = page
    return shown


def _last_source_update(originals):
    """``{translation_key: datetime}``: when wagtail-localize last read each
    original's text for its translators (``TranslationSource.last_updated_at``)."""
    from wagtail_localize.models import TranslationSource

    keys = [page.translation_key for page in originals]
    rows = TranslationSource.objects.filter(
        object_id__in=keys, locale__language_code=ORIGINAL_LANGUAGE
    ).values_list("object_id", "last_updated_at")
    latest = {}
    for key, when in rows:
        if key not in latest or when > latest[key]:
            latest[key] = when
    return latest


def is_behind(original, translated, source_updated_at=None):
    """True when ``translated`` may not say what ``original`` says now.

    That is when the original was published after the translator's source
    text was taken (``source_updated_at``; None when the translation was
    not made with wagtail-localize) or after the translation was last
    published. A never-published original or translation is not behind."""
    published = original.last_published_at
    if published is None or translated.last_published_at is None:
        return False
    basis = translated.last_published_at
    if source_updated_at is not None:
        basis = min(basis, source_updated_at)
    return published > basis


def overlay(original, translated, behind=False):
    """Show ``translated``'s text on ``original`` (in place, never saved).

    Copies :func:`translated_fields`; sets ``content_language`` (``"en"``),
    ``translation_behind``, ``shown_translation`` and
    ``untranslated_fields`` (the names whose text is still the original's:
    a partly translated page, whose missing segments wagtail-localize fills
    with the source text). Returns ``original``."""
    untranslated = set()
    for name in translated_fields(original):
        value = getattr(translated, name)
        field = original._meta.get_field(name)
        if value and field.get_prep_value(value) == field.get_prep_value(
            getattr(original, name)
        ):
            # wagtail-localize falls back to the source text for a segment
            # nobody translated: this field is still Indonesian
            untranslated.add(name)
        setattr(original, name, value)
    original.untranslated_fields = untranslated
    original.content_language = page_language(translated)
    original.translation_behind = behind
    original.shown_translation = translated
    original.shown_for_reader = True
    return original


def show_in(pages, language=None):
    """Show each page (an original) in ``language`` (default: the reader's).

    Pages with a live translation get its text (:func:`overlay`); the
    others keep theirs and are marked ``content_language = "id"``, which
    the templates put in a ``lang`` attribute and a notice. Pages already
    shown (``shown_for_reader``) and ``None`` are left alone. Four queries
    at most, whatever the number of pages. Returns the list."""
    pages = list(pages)
    pending = [
        page
        for page in pages
        if page is not None and not getattr(page, "shown_for_reader", False)
    ]
    language = language or reader_language()
    translations = live_translations(pending, language)
    sources = _last_source_update(pending) if translations else {}
    for page in pending:
        found = translations.get(page.translation_key)
        if found is not None:
            behind = is_behind(page, found, sources.get(page.translation_key))
            overlay(page, found, behind)
        else:
            page.content_language = page_language(page)
            page.translation_behind = False
            page.shown_translation = None
            page.shown_for_reader = True
    return pages


class ReaderLanguagePageMixin:
    """For the page models people read (home, library, case study).

    - ``route``: a translation of the site root routes through its
      Indonesian original, so ``/en/<path>`` reaches the original of
      ``<path>`` and :meth:`serve` shows it in English when it can;
    - ``serve``: an original is shown in the reader's language; a
      translation reached directly is shown on its original, so what it
      reads from other apps (adoptions, questions) is there;
      ``get_preview_context`` does the same for the admin's preview;
    - ``get_url_parts``: outside the admin a page's address follows the
      reader's language;
    - ``save``: a page shown in another language refuses to be saved
      (``ImproperlyConfigured``), so no translated text reaches an original.
    """

    def route(self, request, path_components):
        if self.depth == 2 and not is_original(self):
            original = self.get_translation_or_none(original_locale())
            if original is not None:
                return original.specific.route(request, path_components)
        return super().route(request, path_components)

    def serve(self, request, *args, **kwargs):
        if not is_original(self):
            original = self.get_translation_or_none(original_locale())
            if original is not None:
                original = original.specific
                overlay(original, self)
                return original.serve(request, *args, **kwargs)
        show_in([self], reader_language(request))
        return super().serve(request, *args, **kwargs)

    def get_preview_context(self, request, mode_name):
        # Wagtail's preview renders get_context, not serve: a translation's
        # preview is its original showing the translation's (draft) text
        if not is_original(self):
            original = self.get_translation_or_none(original_locale())
            if original is not None:
                original = overlay(original.specific, self)
                return original.get_preview_context(request, mode_name)
        return super().get_preview_context(request, mode_name)

    def get_url_parts(self, request=None):
        parts = super().get_url_parts(request)
        if parts is None or request_is_admin(request):
            return parts
        site_id, root_url, page_path = parts
        language = reader_language()
        own = page_language(self)
        if page_path and language != own:
            # the path is in the page's own language: resolve it there
            with translation.override(own):
                page_path = translate_url(page_path, language)
        return site_id, root_url, page_path

    def save(self, *args, **kwargs):
        if getattr(self, "shown_translation", None) is not None:
            raise ImproperlyConfigured(
                "This page object shows a translation's text; reload it to save."
            )
        return super().save(*args, **kwargs)


def request_is_admin(request):
    """True for a request to the Wagtail admin (its links stay the pages'
    own addresses: a moderator's "view live" opens the page reviewed)."""
    if request is None:
        return False
    return request.path.startswith("/admin/")


def translate_page(page, texts, user=None, publish=False, language="en"):
    """Make or update ``page``'s translation in ``language`` through
    wagtail-localize, as its translation editor does, and return it.

    ``texts`` maps a segment's source text (the Indonesian string) or its
    context (the field path wagtail-localize gives it, e.g. ``"summary"``)
    to the translated text; segments not named keep the source text until
    a translator translates them. The source is re-read from the original
    first ("sync"), so the translation follows the original's latest
    published text. ``publish=False`` saves a draft revision (the
    translation then goes through moderation like any page).

    Raises ``Locale.DoesNotExist`` for an unknown language and
    ``django.core.exceptions.ValidationError`` when the translated page is
    invalid. Used by the demo data and the tests; people use the editor."""
    from wagtail_localize.models import Translation, TranslationSource
    from wagtail_localize.operations import TranslationCreator

    page = page.specific
    target = Locale.objects.get(language_code=language)
    source, created = TranslationSource.get_or_create_from_instance(page)
    if not created:
        source.update_from_db()
    existing = page.get_translation_or_none(target)
    if existing is None or existing.alias_of_id is not None:
        # wagtail-localize's creator saves its target (a live translation's
        # row too): only for a translation that does not exist yet
        TranslationCreator(user, [target]).create_translations(page)
    job, _created = Translation.objects.get_or_create(
        source=source, target_locale=target
    )
    po = job.export_po()
    for entry in po:
        value = texts.get(entry.msgctxt, texts.get(entry.msgid))
        if value:
            entry.msgstr = value
    job.import_po(po, user=user)
    if existing is None or existing.alias_of_id is not None:
        # a new page (an alias becomes one); a draft first: wagtail-localize
        # publishes only when the transaction commits, so the caller's
        # transaction would not see it
        job.save_target(user=user, publish=False)
        if existing is not None:
            # a converted alias keeps the alias's "live": it is a draft
            # until a moderator publishes it (review finding H2)
            Page.objects.filter(pk=existing.pk).update(
                live=False, has_unpublished_changes=True, live_revision=None
            )
    else:
        save_translation_draft(job, user)
    translated = page.get_translation(target).specific
    if publish:
        translated.get_latest_revision().publish(user=user)
        translated.refresh_from_db()
    return translated


def save_translation_draft(job, user=None):
    """Save the strings of a translation job (a wagtail-localize
    ``Translation``) as a new draft revision of its existing page, as
    Wagtail's editor saves a draft, and return the page (specific).

    Only the revision is written: the page's own row, which readers see
    while it is live, keeps its published text (wagtail-localize's
    ``save_target(publish=False)`` writes the row too, so a live
    translation would show draft text before moderation). Raises
    ``ValidationError`` when the translated page is invalid."""
    draft = job.source.get_ephemeral_translated_instance(
        job.target_locale, fallback=True
    )
    # the address stays the page's own (the English home's slug differs
    # from its original's: they are siblings under the root)
    draft.slug = Page.objects.values_list("slug", flat=True).get(pk=draft.pk)
    draft.save_revision(user=user)
    return Page.objects.get(pk=draft.pk).specific
