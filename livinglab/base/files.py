"""Reading the files people hand to management commands, and making small
real files (PDF, PNG) for demonstration data and tests."""

import json

from django.core.management.base import CommandError
from django.utils.translation import gettext as _


def load_json_file(path):
    """The parsed JSON of ``path``, or a CommandError a person can act on."""
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as exc:
        raise CommandError(
            _("Cannot read %(file)s: %(error)s") % {"file": path, "error": exc.strerror}
        ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CommandError(
            _("%(file)s is not valid JSON: %(error)s") % {"file": path, "error": exc}
        ) from None


def minimal_pdf(lines, title="Dokumen"):
    """A real one-page A4 PDF (bytes) showing ``lines`` of text in Helvetica.

    For demonstration data and tests: small (about 1 KB), opened by any PDF
    reader and by ``pypdf``. Only Latin-1 text is kept (other characters
    become "?"); parentheses and backslashes are escaped.
    """

    def text(value):
        value = str(value).encode("latin-1", "replace").decode("latin-1")
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    rows = [f"BT /F1 16 Tf 56 780 Td ({text(title)}) Tj ET"]
    rows += [
        f"BT /F1 11 Tf 56 {750 - 16 * i} Td ({text(line)}) Tj ET"
        for i, line in enumerate(lines)
    ]
    stream = "\n".join(rows).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def minimal_png(width=64, height=48, colour=(33, 102, 172)):
    """A real PNG (bytes) of one colour, made with Pillow (a Wagtail
    dependency); for demonstration data and tests."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()
