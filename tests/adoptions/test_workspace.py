"""The regency workspace and the host view, through the real views."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from livinglab.adoptions.models import Adoption, AdoptionEvidence, Stage, StageEvent
from livinglab.base.files import minimal_pdf

PDF = minimal_pdf(["Daftar hadir"], title="Bukti")


def pdf(name="bukti.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def test_anonymous_is_sent_to_log_in(client, adoption):
    for url in (
        reverse("adoptions:workspace"),
        reverse("adoptions:region", args=[adoption.region.code]),
        reverse("adoptions:detail", args=[adoption.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert "next=" in response["Location"]


def test_team_goes_to_its_region(client, team_member, garut):
    client.force_login(team_member)
    response = client.get(reverse("adoptions:workspace"))
    assert response.status_code == 302
    assert response["Location"].endswith(reverse("adoptions:region", args=[garut.code]))


def test_workspace_lists_adoptions_next_step_and_offers(client, team_member, adoption):
    client.force_login(team_member)
    response = client.get(reverse("adoptions:region", args=[adoption.region.code]))
    assert response.status_code == 200
    html = response.content.decode()
    assert adoption.innovation.title in html
    assert "stage-minat" in html
    # The next step after interest is the study visit.
    assert str(Stage.STUDY.label) in html
    link = adoption.innovation.source_code_links.first()
    if link and link.url:
        assert link.url in html


def test_workspace_queries_do_not_grow(client, team_member, garut):
    """The workspace costs the same number of queries with 2 or 8 adoptions."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innovations.models import InnovationPage
    from livinglab.adoptions import pipeline

    client.force_login(team_member)
    url = reverse("adoptions:region", args=[garut.code])
    Adoption.objects.filter(region=garut).delete()
    pages = list(
        InnovationPage.objects.originals().live().exclude(host_region=garut)[:8]
    )

    def count_queries():
        client.get(url)  # warm per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    for page in pages[:2]:
        pipeline.start_adoption(
            region=garut, innovation=page, date=datetime.date(2026, 1, 5), actor=None
        )
    few = count_queries()
    for page in pages[2:]:
        pipeline.start_adoption(
            region=garut, innovation=page, date=datetime.date(2026, 1, 5), actor=None
        )
    assert count_queries() == few


def test_other_region_cannot_see_or_touch(client, other_team_member, adoption):
    client.force_login(other_team_member)
    assert (
        client.get(reverse("adoptions:detail", args=[adoption.pk])).status_code == 403
    )
    assert (
        client.get(reverse("adoptions:region", args=[adoption.region.code])).status_code
        == 403
    )
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {"to_stage": "studi_tiru", "date": "2026-01-10", "version": adoption.version},
    )
    assert response.status_code == 403
    assert adoption.events.count() == 1


def test_record_step_with_evidence_file(client, team_member, adoption):
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {
            "to_stage": "pelatihan",
            "date": "2026-02-10",
            "note": "Bimtek operator",
            "version": adoption.version,
            "evidence_title": "Daftar hadir bimtek",
            "evidence_file": pdf(),
            "evidence_indicators": [],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    adoption.refresh_from_db()
    assert adoption.stage == Stage.TRAINING
    evidence = AdoptionEvidence.objects.get(event__adoption=adoption)
    assert evidence.title == "Daftar hadir bimtek"
    assert evidence.file.file.name.endswith(".pdf")
    assert evidence.file.original_name == "bukti.pdf"
    assert "bukti" not in evidence.file.file.name  # stored under its token
    assert evidence.year == 2026


def test_refused_step_is_shown_again_and_changes_nothing(client, team_member, adoption):
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {
            "to_stage": "dihentikan",
            "date": "2026-02-10",
            "note": "",
            "version": adoption.version,
        },
    )
    assert response.status_code == 400
    assert response.context["step_form"].errors["note"]
    assert adoption.events.count() == 1


def test_fake_pdf_is_refused(client, team_member, adoption):
    client.force_login(team_member)
    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf" * 10)
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {
            "to_stage": "studi_tiru",
            "date": "2026-02-10",
            "version": adoption.version,
            "evidence_title": "Bukti",
            "evidence_file": fake,
        },
    )
    assert response.status_code == 400
    assert response.context["step_form"].errors["evidence_file"]
    assert adoption.events.count() == 1
    assert not AdoptionEvidence.objects.filter(event__adoption=adoption).exists()


