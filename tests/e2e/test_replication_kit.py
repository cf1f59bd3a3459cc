"""Issue 19.1 in a browser: a regency team (Garut) opens a Sumedang case
study, finds the replication-kit button near the top and downloads the ZIP;
it holds the README, the checklist and the four documents with a Perbup
outline (Garut is a kabupaten). At 390 px (no sideways scroll) and 1366 px."""

import zipfile

from playwright.sync_api import expect

from . import test_journeys as _journeys
from .helpers import log_in

SLUG = "desa-digital-bumdes-sumedang"
URL = f"/inovasi/kabupaten-sumedang/{SLUG}/"
# the journeys' fixtures: the width (390 / 1366 px) and the step photographer
width = _journeys.width
steps = _journeys.steps


def test_team_downloads_the_replication_kit(page, steps):
    step = steps("replication-kit")
    page.goto(URL)
    expect(page.get_by_role("link", name="Unduh kit replikasi")).to_have_count(0)
    log_in(page, "tim@garutkab.go.id")
    page.goto(URL)
    button = page.get_by_role(
        "link", name="Unduh kit replikasi untuk Kabupaten Garut (ZIP)"
    )
    expect(button).to_be_visible()
    step(page, "case-study-with-kit-button")
    with page.expect_download() as download:
        button.click()
    kit = download.value
    assert kit.suggested_filename == f"kit-replikasi-{SLUG}-32.05.zip"
    with zipfile.ZipFile(kit.path()) as archive:
        names = set(archive.namelist())
    folder = f"kit-replikasi-{SLUG}/"
    assert {
        folder + "README.md",
        folder + "daftar-periksa-bukti-dukung.md",
        folder + "materi-pelatihan.md",
        folder + "dokumen/01-surat-minat-replikasi.docx",
        folder + "dokumen/02-draf-pks.docx",
        folder + "dokumen/03-kerangka-perbup.docx",
        folder + "dokumen/04-kerangka-sop.docx",
    } <= names
