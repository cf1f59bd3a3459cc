"""The dashboard's exports: the matrix and the event log, as CSV and XLSX.

Both read the dashboard's ``Filters`` so a file holds what the page shows
(the matrix with every innovation, not one page of columns). Nothing
personal leaves: no contact names or emails, no one who recorded a step;
the notes stay because they are the recorded reasons analysts read anyway.

Every file is written by the platform's one spreadsheet writer
(``livinglab.base.spreadsheets``): formula-like text neutralised, CSV in
UTF-8 with a BOM, real numbers and dates in XLSX, a bold frozen header with an
autofilter.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from livinglab.base import spreadsheets
from livinglab.regions.models import Participation
from livinglab.regions.queries import current_register_act

from .dashboard import figures
from .models import PIPELINE, Stage


def _stage_labels():
    return {stage.value: str(stage.label) for stage in Stage}


def _cohort_labels():
    return {c.value: str(c.label) for c in Participation.Cohort}


# The matrix ----------------------------------------------------------------


def matrix_table(filters):
    """``(header, rows)``: one row per pilot region, one column per live
    innovation (most adopted first, as on the page), the stage's name in each
    cell. Three queries."""
    regions = list(
        figures.matrix_regions(filters).values_list(
            "pk", "code", "name", "province__name", "participation__cohort"
        )
    )
    columns = [(pk, title) for pk, title, _n in figures.matrix_columns(filters)]
    cells = {
        (region_id, innovation_id): stage
        for region_id, innovation_id, stage in filters.adoptions()
        .order_by()
        .values_list("region_id", "innovation_id", "stage")
    }
    labels, cohorts = _stage_labels(), _cohort_labels()
    header = [_("Region code"), _("Region"), _("Province"), _("Cohort")] + [
        title for _pk, title in columns
    ]
    rows = []
    for region_id, code, name, province, cohort in regions:
        row = [code, name, province, cohorts.get(cohort, cohort)]
        for innovation_id, _title in columns:
            stage = cells.get((region_id, innovation_id))
            row.append(labels[stage] if stage else "")
        rows.append(row)
    return header, rows


EVENT_FIELDS = (
    "date",
    "adoption_id",
    "adoption__region__code",
    "adoption__region__name",
    "adoption__region__province__name",
    "adoption__innovation__title",
    "adoption__innovation__slug",
    "from_stage",
    "to_stage",
    "note",
)


def event_header():
    return [
        _("Date"),
        _("Adoption"),
        _("Region code"),
        _("Region"),
        _("Province"),
        _("Innovation"),
        _("Innovation slug"),
        _("From stage"),
        _("To stage"),
        _("Step back"),
        _("Note"),
    ]


def event_rows(filters):
    """The event log in date order, streamed from the database."""
    labels = _stage_labels()
    yes, no = _("yes"), _("no")
    rank = {stage.value: i for i, stage in enumerate(PIPELINE)}
    events = (
        filters.events()
        .order_by("date", "adoption_id", "created_at", "pk")
        .values_list(*EVENT_FIELDS)
    )
    for (
        day,
        adoption_id,
        code,
        name,
        province,
        title,
        slug,
        from_stage,
        to_stage,
        note,
    ) in events.iterator(chunk_size=2000):
        step_back = (
            from_stage in rank
            and to_stage in rank
            and rank[to_stage] < rank[from_stage]
        )
        yield [
            day,
            adoption_id,
            code,
            name,
            province,
            title,
            slug,
            labels.get(from_stage, ""),
            labels.get(to_stage, to_stage),
            yes if step_back else no,
            note,
        ]


# Writers -------------------------------------------------------------------


def _filename(kind, extension):
    return f"adopsi-{kind}-{timezone.localdate().isoformat()}.{extension}"


def csv_response(kind, header, rows):
    """A streamed CSV download (see ``spreadsheets.csv_lines``)."""
    return spreadsheets.csv_response(_filename(kind, "csv"), header, rows)


def xlsx_response(kind, sheets):
    """``sheets`` is ``[(title, header, rows)]``, one worksheet each."""
    return spreadsheets.xlsx_response(
        _filename(kind, "xlsx"),
        [spreadsheets.Sheet(title, header, rows) for title, header, rows in sheets],
    )


def about_sheet(filters, extra=()):
    """The filters and time of an export, as a small sheet."""
    rows = [
        [_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")],
        *[[label, value] for label, value in filters.describe()],
        *extra,
    ]
    if not filters.describe():
        rows.append([_("Filters"), _("none: every pilot region and live innovation")])
    act = current_register_act()
    if act is not None:
        rows.append([_("Region codes follow"), act.citation()])
    return (_("About"), [_("Field"), _("Value")], rows)


def stage_count_rows(filters):
    counts = figures.stage_counts(figures.adoption_counts(filters))
    return [[str(stage.label), stage.value, counts[stage.value]] for stage in Stage]


def matrix_export(filters, fmt):
    header, rows = matrix_table(filters)
    if fmt == "csv":
        return csv_response("matriks", header, rows), len(rows)
    sheets = [
        (_("Matrix"), header, rows),
        (
            _("Stages"),
            [_("Stage"), _("Code"), _("Adoptions")],
            stage_count_rows(filters),
        ),
        about_sheet(filters),
    ]
    return xlsx_response("matriks", sheets), len(rows)


def events_export(filters, fmt):
    if fmt == "csv":
        return csv_response("peristiwa", event_header(), event_rows(filters)), None
    rows = list(event_rows(filters))
    sheets = [(_("Events"), event_header(), rows), about_sheet(filters)]
    return xlsx_response("peristiwa", sheets), len(rows)
