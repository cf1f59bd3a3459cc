"""Interest registered in my innovation (issue 18.2): the host side hears of
it as its own kind of notification, inbox and e-mail, without following the
case study."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import translation

import pytest

from innovations.models import Mentor
from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption
from livinglab.notifications.models import EmailPreference, Follow, Notification


def _interest(region, innovation, actor):
    Adoption.objects.filter(region=region, innovation=innovation).delete()
    return pipeline.start_adoption(
        region=region,
        innovation=innovation,
        date=datetime.date(2026, 1, 5),
        actor=actor,
    )


def test_the_host_publisher_hears_of_interest_without_following(
    garut, sumedang_innovation, team_member, sumedang_host
):
    assert not Follow.objects.filter(user=sumedang_host).exists()
    _interest(garut, sumedang_innovation, team_member)
    notes = Notification.objects.filter(kind="host_interest")
    assert [n.recipient_id for n in notes] == [sumedang_host.pk]
    assert notes[0].title == (
        f"Kabupaten Garut mendaftarkan minat pada {sumedang_innovation.title}"
    )
    assert notes[0].link == reverse("adoptions:host")
    # The team that registered is not told of its own step as "host".
    assert not Notification.objects.filter(recipient=team_member).exists()


def test_a_host_publisher_who_follows_hears_once(
    garut, sumedang_innovation, team_member, sumedang_host, other_team_member
):
    Follow.objects.create(user=sumedang_host, innovation=sumedang_innovation)
    Follow.objects.create(user=other_team_member, innovation=sumedang_innovation)
    _interest(garut, sumedang_innovation, team_member)
    got = sorted(
        Notification.objects.values_list("recipient__email", "kind"),
    )
    assert got == [
        ("penerbit@sumedangkab.go.id", "host_interest"),
        ("tim@bandung.go.id", "followed_adopter"),
    ]


def test_the_mentors_with_an_account_hear_too(
    django_user_model, garut, sumedang_innovation, team_member
):
    mentor = django_user_model.objects.create_user(
        email="Mentor.Sumedang@example.go.id", password="x-very-long-password-1"
    )
    Mentor.objects.create(
        page=sumedang_innovation, name="Mentor", email="mentor.sumedang@example.go.id"
    )
    _interest(garut, sumedang_innovation, team_member)
    assert Notification.objects.filter(kind="host_interest", recipient=mentor).exists()


def test_other_steps_are_not_interest(adoption, sumedang_host):
    Notification.objects.all().delete()
    pipeline.record_step(
        adoption=adoption, to_stage="kesepakatan", date=adoption.started_on, actor=None
    )
    assert not Notification.objects.filter(kind="host_interest").exists()


@pytest.mark.parametrize("frequency,sent", [("immediately", 1), ("off", 0)])
def test_the_host_gets_the_email_per_its_preference(
    frequency,
    sent,
    garut,
    sumedang_innovation,
    team_member,
    sumedang_host,
    django_capture_on_commit_callbacks,
):
    EmailPreference.objects.create(
        user=sumedang_host, kind="host_interest", frequency=frequency
    )
    with django_capture_on_commit_callbacks(execute=True):
        _interest(garut, sumedang_innovation, team_member)
    assert len(mail.outbox) == sent
    if sent:
        message = mail.outbox[0]
        assert message.to == ["penerbit@sumedangkab.go.id"]
        assert message.subject.startswith("Kabupaten Garut mendaftarkan minat")
        assert "List-Unsubscribe" in message.extra_headers


def test_interest_registered_through_the_form_notifies_the_host(
    client, garut, sumedang_innovation, team_member, sumedang_host
):
    Adoption.objects.filter(region=garut, innovation=sumedang_innovation).delete()
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:interest", kwargs={"code": garut.code}),
        {
            "innovation": sumedang_innovation.slug,
            "date": "2026-01-05",
            "responsible_opd": "Diskominfo",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Notification.objects.filter(
        kind="host_interest", recipient=sumedang_host
    ).exists()


def test_the_preferences_page_names_the_new_kind(client, sumedang_host):
    client.force_login(sumedang_host)
    url = reverse("notifications-inbox:inbox")
    assert "Minat didaftarkan pada studi kasus saya" in client.get(url).content.decode()
    with translation.override("en"):
        url = reverse("notifications-inbox:inbox")
    assert url.startswith("/en/")
    assert "Interest registered in my case study" in client.get(url).content.decode()
