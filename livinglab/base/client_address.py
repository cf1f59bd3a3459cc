"""The client's address, trusting forwarded headers only from our own proxies.

``X-Forwarded-For`` is written by whoever sends the request: a client that
reaches the app server directly can put any address in it. So the header is
read only when the direct peer (``REMOTE_ADDR``) is one of the proxies named
in ``settings.TRUSTED_PROXIES`` (addresses or CIDR networks, IPv4 or IPv6;
empty by default: nothing is trusted and the peer is the client). Then the
header is walked from the right, skipping our own proxies, and the first
address that is not one of them is the client (the right-most untrusted
address: everything left of it was written by the client and may be false).

``client_ip()`` is the only place that decides this. The audit log
(``accounts.audit``), allauth's rate limits (``AccountAdapter.get_client_ip``)
and the API throttle (``api.throttling``) all call it, so a log line and a
rate-limit bucket always name the same address.

``TrustedProxyMiddleware`` removes the forwarded headers (``X-Forwarded-For``,
``-Proto``, ``-Host``, ``-Port``, ``X-Real-IP``, ``Forwarded``) from requests
whose peer is not a trusted proxy, so that nothing further in (Django's
``SECURE_PROXY_SSL_HEADER``, a library) can be misled by them either.

Python's ``ipaddress`` does the parsing; the rule itself is a few lines, so
no library (django-ipware matches proxies by string prefix, not by network).
"""

import functools
import ipaddress

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.core.exceptions import ImproperlyConfigured

# Set in request.META by TrustedProxyMiddleware when it dropped forwarded
# headers from an untrusted peer (so the request was proxied, or forged).
FORWARDED_DROPPED = "livinglab.forwarded_headers_dropped"
FORWARDED_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def parse_address(value):
    """``value`` (str) as an ``ipaddress`` address, or None when it is not one.

    Surrounding spaces are ignored, IPv4-mapped IPv6 (``::ffff:10.0.0.1``)
    becomes IPv4, and an IPv6 zone (``fe80::1%eth0``) is dropped.
    """
    if not value:
        return None
    text = value.strip().split("%", 1)[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    if address.version == 6 and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@functools.lru_cache(maxsize=8)
def _networks(entries):
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"TRUSTED_PROXIES: {entry!r} is not an IP address or network "
                "(e.g. 10.0.0.5, 10.0.0.0/24, ::1)"
            ) from None
    return tuple(networks)


def trusted_networks():
    """``settings.TRUSTED_PROXIES`` as a tuple of ``ip_network``.

    Raises ``ImproperlyConfigured`` naming the entry that is not an address
    or network (the system check reports the same at start-up)."""
    entries = getattr(settings, "TRUSTED_PROXIES", ()) or ()
    if isinstance(entries, str):
        entries = entries.split(",")
    return _networks(tuple(e for e in entries if e.strip()))


def is_trusted_proxy(address):
    """Whether ``address`` (an ``ipaddress`` address or None) is one of ours."""
    if address is None:
        return False
    return any(address in network for network in trusted_networks())


def client_ip(request):
    """The client address of ``request`` as a string, or None if unknown.

    The peer (``REMOTE_ADDR``) when it is not a trusted proxy. Otherwise the
    right-most address of ``X-Forwarded-For`` that is not a trusted proxy;
    when every listed address is trusted, the left-most one; when the header
    is missing, the peer. An entry that is not an address stops the walk:
    the last trusted hop before it is returned (what lies to its left came
    from the client and cannot be believed).
    """
    if request is None:
        return None
    peer = parse_address(request.META.get("REMOTE_ADDR", ""))
    if peer is None:
        return None
    if not is_trusted_proxy(peer):
        return str(peer)
    client = peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed(forwarded.split(",")):
        if not hop.strip():
            continue
        address = parse_address(hop)
        if address is None:
            break
        client = address
        if not is_trusted_proxy(address):
            break
    return str(client)


class TrustedProxyMiddleware:
    """Drop forwarded headers that did not come from a trusted proxy.

    Put it first in ``MIDDLEWARE`` (before ``SecurityMiddleware``, which reads
    ``X-Forwarded-Proto`` through ``SECURE_PROXY_SSL_HEADER``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        peer = parse_address(request.META.get("REMOTE_ADDR", ""))
        if not is_trusted_proxy(peer):
            dropped = [n for n in FORWARDED_HEADERS if request.META.pop(n, None)]
            if dropped:
                request.META[FORWARDED_DROPPED] = True
        return self.get_response(request)


@register()
def check_trusted_proxies(app_configs, **kwargs):
    """System check: every ``TRUSTED_PROXIES`` entry is an address/network."""
    try:
        trusted_networks()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), id="livinglab.E010")]
    return []


@register(Tags.security, deploy=True)
def check_proxy_configured(app_configs, **kwargs):
    """Deploy check: behind a TLS proxy (``SECURE_PROXY_SSL_HEADER`` set) but
    no ``TRUSTED_PROXIES``: every client would look like the proxy (one
    rate-limit bucket for everybody) and HTTPS would not be recognised."""
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None) and not getattr(
        settings, "TRUSTED_PROXIES", None
    ):
        return [
            Warning(
                "SECURE_PROXY_SSL_HEADER is set but TRUSTED_PROXIES is empty: "
                "forwarded headers are ignored, so every request looks like it "
                "comes from the proxy over plain HTTP.",
                hint="Set TRUSTED_PROXIES to the TLS proxy's address or network "
                "(e.g. 127.0.0.1 or 10.0.0.0/24).",
                id="livinglab.W011",
            )
        ]
    return []
