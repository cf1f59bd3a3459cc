"""SPBE index arithmetic that does not depend on the database.

The weights, level names and predicate bands are data (an ``SpbeFramework``
with its indicators; ``SpbePredicate`` rows for the pages); this module only
applies them. Under PermenPANRB 59/2020 the index is the weighted mean of the
indicator levels: Σ weightᵢ × levelᵢ / 100 with weights in % summing to 100,
rounded half up to two decimals, so it lies between 1.00 and 5.00.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

INDEX_MIN = Decimal("1.00")
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
            _("An SPBE index lies between 1.00 and 5.00, not %(value)s."),
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


# A computed index differing from the official one by more than this is
# flagged to analysts (indices have two decimals, so 0.02 or more).
DISCREPANCY = Decimal("0.01")


def compute_index(weighted_levels):
    """The index from ``[(weight, level), ...]``: Σ weight × level / 100,
    rounded half up to two decimals (a Decimal).

    ``weight`` is the indicator's share of the index in % (PermenPANRB
    59/2020: 1.30, 2.50, 1.50, 2.75 or 3.00), ``level`` its maturity level
    1-5. The caller passes every indicator of the framework (weights summing
    to 100); ValueError for an empty list or a level outside 1-5.
    """
    total = Decimal(0)
    count = 0
    for weight, level in weighted_levels:
        if level not in (1, 2, 3, 4, 5):
            raise ValueError(f"level {level!r} is not 1-5")
        total += Decimal(str(weight)) * level
        count += 1
    if not count:
        raise ValueError("no levels")
    return (total / 100).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def differs(computed, official) -> bool:
    """Whether a computed and an official index disagree by more than 0.01."""
    if computed is None or official is None:
        return False
    return abs(Decimal(str(computed)) - Decimal(str(official))) > DISCREPANCY
