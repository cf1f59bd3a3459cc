"""Messages after an action are notification banners that tell their kind
apart (issue 16, defect 3): success no longer looks like a warning. Each
level has its own class, icon and title, and is announced as it should be:
success and information politely (role="status"), warnings and errors at
once (role="alert")."""

from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.test import RequestFactory

import pytest
from bs4 import BeautifulSoup

pytestmark = pytest.mark.django_db

LEVELS = [
    (constants.SUCCESS, "banner-success", "status", "Berhasil"),
    (constants.INFO, "banner-info", "status", "Informasi"),
    (constants.WARNING, "banner-warning", "alert", "Peringatan"),
    (constants.ERROR, "banner-error", "alert", "Kesalahan"),
]


def _with_messages(client, *messages):
    """Put messages where Django's message framework finds them on the next
    request: its signed cookie."""
    storage = CookieStorage(RequestFactory().get("/"))
    client.cookies[CookieStorage.cookie_name] = storage._encode(list(messages))


def test_each_message_level_is_its_own_banner(client):
    _with_messages(
        client, *(Message(level, f"pesan tingkat {level}") for level, *_ in LEVELS)
    )
    response = client.get("/wilayah/")
    assert response.status_code == 200
    banners = BeautifulSoup(response.content, "html.parser").select(".messages .banner")
    assert len(banners) == len(LEVELS)
    for banner, (level, css, role, title) in zip(banners, LEVELS, strict=True):
        assert css in banner["class"]
        assert banner["role"] == role
        assert banner.select_one(".banner-icon[aria-hidden=true]") is not None
        assert banner.select_one(".banner-title").get_text(strip=True) == title
        assert banner.select_one(".banner-text").get_text(strip=True) == (
            f"pesan tingkat {level}"
        )
    # Four kinds, four looks.
    assert len({banner["class"][1] for banner in banners}) == len(LEVELS)


def test_the_banner_component_escapes_its_text(client):
    _with_messages(client, Message(constants.SUCCESS, "<script>alert(1)</script>"))
    content = client.get("/wilayah/").content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
