import re

from django.core import mail
from django.urls import reverse

import pytest
from allauth.account.models import EmailAddress

from livinglab.accounts.models import AuditEvent

from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db


def link_in(message):
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


def test_login_with_email_and_password(client, make_user):
    user = make_user("tim@bandungkab.go.id")
    response = sign_in(client, "tim@bandungkab.go.id")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:home")
    assert client.get(reverse("accounts:home")).context["user"] == user
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN)
    assert event.actor == user
    assert event.ip_address == "127.0.0.1"


def test_login_email_is_case_insensitive(client, make_user):
    make_user("tim@bandungkab.go.id")
    assert sign_in(client, "Tim@BandungKab.go.id").status_code == 302


def test_wrong_password_is_refused_and_audited(client, make_user):
    make_user("tim@bandungkab.go.id")
    response = sign_in(client, "tim@bandungkab.go.id", password="salah")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not response.wsgi_request.user.is_authenticated
    assert "_auth_user_id" not in client.session
    event = AuditEvent.objects.get(action=AuditEvent.Action.LOGIN_FAILED)
    assert event.subject == "tim@bandungkab.go.id"
    assert event.actor is None
    assert "salah" not in str(event.detail)


def test_failed_logins_are_rate_limited(client, make_user):
    make_user("tim@bandungkab.go.id")
    for _ in range(5):
        sign_in(client, "tim@bandungkab.go.id", password="salah")
    # Even the right password is refused once the address is locked.
    response = sign_in(client, "tim@bandungkab.go.id")
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session


def test_login_page_uses_the_site_layout(client):
    response = client.get(reverse("account_login"))
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "livinglab/site.css" in html
    assert 'class="account-form"' in html
    # No self-service signup is advertised.
    assert reverse("account_signup") not in html


def test_english_login_page(client):
    response = client.get("/en/akun/login/")
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()


def test_logout_needs_post(client, make_user):
    make_user("tim@bandungkab.go.id")
    sign_in(client, "tim@bandungkab.go.id")
    # GET shows a confirmation form and keeps the session.
    response = client.get(reverse("account_logout"))
    assert response.status_code == 200
    assert "_auth_user_id" in client.session
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGOUT).exists()


def test_header_shows_logout_form_with_csrf(client, make_user):
    make_user("tim@bandungkab.go.id")
    sign_in(client, "tim@bandungkab.go.id")
    html = client.get(reverse("accounts:home")).content.decode()
    nav = html[html.index('class="account-links"') :]
    nav = nav[: nav.index("</nav>")]
    assert f'method="post" action="{reverse("account_logout")}"' in nav
    assert "csrfmiddlewaretoken" in nav


def test_header_shows_login_link_to_anonymous(client):
    html = client.get(reverse("regions:list")).content.decode()
    assert reverse("account_login") in html


def test_unverified_address_must_be_verified_by_email(client, make_user):
    user = make_user("baru@bandungkab.go.id", verified=False)
    response = sign_in(client, "baru@bandungkab.go.id")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mail.outbox) == 1
    confirm = link_in(mail.outbox[0])
    assert client.get(confirm).status_code == 200
    client.post(confirm)
    assert EmailAddress.objects.get(user=user).verified
    assert sign_in(client, "baru@bandungkab.go.id")["Location"] == reverse(
        "accounts:home"
    )


def test_password_reset_through_the_emailed_link(client, make_user):
    user = make_user("lupa@bandungkab.go.id")
    response = client.post(
        reverse("account_reset_password"), {"email": "lupa@bandungkab.go.id"}
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = link_in(mail.outbox[0])
    response = client.get(link)
    assert response.status_code == 302  # allauth hides the key from the URL
    form_url = response["Location"]
    new_password = "sandi-baru-yang-panjang-77"
    response = client.post(
        form_url, {"password1": new_password, "password2": new_password}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new_password)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.PASSWORD_CHANGED, actor=user
    ).exists()
    client.logout()
    assert (
        sign_in(client, "lupa@bandungkab.go.id", password=PASSWORD).status_code == 200
    )
    response = sign_in(client, "lupa@bandungkab.go.id", password=new_password)
    assert response["Location"] == reverse("accounts:home")
    # The emailed link works once.
    client.logout()
    response = client.get(link, follow=True)
    assert response.context["token_fail"]


def test_password_reset_does_not_reveal_unknown_addresses(client):
    response = client.post(
        reverse("account_reset_password"), {"email": "tidak-ada@example.test"}
    )
    assert response.status_code == 302
