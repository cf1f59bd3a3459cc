"""The house formats for dates and numbers, the same shape in both languages
(``2 Nov 2026``; month names translated by Django). Only what differs from
Django's own locale formats is set here; the separators (``185.000`` in
Indonesian, ``185,000`` in English) are Django's."""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y H:i"
YEAR_MONTH_FORMAT = "M Y"
MONTH_DAY_FORMAT = "j M"
