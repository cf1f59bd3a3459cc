"""The public open-data page and its downloads.

Only the names in ``export.FILES`` are served, from the published export
directory; any other name is a 404 before a path is ever built from it.
"""

from django.http import FileResponse, Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from livinglab.regions.models import Participation

from . import export

CONTENT_TYPES = {
    ".csv": "text/csv; charset=utf-8",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".zip": "application/zip",
}
DESCRIPTIONS = {
    export.ZIP_NAME: gettext_lazy("Every file below in one zip archive."),
    "inovasi.csv": gettext_lazy("Published innovation case studies."),
    "inovasi.json": gettext_lazy("Published innovation case studies (JSON)."),
    "wilayah.csv": gettext_lazy(
        "All kabupaten/kota: province, pilot participation, SPBE index per year."
    ),
    "wilayah.json": gettext_lazy(
        "All kabupaten/kota: province, pilot participation, SPBE index per year (JSON)."
    ),
    "spbe_nasional.csv": gettext_lazy("National average SPBE index per year."),
    "spbe_kerangka.csv": gettext_lazy(
        "SPBE evaluation frameworks: indicators with their aspect, domain and weight."
    ),
    "matriks_adopsi.csv": gettext_lazy(
        "Adoption matrix: which region replicates which innovation, and its stage."
    ),
    "matriks_adopsi.json": gettext_lazy("Adoption matrix (JSON)."),
    export.DATAPACKAGE: gettext_lazy(
        "Frictionless Data Package descriptor: table schemas, sizes and hashes."
    ),
    export.README: gettext_lazy("What the data is, in Indonesian and English."),
    export.LICENCE: gettext_lazy("The licence, in Indonesian and English."),
}


@require_safe
def index(request):
    directory = export.published_dir()
    files = export.published_files(directory)
    for entry in files:
        entry["description"] = DESCRIPTIONS.get(entry["name"], "")
    return render(
        request,
        "opendata/index.html",
        {
            "files": files,
            "created": export.published_created(directory) if files else None,
            "license": export.LICENSES[0],
            "demonstration": Participation.objects.filter(
                is_demonstration=True
            ).exists(),
            "page_title": _("Open data"),
        },
    )


@require_safe
def download(request, name):
    if name not in export.FILES:
        raise Http404(_("There is no open-data file with that name."))
    suffix = name[name.rindex(".") :]
    try:
        handle = (export.published_dir() / name).open("rb")
    except OSError:
        raise Http404(_("That file has not been exported yet.")) from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=CONTENT_TYPES[suffix],
    )
