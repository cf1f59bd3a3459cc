"""How every private file (adoption evidence, letters of intent, SPBE
self-assessment documents) is sent: as an attachment that browsers neither
render nor cache, whichever app owns the record and decides who may read it.
"""

import mimetypes

from django.http import FileResponse, Http404

# What the stored extension is sent as; anything else is a plain download.
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
    "zip": "application/zip",
}


def content_type(name):
    """The Content-Type a private file is sent with (by its stored extension;
    never ``text/html`` or anything a browser would run)."""
    ext = name.rpartition(".")[2].lower()
    if ext in CONTENT_TYPES:
        return CONTENT_TYPES[ext]
    guessed = mimetypes.guess_type(f"x.{ext}")[0] or ""
    if guessed.startswith("application/vnd.") and "html" not in guessed:
        return guessed
    return "application/octet-stream"


def attachment_response(record):
    """A ``FileResponse`` streaming ``record.file`` (a stored private file)
    as an attachment named ``record.original_name``, with ``nosniff``,
    ``Cache-Control: private, no-store``, a sandboxing CSP and no referrer.
    Raises ``Http404`` when the stored file is missing. The caller has
    already checked the policy."""
    try:
        handle = record.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=record.original_name or "berkas",
        content_type=content_type(record.file.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Referrer-Policy"] = "no-referrer"
    return response
