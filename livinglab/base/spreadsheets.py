"""The one writer of every CSV and XLSX file the platform produces.

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and,
in some programs, a tab or carriage return first) as a formula: a title such
as ``=HYPERLINK("https://…?d="&A2,"Klik")`` typed by anyone who may write
text would run on an analyst's computer (CSV/formula injection, OWASP). So
every export goes through here:

* **CSV**: UTF-8 with a byte-order mark (Excel then reads Indonesian text
  right), RFC 4180 quoting. A *text* cell that begins with one of
  ``FORMULA_STARTS`` gets a single apostrophe in front (``'=HYPERLINK(…)``),
  the neutralisation spreadsheet programs understand. Numbers (also negative
  ones), booleans and dates are not text and are written as they are.
* **XLSX**: text is always a string cell (``data_type = "s"``), so openpyxl
  never stores it as a formula, and it gets the same apostrophe so the value
  reads the same as in the CSV (after it no text begins with "=", the one
  thing openpyxl would store as a formula); numbers stay numbers and dates
  stay dates (with a date format). The header row is bold and frozen, columns are as wide
  as their content (within limits) and the header carries an autofilter.

Users of this module: the dashboard exports (``adoptions/exports.py``), the
open data (``opendata/export.py``) and Wagtail's own report and listing
exports (``guard_wagtail_exports``, called from ``BaseConfig.ready``).
"""

import csv
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain, islice

from django.http import HttpResponse, StreamingHttpResponse

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
#: A text cell beginning with one of these is prefixed with ``NEUTRALISER``.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"
#: Column widths (in characters) are measured on the header and this many rows.
WIDTH_SAMPLE_ROWS = 200
MIN_WIDTH, MAX_WIDTH = 8, 60
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
NUMBER_TYPES = (int, float, Decimal)


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet shows it and never runs it: an apostrophe
    in front when it begins with a formula character. Not for numbers."""
    if text.startswith(FORMULA_STARTS):
        return NEUTRALISER + text
    return text


def is_number(value) -> bool:
    """True for a real number (``bool`` is not one)."""
    return isinstance(value, NUMBER_TYPES) and not isinstance(value, bool)


def csv_cell(value) -> str:
    """One CSV cell: ``None`` empty, booleans ``true``/``false``, numbers and
    dates in their plain (ISO) form, any other value as neutralised text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if is_number(value):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    return neutralise(str(value))


class _Echo:
    def write(self, value):
        return value


def csv_lines(header: Iterable, rows: Iterable[Iterable]):
    """Yield the CSV text line by line (the first starts with the BOM), for
    streaming responses; ``rows`` may be a generator."""
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([csv_cell(v) for v in header])
    for row in rows:
        yield writer.writerow([csv_cell(v) for v in row])


def write_csv(fh, header: Iterable, rows: Iterable[Iterable]) -> None:
    """Write a whole CSV into a text file opened with ``newline=""``."""
    for line in csv_lines(header, rows):
        fh.write(line)


def csv_response(filename: str, header, rows) -> StreamingHttpResponse:
    """A streamed CSV download named ``filename``."""
    response = StreamingHttpResponse(csv_lines(header, rows), content_type=CSV_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# XLSX ----------------------------------------------------------------------


def xlsx_value(value):
    """The value an XLSX cell holds: text cleaned of the control characters
    XML cannot carry and neutralised; aware datetimes in UTC, without zone
    (Excel has none); numbers, dates and booleans unchanged."""
    if value is None or isinstance(value, bool) or is_number(value):
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC).replace(tzinfo=None)
        return value
    if isinstance(value, datetime.date | datetime.time):
        return value
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


def xlsx_cell(sheet, value, bold=False):
    """A write-only cell that is text, a number or a date, never a formula."""
    value = xlsx_value(value)
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, datetime.datetime):
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def _width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime.datetime):
        return 16
    if isinstance(value, datetime.date):
        return 10
    text = str(value)
    return max((len(line) for line in text.splitlines()), default=0)


