"""The five journeys, as people do them in a browser, each at a phone's width
(390 px) and a laptop's (1366 px).

Every step is photographed into
``test-artifacts/e2e/<journey>/<width>/NN-step.png`` (kept by CI as an
artifact: .ci/run only needs the folder to exist after the run) and, at
390 px, every step asserts the page does not scroll sideways
(``scrollWidth <= innerWidth``).
"""

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from livinglab.base.files import minimal_pdf

from .conftest import ARTIFACTS, ROOT
from .helpers import log_in

# A real one-page PDF: uploads are opened with a PDF parser.
PDF = minimal_pdf(["Daftar hadir bimtek operator TTE"])

VIEWPORTS = {390: {"width": 390, "height": 844}, 1366: {"width": 1366, "height": 900}}
PHONE = 390


@pytest.fixture(params=sorted(VIEWPORTS), ids=lambda width: f"{width}px")
def width(request, page):
    """The journey's screen width; the page is set to it before the first step."""
    page.set_viewport_size(VIEWPORTS[request.param])
    return request.param


class Steps:
    """``step(page, "name")`` photographs the page as step NN of the journey
    and, at a phone's width, asserts it does not scroll sideways."""

    def __init__(self, journey, width):
        self.folder = ARTIFACTS / journey / str(width)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True)
        self.width = width
        self.count = 0

    def __call__(self, page, name):
        self.count += 1
        page.wait_for_load_state()
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        if self.width <= PHONE:
            scroll, inner = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert scroll <= inner, (
                f"step {self.count:02d}-{name} scrolls sideways at {self.width} px: "
                f"{scroll} > {inner} ({page.url})"
            )
        return path


@pytest.fixture
def steps(width):
    return lambda journey: Steps(journey, width)


def _unfold_filters(page, control):
    """At a phone's width the filters are folded behind "Saring"
    (``<details class=filters>``, shown unfolded on a wide screen)."""
    if not page.locator(control).first.is_visible():
        page.locator("details.filters > summary").first.click()


def _forget_garut_interest(e2e_server):
    subprocess.run(
        [sys.executable, "-m", "tests.e2e.seed", "forget-garut-interest"],
        env=e2e_server["env"],
        cwd=ROOT,
        check=True,
    )