def test_stale_form_is_refused_with_message(client, team_member, adoption):
    client.force_login(team_member)
    url = reverse("adoptions:record-step", args=[adoption.pk])
    drawn = adoption.version
    first = client.post(
        url, {"to_stage": "studi_tiru", "date": "2026-01-10", "version": drawn}
    )
    assert first.status_code == 302
    second = client.post(
        url, {"to_stage": "kesepakatan", "date": "2026-01-11", "version": drawn}
    )
    assert second.status_code == 400
    assert second.context["step_form"].non_field_errors()
    assert adoption.events.count() == 2


def test_register_interest(client, team_member, garut, sumedang_innovation):
    Adoption.objects.filter(region=garut, innovation=sumedang_innovation).delete()
    client.force_login(team_member)
    url = reverse("adoptions:interest", args=[garut.code])
    form_page = client.get(url, {"innovation": sumedang_innovation.slug})
    assert form_page.status_code == 200
    response = client.post(
        url,
        {
            "innovation": sumedang_innovation.slug,
            "date": datetime.date.today().isoformat(),
            "responsible_opd": "Diskominfo",
            "letter_of_intent": pdf("surat minat.pdf"),
        },
    )
    assert response.status_code == 302
    adoption = Adoption.objects.get(region=garut, innovation=sumedang_innovation)
    assert adoption.stage == Stage.INTEREST
    assert adoption.letter_of_intent.file.name.endswith(".pdf")


def test_interest_already_registered_leads_to_its_adoption(
    client, team_member, adoption
):
    """Newcomer finding (session 5): "Daftarkan minat" for an innovation the
    region already has opened an empty choice and answered "Isian ini wajib
    diisi."; now it goes to the existing adoption and says so."""
    client.force_login(team_member)
    url = reverse("adoptions:interest", args=[adoption.region.code])
    response = client.get(url, {"innovation": adoption.innovation.slug}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "adoptions:detail", args=[adoption.pk]
    )
    assert "sudah memiliki catatan" in response.content.decode()


def test_adaptation_and_figures(client, team_member, adoption):
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:adaptation", args=[adoption.pk]),
        {
            "version": adoption.version,
            "responsible_opd": "Diskominfo Garut",
            "adaptation_notes": "Formulir disesuaikan",
            "variant_repository": "https://git.garutkab.go.id/sidapet",
            "apbd_cost": "150000000",
        },
    )
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert adoption.variant_repository == "https://git.garutkab.go.id/sidapet"
    # The same form drawn before the save is now outdated.
    stale = client.post(
        reverse("adoptions:adaptation", args=[adoption.pk]),
        {"version": adoption.version - 1, "vendor": "PT Lain"},
    )
    assert stale.status_code == 400
    adoption.refresh_from_db()
    assert adoption.vendor == ""
    measures = list(adoption.innovation.impact_figures.all())
    assert measures, "the demo case study should have impact figures"
    if measures:
        data = {
            "figures-TOTAL_FORMS": len(measures),
            "figures-INITIAL_FORMS": len(measures),
        }
        for i, figure in enumerate(measures):
            data[f"figures-{i}-measure"] = figure.measure
            data[f"figures-{i}-unit"] = figure.unit
            data[f"figures-{i}-before"] = "10"
            data[f"figures-{i}-after"] = "4"
        client.post(reverse("adoptions:figures", args=[adoption.pk]), data)
        assert adoption.figures.count() == len(measures)


def test_host_acknowledges_interest(client, sumedang_host, adoption, team_member):
    client.force_login(sumedang_host)
    host_page = client.get(reverse("adoptions:host"))
    assert host_page.status_code == 200
    assert adoption.region.name in host_page.content.decode()
    response = client.post(
        reverse("adoptions:confirm", args=[adoption.pk, "interest"]), {"next": "host"}
    )
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert adoption.interest_acknowledged_at is not None
    # The adopting team cannot confirm on the host's behalf.
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:confirm", args=[adoption.pk, "agreement"])
    )
    assert response.status_code == 403
    adoption.refresh_from_db()
    assert adoption.agreement_confirmed_at is None


