"""The one way to download an adoption's private file.

``/adopsi/berkas/<token>/`` finds the ``AdoptionFile`` by its unguessable
token, asks the policy (``adoptions.view_records`` on its adoption: the
region's team, the host publisher, moderators, analysts, administrators) and
streams it as an attachment that browsers neither render nor cache. Anyone
else is sent to log in (anonymous) or refused with 403; an unknown token is
404. The files have no other address (``livinglab.base.storage``).
"""

from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from livinglab.accounts.policy import require
from livinglab.base.private_files import attachment_response

from .models import AdoptionFile


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
    return attachment_response(request.private_file)