@dataclass
class Sheet:
    """One worksheet: a title (cut to Excel's 31 characters), a header row
    and the rows (any iterable; only the first ``WIDTH_SAMPLE_ROWS`` are held
    in memory to size the columns)."""

    title: str
    header: list
    rows: Iterable


def write_sheet(workbook, sheet: Sheet) -> int:
    """Append ``sheet`` to a write-only ``workbook``; return its row count."""
    worksheet = workbook.create_sheet(title=str(sheet.title)[:31])
    header = [xlsx_value(v) for v in sheet.header]
    rows = iter(sheet.rows)
    sample = list(islice(rows, WIDTH_SAMPLE_ROWS))
    columns = max([len(header), *(len(row) for row in sample)], default=0)
    for index in range(columns):
        measured = [_width(header[index]) if index < len(header) else 0]
        measured += [
            _width(xlsx_value(row[index])) for row in sample if index < len(row)
        ]
        width = min(max(max(measured) + 2, MIN_WIDTH), MAX_WIDTH)
        worksheet.column_dimensions[get_column_letter(index + 1)].width = width
    count = 0
    if header:
        worksheet.freeze_panes = "A2"
        worksheet.append([xlsx_cell(worksheet, v, bold=True) for v in header])
    for values in chain(sample, rows):
        # Plain values are enough for the body, and twice as fast as cells:
        # after ``neutralise`` no text begins with "=", the only text openpyxl
        # would store as a formula; dates get openpyxl's date formats.
        worksheet.append([xlsx_value(v) for v in values])
        count += 1
    if header and columns:
        last = get_column_letter(columns)
        worksheet.auto_filter.ref = f"A1:{last}{count + 1}"
    return count


def write_xlsx(output, sheets: Iterable[Sheet]) -> None:
    """Write ``sheets`` as one workbook into the binary file ``output``.

    A write-only workbook keeps memory flat for large logs."""
    workbook = Workbook(write_only=True)
    for sheet in sheets:
        write_sheet(workbook, sheet)
    workbook.save(output)


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, sheets)
    return buffer.getvalue()


def xlsx_response(filename: str, sheets: Iterable[Sheet]) -> HttpResponse:
    """An XLSX download named ``filename``."""
    response = HttpResponse(xlsx_bytes(sheets), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Wagtail's exports ---------------------------------------------------------


def _wagtail_row(view, item, export_format):
    row = view.to_row_dict(item)
    return [
        view.preprocess_field_value(name, value, export_format)
        for name, value in row.items()
    ]


def _wagtail_stream_csv(self, queryset):
    header = [self.get_heading(queryset, name) for name in self.list_export]
    rows = (_wagtail_row(self, item, self.FORMAT_CSV) for item in queryset)
    for line in csv_lines(header, rows):
        yield line.encode("utf-8")


def _wagtail_write_csv_row(self, writer, row_dict):
    return writer.writerow(
        {
            name: csv_cell(self.preprocess_field_value(name, value, self.FORMAT_CSV))
            for name, value in row_dict.items()
        }
    )


def _wagtail_write_xlsx(self, queryset, output):
    header = [self.get_heading(queryset, name) for name in self.list_export]
    rows = (_wagtail_row(self, item, self.FORMAT_XLSX) for item in queryset)
    write_xlsx(output, [Sheet("Sheet1", header, rows)])


def guard_wagtail_exports():
    """Make Wagtail's ``SpreadsheetExportMixin`` (reports such as site
    history, locked and aging pages, workflows, redirects, form submissions,
    and every model/snippet listing with ``list_export``) write through this
    module: BOM, neutralised text, real numbers and dates, bold frozen
    header with autofilter.

    Wagtail offers no setting or hook for its export writer, and the views
    are many and spread over its apps; replacing the three writing methods of
    the one mixin they all share covers them all, including views added by
    later Wagtail versions. Wagtail's own per-field preprocessing
    (``custom_field_preprocess``) still runs first. Idempotent.
    """
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    SpreadsheetExportMixin.stream_csv = _wagtail_stream_csv
    SpreadsheetExportMixin.write_csv_row = _wagtail_write_csv_row
    SpreadsheetExportMixin.write_xlsx = _wagtail_write_xlsx
