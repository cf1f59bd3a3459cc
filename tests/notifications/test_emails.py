"""Notification e-mails (issue 18.2): per person and kind, immediately /
weekly digest / off; one-click unsubscribe by signed token without sign-in;
each e-mail sent once; a digest's queries bounded per recipient."""

from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from innovations.models import InnovationPage
from livinglab.notifications import emails
from livinglab.notifications.models import EmailPreference, Follow, Notification

pytestmark = pytest.mark.django_db
KIND = Notification.Kind.FOLLOWED_CHANGED


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user(
        email="pembaca@contoh.go.id", password="x"
    )


def _note(user, title="Kabar"):
    return Notification.objects.create(recipient=user, kind=KIND, title=title, link="/")


def test_immediately_sends_one_email_with_an_unsubscribe_link(
    person, django_capture_on_commit_callbacks
):
    EmailPreference.objects.create(user=person, kind=KIND, frequency="immediately")
    page = InnovationPage.objects.published().get(slug="tte-sumedang")
    Follow.objects.create(user=person, innovation=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert message.subject == f"Diperbarui: {page.title}"
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )
    assert "/berhenti-langganan/" in message.body
    note = Notification.objects.get(recipient=person)
    assert note.emailed_at is not None
    assert emails.send_immediately(note.pk) is False
    assert len(mail.outbox) == 1


def test_weekly_is_the_default_and_off_means_off(person, django_user_model):
    quiet = django_user_model.objects.create_user(email="q@x.go.id", password="x")
    EmailPreference.objects.create(user=quiet, kind=KIND, frequency="off")
    _note(person, "Satu")
    _note(person, "Dua")
    _note(quiet, "Diam")
    assert emails.send_weekly_digests() == {"emails": 1, "notifications": 2}
    (message,) = mail.outbox
    assert message.to == [person.email]
    assert "Satu" in message.body and "Dua" in message.body
    # a second run the same week sends nothing again
    _note(person, "Tiga")
    assert emails.send_weekly_digests()["emails"] == 0
    assert len(mail.outbox) == 1


def _digest_queries(django_user_model, count, prefix):
    for i in range(count):
        user = django_user_model.objects.create_user(
            email=f"{prefix}{i}@x.go.id", password="x"
        )
        _note(user)
        _note(user)
    with CaptureQueriesContext(connection) as queries:
        summary = emails.send_weekly_digests()
    assert summary["emails"] == count
    return len(queries)


def test_a_digest_costs_a_bounded_number_of_queries_per_recipient(django_user_model):
    small = _digest_queries(django_user_model, 5, "a")
    Notification.objects.all().delete()
    large = _digest_queries(django_user_model, 25, "b")
    per_recipient = (large - small) / 20
    assert per_recipient <= 6, (small, large)
    assert small - 5 * per_recipient <= 6  # the fixed part: a few reads


def test_one_click_unsubscribe_without_signing_in(client, person):
    token = emails.unsubscribe_token(person.pk, KIND)
    page = client.get(f"/berhenti-langganan/{token}/").content.decode()
    assert "Hentikan e-mail untuk" in page
    response = client.post(f"/berhenti-langganan/{token}/")
    assert response.status_code == 200
    assert "Selesai" in response.content.decode()
    assert EmailPreference.objects.get(user=person, kind=KIND).frequency == "off"
    _note(person)
    assert emails.send_weekly_digests()["emails"] == 0


@pytest.mark.parametrize(
    "token",
    [
        "rusak",
        signing.dumps({"u": 1, "k": "followed_changed"}, salt="lain"),
        signing.dumps({"u": 1, "k": "tidak-ada"}, salt=emails.UNSUBSCRIBE_SALT),
        signing.dumps(
            {"u": 999999, "k": "followed_changed"}, salt=emails.UNSUBSCRIBE_SALT
        ),
    ],
)
def test_a_bad_token_says_so_and_changes_nothing(client, token):
    response = client.post(f"/berhenti-langganan/{token}/")
    assert response.status_code == 400
    assert "Tautan berhenti berlangganan ini tidak sah." in response.content.decode()
    assert not EmailPreference.objects.exists()


def test_settings_on_the_inbox_page(client, person):
    client.force_login(person)
    page = client.get("/kotak-masuk/").content.decode()
    assert "Ringkasan mingguan" in page
    data = dict.fromkeys(Notification.Kind.values, "weekly")
    data[KIND] = "immediately"
    client.post("/kotak-masuk/pengaturan/", data)
    assert EmailPreference.objects.get(user=person, kind=KIND).frequency == (
        "immediately"
    )
    data[KIND] = "setiap-detik"
    response = client.post("/kotak-masuk/pengaturan/", data, follow=True)
    assert "Pilih salah satu pilihan" in response.content.decode()
    assert EmailPreference.objects.get(user=person, kind=KIND).frequency == (
        "immediately"
    )
