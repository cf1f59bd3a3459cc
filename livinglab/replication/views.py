"""The people-facing download of the replication kit
(``/kit-replikasi/<slug>/?region=<code>``, the case-study page's button)."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import service


@require_GET
def download(request, slug):
    """The kit as a ZIP: 404 for an unpublished case study, sign-in for the
    anonymous, 403 without the permission, a page saying what to change for
    a region that cannot have it, 429 beyond the rate limit."""
    page = service.case_study(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        region = service.requesting_region(request, page, request.GET.get("region"))
    except service.Refused as refused:
        if refused.status == 403:
            raise PermissionDenied(refused.message) from None
        return render(
            request,
            "replication/refused.html",
            {"page": page, "message": refused.message},
            status=refused.status,
        )
    if not service.KitThrottle().allow_request(request, None):
        return render(
            request,
            "replication/refused.html",
            {
                "page": page,
                "message": _("Too many kits downloaded: wait a while and try again."),
            },
            status=429,
        )
    return service.download(request, page, region, via="page")
