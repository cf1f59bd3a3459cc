"""The link checker (issue 18.5) against a local HTTP server only.

The server (``http.server`` in a thread on 127.0.0.1) answers 200 on
``/ok``, 404 on ``/missing``, refuses HEAD with 405 on ``/no-head`` (200 on
GET) and answers ``/slow`` only after the checker's timeout. It records the
time and method of every request it receives, so the politeness rule (one
request per host per second) is measured where it matters: at the server.

The case study's parts are saved with https:// addresses (the forms accept
nothing else) and then pointed at the local server with ``QuerySet.update()``,
which skips the https validator: the checker visits the URLs as stored and
has no test switch for https. It refuses private addresses unless
``LINK_CHECK_ALLOW_PRIVATE_ADDRESSES`` (set here for the local server).
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.urls import reverse

import pytest

from innovations.factories import (
    InnovationPageFactory,
    SourceCodeLinkFactory,
    SpbeEvidenceFactory,
    TrainingMaterialFactory,
)
from innovations.models import SourceCodeLink, SpbeEvidence, TrainingMaterial
from livinglab.freshness import links, tasks
from livinglab.freshness.models import LinkCheck

pytestmark = pytest.mark.django_db


class Handler(BaseHTTPRequestHandler):
    def _answer(self):
        self.server.seen.append((time.monotonic(), self.command, self.path))
        self.server.agents.add(self.headers.get("User-Agent"))
        self.server.hosts.append(self.headers.get("Host"))
        if self.path == "/slow":
            time.sleep(1.5)
            code = 200
        elif self.path == "/missing":
            code = 404
        elif self.path == "/no-head" and self.command == "HEAD":
            code = 405
        else:
            code = 200
        try:
            self.send_response(code)
            self.send_header("Content-Length", "0")
            self.end_headers()
        except OSError:
            pass  # the checker gave up waiting (the timeout test)

    do_HEAD = do_GET = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.seen, httpd.agents, httpd.hosts = [], set(), []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def case_study(library, server, settings):
    settings.LINK_CHECK_TIMEOUT = 0.5
    # The checker never visits private addresses unless allowed; the test
    # server is one (see test_private_addresses_are_not_visited).
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = True
    page = InnovationPageFactory(parent=library)
    page.save_revision().publish()
    SourceCodeLinkFactory(page=page)
    TrainingMaterialFactory(page=page)
    SpbeEvidenceFactory(page=page)
    SpbeEvidenceFactory(page=page, url="https://jdih.example.go.id/lain.pdf")
    base = f"http://127.0.0.1:{server.server_port}"
    # Bypass the https-only validator of the forms (see the module docstring).
    SourceCodeLink.objects.filter(page=page).update(url=f"{base}/ok")
    TrainingMaterial.objects.filter(page=page).update(url=f"{base}/missing")
    SpbeEvidence.objects.filter(page=page, url__endswith="perbup.pdf").update(
        url=f"{base}/no-head"
    )
    SpbeEvidence.objects.filter(page=page, url__endswith="lain.pdf").update(
        url=f"{base}/slow"
    )
    # Only this case study's links are checked (the demo data has others).
    LinkCheck.objects.all().delete()
    return page


def _results(page):
    return {
        row.url.rsplit("/", 1)[1]: (row.status, row.http_status, row.error)
        for row in LinkCheck.objects.filter(innovation=page)
    }


def test_statuses_of_ok_missing_timeout_and_head_refused(case_study, server):
    links.collect()
    rows = LinkCheck.objects.filter(innovation=case_study)
    assert {r.status for r in rows} == {"unchecked"}
    summary = links.check(rows)
    assert _results(case_study) == {
        "ok": ("ok", 200, ""),
        "missing": ("broken", 404, ""),
        "no-head": ("ok", 200, ""),
        "slow": ("broken", None, "timeout"),
    }
    assert summary == {"ok": 2, "broken": 2}
    assert all(r.last_checked for r in LinkCheck.objects.filter(innovation=case_study))
    methods = [(m, p) for _t, m, p in server.seen]
    assert ("HEAD", "/no-head") in methods and ("GET", "/no-head") in methods
    assert ("GET", "/ok") not in methods  # a GET only after a 405
    assert server.agents == {
        "LivingLabLinkChecker/1.0 (Living Lab Layanan Digital; link checker)"
    }


def test_one_request_per_host_per_second(case_study, server):
    links.collect()
    links.check(LinkCheck.objects.filter(innovation=case_study))
    times = sorted(t for t, _m, _p in server.seen)
    assert len(times) == 5  # four HEADs and the GET after the 405
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= 0.99, gaps


def test_private_addresses_are_not_visited(case_study, server, settings):
    settings.LINK_CHECK_ALLOW_PRIVATE_ADDRESSES = False
    links.collect()
    links.check(LinkCheck.objects.filter(innovation=case_study))
    assert not server.seen
    assert _results(case_study)["ok"] == ("broken", None, "private address")


def test_the_job_collects_and_checks(case_study, server):
    result = tasks.check_links.enqueue()
    assert result.return_value["added"] >= 4
    assert _results(case_study)["missing"] == ("broken", 404, "")


def test_links_no_longer_published_are_dropped(case_study):
    links.collect()
    SourceCodeLink.objects.filter(page=case_study).delete()
    assert links.collect()["removed"] == 1
    assert not LinkCheck.objects.filter(innovation=case_study, kind="source_code")


@pytest.fixture
def broken(case_study):
    links.collect()
    LinkCheck.objects.filter(innovation=case_study, url__endswith="/missing").update(
        status="broken", http_status=404
    )
    return case_study


def test_broken_links_are_listed_to_the_host(client, broken, sumedang_host):
    client.force_login(sumedang_host)
    host = client.get(reverse("adoptions:host")).content.decode()
    assert reverse("freshness:broken-links") in host
    body = client.get(reverse("freshness:broken-links")).content.decode()
    assert "/missing" in body and "HTTP 404" in body and broken.title in body
    assert "/ok" not in body


def test_broken_links_are_listed_to_moderators(client, broken, moderator_user):
    client.force_login(moderator_user)
    body = client.get(reverse("freshness:broken-links")).content.decode()
    assert "/missing" in body


def test_another_host_does_not_see_them(client, broken, django_user_model, garut):
    from livinglab.accounts.models import RegionRole
    from tests.roles import make_user

    other = make_user(
        django_user_model,
        "penerbit@garutkab.go.id",
        region=garut,
        role=RegionRole.Role.HOST_PUBLISHER,
    )
    client.force_login(other)
    response = client.get(reverse("freshness:broken-links"))
    assert response.status_code == 200
    assert "/missing" not in response.content.decode()


def test_teams_and_the_public_do_not_see_them(client, broken, team_member):
    assert client.get(reverse("freshness:broken-links")).status_code == 302
    client.force_login(team_member)
    assert client.get(reverse("freshness:broken-links")).status_code == 403
