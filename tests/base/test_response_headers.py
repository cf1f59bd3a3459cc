"""Permissions-Policy everywhere; Cache-Control: private when signed in.

Issue 12, finding 10. Both headers were missing on today's main: a page that
names the signed-in person could be stored by a shared cache.
"""

import pytest

from livinglab.base.middleware import PERMISSIONS_POLICY

pytestmark = pytest.mark.django_db


def _cache_control(response):
    return {
        part.strip().split("=")[0]
        for part in response.headers.get("Cache-Control", "").split(",")
        if part.strip()
    }


@pytest.mark.parametrize("path", ["/", "/inovasi/", "/api/v1/regions/", "/healthz"])
def test_permissions_policy_on_every_response(client, path):
    response = client.get(path)
    policy = response.headers["Permissions-Policy"]
    assert policy == PERMISSIONS_POLICY
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_permissions_policy_on_not_found(client):
    response = client.get("/tidak-ada-halaman-ini/")
    assert response.status_code == 404
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.parametrize("path", ["/", "/inovasi/"])
def test_signed_in_pages_are_private(client, team_member, path):
    client.force_login(team_member)
    response = client.get(path)
    assert response.status_code == 200
    assert "private" in _cache_control(response)
    assert "public" not in _cache_control(response)


def test_anonymous_pages_stay_cacheable(client):
    response = client.get("/inovasi/")
    assert "private" not in _cache_control(response)


def test_a_stale_session_cookie_is_not_private(client, settings):
    client.cookies[settings.SESSION_COOKIE_NAME] = "tidak-ada"
    response = client.get("/inovasi/")
    assert "private" not in _cache_control(response)


def test_requests_with_credentials_are_private(client):
    response = client.get("/api/v1/regions/", HTTP_AUTHORIZATION="Bearer xyz")
    assert "private" in _cache_control(response)


def test_stricter_choice_of_a_view_is_kept(client, team_member):
    client.force_login(team_member)
    response = client.get("/healthz")
    cache_control = _cache_control(response)
    assert {"private", "no-store", "no-cache"} <= cache_control
