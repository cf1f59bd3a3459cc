"""The four journeys of the proof issue, as people do them in a browser."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .helpers import log_in

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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
    expect(page.locator("nav.nav, nav ul.nav").first).to_contain_text("Search")
    shot(page, "english")
    page.get_by_role("link", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("ul.nav")).to_contain_text("Cari")
    shot(page, "indonesian")
