"""What may be uploaded: checked by extension *and* by content, and by size.

Used by the Wagtail document and image forms (settings point at the forms
below) and by every other upload field of the project, so the rule lives in
one place. Office formats (docx, xlsx, pptx, odt) are zip containers, so a
renamed zip passes as one of them by content; a renamed executable or HTML
file does not pass as anything.
"""

import os
import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

import filetype

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


def max_upload_bytes():
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


def validate_upload(uploaded, allowed=None):
    """Raise ValidationError unless ``uploaded`` is an allowed type and size."""
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


def _read_head(uploaded, length=8192):
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(length)
    uploaded.seek(position)
    return head
