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
    also given as ``x-default``). Empty without a request."""
    request = context.get("request")
    if request is None:
        return []
    path = request.get_full_path()
    return [
        (code, request.build_absolute_uri(translate_url(path, code)))
        for code, _name in settings.LANGUAGES
    ]
