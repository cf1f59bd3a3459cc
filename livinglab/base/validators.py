"""Validators shared by several apps: each rule is written once, here or in
the model that owns it, and forms, importers, the API and services call it.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Years of SPBE evaluations and of evidence ("bukti dukung"): the SPBE
# evaluation began under Perpres 95/2018 with the 2018 round; 2015 leaves
# room for older evidence of an innovation; 2100 catches typing slips.
YEAR_MIN, YEAR_MAX = 2015, 2100
YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


# Dates of the programme's records (adoption steps, targets): no case study
# launched before 1990 (``InnovationPage.year_launched``), none is planned
# after YEAR_MAX; "0001-01-01" is a typing slip, not history.
EARLIEST_DATE = date(1990, 1, 1)


def validate_plausible_date(value):
    """Refuse a ``datetime.date`` before ``EARLIEST_DATE`` or after the end
    of ``YEAR_MAX``. Raises ``ValidationError`` with code ``"implausible"``."""
    if not EARLIEST_DATE <= value <= date(YEAR_MAX, 12, 31):
        raise ValidationError(
            _("Give a date between %(first)s and %(last)s."),
            code="implausible",
            params={"first": EARLIEST_DATE.year, "last": YEAR_MAX},
        )


def validate_not_in_future(value, today=None):
    """Refuse a ``datetime.date`` after ``today`` (default: today in the
    site's time zone, ``TIME_ZONE`` Asia/Jakarta) or before
    ``EARLIEST_DATE``. Raises ``ValidationError`` with code ``"future"`` or
    ``"implausible"``; returns None."""
    validate_plausible_date(value)
    if value > (today or timezone.localdate()):
        raise ValidationError(_("The date cannot be in the future."), code="future")


https_only = URLValidator(
    schemes=["https"], message="Use an https:// address (plain http is refused)."
)


def validate_https(value):
    """Refuse anything but a full https:// address (``str``). Raises
    ``ValidationError`` with code ``"https_only"``."""
    try:
        https_only(value)
    except ValidationError:
        raise ValidationError(
            _("Use a full https:// address, e.g. https://git.example.go.id/app."),
            code="https_only",
        ) from None
