"""Keeping SearchDocument and the outbox in step with published pages.

Wagtail's signals call ``page_changed`` for publish, unpublish, move and
delete, for every case study at or below a page whose view restriction
(password, login or groups) is added, changed or removed, when its
replication count changes (``adoptions.signals.replication_changed``) and
when its public FAQ may have changed (``questions.signals.faq_changed``: an
answer published as FAQ or withdrawn, an answer or question hidden or shown). It rebuilds the
page's SearchDocument from the *published* version re-fetched from the
database (``InnovationPage.objects.published()``: live and without a view
restriction), or removes it, and, when Elasticsearch is configured, appends
an outbox row, all inside the caller's transaction.

English translations (issue 20) are never documents of their own: the
document of an original carries the text of its *live* English translation
(``livinglab.base.translation.live_translations``) in its English columns.
Publishing, unpublishing, deleting or moving a translation re-analyses its
original (found by ``translation_key`` in the originals' locale,
``original_id``); a draft translation is never read.
"""

import logging

from django.conf import settings
from django.db import transaction

from wagtail.models import Page, PageViewRestriction

from innovations.models import InnovationPage
from innovations.search import facet_values, indexable, page_text, translated_text
from livinglab.adoptions import models as adoption_models
from livinglab.adoptions.signals import replication_changed
from livinglab.base.translation import (
    ORIGINAL_LANGUAGE,
    is_original,
    live_translations,
)
from livinglab.questions.signals import faq_changed

from .models import SearchDocument, SearchOutbox

logger = logging.getLogger(__name__)


def _live_page(page_id):
    """The page as the public sees it, or None when it is not published
    (draft, unpublished, deleted or behind a view restriction)."""
    return indexable().filter(pk=page_id).first()


def replication_count(page):
    """Regions that replicate the page (``adoptions.models.replication_count``)."""
    return adoption_models.replication_count(page)


def on_replication_changed(sender, innovation_id, **kwargs):
    page_changed(innovation_id)


def on_faq_changed(sender, innovation_id, **kwargs):
    """The case study's FAQ may have changed: its text is searched."""
    page_changed(innovation_id)


SEARCH_TEXT_KEYS = (
    "title_stemmed",
    "summary_stemmed",
    "body_stemmed",
    "extra_stemmed",
    "synonyms",
    "title",
    "summary",
    "body",
    "extra",
)


def search_text(analysed):
    """Every analysed token, space-padded, for whole-token matching."""
    return " " + " ".join(analysed[key] for key in SEARCH_TEXT_KEYS) + " "


def analysed_fields(analysed, english=None):
    """The SearchDocument fields that hold ``analyze_document``'s output
    (``{field name: text}``): the one mapping of analysis to columns, for the
    sync and for the benchmarks and tests that build documents directly.
    ``english``: the English analysis (``analyze_document(..., "en")``) of a
    live translation, or None; its tokens join ``search_text`` too."""
    english = english or {}
    fields = {
        "title_norm": analysed["title"],
        "title_stemmed": analysed["title_stemmed"],
        "summary_norm": analysed["summary"],
        "summary_stemmed": analysed["summary_stemmed"],
        "body_norm": analysed["body"],
        "body_stemmed": analysed["body_stemmed"],
        "extra_norm": analysed["extra"],
        "extra_stemmed": analysed["extra_stemmed"],
        "synonyms": analysed["synonyms"],
        "search_text": search_text(analysed),
    }
    for name in ("title", "summary", "body", "extra"):
        fields[f"{name}_en_norm"] = english.get(name, "")
        fields[f"{name}_en_stemmed"] = english.get(f"{name}_stemmed", "")
    fields["synonyms_en"] = english.get("synonyms", "")
    if english:
        fields["search_text"] += search_text(english).lstrip()
    return fields


def english_fields(text):
    """The SearchDocument fields of an English translation's plain ``text``
    (``innovations.search.translated_text``; None: no live translation),
    as ``(display fields, English analysis or None)``."""
    from .analysis import ENGLISH, analyze_document

    if text is None:
        return {
            "title_en": "",
            "summary_en": "",
            "body_text_en": "",
            "extra_text_en": "",
        }, None
    return {
        "title_en": text["title"][:255],
        "summary_en": text["summary"],
        "body_text_en": text["body"],
        "extra_text_en": text["extra"],
    }, analyze_document(text, ENGLISH)


