"""A database that is down or restarting costs a quick 503, not a 500.

When PostgreSQL stops (a restart, a failover) every request that needs it
raises ``OperationalError`` or ``InterfaceError``. Without this middleware
Django answers 500 "server error" with a traceback in the log, which tells
neither the person nor the load balancer that trying again in a moment will
work. With it the answer is immediate: ``503 Service Unavailable`` with
``Retry-After``, in the API's error shape under /api/ and as a small static
page elsewhere, and one warning line in the log. Connections recover by
themselves once the database is back (``CONN_HEALTH_CHECKS``).

The answer must not need the database: the page is rendered without a
request, so no context processor (user, messages, Wagtail settings) runs.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 10
API_PREFIX = "/api/"
API_MESSAGE = (
    "Basis data sedang tidak dapat dihubungi (pemeliharaan atau mulai ulang). "
    "Tidak ada perubahan yang disimpan; coba lagi dalam %(seconds)s detik."
)
# Set on the request when the database failed outside the view (in another
# middleware): Django has already turned that into a 500 by then.
FLAG = "_livinglab_database_error"


def unavailable_response(request):
    """The 503 for ``request``: JSON under /api/, the static page elsewhere."""
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse(
            {
                "error": {
                    "status": 503,
                    "message": API_MESSAGE % {"seconds": RETRY_AFTER_SECONDS},
                    "detail": None,
                }
            },
            status=503,
        )
    else:
        response = HttpResponse(
            render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS}),
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # Our warning is the log line: Django's "ERROR django.request Service
    # Unavailable" for every 5xx would double each one during an outage.
    response._has_been_logged = True
    return response


def _log(request, exception):
    first_line = (str(exception).strip().splitlines() or [""])[0]
    logger.warning(
        "database unavailable, answered 503: %s %s: %s: %s",
        request.method,
        request.path,
        type(exception).__name__,
        first_line[:200],
    )


def _remember_database_error(sender, request=None, **kwargs):
    exception = sys.exc_info()[1]
    if request is not None and isinstance(exception, DATABASE_ERRORS):
        setattr(request, FLAG, exception)


got_request_exception.connect(
    _remember_database_error, dispatch_uid="livinglab-database-unavailable"
)


class DatabaseUnavailableMiddleware:
    """Answer 503 + ``Retry-After`` when the database does not answer.

    ``process_exception`` handles what views raise (and template responses
    rendered after them): one warning line, no traceback. A database error
    in a middleware further in (a session read or write, say) has already
    been logged and turned into a 500 by Django; that 500 is replaced by the
    same 503 on the way out, so clients still see "try again".
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        exception = getattr(request, FLAG, None)
        if exception is not None and response.status_code == 500:
            _log(request, exception)
            return unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        _log(request, exception)
        return unavailable_response(request)
