"""What may be uploaded: checked by extension, by size, and by opening it.

Used by the Wagtail document and image forms (settings point at the forms
below) and by every other upload field of the project, so the rule lives in
one place. The magic bytes (``filetype``) are only the first gate: each type
is then opened with a real parser, because a file can start like a PDF and
still be a web page (a "polyglot"), and a small zip can unpack to gigabytes:

* PDF: ``pypdf`` opens it and finds at least one page;
* PNG/JPEG: Pillow reads the size (at most ``LIVINGLAB_MAX_IMAGE_PIXELS``,
  default 40 million) and decodes the whole image;
* docx/xlsx/pptx/odt/zip: a valid zip whose members unpack (really
  decompressed, CRC checked) to at most ``LIVINGLAB_MAX_UNZIPPED_MB``
  (default 200) with a compression ratio of at most ``MAX_ZIP_RATIO`` (for
  parts over 1 MB); an office file also holds its ``[Content_Types].xml``
  and main part (ODF: its ``mimetype``);
* no type may carry HTML or script markup anywhere in its bytes.

A refused file raises ``ValidationError`` with a message in the person's
language (Indonesian first) before anything is stored.
"""

import io
import os
import re
import unicodedata
import warnings
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

import filetype
from PIL import Image
from pypdf import PdfReader
from pypdf.errors import PyPdfError

