"""Two-factor authentication: required of privileged roles, used at login."""

from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

import pytest
from allauth.core import context
from allauth.mfa.models import Authenticator

from livinglab.accounts.models import AuditEvent

from .conftest import PASSWORD, sign_in, totp_code

pytestmark = pytest.mark.django_db


def activate_totp(client):
    # Right after signing in, the set-up opens without asking for the password
    # again (a fresh sign-in counts as a recent authentication; issue 16).
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert 'class="account-qr"' in page.content.decode()  # the QR code, a data: URI
    secret = page.context["form"].secret
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302, page.context["form"].errors
    return secret


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize("who", ["moderator", "superuser", "analyst"])
def test_privileged_user_without_totp_is_sent_to_activation(
    client, request, make_user, who
):
    if who == "analyst":
        user = make_user("analis@kemendagri.go.id")
        user.groups.add(Group.objects.get(name="Kemendagri analysts"))
    else:
        user = request.getfixturevalue(who)
    sign_in(client, user.email)
    for path in ("/admin/", "/adopsi/dasbor/", "/en/adopsi/dasbor/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert reverse("mfa_activate_totp") in response["Location"]
    # The API, writes and reads alike, is refused in JSON.
    for response in (
        client.post("/api/v1/regions/", {}),
        client.get("/api/v1/regions/"),
    ):
        assert response.status_code == 403
        error = response.json()["error"]
        assert error["status"] == 403
        assert "dua faktor" in error["message"]
    # The account pages stay open (tests/accounts/test_two_factor_everywhere.py
    # has the whole allow-list).
    assert client.get(reverse("accounts:home")).status_code == 200
    assert client.get(reverse("mfa_index")).status_code == 200


@pytest.mark.usefixtures("mfa_required")
def test_message_explains_the_redirect(client, moderator):
    sign_in(client, moderator.email)
    response = client.get("/admin/", follow=True)
    assert "autentikasi dua faktor" in response.content.decode()


@pytest.mark.usefixtures("mfa_required")
def test_regular_user_is_not_forced(client, make_user):
    user = make_user("biasa@bandungkab.go.id")
    sign_in(client, user.email)
    response = client.get("/admin/")
    # Not privileged: Wagtail's own answer (no admin access), not the TOTP page.
    assert response.get("Location", "") != reverse("mfa_activate_totp")


@pytest.mark.usefixtures("mfa_required")
def test_activate_totp_then_login_requires_the_code(
    client, superuser, django_capture_on_commit_callbacks, rf
):
    sign_in(client, superuser.email)
    # allauth signals the change (audited) and mails the owner on commit, which
    # the test transaction postpones: run those callbacks as within the request.
    with django_capture_on_commit_callbacks() as callbacks:
        secret = activate_totp(client)
    with context.request_context(rf.get("/")):
        for callback in callbacks:
            callback()
    assert len(mail.outbox) == 1  # the owner is told by email
    assert Authenticator.objects.filter(
        user=superuser, type=Authenticator.Type.TOTP
    ).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.MFA_CHANGED,
        actor=superuser,
        detail__change="activated",
    ).exists()
    # Now the admin opens.
    assert client.get("/admin/").status_code == 200

    client.post(reverse("account_logout"))
    response = sign_in(client, superuser.email)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith(reverse("account_login"))

    response = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(superuser.pk)
    assert client.get("/admin/").status_code == 200


def test_wrong_activation_code_is_refused(client, make_user):
    user = make_user("hati2@bandungkab.go.id")
    sign_in(client, user.email)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "123456"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Authenticator.objects.filter(user=user).exists()


def test_totp_is_available_to_everyone(client, make_user):
    user = make_user("siapa@bandungkab.go.id")
    sign_in(client, user.email)
    activate_totp(client)
    assert Authenticator.objects.filter(user=user, type="totp").exists()


def test_admin_login_form_is_replaced_by_allauth(client):
    response = client.get("/admin/login/?next=/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=/admin/pages/"
    # And an unsafe next is dropped.
    response = client.get("/admin/login/?next=https://evil.example/")
    assert "evil" not in response["Location"]


def test_admin_sends_anonymous_to_allauth_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_wagtails_own_sign_in_form_cannot_skip_two_factor(client, moderator, prefix):
    """Wagtail's front-end sign-in (``/_util/login/``, Django's LoginView)
    signed a moderator with an authenticator in with the password alone
    (re-check finding): it now sends to allauth's sign-in, which asks for
    the code; so do pages with a sign-in restriction."""
    from wagtail.models import Page, PageViewRestriction

    Authenticator.objects.create(
        user=moderator,
        type=Authenticator.Type.TOTP,
        data={"secret": "JBSWY3DPEHPK3PXP"},
    )
    response = client.post(
        f"{prefix}/_util/login/?next=/admin/",
        {"username": moderator.email, "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302
    page = Page.objects.get(depth=2, locale__language_code="id").get_children().first()
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    restricted = client.get(page.url)
    assert restricted.status_code == 302
    assert restricted["Location"].startswith(reverse("account_login"))
