"""Crawl the site as each kind of person and submit every GET form.

Every page a person can reach by following links from the home page (in both
languages), signed out and signed in with each role, must answer without a
server error, and so must every GET form on those pages when any one of its
fields is given an ordinary, empty, odd or hostile value while the others
keep their defaults. Found the library's first filter answering 500 for any
text (issue 16): the hostile-input corpus filled all fields at once, so the
form was invalid and the filter never ran.

The crawl is bounded (pages per role, URLs per path shape) so it stays a few
tens of seconds; the shape limit keeps one region page standing for 514.
"""

import re
from collections import Counter, deque
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

SEEDS = ("/", "/en/", "/cari/?q=tanda+tangan", "/inovasi/", "/wilayah/")
MAX_PAGES = 45
PER_SHAPE = 2
# Paths that are not pages for people (JSON, files, the CMS with its own
# tests) or that end the session.
SKIP_PREFIXES = (
    "/admin/",
    "/api/",
    "/static/",
    "/media/",
    "/documents/",
    "/jsi18n/",
    "/healthz",
    "/akun/logout",
    "/en/akun/logout",
    "/accounts/logout",
)
SKIP_SUFFIXES = (".yml", ".csv", ".xlsx", ".json", ".zip", ".pdf", ".txt")
ODD_VALUES = (
    "",
    "tte",
    "0",
    "-1",
    "99999999999999999999",
    "32.05",
    "é ñ 日本 😀",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "%s {0} {{ x }}",
    "A" * 400,
)
CHOICE_ODD_VALUES = ("", "-1", "99999999999999999999", "<script>alert(1)</script>")


def _shape(path):
    """Group URLs that are the same page type (``/wilayah/32.05/`` and
    ``/wilayah/32.11/``): digits folded, at most three segments kept."""
    parts = [re.sub(r"\d+", "#", p) for p in path.strip("/").split("/")][:3]
    return "/".join(parts)


def _skip(path):
    return path.startswith(SKIP_PREFIXES) or path.endswith(SKIP_SUFFIXES)


def _get_forms(soup, base):
    """(action path, {name: default}, {name: [option values]}) of each GET form."""
    forms = []
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() != "get":
            continue
        action = urlsplit(urljoin(base, form.get("action") or base)).path
        defaults, options = {}, {}
        for field in form.find_all(["input", "select", "textarea"]):
            name = field.get("name")
            if not name or field.get("type") in ("submit", "button", "image"):
                continue
            if field.name == "select":
                values = [
                    o.get("value", o.get_text()) for o in field.find_all("option")
                ]
                options[name] = values[:4]
                chosen = field.find("option", selected=True)
                defaults[name] = chosen.get("value", "") if chosen else ""
            elif field.get("type") in ("checkbox", "radio"):
                options.setdefault(name, []).append(field.get("value", "on"))
                if field.has_attr("checked"):
                    defaults[name] = field.get("value", "on")
            else:
                defaults[name] = field.get("value") or field.get_text() or ""
        forms.append((action, defaults, options))
    return forms


def crawl(client, titles=None, submit_forms=True):
    """Follow links from the seeds; return ({url: status}, [(form url, status)]).

    ``titles``, when a dict, receives each HTML page's ``<title>`` text.
    """
    seen, shapes, statuses, form_results = set(), Counter(), {}, []
    tried_forms = set()
    queue = deque(SEEDS)
    while queue and len(statuses) < MAX_PAGES:
        url = queue.popleft()
        path = urlsplit(url).path
        if url in seen or _skip(path) or shapes[_shape(path)] >= PER_SHAPE:
            continue
        seen.add(url)
        shapes[_shape(path)] += 1
        response = client.get(url)
        statuses[url] = response.status_code
        if response.status_code != 200 or "html" not in response.get(
            "Content-Type", ""
        ):
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        if titles is not None:
            titles[url] = soup.title.get_text(strip=True) if soup.title else ""
        for link in soup.find_all("a", href=True):
            target = urlsplit(urljoin(url, link["href"]))
            if target.netloc in ("", "testserver") and target.scheme in ("", "http"):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
        for action, defaults, options in _get_forms(soup, url) if submit_forms else ():
            key = (action, tuple(sorted(defaults)), tuple(sorted(options)))
            if key in tried_forms or _skip(action):
                continue
            tried_forms.add(key)
            for name in sorted(set(defaults) | set(options)):
                # Free text gets every odd value; a choice its first real
                # options and a few that are not among them.
                values = (
                    (*CHOICE_ODD_VALUES, *options[name][:2])
                    if name in options
                    else ODD_VALUES
                )
                for value in values:
                    data = {**defaults, name: value}
                    target = f"{action}?{urlencode(data)}"
                    form_results.append((target, client.get(target).status_code))
    return statuses, form_results


# Coordinators and moderators see the same pages as members and analysts
# plus forms that POST (covered by tests/test_hostile_input.py).
ROLES = (None, "team_member", "sumedang_host", "analyst", "superuser")


@pytest.mark.parametrize("role", ROLES, ids=[r or "anonymous" for r in ROLES])
def test_every_page_and_get_form_answers_without_server_error(client, request, role):
    client.raise_request_exception = False  # collect every 500, not the first
    if role:
        client.force_login(request.getfixturevalue(role))
    statuses, form_results = crawl(client)
    # The crawl must have reached the site, not just the seeds.
    assert len(statuses) >= 15, statuses
    assert sum(1 for s in statuses.values() if s == 200) >= 10, statuses
    assert len(form_results) >= 50, "too few GET forms submitted"
    errors = [(u, s) for u, s in statuses.items() if s >= 500]
    errors += [(u[:200], s) for u, s in form_results if s >= 500]
    assert not errors, errors[:20]


def test_the_library_filter_runs_its_text_lookup(client):
    """The first filter of the library alone (the case that answered 500)."""
    response = client.get("/inovasi/?q=tte")
    assert response.status_code == 200
    response = client.get("/en/inovasi/?q=Diskominfo")
    assert response.status_code == 200
    assert b"Diskominfo" in response.content


SITE_NAMES = ("Living Lab Layanan Digital", "Digital Service Living Lab")


@pytest.mark.parametrize("role", (None, "team_member"), ids=("anonymous", "member"))
def test_every_page_titles_itself(client, request, role):
    """WCAG 2.4.2: "<page> · <site>" on every page but the home page."""
    if role:
        client.force_login(request.getfixturevalue(role))
    titles = {}
    crawl(client, titles, submit_forms=False)
    assert len(titles) >= 10
    untitled = {
        url: title
        for url, title in titles.items()
        if urlsplit(url).path not in ("/", "/en/")
        and (title in SITE_NAMES or " · " not in title)
    }
    assert not untitled, untitled
    assert titles["/"] in SITE_NAMES
    # no part said twice ("SPBE simulator · Garut · SPBE simulator · …")
    repeated = {
        url: title
        for url, title in titles.items()
        if len(set(title.split(" · "))) != len(title.split(" · "))
    }
    assert not repeated, repeated
