import hmac
import ipaddress
import logging

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from . import health
from .client_address import FORWARDED_DROPPED, client_ip

logger = logging.getLogger(__name__)


def _presented_token(request):
    header = request.headers.get("Authorization", "")
    scheme, _, credentials = header.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return request.GET.get("token", "")


def may_see_details(request):
    """Whether ``request`` may read /healthz's details (backends, versions,
    error names): a client on this machine, or one that presents
    ``settings.HEALTHZ_TOKEN`` (``Authorization: Bearer <token>`` or
    ``?token=<token>``, compared in constant time; an empty setting accepts
    no token).

    "On this machine" is the client address of ``client_address`` being a
    loopback address and the request not having been forwarded by a proxy
    we do not trust: a proxy on the same host that is not in
    ``TRUSTED_PROXIES`` makes every visitor look local, so its requests
    (which carry ``X-Forwarded-For``) are not taken as local.
    """
    expected = getattr(settings, "HEALTHZ_TOKEN", "") or ""
    presented = _presented_token(request)
    if (
        expected
        and presented
        and hmac.compare_digest(presented.encode(), expected.encode())
    ):
        return True
    if request.META.get(FORWARDED_DROPPED):
        return False
    address = client_ip(request)
    try:
        return address is not None and ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


@never_cache
@require_GET
def healthz(request):
    """Liveness and dependencies for load balancers and operators.

    200 when the database answers (search may have fallen back to the
    database: that is degraded, not down), 503 when the database does not.
    Everyone gets ``{"status": "ok" | "degraded" | "down"}`` and the status
    code; the database and search details only a local client or a holder of
    ``HEALTHZ_TOKEN`` (``may_see_details``).
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        database = {"ok": True, "vendor": connection.vendor}
    except DatabaseError as exc:
        logger.error("healthz: database not answering: %s", exc)
        database = {
            "ok": False,
            "vendor": connection.vendor,
            "error": type(exc).__name__,
        }
    others = health.run_checks()  # search, registered by its AppConfig
    status = "ok" if all(c["ok"] for c in (database, *others.values())) else "degraded"
    if not database["ok"]:
        status = "down"
    body = {"status": status}
    if may_see_details(request):
        body.update(database=database, **others)
    return JsonResponse(body, status=200 if database["ok"] else 503)


@require_GET
def favicon(request):
    """``/favicon.ico``, which browsers ask for whatever the HTML links: a
    temporary redirect to the icon among the static files (browsers keep a
    permanent one for ever, and the hashed name changes with the icon),
    resolved per request so the manifest of hashed names exists by then."""
    return HttpResponseRedirect(static("livinglab/favicon.ico"))


def _info_page(template, title):
    """A plain public page of the programme (about, contact, accessibility,
    privacy): text in the template, translatable, with the contact addresses
    of the settings (``CONTACT_EMAIL``, ``SECURITY_CONTACT``)."""

    @require_safe
    def view(request):
        security = getattr(settings, "SECURITY_CONTACT", "")
        return render(
            request,
            template,
            {
                "page_title": title,
                "contact_email": settings.CONTACT_EMAIL,
                "security_contact": security,
                "security_email": security.removeprefix("mailto:"),
            },
        )

    return view


about = _info_page("base/info/about.html", gettext_lazy("About the living lab"))
contact = _info_page("base/info/contact.html", gettext_lazy("Contact"))
accessibility = _info_page(
    "base/info/accessibility.html", gettext_lazy("Accessibility")
)
privacy = _info_page("base/info/privacy.html", gettext_lazy("Privacy"))
