"""Validators shared by several apps: each rule is written once, here or in
the model that owns it, and forms, importers, the API and services call it.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Years of SPBE evaluations and of evidence ("bukti dukung"): the SPBE
# evaluation began under Perpres 95/2018 with the 2018 round; 2015 leaves
# room for older evidence of an innovation; 2100 catches typing slips.
YEAR_MIN, YEAR_MAX = 2015, 2100
YEAR_VALIDATORS = [MinValueValidator(YEAR_MIN), MaxValueValidator(YEAR_MAX)]


def validate_not_in_future(value, today=None):
    """Refuse a ``datetime.date`` after ``today`` (default: today in the
    site's time zone, ``TIME_ZONE`` Asia/Jakarta). Raises ``ValidationError``
    with code ``"future"``; returns None."""
    if value > (today or timezone.localdate()):
        raise ValidationError(_("The date cannot be in the future."), code="future")
