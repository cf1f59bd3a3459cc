"""Browsers ask for /favicon.ico on every page: it must not be a 404."""

from django.contrib.staticfiles import finders

import pytest

pytestmark = pytest.mark.django_db


def test_favicon_points_to_a_served_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].endswith("/livinglab/favicon.ico")
    path = finders.find("livinglab/favicon.ico")
    assert path, "the icon is not among the static files"
    with open(path, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file


def test_pages_link_the_icon(client):
    assert b'rel="icon"' in client.get("/").content
