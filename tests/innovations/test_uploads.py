"""Uploads are refused by type (extension *and* content) and size, with a clear message."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model

import pytest

from livinglab.base.files import minimal_pdf, minimal_png
from livinglab.base.uploads import safe_filename

pytestmark = pytest.mark.django_db

# Real files: uploads are opened with a parser for their type.
PDF = minimal_pdf(["Perbup"])
PNG = minimal_png()


def _docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def _upload(client, name, content, content_type="application/octet-stream"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Bukti",
            "file": SimpleUploadedFile(name, content, content_type=content_type),
            "collection": 1,
        },
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("perbup.pdf", PDF), ("modul.docx", _docx()), ("layar.png", PNG)],
)
def test_allowed_files_are_accepted(admin_client, name, content):
    response = _upload(admin_client, name, content)
    assert response.status_code == 302, response.content.decode()[:500]
    assert get_document_model().objects.filter(title="Bukti").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00" + b"\x00" * 100, "exe"),
        ("halaman.html", b"<html><script>alert(1)</script></html>", "html"),
        ("palsu.pdf", b"MZ\x90\x00 not a pdf at all" * 10, "PDF"),
        ("palsu.png", PDF, "PNG"),
        ("kosong.pdf", b"", ""),
    ],
)
def test_refused_files_get_a_clear_message_and_nothing_is_stored(
    admin_client, name, content, message
):
    response = _upload(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not get_document_model().objects.filter(title="Bukti").exists()


def test_oversized_files_are_refused(admin_client, settings):
    settings.LIVINGLAB_MAX_UPLOAD_MB = 1
    response = _upload(admin_client, "besar.pdf", PDF + b"0" * (1024 * 1024 + 1))
    assert response.status_code == 200
    assert "1,0" in response.content.decode() or "1.0" in response.content.decode()
    assert not get_document_model().objects.filter(title="Bukti").exists()


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\x.pdf", "x.pdf"),
        ("Laporan Évaluasi 2024 (final).PDF", "Laporan-Evaluasi-2024-final.pdf"),
        ("<script>.pdf", "script.pdf"),
        ("....pdf", "berkas.pdf"),
    ],
)
def test_file_names_are_sanitised(given, safe):
    assert safe_filename(given) == safe


def test_stored_name_is_sanitised(admin_client):
    _upload(admin_client, "../../Laporan Évaluasi.pdf", PDF)
    document = get_document_model().objects.get(title="Bukti")
    assert ".." not in document.file.name
    assert "Laporan-Evaluasi" in document.file.name
