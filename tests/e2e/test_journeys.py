"""The four journeys of the proof issue, as people do them in a browser."""

import re
import time
from pathlib import Path

from playwright.sync_api import expect

from livinglab.base.files import minimal_pdf

from .helpers import log_in

# A real one-page PDF: uploads are opened with a PDF parser.
PDF = minimal_pdf(["Daftar hadir bimtek operator TTE"])


def test_team_member_finds_registers_and_records_training(page, shot, tmp_path):
    """Journey 1: log in, search, filter, open, register interest, record
    Pelatihan with an evidence file."""
    log_in(page, "tim@garutkab.go.id")
    page.goto("/cari/?q=tanda+tangan+elektronik")
    expect(page.locator(".result-list")).to_contain_text("Tanda Tangan Elektronik")
    shot(page, "1-search")
    page.check("input[name=dimension][value='Smart Governance']")
    page.click("aside.facets button[type=submit]")
    expect(page).to_have_url(re.compile(r"dimension=Smart\+Governance"))
    shot(page, "2-filtered")
    page.locator(".result-list a", has_text="Tanda Tangan Elektronik").first.click()
    expect(page.locator("h1")).to_contain_text("Tanda Tangan Elektronik")
    page.get_by_role("link", name=re.compile("Kabupaten Garut")).click()
    expect(page.locator("select[name=innovation]")).to_have_value("tte-sumedang")
    page.fill("input[name=responsible_opd]", "Diskominfo Garut")
    shot(page, "3-interest-form")
    page.locator("form.stacked-form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Tanda Tangan Elektronik")
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
    shot(page, "4-training-recorded")


def test_visitor_switches_language(page, shot):
    """Journey 4: Bahasa Indonesia first, English on demand, and back."""
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/en/"))
    expect(page.locator(".site-header nav[aria-label] ul.nav").first).to_contain_text(
        "Search"
    )
    shot(page, "english")
    page.get_by_role("link", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator(".site-header nav[aria-label] ul.nav").first).to_contain_text(
        "Pencarian"
    )
    shot(page, "indonesian")


def test_host_writes_moderator_approves_search_finds(page, browser, e2e_server, shot):
    """Journey 2: a host publisher (with TOTP) writes a case study in the Wagtail
    admin and submits it; a moderator (with TOTP) approves; search finds it."""
    title = "Layanan Xenokrista Sumedang"
    log_in(page, "penerbit@sumedangkab.go.id", with_totp=True)
    page.goto("/admin/")
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
        "Layanan xenokrista membantu warga mengurus izin usaha mikro secara daring.",
    )
    shot(page, "1-editor")
    page.locator("[data-w-dropdown-target='toggle']").last.click()
    page.locator("button[name='action-submit']").click()
    expect(page.locator(".messages, [role=status]").first).to_be_visible()
    shot(page, "2-submitted")

    moderator = browser.new_context(base_url=e2e_server["url"], locale="id-ID")
    mod = moderator.new_page()
    mod.set_default_timeout(15000)
    log_in(mod, "moderator@kemendagri.go.id", with_totp=True)
    mod.goto("/admin/")
    shot(mod, "3-moderator-dashboard")
    row = mod.locator("tr, li, .w-listing__row", has_text=title).last
    row.locator("[data-w-dropdown-target='toggle'], button[aria-label]").last.click()
    try:
        mod.get_by_text("Menyetujui", exact=True).click()
        mod.wait_for_load_state()
        expect(mod.locator("body")).not_to_contain_text("Menunggu tinjauan anda")
    except Exception:
        shot(mod, "FAILED-moderator")
        raise
    shot(mod, "4-approved")
    moderator.close()

    # The outbox worker indexes the published page; search finds it.
    deadline = time.monotonic() + 30
    while True:
        page.goto("/cari/?q=xenokrista")
        if page.locator(".result-list", has_text=title).count():
            break
        assert time.monotonic() < deadline, (
            "the approved case study never reached search"
        )
        time.sleep(1)
    shot(page, "5-found")


def test_analyst_filters_dashboard_and_exports_xlsx(page, shot, tmp_path):
    """Journey 3: a Kemendagri analyst signs in with TOTP, filters a province,
    exports the matrix as XLSX; the file holds the page's numbers."""
    from openpyxl import load_workbook

    log_in(page, "analis@kemendagri.go.id", with_totp=True)
    page.goto("/adopsi/dasbor/")
    expect(page.locator("h1")).to_be_visible()
    page.select_option("select[name=province]", label="Jawa Barat")
    page.locator("form.filters button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"province=32"))
    shot(page, "1-dashboard-jawa-barat")

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


def test_coordinator_assesses_submits_and_simulates(page, shot):
    """Issue 17: a coordinator fills part of the region's SPBE self-assessment,
    saves it, tries to submit (the error summary names what is missing and
    nothing typed is lost), then runs the simulator on two case studies, at a
    phone's width and a desktop's."""
    for width, height in ((390, 844), (1366, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.context.clear_cookies()
        log_in(page, "koordinator@garutkab.go.id")
        page.goto("/adopsi/wilayah/32.05/spbe/2024/")
        expect(page.locator("h1")).to_contain_text("2024")
        for number, level in ((1, "3"), (2, "4"), (15, "2")):
            page.select_option(f"select[name=level_{number}]", level)
        page.locator("button[name=action][value=save]").last.click()
        expect(page.locator(".messages")).to_be_visible()
        expect(page.locator("select[name=level_15]")).to_have_value("2")
        page.locator("button[name=action][value=submit]").click()
        expect(page.locator(".error-summary")).to_be_visible()
        expect(page.locator("select[name=level_2]")).to_have_value("4")
        shot(page, f"assessment-incomplete-{width}")
        page.goto("/adopsi/wilayah/32.05/spbe/simulasi/")
        boxes = page.locator("input[name=innovations]")
        boxes.nth(0).check()
        boxes.nth(1).check()
        page.get_by_role("button", name="Simulasikan").click()
        expect(page.locator("#projection-h")).to_be_visible()
        expect(page.locator("table.data").first).to_contain_text("Sekarang")
        assert page.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )
        shot(page, f"simulator-{width}")
