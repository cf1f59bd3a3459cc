"""SPBE index arithmetic that does not depend on the database.

The predicate table itself is data (``SpbePredicate`` rows, editable in the
admin, seeded from PermenPANRB 59/2020); this module only applies it.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INDEX_MIN = Decimal("0.00")
INDEX_MAX = Decimal("5.00")
TWO_PLACES = Decimal("0.01")


def parse_index(value) -> Decimal:
    """An SPBE index as a Decimal with two places, or ValidationError."""
    try:
        index = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ValidationError(
            _("“%(value)s” is not a number."), code="invalid", params={"value": value}
        ) from None
    if not index.is_finite() or not (INDEX_MIN <= index <= INDEX_MAX):
        raise ValidationError(
            _("An SPBE index lies between 0.00 and 5.00, not %(value)s."),
            code="out_of_range",
            params={"value": value},
        )
    if index != index.quantize(TWO_PLACES, rounding=ROUND_HALF_UP):
        raise ValidationError(
            _("An SPBE index has at most two decimals, not %(value)s."),
            code="too_precise",
            params={"value": value},
        )
    return index.quantize(TWO_PLACES)


def predicate_for(index, table):
    """Pick the predicate for ``index`` from ``table``.

    ``table`` is an iterable of objects with ``min_index``; the predicate is the
    one with the highest ``min_index`` not above the index. Returns None for an
    empty table.
    """
    if index is None:
        return None
    index = Decimal(index)
    best = None
    for row in table:
        if row.min_index <= index and (best is None or row.min_index > best.min_index):
            best = row
    return best
