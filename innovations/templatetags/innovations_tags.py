"""Template tags of the case-study library (``{% load innovations_tags %}``)."""

from django import template
from django.urls import translate_url
from django.utils.translation import get_language

from ..models import InnovationIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def library_url(context):
    """URL of the innovation library in the active language, or None."""
    library = (
        InnovationIndexPage.objects.originals()
        .live()
        .filter(host_region__isnull=True)
        .order_by("path")
        .first()
    )
    if library is None:
        return None
    url = library.get_url(request=context.get("request"))
    return translate_url(url, get_language()) if url else None
