"""The link checker (issue 18.5): visits the repository, training and
evidence URLs of every published case study and records what it found.

``collect()`` brings the ``LinkCheck`` rows in line with the published case
studies' parts (new URLs get an "unchecked" row, URLs no longer there lose
theirs); ``check()`` visits rows. Politely: a timeout
(``LINK_CHECK_TIMEOUT`` seconds), a User-Agent naming the platform
(``LINK_CHECK_USER_AGENT``), at most one request per host per
``LINK_CHECK_HOST_INTERVAL`` seconds (default 1), a HEAD first and a GET
only when the server refuses HEAD (405, 501). Redirects are followed; a
final status below 400 is "ok", anything else "broken" with the status,
and no answer "broken" with the error ("timeout", "connection error").

The checker visits the URLs as stored. The forms only accept https://
addresses (``validate_https``); the checker itself does not care, which is
what lets the tests point rows at a local http:// server. It refuses
addresses that resolve to a private, loopback, link-local, shared (CG-NAT)
or reserved IP (the URLs are typed by host publishers, and the results are
shown to them: no probing of our own network); loopback only is allowed
when ``LINK_CHECK_ALLOW_PRIVATE_ADDRESSES`` is true (the tests' local
server). The requests go through ``requests_hardened.HTTPSession`` (Saleor's
requests-hardened, BSD): for each request, and for each redirect hop, it
resolves the name once, refuses a non-public address and connects to that
very address, with the name kept in the ``Host`` header and for TLS (SNI and
certificate check). A name that resolves to another address a moment later
(DNS rebinding) therefore changes nothing. The answer's body is never read
or shown, only its status.
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

import requests
from requests_hardened import Config, HTTPSession
from requests_hardened.ip_filter import InvalidIPAddress

from innovations.models import (
    InnovationPage,
    SourceCodeLink,
    SpbeEvidence,
    TrainingMaterial,
)

from .models import LinkCheck

Kind = LinkCheck.Kind
Status = LinkCheck.Status


def published_links():
    """``{(innovation id, kind, url): label}`` of every https URL on the parts
    of published case studies (three queries)."""
    pages = InnovationPage.objects.published().values("pk")
    found = {}
    for model, kind, label_field in (
        (SourceCodeLink, Kind.SOURCE_CODE, "license"),
        (TrainingMaterial, Kind.TRAINING, "title"),
        (SpbeEvidence, Kind.EVIDENCE, "title"),
    ):
        for page_id, url, label in (
            model.objects.filter(page__in=pages)
            .exclude(url="")
            .values_list("page_id", "url", label_field)
        ):
            found[(page_id, kind, url)] = str(label)[:255]
    return found


def collect():
    """Create the rows of new URLs, delete those of URLs no longer published;
    returns ``{"added": n, "removed": n}``."""
    wanted = published_links()
    have = {
        (row.innovation_id, row.kind, row.url): row.pk
        for row in LinkCheck.objects.all()
    }
    gone = [pk for key, pk in have.items() if key not in wanted]
    LinkCheck.objects.filter(pk__in=gone).delete()
    new = [
        LinkCheck(innovation_id=page_id, kind=kind, url=url, label=label)
        for (page_id, kind, url), label in wanted.items()
        if (page_id, kind, url) not in have
    ]
    LinkCheck.objects.bulk_create(new, ignore_conflicts=True)
    return {"added": len(new), "removed": len(gone)}


class _Politeness:
    """Waits so that two requests to one host are ``interval`` seconds apart
    at least (the clock is ``time.monotonic``)."""

    def __init__(self, interval):
        self.interval = interval
        self.last = {}

    def wait(self, url):
        host = urlsplit(url).netloc.lower()
        last = self.last.get(host)
        if last is not None:
            delay = last + self.interval - time.monotonic()
            if delay > 0:
                time.sleep(delay)
        self.last[host] = time.monotonic()


def session(timeout=None):
    """A ``requests`` session for the checker: the platform's User-Agent,
    ``timeout`` seconds (``LINK_CHECK_TIMEOUT`` by default) for connecting
    and for reading, redirects followed, and every connection made to the
    address that was resolved and found public (loopback allowed only under
    ``LINK_CHECK_ALLOW_PRIVATE_ADDRESSES``). A refused address raises
    ``requests_hardened.ip_filter.InvalidIPAddress``."""
    timeout = settings.LINK_CHECK_TIMEOUT if timeout is None else timeout
    return HTTPSession(
        Config(
            ip_filter_enable=True,
            ip_filter_allow_loopback_ips=bool(
                getattr(settings, "LINK_CHECK_ALLOW_PRIVATE_ADDRESSES", False)
            ),
            never_redirect=False,
            default_timeout=(timeout, timeout),
            user_agent_override=settings.LINK_CHECK_USER_AGENT,
        )
    )


def visit(session, url, polite, timeout):
    """``(http status or None, error)`` of one URL: HEAD, then GET when the
    server refuses HEAD; every request waits its turn per host."""
    if urlsplit(url).scheme not in ("http", "https"):
        return None, "not a web address"
    try:
        polite.wait(url)
        response = session.head(url, timeout=timeout, allow_redirects=True)
        if response.status_code in (405, 501):
            polite.wait(url)
            response = session.get(
                url, timeout=timeout, allow_redirects=True, stream=True
            )
            response.close()
        return response.status_code, ""
    except InvalidIPAddress:
        return None, "private address"
    except requests.Timeout:
        return None, "timeout"
    except requests.TooManyRedirects:
        return None, "too many redirects"
    except requests.ConnectionError:
        return None, "connection error"
    except requests.RequestException as error:
        return None, type(error).__name__[:100]


def check(rows=None):
    """Visit each distinct URL of ``rows`` (a LinkCheck queryset, all rows by
    default) once and record the result on every row with that URL; returns
    ``{"ok": n, "broken": n}`` counted per URL."""
    rows = list(LinkCheck.objects.all() if rows is None else rows)
    by_url = {}
    for row in rows:
        by_url.setdefault(row.url, []).append(row.pk)
    polite = _Politeness(getattr(settings, "LINK_CHECK_HOST_INTERVAL", 1.0))
    timeout = settings.LINK_CHECK_TIMEOUT
    summary = {"ok": 0, "broken": 0}
    with session(timeout) as http:
        for url, pks in by_url.items():
            code, error = visit(http, url, polite, timeout)
            status = Status.OK if code is not None and code < 400 else Status.BROKEN
            summary[status] += 1
            LinkCheck.objects.filter(pk__in=pks).update(
                status=status,
                http_status=code,
                error=error,
                last_checked=timezone.now(),
            )
    return summary


def broken(innovations=None):
    """Broken links of published case studies (of ``innovations``, a page
    queryset, when given), with their case study, by case study."""
    rows = LinkCheck.objects.filter(
        status=Status.BROKEN,
        innovation__in=InnovationPage.objects.published()
        if innovations is None
        else innovations,
    )
    return rows.select_related("innovation").order_by(
        "innovation__title", "kind", "url"
    )