def test_team_member_finds_registers_and_records_training(
    page, steps, e2e_server, tmp_path
):
    """Journey 1: log in, search, filter, open, register interest, record
    Pelatihan with an evidence file."""
    _forget_garut_interest(e2e_server)
    step = steps("team-member")
    log_in(page, "tim@garutkab.go.id")
    step(page, "signed-in")
    page.goto("/cari/?q=tanda+tangan+elektronik")
    expect(page.locator(".result-list")).to_contain_text("Tanda Tangan Elektronik")
    step(page, "search")
    _unfold_filters(page, "input[name=dimension][value='Smart Governance']")
    page.check("input[name=dimension][value='Smart Governance']")
    page.click("aside.facets button[type=submit]")
    expect(page).to_have_url(re.compile(r"dimension=Smart\+Governance"))
    step(page, "filtered")
    page.locator(".result-list a", has_text="Tanda Tangan Elektronik").first.click()
    expect(page.locator("h1")).to_contain_text("Tanda Tangan Elektronik")
    step(page, "case-study")
    page.get_by_role(
        "link", name=re.compile("Daftarkan minat.*Kabupaten Garut")
    ).click()
    expect(page.locator("select[name=innovation]")).to_have_value("tte-sumedang")
    page.fill("input[name=responsible_opd]", "Diskominfo Garut")
    step(page, "interest-form")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Tanda Tangan Elektronik")
    step(page, "interest-registered")
    # Later: training done, with the attendance list as evidence.
    evidence = Path(tmp_path) / "daftar-hadir-bimtek.pdf"
    evidence.write_bytes(PDF)
    page.select_option("select[name=to_stage]", "pelatihan")
    page.fill("textarea[name=note]", "Bimtek operator TTE selesai.")
    page.fill("input[name=evidence_title]", "Daftar hadir bimtek")
    page.set_input_files("input[name=evidence_file]", str(evidence))
    page.locator("form[action$='/langkah/'] button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("Pelatihan")
    expect(page.locator(".history")).to_contain_text("Daftar hadir bimtek")
    step(page, "training-recorded")


def test_visitor_switches_language(page, steps):
    """Journey 4: Bahasa Indonesia first, English on demand, and back."""
    step = steps("language")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    step(page, "home")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/"))
    expect(page.locator(".site-header nav[aria-label] ul.nav").first).to_contain_text(
        "Search"
    )
    step(page, "english")
    page.get_by_role("link", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator(".site-header nav[aria-label] ul.nav").first).to_contain_text(
        "Pencarian"
    )
    step(page, "indonesian")


def test_host_writes_moderator_approves_search_finds(
    page, browser, e2e_server, steps, width
):
    """Journey 2: a host publisher (with TOTP) writes a case study in the Wagtail
    admin and submits it; a moderator (with TOTP) approves; search finds it."""
    step = steps("host-moderator")
    # One case study per width: the slug comes from the title.
    word = {390: "xenokrista", 1366: "zirkonila"}[width]
    title = f"Layanan {word.capitalize()} Sumedang"
    log_in(page, "penerbit@sumedangkab.go.id", with_totp=True)
    page.goto("/admin/")
    step(page, "host-admin")
    page.goto("/admin/pages/search/?q=Kabupaten+Sumedang")
    section = page.locator(
        "a[href*='/admin/pages/']", has_text="Kabupaten Sumedang"
    ).first
    section_id = re.search(r"/admin/pages/(\d+)/", section.get_attribute("href")).group(
        1
    )
    page.goto(f"/admin/pages/add/innovations/innovationpage/{section_id}/")
    page.fill("#id_title", title)
    # Written in Sumedang's own section: the host region is already filled in.
    expect(page.locator("#id_host_region")).not_to_have_value("")
    page.fill("#id_opd", "Diskominfo")
    page.fill("#id_year_launched", "2024")
    page.select_option("#id_maturity", index=1)
    page.fill(
        "#id_summary",
        f"Layanan {word} membantu warga mengurus izin usaha mikro secara daring.",
    )
    step(page, "editor")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-submit']").click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()
    step(page, "submitted")

    moderator = browser.new_context(
        base_url=e2e_server["url"], locale="id-ID", viewport=VIEWPORTS[width]
    )
    mod = moderator.new_page()
    mod.set_default_timeout(15000)
    try:
        log_in(mod, "moderator@kemendagri.go.id", with_totp=True)
        mod.goto("/admin/")
        step(mod, "moderator-dashboard")
        row = mod.locator("tr, li, .w-listing__row", has_text=title).last
        row.locator(
            "[data-w-dropdown-target='toggle'], button[aria-label]"
        ).last.click()
        mod.get_by_text("Menyetujui", exact=True).click()
        mod.wait_for_load_state()
        expect(mod.locator("body")).not_to_contain_text("Menunggu tinjauan anda")
        step(mod, "approved")
    except Exception:
        mod.screenshot(
            path=str(ARTIFACTS / f"FAILED-moderator-{width}.png"), full_page=True
        )
        raise
    finally:
        moderator.close()

    # The outbox worker indexes the published page; search finds it.
    deadline = time.monotonic() + 30
    while True:
        page.goto(f"/cari/?q={word}")
        if page.locator(".result-list", has_text=title).count():
            break
        assert time.monotonic() < deadline, (
            "the approved case study never reached search"
        )
        time.sleep(1)
    step(page, "found")


def test_analyst_filters_dashboard_and_exports_xlsx(page, steps, tmp_path):
    """Journey 3: a Kemendagri analyst signs in with TOTP, filters a province,
    exports the matrix as XLSX; the file holds the page's numbers."""
    from openpyxl import load_workbook

    step = steps("analyst")
    log_in(page, "analis@kemendagri.go.id", with_totp=True)
    page.goto("/adopsi/dasbor/")
    expect(page.locator("h1")).to_be_visible()
    step(page, "dashboard")
    _unfold_filters(page, "select[name=province]")
    page.select_option("select[name=province]", label="Jawa Barat")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"province=32"))
    step(page, "dashboard-jawa-barat")

    def figure(label):
        text = (
            page.locator(".dashboard-totals .figure")
            .filter(has=page.get_by_text(label, exact=True))
            .locator("dd")
        )
        return int(text.inner_text().replace(".", "").strip())

    regions, adoptions = figure("Daerah peserta uji coba"), figure("Adopsi")
    assert regions > 0 and adoptions > 0
    with page.expect_download() as download_info:
        page.locator(".dashboard-exports a", has_text="XLSX").first.click()
    path = tmp_path / "matriks.xlsx"
    download_info.value.save_as(path)
    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert header[:3] == ("Kode wilayah", "Wilayah", "Provinsi")
    assert len(body) == regions
    assert {row[2] for row in body} == {"Jawa Barat"}
    assert sum(1 for row in body for cell in row[4:] if cell) == adoptions


