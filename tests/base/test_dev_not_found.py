"""``make run`` (DEBUG on) answers a mistyped address with the site's 404
page, not Django's technical page listing every URL pattern (issue 16.12)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def dev_settings(settings):
    from livinglab.settings import dev

    settings.DEBUG = True
    settings.MIDDLEWARE = dev.MIDDLEWARE
    settings.SHOW_DEBUG_404 = False
    return settings


@pytest.mark.parametrize("path", ["/tidak-ada/", "/inovasi/tidak-ada/", "/en/nope/"])
def test_a_mistyped_address_shows_the_site_page(client, dev_settings, path):
    response = client.get(path)
    body = response.content.decode()
    assert response.status_code == 404
    assert "URLconf" not in body and "Django tried these URL patterns" not in body
    assert "<footer" in body  # the site's layout, not Django's


def test_the_api_keeps_its_json_404(client, dev_settings):
    response = client.get("/api/v1/tidak-ada/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_django_page_on_request(client, dev_settings):
    dev_settings.SHOW_DEBUG_404 = True
    assert "URLconf" in client.get("/tidak-ada/").content.decode()
