"""Exports for the national competitions (issue 19.5): the IID and JIPPNas
workbooks and the evidence ZIP of one host, through the real views."""

import datetime
import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest
from openpyxl import load_workbook

from innovations import hosts
from innovations.factories import InnovationPageFactory
from innovations.models import InnovationPage
from livinglab.accounts.models import AuditEvent, RegionRole
from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption
from livinglab.base.files import minimal_pdf
from livinglab.competitions import exports
from livinglab.competitions.evidence import MANIFEST
from livinglab.regions.models import Region
from tests.roles import make_user

pytestmark = pytest.mark.django_db
PDF = minimal_pdf(["Surat minat"], title="Surat minat")


def _letter(region_code, page, name):
    region = Region.objects.get(code=region_code)
    Adoption.objects.filter(region=region, innovation=page).delete()
    return pipeline.start_adoption(
        region=region,
        innovation=page,
        date=datetime.date(2026, 3, 2),
        actor=None,
        letter_of_intent=SimpleUploadedFile(name, PDF, "application/pdf"),
    )


@pytest.fixture
def scenario(sumedang):
    """A Sumedang draft, a letter to Sumedang (from Garut) and a letter to
    Surakarta's host (35.10 Banyuwangi), so "only this host" can fail."""
    draft = InnovationPageFactory(
        parent=hosts.host_section(sumedang),
        slug="draf-kompetisi",
        title="Draf Kompetisi Sumedang",
        live=False,
    )
    sumedang_page = (
        InnovationPage.objects.live().filter(host_region=sumedang).order_by("title")
    ).first()
    other_page = InnovationPage.objects.live().filter(host_region__code="35.10").first()
    mine = _letter("32.05", sumedang_page, "surat-garut.pdf")
    theirs = _letter("32.73", other_page, "surat-bandung-ke-banyuwangi.pdf")
    return {"draft": draft, "mine": mine, "theirs": theirs, "other": other_page}


def _get(client, name, code):
    return client.get(reverse(f"competitions:{name}", args=[code]))


def _workbook(response):
    assert response.status_code == 200, response.content[:500]
    return load_workbook(io.BytesIO(response.content))


def _rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_iid_workbook_has_the_sheets_and_headers(client, sumedang_host, scenario):
    client.force_login(sumedang_host)
    book = _workbook(_get(client, "iid", "32.11"))
    assert book.sheetnames == [
        "Profil Inovasi",
        "Indikator",
        "Surat Minat Replikasi",
        "Petunjuk",
    ]
    profile = _rows(book["Profil Inovasi"])
    assert profile[0][:5] == [
        "Nama Inovasi",
        "Status di Living Lab",
        "Pemerintah Daerah",
        "Perangkat Daerah (OPD)",
        "Tahapan Inovasi",
    ]
    assert "Inisiator Inovasi [isi tuan rumah]" in profile[0]
    assert _rows(book["Indikator"])[0] == [
        "Nama Inovasi",
        "No",
        "Indikator",
        "Nama indikator perlu dicek",
        "Data dari Living Lab",
        "Parameter / pilihan [isi tuan rumah]",
        "Bukti dukung [isi tuan rumah]",
    ]
    assert _rows(book["Surat Minat Replikasi"])[0][:3] == [
        "Nama Inovasi",
        "Daerah Pengirim",
        "Kode Wilayah",
    ]
    indicators = {row[2] for row in _rows(book["Indikator"])[1:]}
    assert {"Regulasi inovasi daerah", "Replikasi", "Kemanfaatan inovasi"} <= indicators


