"""A load never grows the register past the legal list by accident, and a
code retired by a boundary change is refused with the current code named
(issue 15, failure 7); the register cites its act (failure 8)."""

import datetime

from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest

from livinglab.base.imports import ImportFailed
from livinglab.regions import codes
from livinglab.regions.loaders import RegionRegisterLoader
from livinglab.regions.models import Region, RegisterAct

pytestmark = pytest.mark.django_db

HEADER = "province_code,province_name,region_code,region_name\n"


def load(text, **kwargs):
    return RegionRegisterLoader(**kwargs).load((HEADER + text).encode())


@pytest.mark.parametrize(
    ("line", "current"),
    [
        ("92,Papua Barat,92.01,Kabupaten Sorong", "96.01"),
        ("92,Papua Barat,9271,Kota Sorong", "96.71"),
        ("91,Papua,91.01,Kabupaten Merauke", "93.01"),
        ("91,Papua,9102,Kabupaten Jayawijaya", "95.01"),
    ],
)
def test_a_retired_papua_code_is_refused_naming_the_current_one(line, current):
    before = Region.objects.count()
    with pytest.raises(ImportFailed) as excinfo:
        load(line + "\n", allow_new=True, reason="berkas lama")
    problem = excinfo.value.problems[0]
    assert problem.line == 2 and problem.field == "region_code"
    assert current in problem.message
    assert "region_code" in str(problem)
    assert Region.objects.count() == before == 514


def test_a_new_code_is_refused_without_allow_new():
    with pytest.raises(ImportFailed) as excinfo:
        load("32,Jawa Barat,32.99,Kabupaten Baru\n")
    problem = excinfo.value.problems[0]
    assert (problem.line, problem.field) == (2, "region_code")
    assert "32.99" in problem.message and "--allow-new" in problem.message
    assert "300.2.2-2138" in problem.message
    assert not Region.objects.filter(code="32.99").exists()


def test_a_new_code_is_accepted_with_allow_new_and_a_reason(caplog):
    loader = RegionRegisterLoader(allow_new=True, reason="UU pemekaran 2026 (uji)")
    loader.load((HEADER + "32,Jawa Barat,32.99,Kabupaten Baru\n").encode())
    assert Region.objects.get(code="32.99").name == "Kabupaten Baru"
    assert loader.added == ["32.99"]
    assert "UU pemekaran 2026 (uji)" in caplog.text


def test_allow_new_needs_a_reason():
    with pytest.raises(ValueError):
        RegionRegisterLoader(allow_new=True, reason=" ")


def test_a_known_code_reloads_without_allow_new():
    load("32,Jawa Barat,3211,Kabupaten Sumedang\n")
    assert Region.objects.count() == 514


def test_command_refuses_and_explains(tmp_path, capsys):
    path = tmp_path / "lama.csv"
    path.write_text(HEADER + "92,Papua Barat,92.01,Kabupaten Sorong\n", "utf-8")
    with pytest.raises(CommandError, match="tidak ada data yang dimuat"):
        call_command("load_regions", str(path), verbosity=0)
    err = capsys.readouterr().err
    assert "baris 2" in err and "region_code" in err and "96.01" in err
    with pytest.raises(CommandError, match="nothing was loaded"):
        call_command("load_regions", str(path), verbosity=0, lang="en")
    err = capsys.readouterr().err
    assert "line 2, column region_code" in err and "current code is 96.01" in err


def test_command_allow_new_needs_reason(tmp_path):
    path = tmp_path / "baru.csv"
    path.write_text(HEADER + "32,Jawa Barat,32.99,Kabupaten Baru\n", "utf-8")
    with pytest.raises(CommandError, match="--reason"):
        call_command("load_regions", str(path), allow_new=True, verbosity=0)
    assert not Region.objects.filter(code="32.99").exists()
    call_command("load_regions", str(path), allow_new=True, reason="uji", verbosity=0)
    assert Region.objects.filter(code="32.99").exists()


def test_the_retired_code_file_is_consistent():
    retired = codes.retired_codes()
    current = set(Region.objects.values_list("code", flat=True))
    assert len(retired) == 26
    assert not set(retired) & current  # none is still in use
    assert {r.current_code for r in retired.values()} <= current
    assert {r.current_code[:2] for r in retired.values()} == {"93", "94", "95", "96"}


def test_the_register_cites_the_current_act():
    act = RegisterAct.current()
    assert act.number == "300.2.2-2138 Tahun 2025"
    assert act.issued_on == datetime.date(2025, 4, 25)
    assert "Kode, Data Wilayah Administrasi Pemerintahan" in act.citation()


def test_the_act_is_edited_in_the_admin(client, superuser):
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(superuser, "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")
    client.force_login(superuser)
    response = client.get(reverse("wagtailsnippets_regions_registeract:list"))
    assert response.status_code == 200
    assert "300.2.2-2138 Tahun 2025" in response.content.decode()
