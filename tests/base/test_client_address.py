"""Client addresses: X-Forwarded-For counts only when our own proxy sent it.

Issue 12, finding 8. Production used to believe X-Forwarded-For from anyone
(``ALLAUTH_TRUSTED_PROXY_COUNT=1``): a client reaching the app server directly
chose the address its failed logins were counted and logged against. The
tests that set ``ALLAUTH_TRUSTED_PROXY_COUNT = 1`` reproduce that production
setting; on the old code they fail.
"""

from django.core.cache import cache
from django.urls import reverse

import pytest
from allauth.core.internal import ratelimit
from rest_framework.request import Request

from livinglab.accounts.models import AuditEvent
from livinglab.api.throttling import WriteThrottle
from livinglab.base import client_address
from livinglab.base.client_address import client_ip

PEER = "203.0.113.9"  # a client that reached the app server directly
PROXY = "10.0.0.2"


@pytest.fixture
def production_like(settings):
    """The old production setting, which believed one proxy hop from anyone."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = []
    return settings


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "::1"]
    return settings


# The rule itself.


def test_untrusted_peer_is_the_client_whatever_it_forwards(rf, production_like):
    request = rf.get("/", REMOTE_ADDR=PEER, HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == PEER


def test_nothing_is_trusted_by_default(rf, settings):
    assert settings.TRUSTED_PROXIES == []
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(request) == "127.0.0.1"


def test_trusted_proxy_gives_the_right_most_untrusted_address(rf, behind_proxy):
    # The client wrote "6.6.6.6"; our proxy appended the address it saw.
    request = rf.get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )
    assert client_ip(request) == "198.51.100.7"


def test_chained_trusted_proxies_are_skipped(rf, behind_proxy):
    request = rf.get(
        "/",
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7, 10.0.0.9, ::ffff:10.0.0.3",
    )
    assert client_ip(request) == "198.51.100.7"


def test_trusted_proxy_without_header_is_the_client(rf, behind_proxy):
    assert client_ip(rf.get("/", REMOTE_ADDR=PROXY)) == PROXY


def test_malformed_entry_stops_the_walk(rf, behind_proxy):
    request = rf.get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="6.6.6.6, <script>, 10.0.0.7"
    )
    assert client_ip(request) == "10.0.0.7"


def test_ipv6_and_mapped_ipv4(rf, behind_proxy):
    request = rf.get("/", REMOTE_ADDR="::1", HTTP_X_FORWARDED_FOR="2001:db8::5")
    assert client_ip(request) == "2001:db8::5"
    assert client_ip(rf.get("/", REMOTE_ADDR="::ffff:192.0.2.1")) == "192.0.2.1"


def test_invalid_setting_is_reported_by_the_system_check(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "proxy.example"]
    errors = client_address.check_trusted_proxies(None)
    assert [e.id for e in errors] == ["livinglab.E010"]
    assert "proxy.example" in errors[0].msg


# Everything that uses an address goes through the rule.


@pytest.mark.django_db
def test_audit_log_ignores_spoofed_header(client, production_like):
    client.post(
        reverse("account_login"),
        {"login": "siapa@contoh.go.id", "password": "salah-sekali"},
        REMOTE_ADDR=PEER,
        HTTP_X_FORWARDED_FOR="1.2.3.4",
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.ip_address == PEER


@pytest.mark.django_db
def test_audit_log_uses_the_address_our_proxy_saw(client, behind_proxy):
    client.post(
        reverse("account_login"),
        {"login": "siapa@contoh.go.id", "password": "salah-sekali"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.ip_address == "198.51.100.7"


def _hits_allowed(rf, headers_list):
    """How many of the requests allauth's per-address limit (3/m) lets through."""
    cache.clear()
    allowed = 0
    for headers in headers_list:
        request = rf.post("/", **headers)
        usage = ratelimit.consume(
            request, app="account", action="probe", config={"probe": "3/m/ip"}
        )
        allowed += usage is not None
    return allowed


def test_rate_limit_counts_the_peer_not_the_spoofed_header(rf, production_like):
    spoofed = [
        {"REMOTE_ADDR": PEER, "HTTP_X_FORWARDED_FOR": f"192.0.2.{i}"} for i in range(6)
    ]
    assert _hits_allowed(rf, spoofed) == 3


def test_rate_limit_behind_proxy_counts_each_client(rf, behind_proxy):
    clients = [
        {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"6.6.6.6, 192.0.2.{i}"}
        for i in range(6)
    ]
    assert _hits_allowed(rf, clients) == 6
    # ... and one client behind it is still limited, whatever it writes.
    one = [
        {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"6.6.6.{i}, 192.0.2.1"}
        for i in range(6)
    ]
    assert _hits_allowed(rf, one) == 3


def test_api_throttle_identifies_the_peer(rf, production_like):
    request = Request(rf.post("/", REMOTE_ADDR=PEER, HTTP_X_FORWARDED_FOR="1.2.3.4"))
    assert WriteThrottle().get_ident(request) == PEER


def test_api_throttle_behind_proxy(rf, behind_proxy):
    request = Request(
        rf.post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    )
    assert WriteThrottle().get_ident(request) == "198.51.100.7"


def test_forwarded_proto_from_an_untrusted_peer_is_dropped(rf, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    seen = {}

    def view(request):
        seen["secure"] = request.is_secure()
        seen["xff"] = request.META.get("HTTP_X_FORWARDED_FOR")

    middleware = client_address.TrustedProxyMiddleware(view)
    middleware(
        rf.get(
            "/",
            REMOTE_ADDR=PEER,
            HTTP_X_FORWARDED_PROTO="https",
            HTTP_X_FORWARDED_FOR="1.2.3.4",
        )
    )
    assert seen == {"secure": False, "xff": None}
    settings.TRUSTED_PROXIES = [PROXY]
    middleware(
        rf.get(
            "/",
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_PROTO="https",
            HTTP_X_FORWARDED_FOR="1.2.3.4",
        )
    )
    assert seen == {"secure": True, "xff": "1.2.3.4"}


def test_gunicorn_binds_to_loopback_by_default(monkeypatch):
    import importlib

    import livinglab.gunicorn as config

    monkeypatch.delenv("GUNICORN_BIND", raising=False)
    assert importlib.reload(config).bind == "127.0.0.1:8000"
    monkeypatch.setenv("GUNICORN_BIND", "10.0.0.5:8000")
    assert importlib.reload(config).bind == "10.0.0.5:8000"
