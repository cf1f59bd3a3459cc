"""The link checker connects to the address it checked (issue 18.5, DNS
rebinding): a name that resolves to a public address when checked and to
127.0.0.1 a moment later must not reach the local server.

The resolver (``socket.getaddrinfo``, the operating system's DNS, not our
database or search) is replaced by one that answers differently on each
call; the local HTTP server of test_links.py records what reaches it."""

import socket

import pytest

from innovations.factories import InnovationPageFactory, SourceCodeLinkFactory
from innovations.models import SourceCodeLink
from livinglab.freshness import links
from livinglab.freshness.models import LinkCheck

from . import test_links

pytestmark = pytest.mark.django_db

server = test_links.server  # the local HTTP server fixture

NAME = "rebind.example.test"
PUBLIC = "93.184.215.14"  # a global address (is_global); never reached here


@pytest.fixture
def resolver(monkeypatch):
    """``answers``: the addresses ``NAME`` resolves to, one per call (the
    last repeats); ``calls``: how often it was asked. Other names resolve
    as usual."""
    real = socket.getaddrinfo
    state = {"answers": [], "calls": 0}

    def getaddrinfo(host, port, *args, **kwargs):
        if host != NAME:
            return real(host, port, *args, **kwargs)
        answers = state["answers"]
        address = answers[min(state["calls"], len(answers) - 1)]
        state["calls"] += 1
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 80)))]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return state


@pytest.fixture
def row(library, server, settings):
    settings.LINK_CHECK_TIMEOUT = 0.5
    settings.LINK_CHECK_HOST_INTERVAL = 0
    page = InnovationPageFactory(parent=library)
    page.save_revision().publish()
    SourceCodeLinkFactory(page=page)
    SourceCodeLink.objects.filter(page=page).update(
        url=f"http://{NAME}:{server.server_port}/ok"
    )
    LinkCheck.objects.all().delete()
    links.collect()
    return LinkCheck.objects.get(innovation=page)


def test_public_when_checked_loopback_when_connecting_is_not_reached(
    row,
    server,
    resolver,
    settings,
):
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = False
    resolver["answers"] = [PUBLIC, "127.0.0.1"]
    links.check(LinkCheck.objects.filter(pk=row.pk))
    assert server.seen == []  # the local server was never reached
    row.refresh_from_db()
    assert row.status == "broken"


def test_the_request_goes_to_the_checked_address_with_the_name(
    row,
    server,
    resolver,
    settings,
):
    # The other way round (loopback allowed, as for the tests' server): the
    # address checked first is the one connected to, whatever the name
    # resolves to afterwards, and the server still sees the name.
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = True
    resolver["answers"] = ["127.0.0.1", PUBLIC]
    links.check(LinkCheck.objects.filter(pk=row.pk))
    assert [(m, p) for _t, m, p in server.seen] == [("HEAD", "/ok")]
    assert server.hosts == [f"{NAME}:{server.server_port}"]
    row.refresh_from_db()
    assert (row.status, row.http_status) == ("ok", 200)


def test_a_name_resolving_to_loopback_is_refused(row, server, resolver, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = False
    resolver["answers"] = ["127.0.0.1"]
    links.check(LinkCheck.objects.filter(pk=row.pk))
    assert server.seen == []
    row.refresh_from_db()
    assert (row.status, row.error) == ("broken", "private address")


@pytest.mark.parametrize("address", ["10.1.2.3", "169.254.169.254", "100.64.0.1"])
def test_private_link_local_and_shared_addresses_are_refused(
    row,
    server,
    resolver,
    settings,
    address,
):
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = True  # loopback only
    resolver["answers"] = [address]
    links.check(LinkCheck.objects.filter(pk=row.pk))
    row.refresh_from_db()
    assert (row.status, row.error) == ("broken", "private address")
