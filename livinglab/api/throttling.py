from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

from livinglab.base import client_address


class WriteThrottle(ScopedRateThrottle):
    """Rate-limit writes (per person, scope ``api-write``); reads stay free.

    The counters live in the shared cache (settings.CACHES), so every app
    server counts against the same limit."""

    def allow_request(self, request, view):
        if request.method in SAFE_METHODS:
            return True
        view.throttle_scope = "api-write"
        return super().allow_request(request, view)

    def get_rate(self):
        # Read at request time, so a changed setting applies without a restart.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        """The client address for anonymous counters: the one the audit log
        and allauth's rate limits use (``livinglab.base.client_address``), not
        DRF's own reading of ``X-Forwarded-For``."""
        return client_address.client_ip(request) or ""
