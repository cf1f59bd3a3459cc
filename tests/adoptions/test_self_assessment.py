"""The regional SPBE self-assessment (issue 17, item 3): the arithmetic
through the page against hand-computed values, draft/submit/publish, the
error summary of an incomplete submit, uploads, candidate evidence, who may
see and do what, the XLSX worksheet and the optimistic lock."""

import datetime
import io
from decimal import Decimal
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from livinglab.adoptions import pipeline
from livinglab.adoptions.models import (
    AdoptionEvidence,
    SelfAssessment,
    SelfAssessmentAnswer,
    SelfAssessmentFile,
)
from livinglab.base.files import minimal_pdf
from livinglab.regions.models import NationalSpbeAverage, SpbeIndicatorScore
from livinglab.taxonomy.models import SpbeFramework, SpbeIndicator
from tests.error_summary import assert_error_summary

pytestmark = pytest.mark.django_db
YEAR = 2024
URL = f"/adopsi/wilayah/32.05/spbe/{YEAR}/"


def indicators():
    return list(
        SpbeIndicator.objects.filter(framework=SpbeFramework.for_year(YEAR)).order_by(
            "number"
        )
    )


def levels_post(levels, version, action="save", default=None, **extra):
    """POST data with ``levels`` ({number: level}); others ``default``."""
    data = {"version": str(version), "action": action}
    for ind in indicators():
        level = levels.get(ind.number, default)
        data[f"level_{ind.number}"] = "" if level is None else str(level)
        data[f"url_{ind.number}"] = ""
    data.update(extra)
    return data


def version():
    found = SelfAssessment.objects.filter(region__code="32.05", year=YEAR).first()
    return found.version if found else 0


def mixed_levels():
    # Every indicator 3 except aspect 8 (42-47, weight 3.00 each) at 5.
    return dict.fromkeys(range(42, 48), 5)


@pytest.fixture
def last_year_at_2(garut):
    """Garut's evaluated levels of 2023: every indicator at 2 (index 2.00)."""
    SpbeIndicatorScore.objects.filter(region=garut, year=YEAR - 1).delete()
    SpbeIndicatorScore.objects.bulk_create(
        SpbeIndicatorScore(region=garut, year=YEAR - 1, indicator=i, level=2)
        for i in SpbeIndicator.objects.filter(
            framework=SpbeFramework.for_year(YEAR - 1)
        )
    )


def cells(response, part):
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    row = soup.select_one(f'#sa-figures tr[data-part="{part}"]')
    return [td.get_text(strip=True) for td in row.find_all("td")]


def test_index_aspects_and_domains_by_hand(client, team_member, last_year_at_2):
    client.force_login(team_member)
    response = client.post(
        URL, levels_post(mixed_levels(), 0, action="submit", default=3)
    )
    assert response.status_code == 302
    assessment = SelfAssessment.objects.get(region__code="32.05", year=YEAR)
    assert assessment.status == "submitted"
    page = client.get(URL)
    text = page.content.decode()
    # 300 - 6 x 3.00 x 3 + 6 x 3.00 x 5 = 300 + 36 = 336 -> 3.36, "Baik"
    assert "3,36" in text or "3.36" in text
    assert "Baik" in text
    national = NationalSpbeAverage.objects.get(year=YEAR).index
    assert national == Decimal("3.12")
    index_row = cells(page, "index-")
    assert index_row[0] in ("3,36", "3.36")
    assert index_row[1] in ("2,00", "2.00")  # last year: all 2
    assert index_row[2] in ("3,12", "3.12")  # national 2024
    # Aspect 8: all 5 -> 5.00; aspect 7: all 3 -> 3.00.
    assert cells(page, "aspect-8")[0] in ("5,00", "5.00")
    assert cells(page, "aspect-7")[0] in ("3,00", "3.00")
    # Domain 4 (aspects 7 + 8): (27.5 x 3 + 18 x 5) / 45.5 = 172.5 / 45.5
    # = 3.791... -> 3.79
    assert cells(page, "domain-4")[0] in ("3,79", "3.79")
    assert cells(page, "domain-4")[1] in ("2,00", "2.00")
    # The chart draws the same figures.
    soup = BeautifulSoup(text, "html.parser")
    assert soup.select_one("figure.chart svg rect.bar.now") is not None
    assert soup.select_one("figure.chart svg line.national") is not None


