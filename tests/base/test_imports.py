"""The one all-or-nothing import framework (livinglab/base/imports.py), on
a throw-away importer writing to a real table (``taxonomy.Theme``)."""

import pytest

from livinglab.base.imports import (
    CsvImporter,
    ImportFailed,
    JsonImporter,
    Problem,
    in_column,
)
from livinglab.taxonomy.models import Theme

pytestmark = pytest.mark.django_db


def _name(value):
    from django.core.exceptions import ValidationError

    if not value:
        raise ValidationError("empty name")
    return value


class Themes(CsvImporter):
    required_columns = ("name",)

    def parse(self, row):
        return in_column("name", _name, row["name"])

    def key(self, item):
        return item

    def save(self, item):
        Theme.objects.create(name=item)


class JsonThemes(JsonImporter):
    list_key = "themes"
    not_a_list_message = "needs a themes list"

    def label(self, record):
        return str(record.get("name", "")) if isinstance(record, dict) else ""

    def parse(self, record):
        return in_column("name", _name, record.get("name"))

    def save(self, item):
        Theme.objects.create(name=item)


class WrittenThemes(JsonThemes):
    """Checks by writing: the second save fails inside the database."""

    check_by_writing = True

    def save(self, item):
        from django.core.exceptions import ValidationError

        if Theme.objects.filter(name=item).exists():
            raise ValidationError({"name": "already there"})
        Theme.objects.create(name=item)


def test_a_clean_csv_is_written_in_full():
    before = Theme.objects.count()
    assert Themes().load(b"# a comment\nname\nAlpha\nBeta\n") == 2
    assert Theme.objects.count() == before + 2


def test_every_bad_csv_line_is_reported_and_nothing_written():
    before = Theme.objects.count()
    with pytest.raises(ImportFailed) as failed:
        Themes().load(b'name\nAlpha\n\xe2\x80\x9c,x\n""\nAlpha\n')
    assert [(p.line, p.field) for p in failed.value.problems] == [
        (3, ""),
        (4, "name"),
        (5, ""),
    ]
    assert "line 5" in str(failed.value.problems[2]) or "baris 5" in str(
        failed.value.problems[2]
    )
    assert Theme.objects.count() == before


def test_a_csv_header_without_a_required_column_is_refused():
    with pytest.raises(ImportFailed) as failed:
        Themes().load(b"title\nAlpha\n")
    assert failed.value.problems[0].line == 1


def test_json_problems_name_the_record_and_its_slug():
    before = Theme.objects.count()
    with pytest.raises(ImportFailed) as failed:
        JsonThemes().load({"themes": [{"name": "Gamma"}, {"name": ""}]})
    problem = failed.value.problems[0]
    assert (problem.position, problem.unit, problem.field) == (2, "record", "name")
    assert Theme.objects.count() == before


@pytest.mark.parametrize("data", [{"other": []}, [], b"{not json", b"[]"])
def test_json_of_the_wrong_shape_is_one_clear_problem(data):
    with pytest.raises(ImportFailed) as failed:
        JsonThemes().load(data)
    assert len(failed.value.problems) == 1
    assert failed.value.problems[0].position == 0


def test_checking_by_writing_reports_every_record_and_rolls_back():
    before = Theme.objects.count()
    with pytest.raises(ImportFailed) as failed:
        WrittenThemes().load(
            {"themes": [{"name": "Delta"}, {"name": "Delta"}, {"name": ""}]}
        )
    assert [p.position for p in failed.value.problems] == [2, 3]
    assert Theme.objects.count() == before  # Delta (record 1) rolled back too


def test_a_problem_reads_as_a_line_or_a_record():
    assert str(Problem(3, "bad", "code")).endswith("bad")
    assert "x-slug" in str(Problem(2, "bad", label="x-slug", unit="record"))
