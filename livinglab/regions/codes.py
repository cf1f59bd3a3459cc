"""Kemendagri region codes.

A province is two digits (``32``); a kabupaten/kota is province + two digits,
written dotted by Kemendagri (``32.11``) and undotted in BPS/NIK style
(``3211``). We accept both and store the dotted form. The second pair says the
kind: 01-69 kabupaten, 71-99 kota.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

KABUPATEN = "kabupaten"
KOTA = "kota"

_PROVINCE_RE = re.compile(r"^[0-9]{2}$")
_REGION_RE = re.compile(r"^([0-9]{2})\.?([0-9]{2})$")


def normalize_province_code(value) -> str:
    code = str(value or "").strip()
    if not _PROVINCE_RE.match(code) or code == "00":
        raise ValidationError(
            _("“%(code)s” is not a province code: expected two digits, e.g. 32."),
            code="invalid_province_code",
            params={"code": code},
        )
    return code


def normalize_region_code(value) -> str:
    """Return the dotted form of a regency code, or raise ValidationError."""
    code = str(value or "").strip()
    match = _REGION_RE.match(code)
    if not match:
        raise ValidationError(
            _(
                "“%(code)s” is not a kabupaten/kota code: expected the Kemendagri "
                "form 32.11 or the BPS form 3211."
            ),
            code="invalid_region_code",
            params={"code": code},
        )
    province, local = match.groups()
    if province == "00" or local == "00" or int(local) == 70:
        raise ValidationError(
            _(
                "“%(code)s” is not a kabupaten/kota code: the second pair must be "
                "01-69 (kabupaten) or 71-99 (kota)."
            ),
            code="invalid_region_code",
            params={"code": code},
        )
    return f"{province}.{local}"


def kind_for_code(code: str) -> str:
    """Kabupaten or kota, from the second pair of a normalized code."""
    return KOTA if int(code[3:5]) >= 71 else KABUPATEN


def province_of(code: str) -> str:
    return code[:2]
