"""The in-app inbox (issue 18.2): events on followed case studies and
regions land in the follower's inbox; unread count in the header; marking
read by POST, one's own notifications only."""

import datetime

from wagtail.models import PageViewRestriction

import pytest

from innovations.models import InnovationPage
from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption
from livinglab.notifications.models import Follow, Notification
from livinglab.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user(
        email="pengikut@contoh.go.id", password="x"
    )


@pytest.fixture
def case_study():
    return InnovationPage.objects.published().get(slug="tte-sumedang")


def test_a_new_revision_of_a_followed_case_study_reaches_the_inbox(
    person, case_study, django_user_model
):
    Follow.objects.create(user=person, innovation=case_study)
    editor = django_user_model.objects.create_superuser(email="e@x.go.id", password="x")
    Follow.objects.create(user=editor, innovation=case_study)
    case_study.save_revision(user=editor).publish(user=editor)
    (note,) = Notification.objects.all()
    assert note.recipient == person  # the editor is not told of their own change
    assert note.title == f"Diperbarui: {case_study.title}"
    assert note.link == case_study.url


def test_restricted_case_studies_make_no_event(person, case_study):
    Follow.objects.create(user=person, innovation=case_study)
    PageViewRestriction.objects.create(
        page=case_study, restriction_type=PageViewRestriction.LOGIN
    )
    case_study.save_revision().publish()
    assert not Notification.objects.exists()


def test_new_adopters_and_region_steps(person, case_study):
    region = Region.objects.exclude(
        pk__in=Adoption.objects.filter(innovation=case_study).values("region")
    ).first()
    Follow.objects.create(user=person, innovation=case_study)
    other = type(person).objects.create_user(email="w@x.go.id", password="x")
    Follow.objects.create(user=other, region=region)
    pipeline.start_adoption(
        region=region, innovation=case_study, date=datetime.date.today(), actor=None
    )
    assert [n.title for n in Notification.objects.filter(recipient=person)] == [
        f"Pengadopsi baru {case_study.title}: {region.name}"
    ]
    assert [n.title for n in Notification.objects.filter(recipient=other)] == [
        f"{region.name} · {case_study.title}: Minat"
    ]


def test_header_count_inbox_and_marking_read(client, person, django_user_model):
    mine = [
        Notification.objects.create(
            recipient=person, kind="followed_changed", title=f"Catatan {i}", link="/"
        )
        for i in range(3)
    ]
    stranger = django_user_model.objects.create_user(email="s@x.go.id", password="x")
    theirs = Notification.objects.create(
        recipient=stranger, kind="followed_changed", title="Rahasia", link="/"
    )
    client.force_login(person)
    html = client.get("/wilayah/").content.decode()
    assert "Kotak masuk" in html and "3 belum dibaca" in html
    inbox = client.get("/kotak-masuk/").content.decode()
    assert "Catatan 0" in inbox and "Rahasia" not in inbox
    assert client.get(f"/kotak-masuk/{mine[0].pk}/baca/").status_code == 405
    response = client.post(f"/kotak-masuk/{mine[0].pk}/baca/", {"open": "1"})
    assert response.status_code == 302 and response["Location"] == "/"
    mine[0].refresh_from_db()
    assert mine[0].read_at is not None
    assert client.post(f"/kotak-masuk/{theirs.pk}/baca/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "2 belum dibaca" in client.get("/wilayah/").content.decode()
    client.post("/kotak-masuk/baca-semua/")
    assert not Notification.objects.filter(recipient=person, read_at=None).exists()
    assert Notification.objects.filter(recipient=stranger, read_at=None).exists()
    assert "belum dibaca" not in client.get("/wilayah/").content.decode()


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/kotak-masuk/")
    assert response.status_code == 302 and "/akun/login/" in response["Location"]
