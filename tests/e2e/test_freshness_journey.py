"""Issue 18.5 and 18.6 in a browser, at 390 and 1366 px: the freshness loop
(a host publisher confirms a case study from the reconfirmation e-mail's
link; a moderator marks another one stopped, Dihentikan, in the admin and
its public page carries the banner) and the impact follow-up (a regency team
enters its before/after figures, the host confirms them from the host view,
the case study shows "Hasil di daerah replikasi").

Each step is photographed into test-artifacts/e2e/<journey>/<width>/ and, at
390 px, checked for sideways scroll (``Steps`` of test_journeys.py). The
starting state is set in the e2e server's database by ``manage.py shell``
(the same way the server's own jobs would leave it), so both widths start
alike.
"""

import datetime
import re
import subprocess
import sys

from playwright.sync_api import expect

from .conftest import ROOT
from .helpers import log_in
from .test_journeys import VIEWPORTS, steps, width  # noqa: F401  (fixtures)

STALE = "adminduk-daring-sumedang"
STOPPING = "desa-digital-bumdes-sumedang"
IMPACT = "dtks-desa-sumedang"

# Runs in the e2e server's environment; prints KEY=value lines.
SETUP = f"""
import datetime
from django.contrib.auth import get_user_model
from django.utils import timezone
from innovations.models import ImpactFigure, InnovationPage
from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption, AdoptionFigure
from livinglab.freshness import reconfirm
from livinglab.regions.models import Region

users = get_user_model().objects
host = users.get(email="penerbit@sumedangkab.go.id")
team = users.get(email="tim@garutkab.go.id")

# Not confirmed nor published for two years: due for reconfirmation.
stale = InnovationPage.objects.get(slug="{STALE}")
old = timezone.now() - datetime.timedelta(days=800)
InnovationPage.objects.filter(pk=stale.pk).update(
    last_confirmed=old.date(), last_published_at=old
)
print("STALE_URL=" + stale.url)
print("MAIL=" + reconfirm._message(stale, host).body.replace(chr(10), " "))

# Running again (the other width stopped it).
stopping = InnovationPage.objects.get(slug="{STOPPING}")
InnovationPage.objects.filter(pk=stopping.pk).update(stopped_on=None, stopped_reason="")
print("STOPPING_ID=" + str(stopping.pk))
print("STOPPING_URL=" + stopping.url)

# Garut replicates the case study with the host's measures, no figures yet.
impact = InnovationPage.objects.get(slug="{IMPACT}")
assert ImpactFigure.objects.filter(page=impact).exists()
garut = Region.objects.get(code="32.05")
adoption = Adoption.objects.filter(region=garut, innovation=impact).first()
if adoption is None:
    adoption = pipeline.start_adoption(
        region=garut, innovation=impact, date=datetime.date(2025, 3, 3), actor=team
    )
AdoptionFigure.objects.filter(adoption=adoption).delete()
print("ADOPTION=" + str(adoption.pk))
print("IMPACT_URL=" + impact.url)
"""


def _setup(e2e_server):
    done = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", SETUP],
        env=e2e_server["env"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    values = dict(
        line.split("=", 1) for line in done.stdout.splitlines() if "=" in line
    )
    values["CONFIRM"] = re.search(
        r"/kesegaran/konfirmasi/[^\s/]+/", values["MAIL"]
    ).group(0)
    return values


def test_freshness_loop_and_impact_follow_up(page, browser, e2e_server, steps, width):  # noqa: F811
    data = _setup(e2e_server)
    step = steps("freshness-impact")

    # 1. The host publisher opens the reconfirmation e-mail's link.
    host_context = browser.new_context(
        base_url=e2e_server["url"], locale="id-ID", viewport=VIEWPORTS[width]
    )
    host = host_context.new_page()
    host.set_default_timeout(15000)
    try:
        host.goto(data["STALE_URL"])
        expect(host.locator("main")).to_contain_text("Mungkin sudah tidak mutakhir")
        step(host, "stale-case-study")
        log_in(host, "penerbit@sumedangkab.go.id", with_totp=True)
        host.goto(data["CONFIRM"])
        step(host, "reconfirmation-link")
        host.get_by_role("button", name="Ya, konfirmasi masih mutakhir").click()
        expect(host.locator("main [role=status]")).to_contain_text("dikonfirmasi")
        step(host, "confirmed")
        host.goto(data["STALE_URL"])
        expect(host.locator("main")).not_to_contain_text("Mungkin sudah tidak mutakhir")
        step(host, "current-again")

        # 2. A moderator marks another case study stopped in the admin.
        moderator = browser.new_context(
            base_url=e2e_server["url"], locale="id-ID", viewport=VIEWPORTS[width]
        )
        mod = moderator.new_page()
        mod.set_default_timeout(15000)
        try:
            log_in(mod, "moderator@kemendagri.go.id", with_totp=True)
            mod.goto(f"/admin/pages/{data['STOPPING_ID']}/edit/")
            mod.get_by_role("tab", name="Replikasi").click()
            stopped_on = datetime.date.today() - datetime.timedelta(days=30)
            mod.fill("#id_stopped_on", stopped_on.isoformat())
            mod.fill(
                "#id_stopped_reason",
                f"Digantikan aplikasi nasional ({width} px).",
            )
            step(mod, "admin-stopped-fields")
            publish = mod.locator("button[name='action-publish']")
            if not publish.is_visible():
                mod.locator("[data-w-dropdown-target='toggle']").last.click()
            publish.click()
            expect(mod.locator(".messages, [role=status]").first).to_be_visible()
            step(mod, "admin-published")
        finally:
            moderator.close()
        page.goto(data["STOPPING_URL"])
        banner = page.locator("main .banner")
        expect(banner).to_contain_text("Dihentikan")
        expect(banner).to_contain_text(f"Digantikan aplikasi nasional ({width} px).")
        step(page, "stopped-banner")

        # 3. Garut's team enters its before/after figures.
        log_in(page, "tim@garutkab.go.id")
        page.goto(f"/adopsi/{data['ADOPTION']}/#figures-heading")
        page.fill("input[name='figures-0-before']", "12")
        page.fill("input[name='figures-0-after']", "4")
        step(page, "team-figures")
        page.get_by_role("button", name="Simpan angka").click()
        expect(page.locator(".messages")).to_be_visible()
        step(page, "team-figures-saved")

        # 4. The host confirms them from the host view and is back there.
        host.goto("/adopsi/tuan-rumah/")
        action = f"/adopsi/{data['ADOPTION']}/angka/konfirmasi/"
        row = host.locator(f"#figures-table form[action$='{action}']")
        expect(row).to_have_count(1)
        step(host, "host-view-figures")
        row.locator("button[type=submit]").click()
        expect(host).to_have_url(re.compile(r"/adopsi/tuan-rumah/$"))
        expect(host.locator(".messages")).to_contain_text("Angka dikonfirmasi")
        expect(host.locator(f"form[action$='{action}']")).to_have_count(0)
        step(host, "host-confirmed")
    finally:
        host_context.close()

    # 5. The case study shows the confirmed results.
    page.goto(data["IMPACT_URL"])
    results = page.locator("section[aria-labelledby='replication-results-h']")
    expect(results).to_contain_text("Hasil di daerah replikasi")
    expect(results).to_contain_text("Kabupaten Garut")
    step(page, "results-on-case-study")