def test_one_row_per_case_study_of_this_host_drafts_included(
    client, sumedang_host, sumedang, scenario
):
    client.force_login(sumedang_host)
    book = _workbook(_get(client, "iid", "32.11"))
    rows = _rows(book["Profil Inovasi"])[1:]
    expected = set(
        InnovationPage.objects.originals()
        .filter(host_region=sumedang)
        .values_list("title", flat=True)
    )
    assert sorted(r[0] for r in rows) == sorted(expected)
    assert scenario["other"].title not in {r[0] for r in rows}
    status = {r[0]: r[1] for r in rows}
    assert status["Draf Kompetisi Sumedang"] == "Draf"
    assert set(status.values()) == {"Terbit", "Draf"}
    indicator_rows = _rows(book["Indikator"])[1:]
    assert len(indicator_rows) == len(expected) * len(exports.IID_INDICATORS)

    jippnas = _workbook(_get(client, "jippnas", "32.11"))
    assert jippnas.sheetnames == ["JIPPNas", "Petunjuk"]
    header, *body = _rows(jippnas["JIPPNas"])
    assert header[:4] == [
        "Nama Inovasi",
        "Status di Living Lab",
        "Instansi",
        "Unit Pelaksana",
    ]
    assert "Kategori [isi tuan rumah]" in header
    assert sorted(r[0] for r in body) == sorted(expected)


def test_empty_host_columns_are_highlighted(client, sumedang_host, scenario):
    client.force_login(sumedang_host)
    sheet = _workbook(_get(client, "iid", "32.11"))["Profil Inovasi"]
    column = [c.value for c in sheet[1]].index("Inisiator Inovasi [isi tuan rumah]") + 1
    cell = sheet.cell(row=2, column=column)
    assert cell.value in (None, "")
    assert cell.fill.start_color.rgb.endswith("FFF2CC")
    assert not sheet.cell(row=2, column=1).fill.start_color.rgb.endswith("FFF2CC")


def test_the_letters_received_are_listed(client, sumedang_host, scenario):
    client.force_login(sumedang_host)
    rows = _rows(_workbook(_get(client, "iid", "32.11"))["Surat Minat Replikasi"])[1:]
    mine = scenario["mine"]
    expected = Adoption.objects.filter(
        innovation__host_region__code="32.11", letter_of_intent__isnull=False
    ).select_related("region", "innovation", "letter_of_intent")
    assert sorted((r[0], r[2], r[5]) for r in rows) == sorted(
        (a.innovation.title, a.region.code, a.letter_of_intent.original_name)
        for a in expected
    )
    assert (mine.innovation.title, "32.05", "surat-garut.pdf") in {
        (r[0], r[2], r[5]) for r in rows
    }
    assert "surat-bandung-ke-banyuwangi.pdf" not in {r[5] for r in rows}
    assert exports.letter_path(mine) in {r[6] for r in rows}


def test_the_evidence_zip_holds_only_this_hosts_files(client, sumedang_host, scenario):
    client.force_login(sumedang_host)
    response = _get(client, "evidence", "32.11")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert exports.letter_path(scenario["mine"]) in names
    assert archive.read(exports.letter_path(scenario["mine"])) == PDF
    assert not any("banyuwangi" in n for n in names)
    assert not any(n.startswith(scenario["other"].slug + "/") for n in names)
    assert MANIFEST in names


@pytest.mark.parametrize("name", ["host", "iid", "jippnas", "evidence"])
def test_another_host_is_refused(client, sumedang_host, scenario, name):
    client.force_login(sumedang_host)
    assert _get(client, name, "35.10").status_code == 403


@pytest.mark.parametrize("name", ["iid", "evidence"])
def test_a_regency_team_is_refused_and_anonymous_sent_to_sign_in(
    client, team_member, name
):
    assert _get(client, name, "32.11").status_code == 302
    client.force_login(team_member)
    assert _get(client, name, "32.11").status_code == 403


def test_downloads_are_audited(client, sumedang_host, scenario):
    client.force_login(sumedang_host)
    before = AuditEvent.objects.filter(action="export").count()
    for name in ("iid", "jippnas", "evidence"):
        assert _get(client, name, "32.11").status_code == 200
    events = AuditEvent.objects.filter(action="export").order_by("pk")[before:]
    assert [e.subject for e in events] == [
        "competitions:iid:32.11",
        "competitions:jippnas:32.11",
        "competitions:evidence:32.11",
    ]
    assert all(e.actor == sumedang_host for e in events)