def test_coordinator_assesses_submits_and_simulates(page, steps):
    """Issue 17: a coordinator fills part of the region's SPBE self-assessment,
    saves it, tries to submit (the error summary names what is missing and
    nothing typed is lost), then runs the simulator on two case studies."""
    step = steps("coordinator")
    log_in(page, "koordinator@garutkab.go.id")
    page.goto("/adopsi/wilayah/32.05/spbe/2024/")
    expect(page.locator("h1")).to_contain_text("2024")
    step(page, "self-assessment")
    for number, level in ((1, "3"), (2, "4"), (15, "2")):
        page.select_option(f"select[name=level_{number}]", level)
    page.locator("button[name=action][value=save]").last.click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("select[name=level_15]")).to_have_value("2")
    step(page, "saved")
    page.locator("button[name=action][value=submit]").click()
    expect(page.locator(".error-summary")).to_be_visible()
    # 44 indicators lack a level: the summary stays short, the rest folded.
    height = page.locator(".error-summary").bounding_box()["height"]
    assert height < 700, f"the error summary is {height:.0f} px tall"
    expect(page.locator("select[name=level_2]")).to_have_value("4")
    step(page, "assessment-incomplete")
    page.goto("/adopsi/wilayah/32.05/spbe/simulasi/")
    step(page, "simulator")
    boxes = page.locator("input[name=innovations]")
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Simulasikan").click()
    expect(page.locator("#projection-h")).to_be_visible()
    expect(page.locator("table.data").first).to_contain_text("Sekarang")
    step(page, "simulated")


def test_team_asks_host_answers_and_publishes_faq(
    page, browser, e2e_server, steps, width
):
    """Issue 18.1: a regency team asks on a case study, the host answers and
    publishes the answer as FAQ, the team sees it in its inbox and on the
    case-study page."""
    step = steps("questions")
    question = f"Berapa lama bimtek operator TTE? ({width} px)"
    answer = f"Dua hari, di kantor kami. ({width} px)"
    log_in(page, "tim@garutkab.go.id")
    page.goto("/cari/?q=tanda+tangan+elektronik")
    page.locator(".result-list a", has_text="Tanda Tangan Elektronik").first.click()
    case_study = page.url
    ask = page.locator("#faq form[action$='/tanya/']")
    ask.locator("textarea[name=text]").fill(question)
    step(page, "ask")
    ask.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("main")).to_contain_text(question)
    thread = page.url
    step(page, "asked")

    host_context = browser.new_context(
        base_url=e2e_server["url"], locale="id-ID", viewport=VIEWPORTS[width]
    )
    host = host_context.new_page()
    host.set_default_timeout(15000)
    try:
        log_in(host, "penerbit@sumedangkab.go.id", with_totp=True)
        host.goto("/kotak-masuk/")
        expect(host.locator(".inbox")).to_contain_text("Pertanyaan tentang")
        host.goto(thread)
        host.fill("textarea[name=text]", answer)
        host.locator("form.stacked-form button[type=submit]").click()
        expect(host.locator(".answers")).to_contain_text(answer)
        host.get_by_role("button", name="Publikasikan sebagai FAQ").click()
        expect(host.locator(".messages")).to_contain_text("FAQ")
        step(host, "host-published")
    finally:
        host_context.close()

    page.goto("/kotak-masuk/")
    expect(page.locator(".inbox")).to_contain_text("Jawaban tentang")
    step(page, "inbox")
    page.goto(case_study)
    faq = page.locator("#faq")
    expect(faq).to_contain_text(question)
    expect(faq).to_contain_text(answer)
    step(page, "faq-on-page")
