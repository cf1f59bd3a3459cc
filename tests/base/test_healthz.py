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
