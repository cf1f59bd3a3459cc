from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language):
    """This page's URL in ``language`` (``/wilayah/`` <-> ``/en/wilayah/``),
    keeping the query string; a plain link, so it works without JavaScript."""
    request = context.get("request")
    if request is None:
        return "/" if language == "id" else f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.filter
def foreign_lang(page):
    """``page.content_language`` when it is not the active language, else
    ``""``: the value of a ``lang`` attribute on a case study's text shown
    in another language (its Indonesian original on an English page, issue
    20). Pages not passed through ``base.translation.show_in`` have no
    ``content_language`` and give ``""``."""
    shown = getattr(page, "content_language", "")
    return shown if shown and shown != get_language() else ""


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """``[(code, absolute_url)]`` of this address in each language, for
    ``<link rel="alternate" hreflang>`` (the first is the default language,
    also given as ``x-default``). The path only: a query string (filters,
    a search) is not another page. Empty without a request."""
    request = context.get("request")
    if request is None:
        return []
    path = request.path
    return [
        (code, request.build_absolute_uri(translate_url(path, code)))
        for code, _name in settings.LANGUAGES
    ]


@register.filter
def field_lang(page, name):
    """Like :func:`foreign_lang` for one field of a page shown in another
    language: ``"id"`` also when that field of a partly translated page is
    still the Indonesian original's (``untranslated_fields``, set by
    ``base.translation.overlay``); else ``""``."""
    if name in getattr(page, "untranslated_fields", ()):
        return "id" if get_language() != "id" else ""
    return foreign_lang(page)
