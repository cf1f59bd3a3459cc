"""Refusals speak the site's language and keep its layout (not Django's bare
English "403 Forbidden")."""

import pytest

pytestmark = pytest.mark.django_db


def test_access_denied_in_indonesian_with_the_site_layout(client, team_member):
    client.force_login(team_member)
    response = client.get("/adopsi/dasbor/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Akses ditolak" in body
    assert "site-header" in body
    assert "<title>Akses ditolak · " in body


def test_access_denied_in_english(client, team_member):
    client.force_login(team_member)
    response = client.get("/en/adopsi/dasbor/")
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()
