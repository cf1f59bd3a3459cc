"""Issue 19.6 in a browser: a regency team registering interest in a case
study that overlaps a national application (the demo's e-Kinerja case study
overlaps e-Kinerja BKN) sees the warning, is stopped until it ticks the
acknowledgement, then registers; and the host's competition-export page.
Each at 390 px (no sideways scroll) and 1366 px, with axe on the warning
page and the export page."""

import json
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from . import test_journeys as _journeys
from .conftest import ROOT
from .helpers import log_in
from .test_accessibility import _violations

SLUG = "e-kinerja-tpp-sumedang"
# the journeys' fixtures: the width (390 / 1366 px) and the step photographer
width = _journeys.width
steps = _journeys.steps


@pytest.fixture
def page(browser, e2e_server):
    """The journeys' page, with the site's CSP bypassed for this context only
    so axe-core can be injected (as in test_accessibility.py)."""
    context = browser.new_context(
        base_url=e2e_server["url"],
        locale="id-ID",
        accept_downloads=True,
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def _forget(e2e_server):
    code = (
        "from livinglab.adoptions.models import Adoption;"
        "Adoption.objects.filter(region__code='32.05',"
        f"innovation__slug='{SLUG}').delete()"
    )
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", code],
        env=e2e_server["env"],
        cwd=ROOT,
        check=True,
    )


def test_team_sees_the_overlap_warning_and_acknowledges(
    page,
    steps,
    e2e_server,
    shot,
):
    _forget(e2e_server)
    step = steps("national-overlap")
    log_in(page, "tim@garutkab.go.id")
    page.goto(f"/adopsi/wilayah/32.05/minat/?innovation={SLUG}")
    banner = page.locator(".banner-warning")
    expect(banner).to_contain_text("e-Kinerja BKN")
    expect(banner).to_contain_text("Perpres 82/2023")
    step(page, "warning")
    found = _violations(page, shot, "axe-team-interest-overlap")
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
    page.locator("form.stacked-form button[type=submit]").click()
    # the browser stops at the required checkbox (the server refuses too:
    # tests/adoptions/test_national_overlap.py)
    expect(page.locator("input[name=acknowledge_overlap]:invalid")).to_have_count(1)
    expect(page.locator(".banner-warning")).to_be_visible()
    step(page, "acknowledgement-required")
    page.check("input[name=acknowledge_overlap]")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    step(page, "registered")


def test_host_opens_the_competition_exports(page, steps, shot):
    step = steps("competition-exports")
    log_in(page, "penerbit@sumedangkab.go.id", with_totp=True)
    page.goto("/adopsi/tuan-rumah/")
    page.get_by_role("link", name="Ekspor untuk kompetisi nasional").click()
    page.get_by_role("link", name="Kabupaten Sumedang").click()
    expect(page.locator("h1")).to_contain_text("Kabupaten Sumedang")
    step(page, "exports")
    found = _violations(page, shot, "axe-host-competition-exports")
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)
    with page.expect_download() as download:
        page.get_by_role("link", name="Buku kerja IID (XLSX)").click()
    assert download.value.suggested_filename == "iid-32.11.xlsx"
