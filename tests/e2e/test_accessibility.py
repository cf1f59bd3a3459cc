"""axe-core (from the npm registry, installed in tests/e2e/node_modules and
injected from there) on every main page, signed out where the page is public
and signed in as the roles who use it: no serious or critical violations
(issue 16, "axe-core on every main page, signed in and out").

Each person gets one browser context, signed in once (the analyst, the
moderator and the host publisher with TOTP), so the whole list costs one
sign-in per role. The screenshot of every checked page is kept in
test-artifacts/e2e/ (``axe-<who>-<page>.png``).
"""

import json
from pathlib import Path

import pytest

from .helpers import log_in

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"

PEOPLE = {
    "visitor": None,
    "team": ("tim@garutkab.go.id", False),
    "coordinator": ("koordinator@garutkab.go.id", False),
    "host": ("penerbit@sumedangkab.go.id", True),
    "moderator": ("moderator@kemendagri.go.id", True),
    "analyst": ("analis@kemendagri.go.id", True),
}

# (who, name, address). None: found by following links (see _address).
PAGES = [
    # Public, signed out.
    ("visitor", "home", "/"),
    ("visitor", "english-home", "/en/"),
    ("visitor", "library", "/inovasi/"),
    ("visitor", "english-library", "/en/inovasi/"),
    ("visitor", "search", "/cari/?q=tanda+tangan+elektronik"),
    ("visitor", "search-empty", "/cari/?q=zzqxv"),
    ("visitor", "case-study", None),
    ("visitor", "regions", "/wilayah/"),
    ("visitor", "region", "/wilayah/32.11/"),
    ("visitor", "map", "/peta/"),
    ("visitor", "spbe-indicator", "/spbe/indikator/44/"),
    ("visitor", "open-data", "/data-terbuka/"),
    ("visitor", "about", "/tentang/"),
    ("visitor", "contact", "/kontak/"),
    ("visitor", "accessibility", "/aksesibilitas/"),
    ("visitor", "privacy", "/privasi/"),
    ("visitor", "sign-in", "/akun/login/"),
    ("visitor", "password-reset", "/akun/password/reset/"),
    ("visitor", "api-docs", "/api/docs/"),
    ("visitor", "not-found", "/tidak-ada-halaman-ini/"),
    # A regency team member.
    ("team", "home", "/"),
    ("team", "library", "/inovasi/"),
    ("team", "case-study", None),
    ("team", "region", "/wilayah/32.05/"),
    ("team", "workspace", "/adopsi/wilayah/32.05/"),
    ("team", "interest-form", "/adopsi/wilayah/32.05/minat/"),
    ("team", "adoption", None),
    ("team", "record-step-errors", None),
    ("team", "self-assessment", "/adopsi/wilayah/32.05/spbe/2024/"),
    ("team", "simulator", "/adopsi/wilayah/32.05/spbe/simulasi/?year=2024"),
    ("team", "account", "/akun/"),
    ("team", "email", "/akun/email/"),
    ("team", "password", "/akun/password/change/"),
    ("team", "two-factor", "/akun/2fa/"),
    ("team", "two-factor-activate", "/akun/2fa/totp/activate/"),
    ("team", "api-tokens", "/token-api/"),
    # The region's coordinator.
    ("coordinator", "self-assessment", "/adopsi/wilayah/32.05/spbe/2024/"),
    ("coordinator", "self-assessment-errors", None),
    ("coordinator", "invitations", "/akun/undangan/"),
    # The host publisher.
    ("host", "host-view", "/adopsi/tuan-rumah/"),
    ("host", "case-study", None),
    ("host", "two-factor", "/akun/2fa/"),
    # The moderator.
    ("moderator", "account", "/akun/"),
    ("moderator", "case-study", None),
    # The Kemendagri analyst.
    ("analyst", "dashboard", "/adopsi/dasbor/"),
    ("analyst", "dashboard-province", "/adopsi/dasbor/?province=32"),
    ("analyst", "region", "/wilayah/32.05/"),
    ("analyst", "account", "/akun/"),
    ("analyst", "recovery-codes", "/akun/2fa/recovery-codes/"),
]


@pytest.fixture(scope="module")
def people(browser, e2e_server):
    """One browser context per person, signed in once. The site's CSP forbids
    injected scripts; the checker is let in by the browser for these
    contexts only."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make e2e-deps` (npm ci in tests/e2e)")
    contexts = {}

    def get(who):
        if who not in contexts:
            context = browser.new_context(
                base_url=e2e_server["url"], locale="id-ID", bypass_csp=True
            )
            page = context.new_page()
            page.set_default_timeout(15000)
            if PEOPLE[who]:
                email, with_totp = PEOPLE[who]
                log_in(page, email, with_totp=with_totp)
            contexts[who] = page
        return contexts[who]

    yield get
    for page in contexts.values():
        page.context.close()


# Swagger UI (the API docs, a third-party bundle) draws each operation as a
# button holding its copy and lock buttons: axe's "nested-interactive". Its
# markup is Swagger UI's own (React, not our template); every other rule
# applies there, and its colours are fixed in swagger-ui-page.css.
UPSTREAM_MARKUP = {"api-docs": {"nested-interactive"}}


def _violations(page, shot, name, page_name=""):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    allowed = UPSTREAM_MARKUP.get(page_name, set())
    result["violations"] = [v for v in result["violations"] if v["id"] not in allowed]
    serious = [
        v for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]
    shot(page, name)
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in serious
    ]


def _open(page, name, url):
    """Goes to the page; the ones without a fixed address are reached as
    people reach them (a search result, the workspace's list, a submitted
    form)."""
    if name == "case-study":
        page.goto("/cari/?q=tanda+tangan+elektronik")
        url = page.locator(".result-list a").first.get_attribute("href")
    elif name in ("adoption", "record-step-errors"):
        page.goto("/adopsi/wilayah/32.05/")
        url = page.locator("table.data tbody a[href^='/adopsi/']").first.get_attribute(
            "href"
        )
    elif name == "self-assessment-errors":
        page.goto("/adopsi/wilayah/32.05/spbe/2024/")
        page.locator("button[name=action][value=submit]").click()
        page.wait_for_load_state()
        return
    page.goto(url)
    if name == "record-step-errors":
        # Submitted with nothing chosen: the error summary and field errors.
        page.locator("form[action$='/langkah/'] button[type=submit]").click()
        page.wait_for_load_state()


@pytest.mark.parametrize(
    ("who", "name", "url"), PAGES, ids=[f"{w}-{n}" for w, n, _ in PAGES]
)
def test_no_serious_violations(people, shot, who, name, url):
    page = people(who)
    _open(page, name, url)
    if name == "api-docs":
        # Swagger UI draws the operations after loading the schema.
        page.wait_for_selector(".opblock-summary-method")
    found = _violations(page, shot, f"axe-{who}-{name}", name)
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
