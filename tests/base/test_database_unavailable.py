"""A database that is down answers 503 + Retry-After, never a 500
(livinglab.base.middleware.DatabaseUnavailableMiddleware)."""

import logging

from django.db import InterfaceError, OperationalError
from django.db.backends.utils import CursorWrapper
from django.test import Client, RequestFactory

import pytest

from livinglab.base.middleware import unavailable_response

DOWN = OperationalError(
    'connection failed: connection to server at "127.0.0.1", port 5432 '
    "failed: Connection refused\n\tIs the server running on that host?"
)


def _raise(exc):
    def raiser(*args, **kwargs):
        raise exc

    return raiser


@pytest.fixture
def search_raises(monkeypatch):
    """The search service (called by /cari/ and /api/v1/search/) raises."""

    def set_exception(exc):
        monkeypatch.setattr("search.views.service.search", _raise(exc))

    return set_exception


def _warnings(caplog):
    return [
        r
        for r in caplog.records
        if r.name == "livinglab.base.middleware" and r.levelno == logging.WARNING
    ]


@pytest.mark.django_db
def test_api_answers_503_json_with_retry_after(client, search_raises, caplog):
    search_raises(DOWN)
    response = client.get("/api/v1/search/?q=antrean")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    error = response.json()["error"]
    assert error["status"] == 503
    assert error["detail"] is None
    assert "coba lagi" in error["message"]
    (warning,) = _warnings(caplog)
    assert not [r for r in caplog.records if r.name == "django.request"]
    message = warning.getMessage()
    assert "GET /api/v1/search/" in message
    assert "OperationalError" in message
    assert "\n" not in message  # one line, not the driver's two
    assert warning.exc_info is None  # a warning, not a traceback


@pytest.mark.django_db
def test_interface_error_too(client, search_raises):
    search_raises(InterfaceError("connection already closed"))
    response = client.get("/api/v1/search/?q=antrean")
    assert response.status_code == 503


@pytest.mark.django_db
def test_pages_answer_503_html_in_indonesian_then_english(client, search_raises):
    search_raises(DOWN)
    response = client.get("/cari/?q=antrean")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert html.index("Layanan sementara tidak tersedia") < html.index(
        "Service temporarily unavailable"
    )
    assert "10 detik" in html and "10 seconds" in html


@pytest.mark.django_db
def test_every_query_failing_on_a_wagtail_page(client):
    """Closer to the real outage: every query of the home page fails."""
    client.get("/")  # warm caches that would otherwise query outside the patch
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(CursorWrapper, "execute", _raise(DOWN))
        patch.setattr(CursorWrapper, "executemany", _raise(DOWN))
        response = client.get("/")
        api = client.post(
            "/api/v1/adoptions/1/events/",
            {"to_stage": "pelatihan"},
            content_type="application/json",
            HTTP_AUTHORIZATION="Bearer ll_not-checked-because-the-database-is-down",
        )
    assert response.status_code == 503
    assert b"Layanan sementara tidak tersedia" in response.content
    assert api.status_code == 503
    assert api.json()["error"]["status"] == 503


def test_the_page_renders_without_the_database():
    """No context processor runs (this test may not touch the database:
    pytest-django would fail it)."""
    response = unavailable_response(RequestFactory().get("/wilayah/32.11/"))
    assert response.status_code == 503
    assert b"Layanan sementara tidak tersedia" in response.content


@pytest.mark.django_db
def test_other_exceptions_are_not_swallowed(search_raises):
    search_raises(RuntimeError("a bug, not an outage"))
    with pytest.raises(RuntimeError):
        Client().get("/api/v1/search/?q=antrean")
    response = Client(raise_request_exception=False).get("/cari/?q=antrean")
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.django_db
def test_other_database_errors_stay_500(search_raises):
    """An IntegrityError or a bad query is a bug, not an outage."""
    from django.db import IntegrityError, ProgrammingError

    for exc in (IntegrityError("duplicate key"), ProgrammingError("syntax error")):
        search_raises(exc)
        response = Client(raise_request_exception=False).get("/api/v1/search/?q=x")
        assert response.status_code == 500


class FailingMiddleware:
    """Stands for a middleware that reads the session while the database is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/cari/"):
            raise DOWN
        return self.get_response(request)


@pytest.mark.django_db
def test_a_database_error_in_another_middleware_becomes_503(settings, caplog):
    middleware = list(settings.MIDDLEWARE)
    after = middleware.index("django.contrib.sessions.middleware.SessionMiddleware")
    middleware.insert(after + 1, f"{__name__}.FailingMiddleware")
    settings.MIDDLEWARE = middleware
    response = Client(raise_request_exception=False).get("/cari/?q=antrean")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert len(_warnings(caplog)) == 1
