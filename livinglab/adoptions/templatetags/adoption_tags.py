from django import template

from ..models import Stage

register = template.Library()


@register.filter
def stage_label(value):
    """The translated label of a stage code ("pelatihan" -> "Pelatihan")."""
    try:
        return Stage(value).label
    except ValueError:
        return value
