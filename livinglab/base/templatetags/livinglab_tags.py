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


@register.simple_tag(takes_context=True)
def library_url(context):
    """URL of the innovation library in the active language, or None."""
    from django.utils.translation import get_language

    from innovations.models import InnovationIndexPage

    library = (
        InnovationIndexPage.objects.live()
        .filter(host_region__isnull=True)
        .order_by("path")
        .first()
    )
    if library is None:
        return None
    url = library.get_url(request=context.get("request"))
    return translate_url(url, get_language()) if url else None
