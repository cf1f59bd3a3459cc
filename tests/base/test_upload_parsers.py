"""Unit tests of the upload validator (security issue, finding 9): each type
is opened with a real parser, not only recognised by its first bytes."""

import io
import zipfile

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from PIL import Image

from livinglab.base.files import minimal_pdf, minimal_png
from livinglab.base.uploads import validate_upload

PDF = minimal_pdf(["Perbup No. 12 Tahun 2025"], title="Perbup")


def _zip(entries, compresslevel=6):
    buffer = io.BytesIO()
    with zipfile.ZipFile(
        buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel
    ) as zf:
        for name, content in entries:
            zf.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w/>")])
XLSX = _zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<wb/>")])
PPTX = _zip([("[Content_Types].xml", "<Types/>"), ("ppt/presentation.xml", "<p/>")])
ODT = _zip(
    [("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<o/>")]
)


def _jpeg(width=40, height=30):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 10, 10)).save(buffer, format="JPEG")
    return buffer.getvalue()


def _code(name, content):
    with pytest.raises(ValidationError) as caught:
        validate_upload(SimpleUploadedFile(name, content))
    return caught.value.code, " ".join(caught.value.messages)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("perbup.pdf", PDF),
        ("layar.png", minimal_png()),
        ("foto.jpg", _jpeg()),
        ("foto.jpeg", _jpeg()),
        ("modul.docx", DOCX),
        ("data.xlsx", XLSX),
        ("slide.pptx", PPTX),
        ("catatan.odt", ODT),
        ("lampiran.zip", _zip([("a.txt", "isi"), ("b.csv", "1,2\n")])),
        # An office part that compresses very well but is small stays fine.
        (
            "kosong.xlsx",
            _zip(
                [("[Content_Types].xml", "<T/>"), ("xl/workbook.xml", "<r/>" * 100_000)]
            ),
        ),
    ],
)
def test_real_files_pass(name, content):
    upload = SimpleUploadedFile(name, content)
    upload.seek(3)
    validate_upload(upload)
    assert upload.tell() == 3  # the position is given back


def test_pdf_without_pages_is_refused():
    code, message = _code(
        "perbup.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    )
    assert code == "file_content"
    assert "PDF" in message


def test_truncated_pdf_is_refused():
    assert _code("perbup.pdf", PDF[:60])[0] == "file_content"


@pytest.mark.parametrize(
    "markup",
    [
        b"<html><script>alert(1)</script></html>",
        b"<!DOCTYPE HTML><body onload=alert(1)>",
        b"<SVG onload=alert(1)>",
        b"<iframe src=//contoh.test>",
    ],
)
def test_pdf_html_polyglot_is_refused(markup):
    polyglot = PDF.replace(b"%PDF-1.4\n", b"%PDF-1.4\n%" + markup + b"\n", 1)
    validate_pdf_still_parses = polyglot.startswith(b"%PDF-")
    assert validate_pdf_still_parses
    code, message = _code("bukti.pdf", polyglot)
    assert code == "file_markup"
    assert "HTML" in message


def test_markup_at_the_end_of_a_large_file_is_found():
    padded = PDF + b"%" + b"a" * (1024 * 1024 - 3) + b"\n%<script>x</script>\n"
    assert _code("bukti.pdf", padded)[0] == "file_markup"


def test_png_header_without_image_is_refused():
    assert _code("layar.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)[0] == "file_content"


def test_truncated_png_is_refused():
    png = minimal_png(300, 300)
    assert _code("layar.png", png[: len(png) // 2])[0] == "file_content"


def test_jpeg_named_png_is_refused():
    assert _code("layar.png", _jpeg())[0] == "file_content"


def test_image_over_the_pixel_limit_is_refused(settings):
    settings.LIVINGLAB_MAX_IMAGE_PIXELS = 1000
    code, message = _code("layar.png", minimal_png(100, 100))
    assert code == "image_pixels"
    assert "100 × 100" in message


def test_decompression_bomb_png_is_refused():
    # 8,000 x 8,000 pixels of one colour (64 million): small on disk.
    buffer = io.BytesIO()
    Image.new("1", (8_000, 8_000)).save(buffer, format="PNG")
    assert _code("layar.png", buffer.getvalue())[0] == "image_pixels"


def test_zip_bomb_is_refused():
    bomb = _zip([("nol.bin", b"\0" * (30 * 1024 * 1024))], compresslevel=9)
    assert len(bomb) < 100_000
    code, message = _code("lampiran.zip", bomb)
    assert code == "zip_bomb"
    assert "zip" in message.lower()


def test_zip_over_the_size_limit_is_refused(settings):
    settings.LIVINGLAB_MAX_UNZIPPED_MB = 1
    archive = _zip([("acak.bin", bytes(range(256)) * 8000)], compresslevel=0)
    assert _code("lampiran.zip", archive)[0] == "zip_bomb"


def test_zip_whose_header_lies_about_its_size_is_refused():
    archive = bytearray(_zip([("a.txt", b"x" * 5000)]))
    # Declare 10 bytes in the central directory; the data unpacks to 5,000.
    central = archive.rfind(b"PK\x01\x02")
    archive[central + 24 : central + 28] = (10).to_bytes(4, "little")
    assert _code("lampiran.zip", bytes(archive))[0] in {"zip_bomb", "file_content"}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("modul.docx", _zip([("a.txt", "bukan dokumen")])),
        ("modul.docx", XLSX),  # a workbook named .docx
        ("catatan.odt", _zip([("mimetype", "text/html"), ("content.xml", "<o/>")])),
        ("modul.docx", DOCX[:-30]),  # cut short
    ],
)
def test_invalid_office_files_are_refused(name, content):
    assert _code(name, content)[0] == "file_content"


def test_messages_are_indonesian_first():
    from django.utils import translation

    with translation.override("id"):
        _code_, message = _code("lampiran.zip", _zip([("n", b"\0" * (30 << 20))], 9))
    assert "bom zip" in message.lower()
