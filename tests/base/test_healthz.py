import pytest

pytestmark = pytest.mark.django_db


def test_healthz_with_the_database_fallback(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"]["ok"] is True
    assert data["search"] == {
        "backend": "database",
        "ok": True,
        "configured": "database",
    }


def test_healthz_when_elasticsearch_does_not_answer(client, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    settings.ELASTICSEARCH_TIMEOUT = 0.5
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "degraded"
    assert data["search"]["configured"] == "elasticsearch"
    assert data["search"]["backend"] == "database"
    assert data["search"]["ok"] is False


@pytest.mark.elasticsearch
def test_healthz_with_elasticsearch(client, settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    data = client.get("/healthz").json()
    assert data["status"] == "ok"
    assert data["search"]["backend"] == "elasticsearch"
    assert data["search"]["version"].startswith("8.19.")


# Details only for this machine or a token (issue 12, finding 10).

OUTSIDE = "203.0.113.9"


def test_outsiders_see_the_status_only(client):
    response = client.get("/healthz", REMOTE_ADDR=OUTSIDE)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_a_proxy_on_this_machine_does_not_make_visitors_local(client):
    # nginx on 127.0.0.1 not listed in TRUSTED_PROXIES: the request is not
    # local although its peer is.
    response = client.get(
        "/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OUTSIDE
    )
    assert response.json() == {"status": "ok"}


def test_behind_a_trusted_proxy_the_visitor_is_not_local(client, settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    response = client.get(
        "/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=OUTSIDE
    )
    assert response.json() == {"status": "ok"}


def test_local_clients_see_the_details(client):
    for address in ("127.0.0.1", "::1"):
        data = client.get("/healthz", REMOTE_ADDR=address).json()
        assert data["database"]["ok"] is True
        assert data["search"]["backend"] == "database"


@pytest.mark.parametrize(
    "how",
    [
        {"HTTP_AUTHORIZATION": "Bearer rahasia-pemantau-123"},
        {"QUERY_STRING": "token=rahasia-pemantau-123"},
    ],
)
def test_the_token_shows_the_details(client, settings, how):
    settings.HEALTHZ_TOKEN = "rahasia-pemantau-123"
    data = client.get("/healthz", REMOTE_ADDR=OUTSIDE, **how).json()
    assert data["database"]["ok"] is True


@pytest.mark.parametrize(
    "how",
    [
        {"HTTP_AUTHORIZATION": "Bearer salah"},
        {"HTTP_AUTHORIZATION": "Basic cmFoYXNpYS1wZW1hbnRhdS0xMjM="},
        {"QUERY_STRING": "token="},
        {},
    ],
)
def test_a_wrong_or_missing_token_shows_nothing(client, settings, how):
    settings.HEALTHZ_TOKEN = "rahasia-pemantau-123"
    data = client.get("/healthz", REMOTE_ADDR=OUTSIDE, **how).json()
    assert data == {"status": "ok"}


def test_an_empty_setting_accepts_no_token(client, settings):
    settings.HEALTHZ_TOKEN = ""
    data = client.get(
        "/healthz", REMOTE_ADDR=OUTSIDE, HTTP_AUTHORIZATION="Bearer "
    ).json()
    assert data == {"status": "ok"}


def test_outsiders_still_get_the_503(client):
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", down)
        response = client.get("/healthz", REMOTE_ADDR=OUTSIDE)
    assert response.status_code == 503
    assert response.json() == {"status": "down"}
