"""One all-or-nothing import framework, for every file a person loads.

Every importer reads the whole file first (CSV with a header row, or a JSON
object holding a list), parses each record, and reports every problem with
its position (a CSV file's line, a JSON list's record); only a file without
problems is written, in one transaction, with a progress bar. The register,
cohort and SPBE loaders (``livinglab/regions/loaders.py``), the case-study
import (``innovations/importer.py``) and the adoption-history import
(``livinglab/adoptions/importer.py``) are subclasses.

Two ways of checking records exist, because some rules can only be checked
by writing (the adoption pipeline's): ``Importer.load`` parses every record
and writes only when all parsed; ``Importer.check_by_writing = True`` writes
each record in its own savepoint, collects every problem, and rolls the whole
file back when there is one.
"""

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tqdm import tqdm

from .errors import field_messages


@dataclass(frozen=True)
class Problem:
    """A bad record: ``position`` (1-based line of a CSV file or record of a
    JSON list, 0 for the file as a whole), ``message`` (translated text),
    ``field`` (the column or key, when known), ``label`` (the record's name,
    e.g. a slug) and ``unit`` (``"line"`` or ``"record"``)."""

    position: int
    message: str
    field: str = ""
    label: str = ""
    unit: str = "line"

    @property
    def line(self):
        """The position, under the name CSV users know."""
        return self.position

    def __str__(self):
        if self.unit == "record":
            return _("record %(n)s (%(slug)s): %(messages)s") % {
                "n": self.position,
                "slug": self.label or "?",
                "messages": (
                    f"{self.field}: {self.message}" if self.field else self.message
                ),
            }
        if self.field:
            return _("line %(line)s, column %(field)s: %(message)s") % {
                "line": self.position,
                "field": self.field,
                "message": self.message,
            }
        return _("line %(line)s: %(message)s") % {
            "line": self.position,
            "message": self.message,
        }


