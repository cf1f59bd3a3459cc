"""axe-core (from the npm registry, installed in tests/e2e/node_modules and
injected from there) on the main pages: no serious or critical violations."""

import json
from pathlib import Path

import pytest

from .helpers import log_in

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "/",
    "search": "/cari/?q=tanda+tangan+elektronik",
    "case-study": "(found through search)",
    "region": "/wilayah/32.11/",
    "english-home": "/en/",
}


@pytest.fixture
def axe_page(browser, e2e_server):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make e2e-deps` (npm ci in tests/e2e)")
    # The site's CSP forbids injected scripts; the checker is let in by the
    # browser for this context only.
    context = browser.new_context(base_url=e2e_server["url"], bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def _violations(page, shot, name):
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
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


def _case_study_url(page):
    page.goto("/cari/?q=tanda+tangan+elektronik")
    return page.locator(".result-list a").first.get_attribute("href")


@pytest.mark.parametrize("name", list(PAGES))
def test_public_pages(axe_page, shot, name):
    url = PAGES[name]
    if name == "case-study":
        url = _case_study_url(axe_page)
    axe_page.goto(url)
    found = _violations(axe_page, shot, f"axe-{name}")
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


def test_dashboard(axe_page, shot):
    log_in(axe_page, "analis@kemendagri.go.id", with_totp=True)
    axe_page.goto("/adopsi/dasbor/")
    found = _violations(axe_page, shot, "axe-dashboard")
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