def test_the_host_page_lists_case_studies_with_buttons(
    client, sumedang_host, scenario, django_user_model
):
    client.force_login(sumedang_host)
    html = client.get(reverse("competitions:host", args=["32.11"])).content.decode()
    assert "Draf Kompetisi Sumedang" in html
    assert reverse("competitions:iid", args=["32.11"]) in html
    assert reverse("competitions:evidence", args=["32.11"]) in html
    index = client.get(reverse("competitions:index")).content.decode()
    assert reverse("competitions:host", args=["32.11"]) in index
    assert reverse("competitions:host", args=["35.10"]) not in index
    # a publisher of two hosts sees both
    both = make_user(
        django_user_model,
        "dua@example.go.id",
        region=Region.objects.get(code="35.10"),
        role=RegionRole.Role.HOST_PUBLISHER,
    )
    RegionRole.objects.create(
        user=both,
        region=Region.objects.get(code="32.11"),
        role=RegionRole.Role.HOST_PUBLISHER,
    )
    client.force_login(both)
    index = client.get(reverse("competitions:index")).content.decode()
    assert reverse("competitions:host", args=["35.10"]) in index


def _document(title, collection=None):
    from django.core.files.base import ContentFile

    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(f"{title}.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


def test_the_evidence_zip_reads_documents_through_their_restrictions(
    client, sumedang_host, sumedang, scenario
):
    from django.contrib.auth.models import Group

    from wagtail.models import Collection, CollectionViewRestriction

    from innovations.models import SpbeEvidence

    page = InnovationPage.objects.live().filter(host_region=sumedang).first()
    other = scenario["other"]
    closed = Collection.get_first_root_node().add_child(name="Tertutup")
    restriction = CollectionViewRestriction.objects.create(
        collection=closed, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Bukan tuan rumah"))
    open_doc = _document("bukti-terbuka")
    closed_doc = _document("bukti-tertutup", closed)
    other_doc = _document("bukti-tuan-rumah-lain")
    for target, document in ((page, open_doc), (page, closed_doc), (other, other_doc)):
        SpbeEvidence.objects.create(
            page=target, title=document.title, year=2025, document=document
        )
    client.force_login(sumedang_host)
    names = zipfile.ZipFile(
        io.BytesIO(b"".join(_get(client, "evidence", "32.11").streaming_content))
    ).namelist()
    assert f"{page.slug}/bukti-dukung/{open_doc.pk}-{open_doc.filename}" in names
    assert not any("bukti-tertutup" in n for n in names)
    assert not any("bukti-tuan-rumah-lain" in n for n in names)


def test_numbers_are_written_the_indonesian_way(client, sumedang_host, sumedang):
    """Review finding 7: "4.00 → 0.50 hari" was the English format."""
    from decimal import Decimal

    from innovations.models import ImpactFigure

    page = InnovationPage.objects.filter(host_region=sumedang).order_by("title").first()
    page.impact_figures.all().delete()
    ImpactFigure.objects.create(
        page=page,
        measure="Waktu layanan",
        before=Decimal("4.00"),
        after=Decimal("0.50"),
        unit="hari",
    )
    ImpactFigure.objects.create(
        page=page,
        measure="Biaya cetak",
        before=Decimal("1234.50"),
        after=Decimal("210.00"),
        unit="juta",
    )
    InnovationPage.objects.filter(pk=page.pk).update(
        cost=Decimal("640000000"), funding_source="APBD"
    )
    client.force_login(sumedang_host)
    profile = _rows(_workbook(_get(client, "iid", "32.11"))["Profil Inovasi"])
    row = {r[0]: r for r in profile[1:]}[page.title]
    header = profile[0]
    assert row[header.index("Hasil Inovasi")] == (
        "Waktu layanan: 4 → 0,5 hari; Biaya cetak: 1.234,5 → 210 juta"
    )
    assert row[header.index("Anggaran")] == "Rp 640.000.000 (APBD)"
    jippnas = _rows(_workbook(_get(client, "jippnas", "32.11"))["JIPPNas"])
    row = {r[0]: r for r in jippnas[1:]}[page.title]
    assert "4 → 0,5 hari" in row[jippnas[0].index("Manfaat / Hasil")]
