"""Exports of the matrix and the event log: CSV and XLSX hold the page's
numbers, respect the filters, name no person, and are audited."""

import csv
import datetime
import io

from django.utils import timezone

import pytest
from openpyxl import load_workbook

from livinglab.accounts.models import AuditEvent
from livinglab.adoptions.models import Stage, StageEvent
from livinglab.regions.models import Participation

from .conftest import EXPECTED_EVENTS, EXPECTED_STAGES

URL = "/adopsi/dasbor/"


@pytest.fixture
def analyst_client(client, analyst):
    client.force_login(analyst)
    return client


def read_csv(response):
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


def read_xlsx(response):
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return load_workbook(io.BytesIO(response.content), read_only=True)


def sheet_rows(sheet):
    return [
        ["" if v is None else v for v in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def stage_tally(rows, first_stage_column):
    labels = {str(stage.label): stage.value for stage in Stage}
    tally = dict.fromkeys(EXPECTED_STAGES, 0)
    for row in rows:
        for value in row[first_stage_column:]:
            if value:
                tally[labels[value]] += 1
    return tally


def test_matrix_csv_and_xlsx_hold_the_page_numbers(analyst_client, dashboard_scenario):
    page = analyst_client.get(URL)
    funnel = {r["stage"]: r["count"] for r in page.context["funnel"]["rows"]}
    funnel["dihentikan"] = page.context["funnel"]["stopped"]

    rows = read_csv(analyst_client.get(URL + "ekspor/matriks.csv"))
    header, body = rows[0], rows[1:]
    assert all(header[:4])  # code, region, province, cohort (translated)
    assert len(body) == 62
    assert len(header) == 4 + page.context["totals"]["innovations"]
    # Same column order as the page: the most adopted first.
    assert header[4] == page.context["matrix"]["columns"][0].title
    assert stage_tally(body, 4) == EXPECTED_STAGES == funnel
    by_code = {row[0]: row for row in body}
    assert by_code["32.04"][4] == str(Stage.IMPLEMENTATION.label)

    workbook = read_xlsx(analyst_client.get(URL + "ekspor/matriks.xlsx"))
    matrix_sheet, stages_sheet, about_sheet = workbook.worksheets
    assert sheet_rows(matrix_sheet) == rows
    stage_rows = sheet_rows(stages_sheet)[1:]
    assert {code: n for _label, code, n in stage_rows} == funnel
    assert len(sheet_rows(about_sheet)) >= 2


def test_matrix_export_respects_filters(analyst_client, dashboard_scenario):
    rows = read_csv(
        analyst_client.get(
            URL + "ekspor/matriks.csv?province=32&theme=Pengentasan Kemiskinan"
        )
    )
    body = rows[1:]
    assert (
        len(body)
        == Participation.objects.pilot().filter(region__code__startswith="32").count()
    )
    assert {row[0][:2] for row in body} == {"32"}
    tally = stage_tally(body, 4)
    assert tally["kesepakatan"] == 1 and tally["dihentikan"] == 1
    assert sum(tally.values()) == 2
    workbook = read_xlsx(
        analyst_client.get(
            URL + "ekspor/matriks.xlsx?province=32&theme=Pengentasan Kemiskinan"
        )
    )
    assert sheet_rows(workbook.worksheets[0]) == rows
    about = dict(sheet_rows(workbook.worksheets[2])[1:])
    assert "Jawa Barat" in about.values()


def test_event_log_csv_and_xlsx(analyst_client, dashboard_scenario):
    rows = read_csv(analyst_client.get(URL + "ekspor/peristiwa.csv"))
    header, body = rows[0], rows[1:]
    assert len(header) == 11
    assert len(body) == EXPECTED_EVENTS == StageEvent.objects.count()
    dates = [row[0] for row in body]
    assert dates == sorted(dates)
    # The step back of 51.03 is flagged; the stop keeps its reason, defused.
    step_backs = [row for row in body if row[9] in ("yes", "ya")]
    assert [(r[2], r[8]) for r in step_backs] == [("51.03", str(Stage.PILOT.label))]
    stop = next(row for row in body if row[8] == str(Stage.STOPPED.label))
    assert stop[10] == '\'=HYPERLINK("http://contoh.test")'

    workbook = read_xlsx(analyst_client.get(URL + "ekspor/peristiwa.xlsx"))
    xlsx_rows = sheet_rows(workbook.worksheets[0])
    # Dates are real dates in the workbook (read back as midnight datetimes),
    # the adoption id a real number.
    assert all(isinstance(row[0], datetime.datetime) for row in xlsx_rows[1:])
    assert all(isinstance(row[1], int) for row in xlsx_rows[1:])
    as_text = [
        [
            v.date().isoformat() if isinstance(v, datetime.datetime) else str(v)
            for v in row
        ]
        for row in xlsx_rows
    ]
    assert as_text == rows
    # openpyxl stored the defused note as text, not as a formula.
    assert xlsx_rows[1 + body.index(stop)][10].startswith("'=")


def test_event_log_respects_filters(analyst_client, dashboard_scenario):
    rows = read_csv(analyst_client.get(URL + "ekspor/peristiwa.csv?cohort=top_spbe"))[
        1:
    ]
    assert {row[2] for row in rows} == {"51.03"}
    assert len(rows) == 3


def test_exports_hold_no_personal_data(analyst_client, dashboard_scenario):
    for name in ("matriks.csv", "peristiwa.csv"):
        body = "\n".join(
            ",".join(r) for r in read_csv(analyst_client.get(URL + "ekspor/" + name))
        )
        assert "@" not in body
        assert "Ibu PIC" not in body
    for name in ("matriks.xlsx", "peristiwa.xlsx"):
        workbook = read_xlsx(analyst_client.get(URL + "ekspor/" + name))
        for sheet in workbook.worksheets:
            for row in sheet_rows(sheet):
                assert not any("@" in str(v) for v in row)


def test_every_export_is_audited(analyst_client, analyst, dashboard_scenario):
    before = AuditEvent.objects.filter(action="export").count()
    for name in ("matriks.csv", "matriks.xlsx", "peristiwa.csv", "peristiwa.xlsx"):
        response = analyst_client.get(URL + "ekspor/" + name + "?province=32")
        assert response.status_code == 200
        today = timezone.localdate().isoformat()
        assert today in response["Content-Disposition"]
    events = AuditEvent.objects.filter(action="export").order_by("at", "pk")
    assert events.count() == before + 4
    last = events.last()
    assert last.actor == analyst
    assert last.subject == "adoptions:events.xlsx"
    assert last.detail["filters"] == {"province": "32"}
    assert last.detail["rows"] == 10  # Jawa Barat's events: 3 + 2 + 3 + 2


def test_exports_refuse_bad_filters_and_people_without_permission(
    client, analyst, team_member, dashboard_scenario
):
    assert client.get(URL + "ekspor/matriks.csv").status_code == 302
    client.force_login(team_member)
    assert client.get(URL + "ekspor/peristiwa.xlsx").status_code == 403
    client.force_login(analyst)
    response = client.get(URL + "ekspor/matriks.csv?province=99")
    assert response.status_code == 400
    assert "province" in response.content.decode()
    assert client.get(URL + "ekspor/matriks.pdf").status_code == 404


FORMULAS = ['=HYPERLINK("https://contoh.invalid")', "+1+2", "-2+3", "@SUM(A1)", "\t=1"]


def test_every_formula_prefix_is_neutralised_and_the_header_is_styled(
    analyst_client, dashboard_scenario
):
    events = list(StageEvent.objects.order_by("pk")[: len(FORMULAS)])
    for event, formula in zip(events, FORMULAS, strict=True):
        StageEvent.objects.filter(pk=event.pk).update(note=formula)
    notes = {
        row[10] for row in read_csv(analyst_client.get(URL + "ekspor/peristiwa.csv"))
    }
    assert {"'" + f for f in FORMULAS} <= notes

    response = analyst_client.get(URL + "ekspor/peristiwa.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.auto_filter.ref == f"A1:K{sheet.max_row}"
    cells = [row[10] for row in sheet.iter_rows(min_row=2)]
    assert {c.value for c in cells} >= {"'" + f for f in FORMULAS}
    assert all(c.data_type != "f" for c in cells)
    assert all(row[0].is_date for row in sheet.iter_rows(min_row=2))
