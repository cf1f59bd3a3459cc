"""Request-level security: the CSP header, the audit context, required 2FA."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

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
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


def _without_language_prefix(path):
    for code, _name in settings.LANGUAGES:
        prefix = f"/{code}/"
        if path.startswith(prefix):
            return path[len(prefix) - 1 :]
    return path


class RequireTwoFactorMiddleware:
    """Privileged people (moderators, Kemendagri analysts, superusers; see
    ``policy.is_privileged``) must activate an authenticator app before they
    reach the admin, the national dashboard or write to the API.

    Pages go to allauth's TOTP activation with a message; API writes get a
    403 in JSON (a script cannot follow a redirect to a form). The allauth
    pages themselves, and logging out, stay reachable.
    """

    PAGE_PREFIXES = (ADMIN_PREFIX, "/adopsi/dasbor/")
    API_PREFIX = "/api/v1/"
    ALLOWED = ("/admin/logout/", "/admin/login/")
    SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        kind = self._guarded(request)
        if kind and self._lacks_required_totp(request.user):
            if kind == "api":
                return JsonResponse(
                    {
                        "error": {
                            "status": 403,
                            "message": _(
                                "Activate two-factor authentication before changing data."
                            ),
                            "detail": None,
                        }
                    },
                    status=403,
                )
            messages.warning(
                request,
                _(
                    "Your role needs two-factor authentication. Activate an "
                    "authenticator app to continue."
                ),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    def _guarded(self, request):
        if not getattr(settings, "MFA_REQUIRED_FOR_PRIVILEGED", True):
            return None
        path = request.path_info
        if path.startswith(self.API_PREFIX):
            return "api" if request.method not in self.SAFE_METHODS else None
        if path.startswith(self.ALLOWED):
            return None
        if _without_language_prefix(path).startswith(self.PAGE_PREFIXES):
            return "page"
        return None

    @staticmethod
    def _lacks_required_totp(user):
        return policy.is_privileged(user) and not has_totp(user)
