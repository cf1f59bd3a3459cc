from django import template
from django.urls import translate_url

register = template.Library()


@register.simple_tag(takes_context=True)
def translated_url(context, language):
    """This page's URL in ``language`` (``/wilayah/`` <-> ``/en/wilayah/``),
    keeping the query string; a plain link, so it works without JavaScript."""
    request = context.get("request")
    if request is None:
        return "/" if language == "id" else f"/{language}/"
    return translate_url(request.get_full_path(), language)
