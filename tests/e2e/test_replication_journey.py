"""Deciding on a replication in a browser (issue 19): a regency team (Garut)
adds two case studies to its comparison from their pages, checks the
library's cards offer the same button, compares them side by side (with the
weighted gain for its region), prints the comparison, downloads the
replication kit and registers interest in the case study that overlaps a
national application (e-Kinerja BKN), seeing the Perpres 82/2023 warning.

At 390 px and 1366 px. axe-core finds no serious or critical violation on the
comparison page; at 390 px no step scrolls sideways (``Steps``). Screenshots
go to test-artifacts/e2e/replication/<width>/. docs/COMPARE.md.
"""

import json
import subprocess
import sys
import zipfile

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, ROOT
from .helpers import log_in
from .test_accessibility import AXE, _violations
from .test_journeys import VIEWPORTS, Steps

TTE = "/inovasi/kabupaten-sumedang/tte-sumedang/"
KINERJA_SLUG = "e-kinerja-tpp-sumedang"  # overlaps e-Kinerja BKN (fixtures)
KINERJA = f"/inovasi/kabupaten-sumedang/{KINERJA_SLUG}/"


def _forget_garut_interest_in_kinerja(e2e_server):
    """Each width registers Garut's interest again: start without it."""
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            "from livinglab.adoptions.models import Adoption; "
            "Adoption.objects.filter(region__code='32.05', "
            f"innovation__slug='{KINERJA_SLUG}').delete()",
        ],
        env=e2e_server["env"],
        cwd=ROOT,
        check=True,
    )


@pytest.fixture(params=sorted(VIEWPORTS), ids=lambda width: f"{width}px")
def team(request, browser, e2e_server):
    """A page of its own (axe is injected, so CSP is bypassed; downloads
    accepted) at the journey's width."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make e2e-deps` (npm ci in tests/e2e)")
    context = browser.new_context(
        base_url=e2e_server["url"],
        locale="id-ID",
        accept_downloads=True,
        bypass_csp=True,
        viewport=VIEWPORTS[request.param],
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page, request.param
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"), full_page=True
        )
    context.close()


def _add_from_the_page(page, url):
    page.goto(url)
    page.locator("form.compare-form button[type=submit]").click()
    page.wait_for_load_state()


def test_team_compares_downloads_the_kit_and_registers_interest(team, e2e_server, shot):
    page, width = team
    _forget_garut_interest_in_kinerja(e2e_server)
    step = Steps("replication", width)
    log_in(page, "tim@garutkab.go.id")

    # Two case studies into the comparison, each from its own page.
    _add_from_the_page(page, TTE)
    expect(page.locator(".messages")).to_contain_text("(1 dari 4)")
    step(page, "first-added")
    _add_from_the_page(page, KINERJA)
    expect(page.locator(".messages")).to_contain_text("(2 dari 4)")
    expect(page.locator("form.compare-form button")).to_have_text(
        "Hapus dari perbandingan"
    )
    step(page, "second-added")

    # The library's cards carry the same button, and the way to the comparison.
    page.goto("/inovasi/")
    expect(page.locator("form.card-compare button").first).to_be_visible()
    step(page, "library")
    page.get_by_role("link", name="Bandingkan (2)").click()

    # Side by side, with the weighted gain for Garut.
    table = page.locator("#compare-table")
    expect(table).to_contain_text("Tanda Tangan Elektronik")
    expect(table.locator("thead th")).to_have_count(3)
    for row in ("cost", "time", "maturity", "readiness", "licence", "spbe", "adopters"):
        expect(table.locator(f"tr[data-row={row}]")).to_have_count(1)
    expect(table.locator("tr[data-row=gain] th")).to_contain_text("Kabupaten Garut")
    expect(table.locator("tr[data-row=similar] th")).to_contain_text("Kabupaten Garut")
    step(page, "compare")
    found = _violations(page, shot, f"compare-{width}")
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)

    # Printed: no header, navigation or buttons; the whole table.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("#compare-table form").first).to_be_hidden()
    expect(table).to_be_visible()
    page.pdf(path=str(ARTIFACTS / f"replication-compare-{width}.pdf"))
    page.emulate_media(media="screen")

    # The replication kit of the overlapping case study, for Garut.
    page.goto(KINERJA)
    kit = page.locator("a[href*='/kit-replikasi/']").first
    if kit.count():
        with page.expect_download() as download_info:
            kit.click()
        download = download_info.value
        assert download.suggested_filename.endswith(".zip")
        with zipfile.ZipFile(download.path()) as kit_zip:
            assert any(n.endswith("publiccode.yml") for n in kit_zip.namelist())
        step(page, "kit-downloaded")

    # Registering interest warns of the national application it overlaps.
    page.locator("a[href*='/adopsi/wilayah/32.05/minat/']").first.click()
    expect(page.locator("select[name=innovation]")).to_have_value(KINERJA_SLUG)
    warning = page.locator(".banner", has_text="Perpres 82/2023").first
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("e-Kinerja")
    step(page, "interest-warning")
    page.fill("input[name=responsible_opd]", "BKPSDM Garut")
    # The acknowledgement is required (the browser holds the form back
    # without it; tests/adoptions/test_national_overlap.py covers the server).
    expect(page.locator("input[name=acknowledge_overlap]")).to_have_attribute(
        "required", ""
    )
    page.check("input[name=acknowledge_overlap]")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("e-Kinerja")
    step(page, "interest-registered")
