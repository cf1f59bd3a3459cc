"""Kemendagri region codes.

A province is two digits (``32``); a kabupaten/kota is province + two digits,
written dotted by Kemendagri (``32.11``) and undotted in BPS/NIK style
(``3211``). We accept both and store the dotted form. The second pair says the
kind: 01-69 kabupaten, 71-99 kota.
"""

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

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


# Look-ups -------------------------------------------------------------------
#
# People write a regency as ``32.05``, ``3205``, ``Kab. Garut``, ``Kabupaten
# Garut``, ``garut``, ``Kota Adm. Jakarta Selatan`` or ``Kabupaten
# Administrasi Kepulauan Seribu``. ``parse_lookup`` turns any of them into one
# ``Lookup``; ``queries.matching_regions`` is the only place that turns a
# ``Lookup`` into a database filter, and the API ``q``, the region list filter
# and the loaders all go through it.

_CODE_PREFIX_RE = re.compile(r"^([0-9]{2})(?:\.?([0-9]{1,2}))?\.?$")
_KIND_PREFIXES = (
    # (pattern at the start of a name, kind); longest forms first.
    (re.compile(r"^(?:kabupaten|kab)\.?\s+(?:administrasi|adm)\.?\s+"), KABUPATEN),
    (re.compile(r"^kota\s+(?:administrasi|adm)\.?\s+"), KOTA),
    (re.compile(r"^(?:kabupaten\s+|kab\.\s*|kab\s+)"), KABUPATEN),
    (re.compile(r"^kota\s+"), KOTA),
)
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Lookup:
    """What a typed region reference asks for.

    ``code_prefix``: a dotted code or the start of one (``32``, ``32.0``,
    ``32.05``), or ``None`` when the text is a name. ``kind``: ``kabupaten``,
    ``kota`` or ``None`` when the name carried no kind. ``name``: the name
    without its kind, lower case, single-spaced (``"garut"``), or ``""``.
    """

    code_prefix: str | None = None
    kind: str | None = None
    name: str = ""

    @property
    def is_empty(self):
        return not (self.code_prefix or self.name)


def split_name(text) -> tuple[str | None, str]:
    """``("kabupaten", "garut")`` from ``Kab. Garut``, ``Kabupaten Garut`` or
    ``KAB GARUT``; ``(None, "garut")`` from ``garut``. ``Kota Adm.`` and
    ``Kabupaten Administrasi`` (DKI Jakarta) count as kota and kabupaten."""
    name = _SPACES_RE.sub(" ", str(text or "").strip()).lower()
    for pattern, kind in _KIND_PREFIXES:
        match = pattern.match(name)
        if match and name[match.end() :].strip():
            return kind, name[match.end() :].strip()
    return None, name


def parse_lookup(text) -> Lookup:
    """Read a code (dotted or not, whole or its start) or a name (any of the
    common forms) typed by a person; never raises."""
    raw = str(text or "").strip()
    compact = raw.replace(" ", "")
    if len(compact) == 1 and compact.isdecimal() and compact.isascii():
        return Lookup(code_prefix=compact)  # the first digit of province codes
    match = _CODE_PREFIX_RE.match(compact)
    if match:
        province, local = match.groups()
        return Lookup(code_prefix=f"{province}.{local}" if local else province)
    kind, name = split_name(raw)
    return Lookup(kind=kind, name=name)


def names_match(a, b) -> bool:
    """True when two spellings name the same regency (``Kab. Garut`` and
    ``Kabupaten Garut``); a name without a kind matches either kind."""
    kind_a, name_a = split_name(a)
    kind_b, name_b = split_name(b)
    if name_a != name_b:
        return False
    return kind_a is None or kind_b is None or kind_a == kind_b


# Retired codes ----------------------------------------------------------------

RETIRED_CODES_FILE = (
    Path(__file__).resolve().parents[2] / "fixtures" / ("retired_region_codes.csv")
)
ADMINISTRATIVE_UNITS_FILE = RETIRED_CODES_FILE.parent / "administrative_units.csv"


@dataclass(frozen=True)
class RetiredCode:
    """A regency code that a boundary change retired, and its current code.

    ``verified`` is False where the old code comes from an older list that
    could not be checked against the act's annex (see the data file)."""

    code: str
    name: str
    current_code: str
    changed_by: str
    verified: bool


@functools.cache
def retired_codes(path=None) -> dict:
    """``{retired dotted code: RetiredCode}`` from ``fixtures/retired_region_codes.csv``
    (columns ``retired_code, retired_name, current_code, changed_by, verified,
    note``; ``#`` lines are comments). Read once per process."""
    source = Path(path or RETIRED_CODES_FILE)
    lines = [
        line
        for line in source.read_text(encoding="utf-8-sig").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    retired = {}
    for row in csv.DictReader(lines):
        code = normalize_region_code(row["retired_code"])
        retired[code] = RetiredCode(
            code=code,
            name=row["retired_name"].strip(),
            current_code=normalize_region_code(row["current_code"]),
            changed_by=row["changed_by"].strip(),
            verified=row["verified"].strip().lower() in {"1", "true", "ya", "yes"},
        )
    return retired


@functools.cache
def administrative_codes(path=None) -> frozenset:
    """Dotted codes of the administrative (non-autonomous) kabupaten/kota,
    from ``fixtures/administrative_units.csv`` (columns ``region_code, name``;
    ``#`` lines are comments): DKI Jakarta's 31.01 and 31.71-31.75."""
    source = Path(path or ADMINISTRATIVE_UNITS_FILE)
    lines = [
        line
        for line in source.read_text(encoding="utf-8-sig").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    return frozenset(
        normalize_region_code(row["region_code"]) for row in csv.DictReader(lines)
    )
