"""Site-wide middleware: database outages, security headers, bad admin posts.

``DatabaseUnavailableMiddleware``: a database that is down or restarting
costs a quick 503, not a 500. ``SecurityHeadersMiddleware``:
``Permissions-Policy`` everywhere, ``Cache-Control: private`` for signed-in
people. ``MalformedAdminFormMiddleware``: a hand-made Wagtail form post that
cannot be parsed gets 400, not 500.

Database outages, in more detail:

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

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

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


# Response headers every page gets.

# Browser features no page of ours uses: denied to the page and to any frame
# it embeds (video embeds play without them).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)


def _is_private(request):
    """Whether the response to ``request`` may depend on who asked: a
    signed-in session, or credentials in an ``Authorization`` header."""
    if request.META.get("HTTP_AUTHORIZATION"):
        return True
    # Only a request that carries a session cookie can be signed in; asking
    # the others would mark every public page "Vary: Cookie".
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class SecurityHeadersMiddleware:
    """``Permissions-Policy`` on every response; ``Cache-Control: private``
    on every response to a signed-in person or a bearer token.

    A page that shows a person's name, roles, regions or records must never
    be stored by a shared cache (a proxy, a CDN) and handed to the next
    visitor: ``private`` forbids that while still letting the person's own
    browser keep it. A view's stricter choice (``no-store``, ``no-cache``,
    ``max-age=0``) is kept; a ``public`` is replaced.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if _is_private(request):
            patch_cache_control(response, private=True)
        return response


# Malformed admin form posts.

BAD_FORM_MESSAGE = _(
    "The form data sent is incomplete or malformed: it did not come from the "
    "editing page as served. Nothing was saved. Reload the page and try again."
)
# What a hand-made or truncated POST to a Wagtail edit/create view raises
# while the form is parsed or re-rendered: a missing key (StreamField's
# "body-count", a block's "-type"), a number that is not one ("body-count=abc",
# a chooser's id), a value of the wrong shape.
MALFORMED_FORM_ERRORS = (
    MultiValueDictKeyError,
    ValueError,
    TypeError,
    ValidationError,
    OverflowError,
)


# Where reading a posted value raises: a widget reading the data
# (StreamField's counts and types, choosers) or a model field converting a
# posted value for a query (a chooser id that is not a number).
FORM_READING_FRAMES = frozenset(
    {"value_from_datadict", "_widget_data_value", "get_prep_value"}
)


def _raised_reading_form_data(exception):
    """Whether ``exception`` came from reading posted form values (any frame
    of its traceback in ``FORM_READING_FRAMES``), not from other code that
    happens to raise a ``ValueError`` during an admin POST."""
    if isinstance(exception, MultiValueDictKeyError):
        return True
    tb = exception.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_name in FORM_READING_FRAMES:
            return True
        tb = tb.tb_next
    return False


def _admin_prefix():
    try:
        return reverse("wagtailadmin_home")
    except NoReverseMatch:
        return "/admin/"


class MalformedAdminFormMiddleware:
    """Answer 400, not 500, when a Wagtail admin form post cannot be parsed.

    Wagtail's StreamField and chooser widgets trust the management fields
    its own JavaScript writes: without ``body-count`` a page edit raises
    ``MultiValueDictKeyError``, with ``body-count=abc`` or a chooser id that
    is not a number a ``ValueError``, for every page type and snippet. Such a
    post never comes from the editing page itself, so the answer is
    ``400 Bad Request`` with a clear message; nothing is saved (the error is
    raised before the form is valid). Only POSTs under the admin are
    concerned, and the warning keeps the traceback, so a real bug stays
    visible in the log.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(exception, MALFORMED_FORM_ERRORS):
            return None
        if not _raised_reading_form_data(exception):
            return None  # a real bug: let it be a 500 with its traceback
        if not request.path_info.startswith(_admin_prefix()):
            return None
        logger.warning(
            "malformed admin form post, answered 400: %s %s: %s: %s",
            request.method,
            request.path,
            type(exception).__name__,
            str(exception)[:200],
            exc_info=exception,
        )
        message = str(BAD_FORM_MESSAGE)
        if "application/json" in request.headers.get("Accept", ""):
            response = JsonResponse({"error": message}, status=400)
        else:
            response = HttpResponseBadRequest(
                render_to_string(
                    "400_bad_form.html",
                    {"language_code": get_language() or "id", "message": message},
                )
            )
        add_never_cache_headers(response)
        return response


class SiteNotFoundPageMiddleware:
    """In development (DEBUG), answer a mistyped address with the site's own
    404 page instead of Django's technical page, which lists every URL
    pattern and confuses people trying ``make run``. Only HTML 404s outside
    ``/api/`` (JSON there) and ``/admin/`` are replaced; set
    ``SHOW_DEBUG_404=True`` to see Django's page. Listed in
    ``settings/dev.py`` only: with DEBUG off Django already uses the
    site's page (``handler404``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code == 404
            and settings.DEBUG
            and not getattr(settings, "SHOW_DEBUG_404", False)
            and response.get("Content-Type", "").startswith("text/html")
            and not request.path.startswith(("/api/", "/admin/"))
        ):
            return HttpResponse(
                render_to_string("404.html", request=request), status=404
            )
        return response
