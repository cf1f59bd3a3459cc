"""JSON for unknown API paths and the site's 404/500/CSRF handlers (JSON under
``/api/``, Django's pages elsewhere)."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt


def not_found(request, exception=None):
    """404 for the whole site: JSON in our error shape under /api/."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "error": {
                    "status": 404,
                    "message": _(
                        "There is no such API address. The endpoints are listed at /api/docs/."
                    ),
                    "detail": None,
                }
            },
            status=404,
        )
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "error": {
                    "status": 500,
                    "message": _(
                        "Something went wrong on our side; it has been logged."
                    ),
                    "detail": None,
                }
            },
            status=500,
        )
    from django.views.defaults import server_error as html_server_error

    return html_server_error(request)


@csrf_exempt
def unknown_endpoint(request, rest=""):
    """Any method on an unknown /api/ address: JSON 404, never a page."""
    return not_found(request)


def language_neutral(request, rest=""):
    """``/en/api/...``: the API and its docs have one address for every
    language (``/api/...``; error messages follow ``Accept-Language``), so
    an English-prefixed address redirects there, keeping the query string."""
    from django.http import HttpResponseRedirect

    target = f"/api/{rest}"
    if request.META.get("QUERY_STRING"):
        target += "?" + request.META["QUERY_STRING"]
    return HttpResponseRedirect(target)


def csrf_failure(request, reason=""):
    """CSRF refusals: JSON in our error shape under /api/, Django's page elsewhere."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {
                "error": {
                    "status": 403,
                    "message": _(
                        "The request was refused (CSRF). Programs should send a "
                        "personal API token: Authorization: Bearer <token>."
                    ),
                    "detail": None,
                }
            },
            status=403,
        )
    from django.views.csrf import csrf_failure as default_failure

    return default_failure(request, reason=reason)
