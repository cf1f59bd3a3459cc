"""The one way to download an adoption's private file.

``/adopsi/berkas/<token>/`` finds the ``AdoptionFile`` by its unguessable
token, asks the policy (``adoptions.view_records`` on its adoption: the
region's team, the host publisher, moderators, analysts, administrators) and
streams it as an attachment that browsers neither render nor cache. Anyone
else is sent to log in (anonymous) or refused with 403; an unknown token is
404. The files have no other address (``livinglab.base.storage``).
"""

import mimetypes

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from livinglab.accounts.policy import require

from .models import AdoptionFile

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


def _file_adoption(request, token):
    record = get_object_or_404(
        AdoptionFile.objects.select_related("adoption__innovation"), token=token
    )
    request.private_file = record
    return record.adoption


@require_safe
@require("adoptions.view_records", fn=_file_adoption)
def serve(request, token):
    """Stream the private file (GET/HEAD only)."""
    record = request.private_file
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
