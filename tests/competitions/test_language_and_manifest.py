"""Newcomer's findings on the competition exports: the workbooks and the
evidence ZIP are Indonesian forms whatever the interface language, the
manifest lists every bukti dukung (a link too) and ZIP members carry their
file's time, not 1980-01-01."""

import csv
import datetime
import io
import zipfile

from django.urls import reverse
from django.utils import timezone, translation

import pytest
from openpyxl import load_workbook

from innovations.models import InnovationPage, SpbeEvidence
from livinglab.adoptions.models import Adoption, Stage
from livinglab.competitions.evidence import MANIFEST
from livinglab.taxonomy.models import SpbeIndicator
from tests.competitions import test_exports
from tests.competitions.test_exports import _document

pytestmark = pytest.mark.django_db
scenario = test_exports.scenario  # the fixture, shared


def _english(client, name, code="32.11"):
    with translation.override("en"):
        url = reverse(f"competitions:{name}", args=[code])
    assert url.startswith("/en/")
    return client.get(url)


def _rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _zip(response):
    assert response.status_code == 200, response.content[:300]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _manifest(archive):
    text = archive.read(MANIFEST).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_workbooks_downloaded_from_english_are_indonesian(
    client, sumedang_host, scenario
):
    mine = scenario["mine"]
    Adoption.objects.filter(pk=mine.pk).update(stage=Stage.TRAINING)
    client.force_login(sumedang_host)
    response = _english(client, "iid")
    assert response.status_code == 200, response.content[:300]
    book = load_workbook(io.BytesIO(response.content))
    letters = _rows(book["Surat Minat Replikasi"])
    column = letters[0].index("Tahap Sekarang")
    row = next(r for r in letters[1:] if r[2] == "32.05")
    assert row[column] == "Pelatihan"
    profile = _rows(book["Profil Inovasi"])
    links = [r[profile[0].index("Tautan Studi Kasus")] for r in profile[1:]]
    assert any(links)
    assert not any("/en/" in (link or "") for link in links)

    response = _english(client, "jippnas")
    assert response.status_code == 200
    jippnas = _rows(load_workbook(io.BytesIO(response.content))["JIPPNas"])
    replications = [r[jippnas[0].index("Replikasi")] or "" for r in jippnas[1:]]
    assert any("(Pelatihan)" in text for text in replications)
    assert not any("Training" in text for text in replications)
    links = [r[jippnas[0].index("Tautan")] or "" for r in jippnas[1:]]
    assert not any("/en/" in link for link in links)


def test_the_manifest_lists_every_bukti_dukung_a_link_too(
    client, sumedang_host, sumedang, scenario
):
    page = InnovationPage.objects.live().filter(host_region=sumedang).first()
    indicators = list(SpbeIndicator.objects.order_by("framework", "number")[:2])
    assert indicators, "the test database has SPBE indicators"
    link_only = SpbeEvidence.objects.create(
        page=page,
        title="Bukti tautan saja",
        year=2024,
        url="https://sumedangkab.go.id/bukti/sk-bupati.pdf",
        verification_status=SpbeEvidence.Status.VERIFIED,
    )
    link_only.indicators.set(indicators)
    link_only.save()  # a ParentalManyToManyField is written on save
    document = _document("bukti-berkas")
    with_file = SpbeEvidence.objects.create(
        page=page, title="Bukti berkas", year=2025, document=document
    )
    client.force_login(sumedang_host)
    archive = _zip(_english(client, "evidence"))
    rows = _manifest(archive)
    by_title = {row["judul"]: row for row in rows}
    link_row = by_title["Bukti tautan saja"]
    assert link_row["jenis"] == "bukti dukung"
    assert link_row["studi kasus"] == page.title
    assert link_row["tahun"] == "2024"
    assert link_row["indikator SPBE"] == ", ".join(
        str(n) for n in sorted(i.number for i in indicators)
    )
    assert link_row["status verifikasi"] == "Terverifikasi"
    assert link_row["berkas di ZIP"] == ""
    assert link_row["tautan"] == link_only.url
    file_row = by_title[with_file.title]
    path = f"{page.slug}/bukti-dukung/{document.pk}-{document.filename}"
    assert file_row["berkas di ZIP"] == path
    assert path in archive.namelist()
    assert file_row["status verifikasi"] == "Belum diverifikasi"
    assert file_row["tahun"] == "2025"
    listed = {row["judul"] for row in rows if row["jenis"] == "bukti dukung"}
    expected = set(
        SpbeEvidence.objects.filter(page__host_region=sumedang).values_list(
            "title", flat=True
        )
    )
    assert listed == expected


def _local(moment):
    return timezone.localtime(moment).timetuple()[:5]


def test_zip_members_carry_the_files_time(client, sumedang_host, sumedang, scenario):
    page = InnovationPage.objects.live().filter(host_region=sumedang).first()
    document = _document("bukti-bertanggal")
    uploaded = datetime.datetime(2025, 7, 14, 9, 30, tzinfo=datetime.UTC)
    type(document).objects.filter(pk=document.pk).update(created_at=uploaded)
    SpbeEvidence.objects.create(
        page=page, title="Bukti bertanggal", year=2025, document=document
    )
    client.force_login(sumedang_host)
    before = timezone.now()
    archive = _zip(test_exports._get(client, "evidence", "32.11"))
    members = {info.filename: info for info in archive.infolist()}
    path = f"{page.slug}/bukti-dukung/{document.pk}-{document.filename}"
    assert members[path].date_time[:5] == _local(uploaded)
    letter = scenario["mine"].letter_of_intent
    letter_path = test_exports.exports.letter_path(scenario["mine"])
    assert members[letter_path].date_time[:5] == _local(letter.created_at)
    manifest_time = datetime.datetime(*members[MANIFEST].date_time)
    assert manifest_time >= timezone.localtime(before).replace(
        tzinfo=None, microsecond=0
    ) - datetime.timedelta(seconds=2)
    assert all(info.date_time[0] > 1980 for info in archive.infolist())