class ImportFailed(Exception):
    """Raised with every ``Problem`` of a file; nothing was written."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def problems_of(position, error: ValidationError, unit="line", label=""):
    """One ``Problem`` per field of ``error`` (a ``ValidationError`` raised
    with a dict, like ``{"region_code": [...]}``, or without fields), its
    messages joined with "; "."""
    return [
        Problem(position, "; ".join(messages), field or "", label, unit)
        for field, messages in field_messages(error).items()
    ]


def in_column(column, parse, value):
    """``parse(value)``, with a ``ValidationError`` tied to ``column``."""
    try:
        return parse(value)
    except ValidationError as exc:
        raise ValidationError({column: exc.messages}) from None


def _bytes(source):
    if isinstance(source, (str, Path)):
        return Path(source).read_bytes()
    if isinstance(source, bytes):
        return source
    data = source.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def read_csv(source, required) -> Iterator[tuple[int, dict | None]]:
    """Yield ``(line_number, row)`` from a CSV path, bytes or stream (UTF-8,
    a header row, ``#`` comment lines skipped); ``row`` is ``None`` when the
    line has the wrong number of columns. Raises ``ImportFailed`` for
    undecodable bytes or a header lacking one of ``required``."""
    data = _bytes(source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFailed(
            [Problem(line, _("the file is not valid UTF-8 text"))]
        ) from None
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise ImportFailed([Problem(1, _("the file has no header row"))])
    header_line, header = lines[0]
    columns = [c.strip() for c in next(csv.reader([header]))]
    missing = [c for c in required if c not in columns]
    if missing:
        raise ImportFailed(
            [
                Problem(
                    header_line,
                    _("the header lacks the column(s) %(columns)s")
                    % {"columns": ", ".join(missing)},
                )
            ]
        )
    for number, line in lines[1:]:
        values = next(csv.reader(io.StringIO(line)))
        if len(values) != len(columns):
            yield number, None
            continue
        yield number, {k: v.strip() for k, v in zip(columns, values, strict=True)}


def read_json_list(source, key, message) -> list:
    """The list under ``key`` of a JSON object (``source``: already parsed
    data, a path, bytes or a stream). Raises ``ImportFailed`` with
    ``message`` when the data is not such an object, or says the JSON is
    invalid."""
    if not isinstance(source, (dict, list)):
        try:
            source = json.loads(_bytes(source).decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ImportFailed(
                [
                    Problem(
                        0,
                        _("the file is not valid JSON: %(error)s") % {"error": exc},
                        unit="record",
                    )
                ]
            ) from None
    if not isinstance(source, dict) or not isinstance(source.get(key), list):
        raise ImportFailed([Problem(0, message, unit="record")])
    return source[key]


class Importer:
    """Parse every record, check the set, then write it in one transaction.

    Subclasses give ``records(source)`` (``(position, record)`` pairs; a
    ``None`` record is a malformed CSV line), ``parse(record)`` (returns an
    item or raises ``ValidationError``) and ``save(item)``; optionally
    ``key(item)`` (equal keys are duplicates in one file), ``label(record)``,
    ``check_all(items)`` (problems of the file as a whole) and
    ``save_many(items)`` (write every ``(position, item)`` at once and return
    True). ``load`` returns the number of records written or raises
    ``ImportFailed``; nothing is written then.
    """

    unit = "line"
    noun = "rows"
    check_by_writing = False

    def records(self, source):  # pragma: no cover - abstract
        raise NotImplementedError

    def parse(self, record):  # pragma: no cover - abstract
        raise NotImplementedError

    def save(self, item):  # pragma: no cover - abstract
        raise NotImplementedError

    def key(self, item):
        """Items with equal keys are duplicates within one file (None: no key)."""
        return None

    def label(self, record):
        """A record's name in problem reports (e.g. its slug)."""
        return ""

    def check_all(self, items):
        """Problems of the file as a whole (after every record parsed)."""
        return []

    def save_many(self, items):
        """Save all parsed ``(position, item)`` pairs at once and return True,
        for large files of already validated rows; the default returns False
        and ``save`` writes them one by one."""
        return False

    def duplicate_message(self, first):
        return _("duplicate of line %(line)s") % {"line": first}

    def load(self, source, progress=False, stream=None):
        """Read, check and write ``source``; see the class docstring."""
        if self.check_by_writing:
            return self._load_by_writing(source, progress, stream)
        items, problems, seen = [], [], {}
        for position, record in self.records(source):
            label = self.label(record)
            if record is None:
                problems.append(
                    Problem(position, _("wrong number of columns for the header"))
                )
                continue
            try:
                item = self.parse(record)
            except ValidationError as exc:
                problems.extend(problems_of(position, exc, self.unit, label))
                continue
            key = self.key(item)
            if key is not None:
                if key in seen:
                    problems.append(
                        Problem(
                            position,
                            self.duplicate_message(seen[key]),
                            label=label,
                            unit=self.unit,
                        )
                    )
                    continue
                seen[key] = position
            items.append((position, item))
        problems.extend(self.check_all(items))
        if problems:
            raise ImportFailed(sorted(problems, key=lambda p: p.position))
        with transaction.atomic():
            if self.save_many(items):
                return len(items)
            for position, item in self._progress(items, progress, stream):
                try:
                    self.save(item)
                except ValidationError as exc:
                    raise ImportFailed(problems_of(position, exc, self.unit)) from None
        return len(items)

    def _progress(self, items, progress, stream):
        return tqdm(
            items, desc=self.noun, unit="row", disable=not progress, file=stream
        )

    def _load_by_writing(self, source, progress, stream):
        problems, count = [], 0
        with transaction.atomic():
            records = list(self.records(source))
            for position, record in self._progress(records, progress, stream):
                count += 1
                try:
                    with transaction.atomic():
                        self.save(self.parse(record))
                except ValidationError as exc:
                    problems.extend(
                        problems_of(position, exc, self.unit, self.label(record))
                    )
            if problems:
                transaction.set_rollback(True)
        if problems:
            raise ImportFailed(problems)
        return count


class CsvImporter(Importer):
    """An ``Importer`` of a CSV file with ``required_columns``."""

    required_columns: tuple[str, ...] = ()

    def records(self, source):
        return read_csv(source, self.required_columns)


class JsonImporter(Importer):
    """An ``Importer`` of the list under ``list_key`` of a JSON object;
    ``not_a_list_message`` says what the file must hold."""

    unit = "record"
    list_key = ""
    not_a_list_message = ""

    def records(self, source):
        return enumerate(
            read_json_list(source, self.list_key, self.not_a_list_message), start=1
        )
