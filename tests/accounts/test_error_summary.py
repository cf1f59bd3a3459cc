"""Every account form that comes back with a problem starts with the error
summary (issue 16, defect 10): allauth's forms (through
templates/allauth/elements/) and ours. The same check for the adoption
forms and the token page is in tests/adoptions/test_forms.py."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone, translation

import pytest
from bs4 import BeautifulSoup

from livinglab.accounts.models import Invitation

from ..error_summary import assert_error_summary, field_errors_beside
from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def login(client, request):
    return client.post(
        reverse("account_login"), {"login": "siapa@contoh.test", "password": "x"}
    )


def password_reset(client, request):
    return client.post(reverse("account_reset_password"), {"email": "bukan-email"})


def password_change(client, request):
    user = request.getfixturevalue("make_user")("ganti@bandungkab.go.id")
    sign_in(client, user.email)
    return client.post(
        reverse("account_change_password"),
        {"oldpassword": "salah", "password1": "a", "password2": "b"},
    )


def email_change(client, request):
    user = request.getfixturevalue("make_user")("pindah@bandungkab.go.id")
    sign_in(client, user.email)
    return client.post(
        reverse("account_email"), {"action_add": "", "email": "bukan-email"}
    )


def totp_activation(client, request):
    user = request.getfixturevalue("make_user")("aman@bandungkab.go.id")
    sign_in(client, user.email)
    client.get(reverse("mfa_activate_totp"))
    return client.post(reverse("mfa_activate_totp"), {"code": "000000"})


def signup(client, request):
    region = request.getfixturevalue("sumedang")
    invitation = Invitation.objects.create(
        email="baru@sumedangkab.go.id",
        region=region,
        role="member",
        expires_at=timezone.now() + timedelta(days=7),
    )
    client.get(f"/akun/undangan/terima/{invitation.token}/")
    return client.post(
        reverse("account_signup"),
        {"first_name": "", "password1": PASSWORD, "password2": "lain"},
    )


def invitation(client, request):
    client.force_login(request.getfixturevalue("coordinator"))
    return client.post(
        reverse("accounts:invitations"), {"email": "bukan-email", "role": "member"}
    )


FORMS = [
    login,
    password_reset,
    password_change,
    email_change,
    totp_activation,
    signup,
    invitation,
]


@pytest.mark.parametrize("post", FORMS, ids=[f.__name__ for f in FORMS])
def test_an_invalid_form_starts_with_the_error_summary(client, request, post):
    response = post(client, request)
    assert response.status_code in (200, 400), response.get("Location")
    links = assert_error_summary(response)
    # Each field error is also drawn beside its field.
    form = response.context["form"]
    for name, errors in form.errors.items():
        if name == "__all__" or form[name].is_hidden:
            continue
        target = form[name].id_for_label or form[name].auto_id
        assert target in {target_id for _text, target_id in links}
        beside = " ".join(field_errors_beside(response, target))
        for error in errors:
            assert error in beside


def test_the_summary_speaks_english_on_english_pages(client):
    with translation.override("en"):
        url = reverse("account_reset_password")
    response = client.post(url, {"email": "not-an-email"})
    assert_error_summary(response, language="en")


def test_a_valid_page_has_no_summary(client):
    page = client.get(reverse("account_login"))
    assert b"error-summary" not in page.content


def test_invitation_form_has_no_dashes_and_explains_the_roles(client, coordinator):
    client.force_login(coordinator)
    page = client.get(reverse("accounts:invitations"))
    html = page.content.decode()
    assert "---------" not in html
    assert "Pilih wilayah" in html
    # The roles' help is a list drawn by the field component, inside the hint
    # the role field points at (no HTML built in Python).
    soup = BeautifulSoup(html, "html.parser")
    role = soup.find(id="id_role")
    hint = soup.find(id=role["aria-describedby"].split()[0])
    assert hint is not None
    assert hint.select("dl.help-items dt")