def test_draft_incomplete_submit_error_summary_nothing_lost(client, team_member):
    client.force_login(team_member)
    response = client.post(URL, levels_post({1: 4, 44: 2}, 0, action="submit"))
    assert response.status_code == 200
    items = assert_error_summary(response)
    texts = " ".join(text for text, _target in items)
    assert "belum dikirim" in texts
    assert "indikator 2." in texts.lower()
    assessment = SelfAssessment.objects.get(region__code="32.05", year=YEAR)
    assert assessment.status == "draft"
    saved = dict(assessment.answers.values_list("indicator__number", "level"))
    assert saved[1] == 4 and saved[44] == 2 and saved[2] is None
    # The form shows the levels typed and carries the new version.
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one("#id_level_1 option[selected]")["value"] == "4"
    assert soup.select_one("input[name=version]")["value"] == str(assessment.version)
    # A plain draft save of part of the levels is fine.
    response = client.post(URL, levels_post({1: 5}, assessment.version))
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "draft"
    assert assessment.answers.get(indicator__number=1).level == 5


def test_submit_publish_and_who_reads(
    client, team_member, coordinator, other_team_member, analyst
):
    client.force_login(team_member)
    client.post(URL, levels_post({}, 0, action="submit", default=4))
    assessment = SelfAssessment.objects.get(region__code="32.05", year=YEAR)
    assert assessment.status == "submitted"
    publish = f"{URL}terbitkan/"
    # A member may not publish.
    assert client.post(publish, {"version": assessment.version}).status_code == 403
    # Another region's team cannot read it yet.
    client.force_login(other_team_member)
    assert client.get(URL).status_code == 403
    # The coordinator publishes; a stale version is refused.
    client.force_login(coordinator)
    client.post(publish, {"version": assessment.version - 1})
    assessment.refresh_from_db()
    assert assessment.status == "submitted"
    assert client.post(publish, {"version": assessment.version}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "published" and assessment.published_at
    # Published: everyone signed in reads it, nobody changes it.
    client.force_login(other_team_member)
    page = client.get(URL)
    assert page.status_code == 200 and b'name="level_1"' not in page.content
    assert (
        client.post(URL, levels_post({}, assessment.version, default=1)).status_code
        == 403
    )
    client.force_login(team_member)
    client.post(URL, levels_post({}, assessment.version, default=1))
    assert assessment.answers.get(indicator__number=1).level == 4
    client.logout()
    assert client.get(URL).status_code == 302  # anonymous: sign in first


def test_permissions_before_publishing(
    client, team_member, other_team_member, analyst, sumedang_host, moderator_user
):
    client.force_login(team_member)
    client.post(URL, levels_post({1: 3}, 0))
    for user, status in [
        (other_team_member, 403),
        (sumedang_host, 403),
        (moderator_user, 403),
        (analyst, 200),
    ]:
        client.force_login(user)
        assert client.get(URL).status_code == status, user
        assert client.get(f"{URL}lembar-kerja.xlsx").status_code == status, user
    # The analyst reads, never writes.
    page = client.get(URL)
    assert b'name="level_1"' not in page.content
    assert client.post(URL, levels_post({1: 5}, version())).status_code == 403
    assert SelfAssessmentAnswer.objects.get(indicator__number=1).level == 3
    client.logout()
    response = client.get(URL)
    assert response.status_code == 302 and "/akun/" in response["Location"]


def test_bad_upload_is_refused_and_nothing_is_saved(client, team_member, settings):
    client.force_login(team_member)
    fake = SimpleUploadedFile(
        "laporan.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )
    response = client.post(URL, levels_post({1: 3}, 0, file_1=fake))
    assert response.status_code == 200
    assert_error_summary(response)
    assert not SelfAssessment.objects.exists()
    assert not SelfAssessmentFile.objects.exists()
    assert not list(Path(settings.PRIVATE_MEDIA_ROOT).rglob("*.pdf"))
    exe = SimpleUploadedFile("alat.exe", b"MZ\x90\x00", "application/octet-stream")
    response = client.post(URL, levels_post({1: 3}, 0, file_1=exe))
    assert response.status_code == 200 and not SelfAssessment.objects.exists()


def test_good_upload_is_stored_privately_and_served_to_the_allowed(
    client, team_member, other_team_member, analyst
):
    client.force_login(team_member)
    pdf = SimpleUploadedFile(
        "bukti.pdf", minimal_pdf(["Arsitektur SPBE"]), "application/pdf"
    )
    assert client.post(URL, levels_post({11: 3}, 0, file_11=pdf)).status_code == 302
    record = SelfAssessmentFile.objects.get()
    answer = SelfAssessmentAnswer.objects.get(indicator__number=11)
    assert answer.evidence_file == record and record.original_name == "bukti.pdf"
    url = f"/adopsi/spbe-berkas/{record.token}/"
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    client.force_login(other_team_member)
    assert client.get(url).status_code == 403
    client.force_login(analyst)
    assert client.get(url).status_code == 200


def test_candidate_evidence_is_offered_and_attached_in_one_click(
    client, team_member, adoption
):
    jdih = SpbeIndicator.objects.current().get(number=44)
    pipeline.record_step(
        adoption=adoption,
        to_stage="studi_tiru",
        date=datetime.date(2026, 1, 10),
        actor=team_member,
        evidence=[
            pipeline.EvidenceInput(
                title="Laporan studi tiru JDIH",
                year=2026,
                url="https://garutkab.go.id/laporan-jdih.pdf",
                indicators=[jdih],
            )
        ],
    )
    evidence = AdoptionEvidence.objects.get(title="Laporan studi tiru JDIH")
    client.force_login(team_member)
    page = client.get(URL).content.decode()
    soup = BeautifulSoup(page, "html.parser")
    button = soup.select_one("#indikator-44 .candidates button[name=attach]")
    assert button is not None and button["value"] == f"44:{evidence.pk}"
    # Not offered on an indicator it does not support.
    assert soup.select_one("#indikator-43 .candidates") is None
    response = client.post(URL, levels_post({}, 0, attach=f"44:{evidence.pk}"))
    assert response.status_code == 302
    answer = SelfAssessmentAnswer.objects.get(indicator__number=44)
    assert list(answer.adoption_evidence.all()) == [evidence]
    # Evidence is attached only to an indicator it supports.
    client.post(URL, levels_post({}, version(), attach=f"43:{evidence.pk}"))
    assert not SelfAssessmentAnswer.objects.get(
        indicator__number=43
    ).adoption_evidence.exists()


def test_xlsx_is_laid_out_like_the_worksheet(client, team_member):
    client.force_login(team_member)
    client.post(
        URL,
        levels_post(
            mixed_levels(),
            0,
            action="submit",
            default=3,
            url_44="https://garutkab.go.id/jdih",
        ),
    )
    response = client.get(f"{URL}lembar-kerja.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Domain",
        "Aspek",
        "Indikator",
        "Nama indikator",
        "Tingkat",
        "Nama tingkat",
        "Bobot (%)",
        "Nilai terbobot",
        "Bukti dukung",
    )
    assert rows[1][0].startswith("Domain 1.") and rows[1][6] == 13
    assert rows[2][1].startswith("Aspek 1.")
    (jdih,) = [r for r in rows if r[2] == 44]
    assert jdih[4] == 5 and jdih[5] == "Optimum"
    assert jdih[6] == 3 and jdih[7] == pytest.approx(0.15)
    assert jdih[8] == "https://garutkab.go.id/jdih"
    (domain4,) = [r for r in rows if str(r[0]).startswith("Domain 4.")]
    assert domain4[6] == pytest.approx(45.5) and domain4[7] == pytest.approx(1.725)
    assert rows[-1][0] == "Indeks SPBE" and rows[-1][7] == pytest.approx(3.36)
    assert rows[-1][8] == "Baik"
    assert len([r for r in rows if isinstance(r[2], int)]) == 47


def test_two_members_do_not_overwrite_each_other(client, team_member, coordinator):
    client.force_login(team_member)
    client.post(URL, levels_post({1: 2}, 0))
    drawn = version()
    # Both drew the form at ``drawn``; the coordinator saves first.
    client.force_login(coordinator)
    assert client.post(URL, levels_post({1: 4}, drawn)).status_code == 302
    client.force_login(team_member)
    response = client.post(URL, levels_post({1: 5}, drawn))
    assert response.status_code == 200
    assert "Orang lain telah menyimpan" in response.content.decode()
    assert SelfAssessmentAnswer.objects.get(indicator__number=1).level == 4
    # Two first saves of the same region-year: the second is refused too.
    client.post(URL, levels_post({2: 5}, 0))
    assert (
        SelfAssessmentAnswer.objects.filter(indicator__number=2, level=5).count() == 0
    )


def test_unknown_years_and_administrative_units(client, superuser):
    client.force_login(superuser)
    assert client.get("/adopsi/wilayah/31.71/spbe/2024/").status_code == 404
    assert client.get("/adopsi/wilayah/32.05/spbe/1990/").status_code == 404


def test_linked_from_the_region_workspace(client, team_member):
    client.force_login(team_member)
    page = client.get("/adopsi/wilayah/32.05/").content.decode()
    assert "/adopsi/wilayah/32.05/spbe/" in page
