"""The host's competition-export page and its three downloads (issue 19.5).

``/adopsi/tuan-rumah/kompetisi/`` lists the host regions the person
publishes for (administrators: every host region); ``…/<code>/`` lists that
host's case studies (drafts too, marked) with the export buttons; the
downloads are ``iid.xlsx``, ``jippnas.xlsx`` and ``bukti-dukung.zip``. Every
view asks ``competitions.export_for_host`` on the region (403 otherwise) and
every download is written to the audit log. The evidence ZIP is rate
limited (429) and capped in size (413), each with a page saying why.
"""

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from livinglab.accounts import audit
from livinglab.accounts.policy import host_region_ids, require
from livinglab.base.spreadsheets import XLSX_TYPE
from livinglab.regions.models import Region

from .evidence import EvidenceThrottle, TooLarge, evidence_archive
from .exports import host_case_studies, iid_workbook, jippnas_workbook, status


def _region(request, code):
    return get_object_or_404(Region, code=code)


def _audit(request, region, kind, count):
    audit.record(
        "export",
        actor=request.user,
        subject=f"competitions:{kind}:{region.code}",
        request=request,
        region=region.code,
        kind=kind,
        count=count,
    )


def _private(response):
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _download(request, region, kind, data, content_type, filename, count):
    _audit(request, region, kind, count)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _private(response)


def _refused(request, region, message, status):
    return render(
        request,
        "competitions/refused.html",
        {"region": region, "message": message},
        status=status,
    )


@require_safe
@require("competitions.use_exports")
def index(request):
    """The host regions the person may export for."""
    regions = Region.objects.filter(hosted_innovations__isnull=False).distinct()
    if not request.user.has_perm("accounts.act_for_every_region"):
        regions = regions.filter(pk__in=host_region_ids(request.user))
    return render(
        request,
        "competitions/index.html",
        {"regions": regions.order_by("code")},
    )


@require_safe
@require("competitions.export_for_host", fn=_region)
def host_exports(request, code):
    """The host's case studies with their status and the export buttons."""
    region = request.authorized_object
    pages = [
        {
            "page": p,
            "status": status(p),
            "letters": sum(1 for a in p.adoptions.all() if a.letter_of_intent_id),
        }
        for p in host_case_studies(region)
    ]
    return render(
        request,
        "competitions/host_exports.html",
        {"region": region, "rows": pages},
    )


def _base_url(request):
    return request.build_absolute_uri("/")


@require_safe
@require("competitions.export_for_host", fn=_region)
def iid_xlsx(request, code):
    region = request.authorized_object
    data, count = iid_workbook(region, _base_url(request))
    name = f"iid-{region.code}.xlsx"
    return _download(request, region, "iid", data, XLSX_TYPE, name, count)


@require_safe
@require("competitions.export_for_host", fn=_region)
def jippnas_xlsx(request, code):
    region = request.authorized_object
    data, count = jippnas_workbook(region, _base_url(request))
    name = f"jippnas-{region.code}.xlsx"
    return _download(request, region, "jippnas", data, XLSX_TYPE, name, count)


@require_safe
@require("competitions.export_for_host", fn=_region)
def evidence(request, code):
    """The evidence ZIP, streamed from a temporary file; 429 past the rate
    limit, 413 (and no file) past the size cap."""
    region = request.authorized_object
    if not EvidenceThrottle().allow_request(request, None):
        message = _("Too many evidence downloads: wait a while and try again.")
        return _refused(request, region, message, 429)
    try:
        archive, count = evidence_archive(request, list(host_case_studies(region)))
    except TooLarge as error:
        message = _(
            "The evidence files of this host are too large for one ZIP "
            "(more than %(limit)s together). Nothing was downloaded: download "
            "the files from each case study, or ask an administrator."
        ) % {"limit": filesizeformat(error.limit)}
        return _refused(request, region, message, 413)
    _audit(request, region, "evidence", count)
    response = FileResponse(
        archive,
        as_attachment=True,
        filename=f"bukti-dukung-{region.code}.zip",
        content_type="application/zip",
    )
    return _private(response)
