"""The yearly reconfirmation (issue 18.5): an e-mail to the host's
publishers once per case study and year, and the one-click confirmation."""

import datetime
import re

from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

import pytest

from innovations.factories import InnovationPageFactory
from innovations.models import InnovationPage
from livinglab.accounts.models import AuditEvent
from livinglab.freshness import reconfirm, tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def stale(library, sumedang_host):
    """A Sumedang case study last published and confirmed 400 days ago;
    every other case study confirmed today."""
    page = InnovationPageFactory(parent=library, title="Inovasi Lama")
    page.save_revision().publish()
    today = timezone.localdate()
    InnovationPage.objects.update(last_confirmed=today)
    long_ago = today - datetime.timedelta(days=400)
    InnovationPage.objects.filter(pk=page.pk).update(
        last_confirmed=long_ago,
        last_published_at=timezone.now() - datetime.timedelta(days=400),
    )
    return InnovationPage.objects.get(pk=page.pk)


def test_sent_once_a_year_however_often_the_job_runs(stale, sumedang_host):
    first = tasks.send_reconfirmations.enqueue()
    second = tasks.send_reconfirmations.enqueue()
    assert first.return_value["emails"] == 1
    assert second.return_value["emails"] == 0
    assert second.return_value["already"] == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [sumedang_host.email]
    assert "Inovasi Lama" in message.subject
    assert reverse("wagtailadmin_pages:edit", args=[stale.pk]) in message.body
    # Next year it is asked again.
    next_year = timezone.localdate().replace(month=1, day=1) + datetime.timedelta(
        days=366
    )
    assert reconfirm.send_reconfirmations(today=next_year)["emails"] == 1


def test_stopped_and_fresh_case_studies_are_not_asked(stale, sumedang_host):
    InnovationPage.objects.filter(pk=stale.pk).update(
        stopped_on=datetime.date(2026, 1, 1), stopped_reason="Anggaran habis."
    )
    assert tasks.send_reconfirmations.enqueue().return_value["due"] == 0
    assert not mail.outbox


def _confirm_link(body):
    return re.search(r"https?://\S+/kesegaran/konfirmasi/\S+/", body).group(0)


def test_one_click_confirmation(client, stale, sumedang_host):
    reconfirm.send_reconfirmations()
    url = _confirm_link(mail.outbox[0].body)
    path = url.split("://", 1)[1].split("/", 1)[1]
    shown = client.get("/" + path)
    assert shown.status_code == 200
    assert "Inovasi Lama" in shown.content.decode()
    assert 'method="post"' in shown.content.decode()
    stale.refresh_from_db()
    assert stale.last_confirmed < timezone.localdate()  # a GET changes nothing
    assert not AuditEvent.objects.filter(action="case_study_confirmed").exists()

    done = client.post("/" + path)
    assert done.status_code == 200
    stale.refresh_from_db()
    assert stale.last_confirmed == timezone.localdate()
    assert not stale.is_stale
    event = AuditEvent.objects.get(action="case_study_confirmed")
    assert event.actor == sumedang_host and event.detail["innovation"] == stale.pk


@pytest.mark.parametrize(
    "token",
    [
        "rusak",
        signing.dumps({"p": 1, "u": 1}, salt="another.salt"),
    ],
)
def test_a_bad_token_gets_a_message_and_changes_nothing(client, stale, token):
    before = stale.last_confirmed
    for method in (client.get, client.post):
        response = method(reverse("freshness:confirm", args=[token]))
        assert response.status_code == 400
        assert "tidak berlaku" in response.content.decode()
    stale.refresh_from_db()
    assert stale.last_confirmed == before
    assert not AuditEvent.objects.filter(action="case_study_confirmed").exists()


def test_a_token_for_someone_not_publishing_for_the_host(client, stale, team_member):
    token = reconfirm.confirm_token(stale.pk, team_member.pk)
    response = client.post(reverse("freshness:confirm", args=[token]))
    assert response.status_code == 400
    stale.refresh_from_db()
    assert stale.last_confirmed < timezone.localdate()
