"""Hosts write and submit; moderators approve or reject (Wagtail workflows)."""

from django.urls import reverse

from wagtail.models import ModelLogEntry, PageLogEntry, Workflow

import pytest

from innovations.factories import InnovationPageFactory, SpbeEvidenceFactory
from innovations.models import InnovationPage
from livinglab.regions.models import Region

pytestmark = pytest.mark.django_db


def _draft(library, user):
    page = InnovationPageFactory.build(
        title="Sistem Antrean Puskesmas", slug="antrean-puskesmas"
    )
    page.live = False
    library.add_child(instance=page)
    page.save_revision(user=user)
    return InnovationPage.objects.get(pk=page.pk)


def test_a_host_publisher_cannot_publish_directly(library, host_publisher):
    perms = library.permissions_for_user(host_publisher)
    assert perms.can_add_subpage()
    assert not perms.can_publish_subpage()


def test_submit_approve_publishes_with_history(library, host_publisher, moderator):
    page = _draft(library, host_publisher)
    workflow = page.get_workflow()
    assert isinstance(workflow, Workflow)
    workflow.start(page, host_publisher)
    page.refresh_from_db()
    assert page.workflow_in_progress and not page.live
    task_state = page.current_workflow_task_state
    assert task_state.task.specific.user_can_access_editor(page, moderator)
    assert not task_state.task.specific.get_actions(
        page, host_publisher
    )  # cannot approve own
    task_state.task.specific.on_action(
        task_state, moderator, "approve", comment="Lengkap."
    )
    page.refresh_from_db()
    assert page.live
    assert page.revisions.count() >= 1
    actions = set(
        PageLogEntry.objects.filter(page=page).values_list("action", flat=True)
    )
    assert {"wagtail.workflow.start", "wagtail.publish"} <= actions


def test_reject_with_comment_keeps_it_unpublished(library, host_publisher, moderator):
    page = _draft(library, host_publisher)
    page.get_workflow().start(page, host_publisher)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    task_state.task.specific.on_action(
        task_state, moderator, "reject", comment="Tambahkan bukti dukung."
    )
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    assert task_state.get_comment() == "Tambahkan bukti dukung."


def _admin_form(**overrides):
    from wagtail.test.utils.form_data import (
        inline_formset,
        nested_form_data,
        streamfield,
    )

    data = {
        "title": "Antrean Puskesmas Daring",
        "slug": "antrean-puskesmas-daring",
        "host_region": str(Region.objects.get(code="32.11").pk),
        "opd": "Dinkes",
        "year_launched": "2023",
        "maturity": "pilot",
        "summary": "Warga mengambil nomor antrean puskesmas dari rumah.",
        "body": streamfield([]),
        "impact_figures": inline_formset([]),
        "source_code_links": inline_formset([]),
        "training_materials": inline_formset([]),
        "evidence": inline_formset([]),
        "mentors": inline_formset([]),
        "spbe_levels": inline_formset([]),
        "national_applications": inline_formset([]),
        "action-submit": "Submit",
    }
    data.update(overrides)
    return nested_form_data(data)


def test_host_publisher_submits_through_the_admin(client, library, host_publisher):
    client.force_login(host_publisher)
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", library.pk]
    )
    form = client.get(url)
    assert form.status_code == 200
    assert "verification_status" not in form.content.decode()  # moderators only
    response = client.post(url, _admin_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    page = InnovationPage.objects.get(slug="antrean-puskesmas-daring")
    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_state.requested_by == host_publisher


def test_admin_shows_validation_errors_and_saves_nothing(
    client, library, host_publisher
):
    client.force_login(host_publisher)
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", library.pk]
    )
    response = client.post(url, _admin_form(year_launched="99999", summary=""))
    assert response.status_code == 200
    assert not InnovationPage.objects.filter(slug="antrean-puskesmas-daring").exists()


def test_unpublish_is_logged(library, admin_user):
    page = InnovationPageFactory(parent=library)
    page.save_revision(user=admin_user).publish(user=admin_user)
    page.unpublish(user=admin_user)
    actions = set(
        PageLogEntry.objects.filter(page=page).values_list("action", flat=True)
    )
    assert {"wagtail.publish", "wagtail.unpublish"} <= actions


def test_moderators_see_the_verification_field(client, library, moderator):
    page = InnovationPageFactory(parent=library)
    SpbeEvidenceFactory(page=page)
    client.force_login(moderator)
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()
    assert "verification_status" in html
    assert ModelLogEntry is not None


def test_submission_and_approval_show_the_readiness_checklist(
    client, library, host_publisher, moderator
):
    """The host submits and the moderator approves from the editor: both see
    the readiness checklist there, with what is missing (issue 16.6; a 0/5
    case study used to go through without a word)."""
    page = _draft(library, host_publisher)
    for user in (host_publisher, moderator):
        client.force_login(user)
        html = client.get(
            reverse("wagtailadmin_pages:edit", args=[page.pk])
        ).content.decode()
        assert "Siap direplikasi?" in html
        assert "Lampirkan bukti dukung" in html  # the hint of a missing item
    client.force_login(host_publisher)
    add = client.get(
        reverse(
            "wagtailadmin_pages:add", args=["innovations", "innovationpage", library.pk]
        )
    ).content.decode()
    assert "Siap direplikasi? 0 dari 5" in add


def _evidence_row(**overrides):

    row = {
        "title": "SK Bupati tentang TTE",
        "url": "https://jdih.example.go.id/sk-tte.pdf",
        "document": "",
        "year": "2024",
    }
    row.update(overrides)
    return row


def _with_indicator_44(data):
    """``nested_form_data`` cannot carry a list: the checkbox value is set on
    the flattened form data."""
    from livinglab.taxonomy.models import SpbeIndicator

    data["evidence-0-indicators"] = [
        str(SpbeIndicator.objects.current().get(number=44).pk)
    ]
    return data


@pytest.mark.parametrize("forged", [None, "verified"])
def test_a_host_submits_a_case_study_with_evidence(
    client, library, host_publisher, forged
):
    """Newcomer finding (session 5): a host publisher could not submit a case
    study that has bukti dukung ("Halaman tidak dapat disimpan", no field
    marked): the inline evidence forms kept the moderators-only verification
    field, required and never shown. Without the permission the field is
    gone, so the submission works and a forged "verified" changes nothing."""
    from wagtail.test.utils.form_data import inline_formset

    client.force_login(host_publisher)
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", library.pk]
    )
    row = _evidence_row(**({"verification_status": forged} if forged else {}))
    data = _with_indicator_44(_admin_form(evidence=inline_formset([row])))
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = InnovationPage.objects.get(slug="antrean-puskesmas-daring")
    assert page.workflow_in_progress
    evidence = page.get_latest_revision_as_object().evidence.all()
    assert [e.verification_status for e in evidence] == ["unverified"]


def test_a_moderator_still_verifies_evidence_in_the_editor(client, library, moderator):
    from wagtail.test.utils.form_data import inline_formset

    client.force_login(moderator)
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", library.pk]
    )
    row = _evidence_row(verification_status="verified")
    data = _with_indicator_44(_admin_form(evidence=inline_formset([row])))
    data.pop("action-submit")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = InnovationPage.objects.get(slug="antrean-puskesmas-daring")
    evidence = page.get_latest_revision_as_object().evidence.all()
    assert [e.verification_status for e in evidence] == ["verified"]
