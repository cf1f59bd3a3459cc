"""Signing in leads somewhere (issue 16, defect 8).

A role that needs two-factor goes from the sign-in form straight to the TOTP
set-up, without typing the password it just typed a second time, and then
back to the page it was going to; a regency team member lands in the
workspace; the form speaks the site's words.
"""

import time
from urllib.parse import parse_qs, urlsplit

from django.urls import reverse
from django.utils import translation

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.mfa.models import Authenticator
from bs4 import BeautifulSoup

from livinglab.accounts.models import RegionRole

from .conftest import PASSWORD, totp_code

pytestmark = pytest.mark.django_db

WANTED = "/admin/"


def sign_in_to(client, email, next_url=None):
    url = reverse("account_login")
    if next_url:
        url = f"{url}?next={next_url}"
    return client.post(url, {"login": email, "password": PASSWORD})


def label_of(page, field_id):
    soup = BeautifulSoup(page.content.decode(), "html.parser")
    label = soup.find("label", attrs={"for": field_id})
    assert label is not None, field_id
    return label.get_text(" ", strip=True)


@pytest.mark.usefixtures("mfa_required")
def test_moderator_goes_straight_to_set_up_and_then_where_they_were_going(
    client, moderator
):
    response = sign_in_to(client, moderator.email, WANTED)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == reverse("mfa_activate_totp")
    assert parse_qs(location.query)["next"] == [WANTED]
    # No second password prompt: the set-up page itself, with its QR code.
    page = client.get(response["Location"])
    assert page.status_code == 200, page.get("Location")
    assert 'class="account-qr"' in page.content.decode()
    secret = page.context["form"].secret
    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=moderator, type="totp").exists()
    # The recovery codes, then the way on to the page asked for.
    codes = client.get(done["Location"])
    assert codes.status_code == 200
    soup = BeautifulSoup(codes.content.decode(), "html.parser")
    assert soup.find("a", href=WANTED) is not None
    assert client.get(WANTED).status_code == 200


@pytest.mark.usefixtures("mfa_required")
def test_moderator_without_next_is_sent_to_set_up_too(client, moderator):
    response = sign_in_to(client, moderator.email)
    location = urlsplit(response["Location"])
    assert location.path == reverse("mfa_activate_totp")
    assert parse_qs(location.query)["next"] == [reverse("accounts:home")]


@pytest.mark.usefixtures("mfa_required")
def test_the_password_is_asked_again_once_the_sign_in_is_old(client, moderator):
    sign_in_to(client, moderator.email)
    session = client.session
    records = session[AUTHENTICATION_METHODS_SESSION_KEY]
    for record in records:
        record["at"] = time.time() - 3600
    session[AUTHENTICATION_METHODS_SESSION_KEY] = records
    session.save()
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))


def test_team_member_lands_in_the_workspace(client, make_user, sumedang):
    user = make_user("tim@sumedangkab.go.id")
    RegionRole.objects.create(user=user, region=sumedang, role=RegionRole.Role.MEMBER)
    response = sign_in_to(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("adoptions:workspace") == "/adopsi/"
    # An explicit next still wins.
    client.logout()
    response = sign_in_to(client, user.email, "/inovasi/")
    assert response["Location"] == "/inovasi/"


def test_others_land_on_their_account(client, make_user):
    user = make_user("warga@bandungkab.go.id")
    assert sign_in_to(client, user.email)["Location"] == reverse("accounts:home")


@pytest.mark.parametrize(
    ("language", "email", "password"),
    [("id", "Alamat email", "Kata sandi"), ("en", "Email address", "Password")],
)
def test_sign_in_labels_use_the_sites_words(client, language, email, password):
    with translation.override(language):
        url = reverse("account_login")
    page = client.get(url)
    assert page.status_code == 200
    assert label_of(page, "id_login") == email
    assert label_of(page, "id_password") == password
