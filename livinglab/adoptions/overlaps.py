"""The national-application check when a region registers interest
(issue 19.6).

A case study may overlap a national application (Perpres 82/2023,
Percepatan Transformasi Digital dan Keterpaduan Layanan Digital Nasional:
SRIKANDI, SIPD, SP4N-LAPOR!, ...; ``innovations.NationalApplicationLink``).
Registering interest in one stays possible, but the form then shows a
warning banner per overlap (``templates/adoptions/register_interest.html``)
and asks the team to tick an acknowledgement; without it the form is
invalid and nothing is saved.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_unicode_slug
from django.utils.translation import gettext_lazy as _

from innovations.models import NationalApplicationLink

ACKNOWLEDGE_FIELD = "acknowledge_overlap"


def overlaps_for(slug, pages):
    """The overlap links (``NationalApplicationLink``, with their
    application and page) of case study ``slug`` among ``pages`` (the
    queryset the form offers: published ones only, so a draft's title and
    reason never show), in the host's order; ``[]`` for an empty or unknown
    slug."""
    slug = (slug or "").strip()[:255]
    try:
        # Not a slug (e.g. a NUL byte, which PostgreSQL refuses in a query):
        # no case study has it.
        validate_unicode_slug(slug)
    except ValidationError:
        return []
    return list(
        NationalApplicationLink.objects.filter(
            page__in=pages.filter(slug=slug),
            relation=NationalApplicationLink.Relation.OVERLAPS,
        )
        .select_related("application", "page")
        .order_by("sort_order", "pk")
    )


def add_acknowledgement(form, slug):
    """Give ``form`` (with an ``innovation`` choice field) the overlaps of
    case study ``slug``, if the field offers it, as ``form.overlaps`` and,
    when there is any, a required acknowledgement checkbox (the last field).
    Returns the overlaps."""
    form.overlaps = overlaps_for(slug, form.fields["innovation"].queryset)
    if form.overlaps:
        form.fields[ACKNOWLEDGE_FIELD] = forms.BooleanField(
            # no full stop: the error summary writes "<label>: <error>"
            label=_(
                "We have read the warning about the national application and "
                "still want to register interest"
            ),
            required=True,
            error_messages={
                "required": _(
                    "Tick the box to confirm you have read the warning about the "
                    "national application (Perpres 82/2023)."
                )
            },
        )
    return form.overlaps
