"""Follow (issue 18.3): anyone signed in follows a case study, a region or
an SPBE indicator; POST only with CSRF, without JS; listed on the account
page; never a draft or restricted case study."""

from django.db import IntegrityError, transaction
from django.test import Client

from wagtail.models import PageViewRestriction

import pytest

from innovations.models import InnovationPage
from livinglab.notifications.models import Follow
from livinglab.regions.models import Region
from livinglab.taxonomy.models import SpbeIndicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(django_user_model):
    return django_user_model.objects.create_user(
        email="warga@contoh.go.id", password="x"
    )


@pytest.fixture
def signed_in(client, person):
    client.force_login(person)
    return client


@pytest.fixture
def case_study():
    return InnovationPage.objects.published().get(slug="tte-sumedang")


def test_follow_a_region_and_come_back_with_a_message(signed_in, person):
    response = signed_in.post(
        "/ikuti/wilayah/32.05/", {"next": "/wilayah/32.05/"}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/wilayah/32.05/"
    assert "Anda kini mengikuti Kabupaten Garut." in response.content.decode()
    assert Follow.objects.get(user=person).region.code == "32.05"
    # twice is harmless
    signed_in.post("/ikuti/wilayah/32.05/")
    assert Follow.objects.filter(user=person).count() == 1


def test_follow_a_case_study_and_an_indicator_then_unfollow(
    signed_in, person, case_study
):
    indicator = SpbeIndicator.objects.current().order_by("number").first()
    assert signed_in.post(f"/ikuti/studi-kasus/{case_study.slug}/").status_code == 302
    assert signed_in.post(f"/ikuti/indikator/{indicator.number}/").status_code == 302
    assert {str(f.target) for f in Follow.objects.filter(user=person)} == {
        case_study.title,
        str(indicator),
    }
    signed_in.post(f"/ikuti/studi-kasus/{case_study.slug}/berhenti/")
    assert [f.indicator for f in Follow.objects.filter(user=person)] == [indicator]


def test_get_is_refused_and_csrf_is_required(person, case_study):
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)
    assert client.get("/ikuti/wilayah/32.05/").status_code == 405
    assert client.post("/ikuti/wilayah/32.05/").status_code == 403
    assert not Follow.objects.exists()


def test_anonymous_is_sent_to_sign_in_and_back_to_the_page(client):
    response = client.post("/ikuti/wilayah/32.05/", {"next": "/wilayah/32.05/"})
    assert response.status_code == 302
    assert "/akun/login/" in response["Location"]
    assert "next=/wilayah/32.05/" in response["Location"]
    assert not Follow.objects.exists()


def test_an_offsite_next_is_ignored(signed_in):
    response = signed_in.post(
        "/ikuti/wilayah/32.05/", {"next": "https://jahat.example/"}
    )
    assert response["Location"] == "/wilayah/32.05/"


@pytest.mark.parametrize(
    "path",
    [
        "/ikuti/wilayah/99.99/",
        "/ikuti/indikator/9999/",
        "/ikuti/indikator/abc/",
        "/ikuti/indikator/%C2%B2/",
        "/ikuti/planet/32.05/",
        "/ikuti/studi-kasus/tidak-ada/",
    ],
)
def test_unknown_targets_are_404_and_change_nothing(signed_in, path):
    assert signed_in.post(path).status_code == 404
    assert not Follow.objects.exists()


def test_a_restricted_case_study_cannot_be_followed(signed_in, case_study):
    PageViewRestriction.objects.create(
        page=case_study, restriction_type=PageViewRestriction.LOGIN
    )
    assert signed_in.post(f"/ikuti/studi-kasus/{case_study.slug}/").status_code == 404
    assert not Follow.objects.exists()


def test_inactive_accounts_may_not_follow(client, person):
    client.force_login(person)
    person.is_active = False
    person.save()
    response = client.post("/ikuti/wilayah/32.05/")
    assert response.status_code in (302, 403)
    assert not Follow.objects.exists()


def test_a_follow_names_exactly_one_thing(person):
    garut = Region.objects.get(code="32.05")
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=person)
    Follow.objects.create(user=person, region=garut)
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=person, region=garut)


def test_buttons_on_the_pages_and_the_list_on_the_account_page(signed_in, case_study):
    html = signed_in.get("/wilayah/32.05/").content.decode()
    assert 'action="/ikuti/wilayah/32.05/"' in html
    html = signed_in.get(case_study.url).content.decode()
    assert f'action="/ikuti/studi-kasus/{case_study.slug}/"' in html
    assert "csrfmiddlewaretoken" in html
    account = signed_in.get("/akun/").content.decode()
    assert "Yang saya ikuti" in account
    assert "Anda belum mengikuti apa pun." in account
    signed_in.post("/ikuti/wilayah/32.05/")
    account = signed_in.get("/akun/").content.decode()
    assert "Kabupaten Garut" in account
    assert 'action="/ikuti/wilayah/32.05/berhenti/"' in account
    html = signed_in.get("/wilayah/32.05/").content.decode()
    assert 'action="/ikuti/wilayah/32.05/berhenti/"' in html


def test_anonymous_visitors_see_the_button_too(client):
    html = client.get("/wilayah/32.05/").content.decode()
    assert 'action="/ikuti/wilayah/32.05/"' in html
