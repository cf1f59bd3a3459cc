"""Sign-out only by POST with CSRF, everywhere (issue 12, finding 6)."""

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

import pytest

from .conftest import sign_in

pytestmark = pytest.mark.django_db

LOGOUT_ADDRESSES = ("/akun/logout/", "/en/akun/logout/", "/admin/logout/")


@pytest.fixture
def signed_in(make_user):
    """A browser that enforces CSRF, signed in through allauth's form."""
    make_user("tim@bandungkab.go.id")
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("account_login"))
    token = page.cookies["csrftoken"].value
    response = sign_in(browser, "tim@bandungkab.go.id", csrfmiddlewaretoken=token)
    assert response.status_code == 302
    return browser


def session_key(browser):
    return browser.cookies["sessionid"].value


def still_signed_in(key):
    """Does ``key`` still authenticate (a fresh client presenting only it)?"""
    other = Client()
    other.cookies["sessionid"] = key
    return other.get(reverse("accounts:home")).status_code == 200


@pytest.mark.parametrize("path", LOGOUT_ADDRESSES)
def test_get_never_signs_out(signed_in, path):
    key = session_key(signed_in)
    response = signed_in.get(path)
    assert response.status_code == 200  # a confirmation form, not a sign-out
    assert "csrfmiddlewaretoken" in response.content.decode()
    assert session_key(signed_in) == key
    assert still_signed_in(key)


@pytest.mark.parametrize("path", LOGOUT_ADDRESSES)
def test_post_without_csrf_is_refused(signed_in, path):
    key = session_key(signed_in)
    response = signed_in.post(path)
    assert response.status_code == 403
    assert still_signed_in(key)


@pytest.mark.parametrize("path", LOGOUT_ADDRESSES)
def test_post_with_csrf_ends_the_server_side_session(signed_in, path):
    key = session_key(signed_in)
    assert Session.objects.filter(session_key=key).exists()
    token = signed_in.cookies["csrftoken"].value
    response = signed_in.post(path, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert not still_signed_in(key)


def test_wagtail_sidebar_logout_posts_to_a_view_that_signs_out(admin_client):
    # Wagtail's menu posts to the name it knows; it must reach our view.
    assert reverse("wagtailadmin_logout") == "/admin/logout/"
    response = admin_client.post("/admin/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in admin_client.session
