"""Request-level security: the CSP header, the audit context, required 2FA."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from csp.middleware import CSPMiddleware

from . import audit, policy

ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with a relaxed policy under /admin/ only.

    The public site runs with the strict ``CONTENT_SECURITY_POLICY`` of the
    settings. The Wagtail admin (its own templates and bundled scripts, which
    we do not control) initialises widgets with inline scripts and injects
    style elements; ``CONTENT_SECURITY_POLICY_ADMIN_UPDATE`` adds what it
    needs (the reasons are in the settings) there and nowhere else.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if not report_only and request.path_info.startswith(ADMIN_PREFIX):
            extra = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN_UPDATE", None)
            if extra:
                parts.update = {**extra, **(parts.update or {})}
        return parts


class AuditContextMiddleware:
    """Lets ``audit.record`` find the request (actor, IP) from model signals."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = audit.set_current_request(request)
        try:
            return self.get_response(request)
        finally:
            audit.reset_current_request(token)


def has_totp(user):
    """Whether ``user`` has an active TOTP authenticator (allauth MFA)."""
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def lacks_required_totp(user):
    """True when ``user`` must enrol TOTP before anything else: a privileged
    account (``policy.is_privileged``) without an authenticator, while
    ``MFA_REQUIRED_FOR_PRIVILEGED`` is on. Used by the middleware below (pages
    and session API calls) and by the bearer-token authentication of the API.
    The answer is cached on the user object (one request)."""
    if not getattr(settings, "MFA_REQUIRED_FOR_PRIVILEGED", True):
        return False
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_lacks_required_totp", None)
    if cached is None:
        cached = policy.is_privileged(user) and not has_totp(user)
        user._lacks_required_totp = cached
    return cached


# Said to programs (API, session or token) refused for want of enrolment.
API_ENROLMENT_MESSAGE = gettext_lazy(
    "Your role needs two-factor authentication: activate an authenticator app "
    "on your account page before using the API."
)

# Where the page a person asked for is kept while they enrol (read by the
# recovery-codes page, which allauth shows right after activation).
NEXT_SESSION_KEY = "two_factor_next"


def api_enrolment_response():
    """The API's JSON error (``{"error": {status, message, detail}}``), 403."""
    return JsonResponse(
        {
            "error": {
                "status": 403,
                "message": str(API_ENROLMENT_MESSAGE),
                "detail": None,
            }
        },
        status=403,
    )


class RequireTwoFactorMiddleware:
    """Two-factor as an allow-list: a privileged account (``policy.is_privileged``)
    without an active TOTP authenticator reaches only the addresses named in
    ``ALLOWED_VIEWS`` (sign-in, enrolment with its password re-check, recovery
    codes, sign-out, its own account page, and what machines and browsers
    fetch regardless: health, security.txt, static files).

    Everything else asks for enrolment first, whatever the method: pages go to
    allauth's TOTP activation with a message and ``?next=`` (also kept in the
    session, so the recovery-codes page offers the way back); the API answers
    403 in its JSON error shape (a script cannot follow a redirect to a form).
    The decision is by URL name, after resolution, so language prefixes
    (``/en/...``) count the same. Bearer tokens are authenticated by DRF inside
    the view, after this middleware: ``livinglab.accounts.api_authentication`` asks
    ``lacks_required_totp`` for them.
    """

    ALLOWED_VIEWS = frozenset(
        {
            "account_login",
            "account_logout",
            "admin-logout",
            "account_reauthenticate",
            "mfa_authenticate",
            "mfa_reauthenticate",
            "mfa_index",
            "mfa_activate_totp",
            "mfa_view_recovery_codes",
            "mfa_generate_recovery_codes",
            "mfa_download_recovery_codes",
            "accounts:home",
            "healthz",
            "security-txt",
            "javascript-catalog",
            "favicon",
            # programme pages anyone may read (who runs it, contact,
            # accessibility, privacy notice)
            "about",
            "contact",
            "accessibility",
            "privacy",
            # /en/api/... only redirects to /api/..., checked there in turn
            "api-language-neutral",
        }
    )
    API_PREFIX = "/api/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session, nobody signed in: leave ``request.user`` (and so the
            # session, and ``Vary: Cookie``) untouched for anonymous visitors.
            return None
        if not lacks_required_totp(getattr(request, "user", None)):
            return None
        if self._allowed(request):
            return None
        if request.path_info.startswith(self.API_PREFIX):
            return api_enrolment_response()
        target = reverse("mfa_activate_totp")
        wanted = request.get_full_path()
        if url_has_allowed_host_and_scheme(wanted, allowed_hosts=None):
            target = f"{target}?{urlencode({'next': wanted})}"
            if self._is_navigation(request) and hasattr(request, "session"):
                request.session[NEXT_SESSION_KEY] = wanted
        messages.warning(
            request,
            _(
                "Your role needs two-factor authentication. Activate an "
                "authenticator app to continue."
            ),
        )
        return redirect(target)

    @staticmethod
    def _is_navigation(request):
        """A page the person asked for (not an image or a script the browser
        fetched on the way), so worth coming back to after enrolment."""
        accept = request.headers.get("Accept", "")
        return request.method == "GET" and (not accept or "text/html" in accept)

    def _allowed(self, request):
        static_url = settings.STATIC_URL or ""
        if static_url.startswith("/") and request.path_info.startswith(static_url):
            return True
        match = getattr(request, "resolver_match", None)
        return match is not None and match.view_name in self.ALLOWED_VIEWS


class AdminAccessMiddleware:
    """Someone signed in whose role has no use for the Wagtail admin
    (``policy.may_use_admin``), opening any ``/admin/`` address, goes to the
    page their role works in (``policy.landing_page_name``) with a message
    saying why, instead of Wagtail's refusal, which sends them to a sign-in
    form although they are signed in. Anonymous visitors, the admin's own
    sign-in and sign-out addresses and Wagtail's background requests
    (``X-Requested-With``, answered 403 by Wagtail) are left to Wagtail.
    A privileged account still without TOTP is left to
    RequireTwoFactorMiddleware (enrolment comes first)."""

    SKIP = ("/admin/login/", "/admin/logout/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith("/admin/")
            and not request.path.startswith(self.SKIP)
            and user.is_authenticated
            and request.headers.get("x-requested-with") != "XMLHttpRequest"
            and not policy.may_use_admin(user)
            # enrolment first: RequireTwoFactorMiddleware sends them there
            and not lacks_required_totp(user)
        ):
            messages.info(
                request,
                _(
                    "The content admin is for host publishers and moderators. "
                    "Your work is here."
                ),
            )
            return redirect(policy.landing_page_name(user))
        return self.get_response(request)