# extension -> acceptable content kinds reported by ``filetype``
ALLOWED = {
    "pdf": {"pdf"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "pptx": {"pptx", "zip"},
    "odt": {"odt", "zip"},
    "zip": {"zip"},
    "png": {"png"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
}


# Markup a browser would run if it ever took the file for a web page.
MARKUP = (
    b"<script",
    b"<html",
    b"<!doctype html",
    b"<body",
    b"<iframe",
    b"<svg",
    b"<object",
    b"<embed",
    b"<meta http-equiv",
)
MAX_ZIP_RATIO = 100  # unpacked bytes per packed byte, per member and in total
# Small parts (an xlsx sheet of empty rows) may compress better than that.
RATIO_FROM_BYTES = 1024 * 1024
MAX_ZIP_MEMBERS = 5000
# What an office file must contain besides [Content_Types].xml.
OFFICE_MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODF_MIMETYPES = {"odt": b"application/vnd.oasis.opendocument.text"}
IMAGE_FORMATS = {"png": "PNG", "jpg": "JPEG", "jpeg": "JPEG"}


def max_upload_bytes():
    """The largest accepted upload, in bytes (``LIVINGLAB_MAX_UPLOAD_MB``)."""
    return int(getattr(settings, "LIVINGLAB_MAX_UPLOAD_MB", 50)) * 1024 * 1024


def safe_filename(name, max_length=100):
    """A file name without directories, control characters or odd symbols."""
    base = os.path.basename(str(name).replace("\\", "/"))
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode()
    stem, dot, ext = base.rpartition(".")
    if not dot:
        stem, ext = base, ""
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-._") or "berkas"
    ext = re.sub(r"[^A-Za-z0-9]+", "", ext).lower()
    stem = stem[: max_length - len(ext) - 1]
    return f"{stem}.{ext}" if ext else stem


def max_unzipped_bytes():
    """The most a zip-based upload may unpack to, in bytes."""
    return int(getattr(settings, "LIVINGLAB_MAX_UNZIPPED_MB", 200)) * 1024 * 1024


def max_image_pixels():
    """The most pixels (width × height) an uploaded image may have."""
    return int(getattr(settings, "LIVINGLAB_MAX_IMAGE_PIXELS", 40_000_000))


def validate_upload(uploaded, allowed=None):
    """Raise ValidationError unless ``uploaded`` is an allowed type and size
    and opens as that type (see the module docstring). ``allowed`` maps an
    extension to the ``filetype`` kinds accepted for it (default ``ALLOWED``).
    The file position is left where it was."""
    allowed = ALLOWED if allowed is None else allowed
    name = getattr(uploaded, "name", "") or ""
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    kinds = ", ".join(sorted({e for e in allowed if e != "jpeg"}))
    if ext not in allowed:
        raise ValidationError(
            _("Files of type “%(ext)s” are not accepted. Accepted types: %(kinds)s.")
            % {"ext": ext or "?", "kinds": kinds},
            code="file_type",
        )
    size = getattr(uploaded, "size", None) or 0
    if size > max_upload_bytes():
        raise ValidationError(
            _("The file is %(size)s; the largest accepted is %(limit)s.")
            % {
                "size": filesizeformat(size),
                "limit": filesizeformat(max_upload_bytes()),
            },
            code="file_size",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    head = _read_head(uploaded)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in allowed[ext]:
        raise ValidationError(
            _(
                "The content of “%(name)s” is not a %(ext)s file. Save it again in "
                "that format, or choose the right file."
            )
            % {"name": os.path.basename(name), "ext": ext.upper()},
            code="file_content",
        )
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    try:
        _refuse_markup(uploaded, name)
        _check_content(uploaded, name, ext)
    finally:
        uploaded.seek(position)


def _not_that_type(name, ext):
    return ValidationError(
        _(
            "The content of “%(name)s” is not a %(ext)s file. Save it again in "
            "that format, or choose the right file."
        )
        % {"name": os.path.basename(name), "ext": ext.upper()},
        code="file_content",
    )


def _refuse_markup(uploaded, name, chunk_size=1024 * 1024):
    """Refuse HTML or script markup anywhere in the bytes (a polyglot)."""
    uploaded.seek(0)
    overlap = max(len(m) for m in MARKUP)
    tail = b""
    while chunk := uploaded.read(chunk_size):
        window = (tail + chunk).lower()
        if any(marker in window for marker in MARKUP):
            raise ValidationError(
                _(
                    "“%(name)s” contains web-page or script code (HTML, "
                    "JavaScript, SVG). Such files are not accepted: save the "
                    "document again as a plain PDF, office or image file."
                )
                % {"name": os.path.basename(name)},
                code="file_markup",
            )
        tail = window[-overlap:]


def _check_content(uploaded, name, ext):
    if ext == "pdf":
        _check_pdf(uploaded, name, ext)
    elif ext in IMAGE_FORMATS:
        _check_image(uploaded, name, ext)
    else:
        _check_zip(uploaded, name, ext)


def _check_pdf(uploaded, name, ext):
    uploaded.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(uploaded, strict=False)
            if reader.is_encrypted:
                reader.decrypt("")
            pages = len(reader.pages)
    except PyPdfError:
        pages = 0
    except Exception:  # a malformed file breaks the parser anywhere: refuse it
        pages = 0
    if pages < 1:
        raise ValidationError(
            _(
                "“%(name)s” cannot be opened as a PDF or has no pages. Save it "
                "again as PDF and upload it once more."
            )
            % {"name": os.path.basename(name)},
            code="file_content",
        )


def _check_image(uploaded, name, ext):
    uploaded.seek(0)
    data = uploaded.read()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > max_image_pixels():
                    raise ValidationError(
                        _(
                            "The image “%(name)s” is %(width)s × %(height)s "
                            "pixels; the most accepted is %(limit)s million "
                            "pixels. Make it smaller and upload it again."
                        )
                        % {
                            "name": os.path.basename(name),
                            "width": width,
                            "height": height,
                            "limit": max_image_pixels() // 1_000_000,
                        },
                        code="image_pixels",
                    )
                if image.format != IMAGE_FORMATS[ext]:
                    raise _not_that_type(name, ext)
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except ValidationError:
        raise
    except Exception:  # any failure to decode is a refusal
        raise _not_that_type(name, ext) from None


def _zip_bomb(name):
    return ValidationError(
        _(
            "“%(name)s” unpacks to more than %(limit)s or is packed "
            "suspiciously tightly (a “zip bomb”). It is not accepted; upload "
            "the files themselves or a smaller archive."
        )
        % {
            "name": os.path.basename(name),
            "limit": filesizeformat(max_unzipped_bytes()),
        },
        code="zip_bomb",
    )


def _check_zip(uploaded, name, ext, chunk_size=1024 * 1024):
    """A valid zip within the ratio and size limits, decompressed for real
    (a lying header is caught), with the parts its office type needs."""
    uploaded.seek(0)
    packed_total = getattr(uploaded, "size", None) or 1
    limit = max_unzipped_bytes()
    try:
        with zipfile.ZipFile(uploaded) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise _zip_bomb(name)
            declared = sum(m.file_size for m in members)
            if declared > limit or (
                declared > RATIO_FROM_BYTES and declared > MAX_ZIP_RATIO * packed_total
            ):
                raise _zip_bomb(name)
            unpacked = 0
            for member in members:
                if (
                    member.file_size > RATIO_FROM_BYTES
                    and member.file_size > MAX_ZIP_RATIO * member.compress_size
                ):
                    raise _zip_bomb(name)
                with archive.open(member) as stream:
                    while chunk := stream.read(chunk_size):
                        unpacked += len(chunk)
                        if unpacked > limit or unpacked > declared:
                            raise _zip_bomb(name)
            names = set(archive.namelist())
            if ext in OFFICE_MAIN_PART and not (
                "[Content_Types].xml" in names and OFFICE_MAIN_PART[ext] in names
            ):
                raise _not_that_type(name, ext)
            if ext in ODF_MIMETYPES and (
                "mimetype" not in names
                or archive.read("mimetype").strip() != ODF_MIMETYPES[ext]
            ):
                raise _not_that_type(name, ext)
    except ValidationError:
        raise
    except Exception:  # a broken or encrypted archive: refuse it
        raise _not_that_type(name, ext) from None


def _read_head(uploaded, length=8192):
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(length)
    uploaded.seek(position)
    return head