def english_translation(page):
    """The live English translation of the original ``page``, or None.

    A translation being deleted is None already: its case-study row goes
    first and its page row is then no ``InnovationPage`` any more (the
    ``post_delete`` that re-analyses the original runs in between)."""
    from .analysis import ENGLISH

    found = live_translations([page], ENGLISH).get(page.translation_key)
    return found if isinstance(found, InnovationPage) else None


def document_fields(page):
    from .analysis import analyze_document

    text = page_text(page)
    analysed = analyze_document(text)
    translation = english_translation(page)
    shown, english = english_fields(
        translated_text(translation) if translation is not None else None
    )
    count = replication_count(page)
    return {
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "url": page.get_url() or "",
        "host_region": page.host_region.code,
        "year_launched": page.year_launched,
        "published_at": page.first_published_at,
        "stopped_on": page.stopped_on,
        "replication_count": count,
        "body_text": text["body"],
        "extra_text": text["extra"],
        **shown,
        **analysed_fields(analysed, english),
        "facets": facet_values(page, count),
    }


def refresh_document(page_id):
    """Make SearchDocument agree with the live state of page ``page_id``."""
    page = _live_page(page_id)
    if page is None:
        SearchDocument.objects.filter(page_id=page_id).delete()
        return None
    document, _created = SearchDocument.objects.update_or_create(
        page_id=page_id, defaults=document_fields(page)
    )
    return document


def page_changed(page_id):
    with transaction.atomic():
        refresh_document(page_id)
        if settings.ELASTICSEARCH_URL:
            SearchOutbox.objects.create(page_id=page_id)


def original_id(page):
    """The id of the case study whose document ``page`` belongs to: the page
    itself when it is an original, else its original's (same
    ``translation_key``, the originals' locale), or None when a translation
    has no original (any more)."""
    if is_original(page):
        return page.pk
    return (
        InnovationPage.objects.filter(
            translation_key=page.translation_key,
            locale__language_code=ORIGINAL_LANGUAGE,
        )
        .values_list("pk", flat=True)
        .first()
    )


def _changed(page):
    page_id = original_id(page)
    if page_id is not None:
        page_changed(page_id)


def on_published(sender, instance, **kwargs):
    _changed(instance)


def on_unpublished(sender, instance, **kwargs):
    _changed(instance)


def on_moved(sender, instance, **kwargs):
    if (
        issubclass(instance.specific_class or type(instance), InnovationPage)
        or instance.get_descendants().type(InnovationPage).exists()
    ):
        pages = [instance, *instance.get_descendants().type(InnovationPage)]
        for page_id in dict.fromkeys(original_id(page) for page in pages):
            if page_id is not None:
                page_changed(page_id)


def on_deleted(sender, instance, **kwargs):
    _changed(instance)


def pages_at_or_below(page):
    """Ids of the case studies that are ``page`` or below it."""
    return list(
        InnovationPage.objects.descendant_of(page, inclusive=True).values_list(
            "pk", flat=True
        )
    )


def on_restriction_changed(sender, instance, **kwargs):
    """A view restriction was saved or deleted: the restricted page and
    everything below it leave (or re-enter) the search at once."""
    page_id = getattr(instance, "page_id", None)
    if page_id is None:
        return
    page = Page.objects.filter(pk=page_id).first()
    if page is None:  # the page itself is being deleted; on_deleted handles it
        return
    for innovation_id in pages_at_or_below(page):
        page_changed(innovation_id)


def connect():
    from django.db.models.signals import post_delete, post_save

    from wagtail.signals import page_published, page_unpublished, post_page_move

    model = InnovationPage
    page_published.connect(on_published, sender=model, dispatch_uid="search-published")
    page_unpublished.connect(
        on_unpublished, sender=model, dispatch_uid="search-unpublished"
    )
    post_delete.connect(on_deleted, sender=model, dispatch_uid="search-deleted")
    post_page_move.connect(on_moved, dispatch_uid="search-moved")
    replication_changed.connect(
        on_replication_changed, dispatch_uid="search-replication-changed"
    )
    faq_changed.connect(on_faq_changed, dispatch_uid="search-faq-changed")
    post_save.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search-restriction-saved",
    )
    post_delete.connect(
        on_restriction_changed,
        sender=PageViewRestriction,
        dispatch_uid="search-restriction-deleted",
    )