def test_host_of_another_region_cannot_confirm(client, django_user_model, adoption):
    from livinglab.accounts.models import RegionRole
    from livinglab.regions.models import Region
    from tests.roles import make_user

    other_host = make_user(
        django_user_model,
        "penerbit@surabaya.go.id",
        region=Region.objects.get(code="35.78"),
        role=RegionRole.Role.HOST_PUBLISHER,
    )
    client.force_login(other_host)
    response = client.post(reverse("adoptions:confirm", args=[adoption.pk, "interest"]))
    assert response.status_code == 403


def test_analyst_reads_but_cannot_record(client, analyst, adoption):
    client.force_login(analyst)
    response = client.get(reverse("adoptions:detail", args=[adoption.pk]))
    assert response.status_code == 200
    assert response.context["step_form"] is None
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {"to_stage": "studi_tiru", "date": "2026-01-10", "version": adoption.version},
    )
    assert response.status_code == 403
    assert StageEvent.objects.filter(adoption=adoption).count() == 1


@pytest.mark.parametrize("what", ["interest", "agreement", "transfer"])
def test_confirmations_are_idempotent(client, sumedang_host, adoption, what):
    client.force_login(sumedang_host)
    url = reverse("adoptions:confirm", args=[adoption.pk, what])
    client.post(url)
    adoption.refresh_from_db()
    first = getattr(
        adoption,
        f"{'interest_acknowledged' if what == 'interest' else what + '_confirmed'}_at",
    )
    client.post(url)
    adoption.refresh_from_db()
    assert first is not None
    assert (
        getattr(
            adoption,
            f"{'interest_acknowledged' if what == 'interest' else what + '_confirmed'}_at",
        )
        == first
    )


def test_unknown_confirmation_is_404(client, sumedang_host, adoption):
    client.force_login(sumedang_host)
    response = client.post(reverse("adoptions:confirm", args=[adoption.pk, "anything"]))
    assert response.status_code == 404


def test_big_io_never_500(client, team_member, adoption):
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {
            "to_stage": "x" * 5000,
            "date": "31-31-2026",
            "note": "\x00" * 10,
            "version": "abc",
            "evidence_url": "javascript:alert(1)",
            "evidence_file": SimpleUploadedFile(
                "../../etc/passwd", io.BytesIO(b"root").read()
            ),
        },
    )
    assert response.status_code == 400
    assert adoption.events.count() == 1


def test_case_study_lists_replicating_regions_and_offers_interest(
    client, team_member, other_team_member, adoption
):
    page = adoption.innovation
    anonymous = client.get(page.url).content.decode()
    assert adoption.region.name in anonymous
    assert reverse("adoptions:interest", args=[adoption.region.code]) not in anonymous
    # Garut has a record already: no second interest button for it.
    client.force_login(team_member)
    html = client.get(page.url).content.decode()
    assert reverse("adoptions:interest", args=[adoption.region.code]) not in html
    # Bandung has none: its team gets the button.
    client.force_login(other_team_member)
    html = client.get(page.url).content.decode()
    bandung = other_team_member.region_roles.get().region
    assert reverse("adoptions:interest", args=[bandung.code]) in html


def test_reminder_link_opens_the_adoption(
    client, team_member, other_team_member, adoption
):
    from livinglab.adoptions.reminders import reminder_token

    token = reminder_token(adoption.pk, adoption.region_id)
    url = reverse("adoptions:workspace") + f"?konfirmasi={token}"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(team_member)
    response = client.get(url)
    assert response["Location"] == reverse("adoptions:detail", args=[adoption.pk])
    # Another region's team cannot use it; a forged token is refused.
    client.force_login(other_team_member)
    assert client.get(url).status_code == 404
    client.force_login(team_member)
    forged = client.get(reverse("adoptions:workspace") + "?konfirmasi=x" + token)
    assert forged.status_code == 302
    assert forged["Location"] == reverse("adoptions:workspace")
