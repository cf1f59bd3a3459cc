"""The API's language (issue 16, newcomer findings): the API has no /en/
prefix, so its error messages follow ``Accept-Language`` (Indonesian when the
header names no language we offer), and ``/en/api/...`` redirects to the one
address of the API and its docs."""

import pytest

pytestmark = pytest.mark.django_db

NOT_FOUND_EN = "There is no such API address. The endpoints are listed at /api/docs/."
NOT_FOUND_ID = "Alamat API tersebut tidak ada. Daftar endpoint tersedia di /api/docs/."


@pytest.mark.parametrize(
    ("header", "message", "language"),
    [
        ("en", NOT_FOUND_EN, "en"),
        ("en-GB,en;q=0.8,id;q=0.5", NOT_FOUND_EN, "en"),
        ("id-ID,id;q=0.9,en;q=0.5", NOT_FOUND_ID, "id"),
        ("fr", NOT_FOUND_ID, "id"),
        ("", NOT_FOUND_ID, "id"),
    ],
)
def test_api_errors_follow_accept_language(client, header, message, language):
    extra = {"HTTP_ACCEPT_LANGUAGE": header} if header else {}
    response = client.get("/api/v1/tidak-ada/", **extra)
    assert response.status_code == 404
    assert response.json()["error"]["message"] == message
    assert response["Content-Language"] == language
    assert "Accept-Language" in response["Vary"]


def test_rest_framework_errors_follow_accept_language(client):
    """A DRF validation message (the views' own and DRF's) in English."""
    english = client.get(
        "/api/v1/regions/32.05/spbe/simulate/?year=abc", HTTP_ACCEPT_LANGUAGE="en"
    ).json()["error"]["message"]
    indonesian = client.get(
        "/api/v1/regions/32.05/spbe/simulate/?year=abc", HTTP_ACCEPT_LANGUAGE="id"
    ).json()["error"]["message"]
    assert english != indonesian
    english_post = client.post(
        "/api/v1/regions/32.05/adoptions/", {}, HTTP_ACCEPT_LANGUAGE="en"
    ).json()["error"]["message"]
    assert "credentials" in english_post.lower() or "token" in english_post.lower()


def test_people_pages_keep_their_language(client):
    """Accept-Language does not switch people's pages: / stays Indonesian."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Content-Language"] == "id"


@pytest.mark.parametrize(
    ("address", "target"),
    [
        ("/en/api/docs/", "/api/docs/"),
        ("/en/api/schema/", "/api/schema/"),
        (
            "/en/api/v1/regions/?participating=true",
            "/api/v1/regions/?participating=true",
        ),
    ],
)
def test_english_prefixed_api_addresses_redirect(client, address, target):
    response = client.get(address)
    assert response.status_code == 302
    assert response["Location"] == target
    assert client.get(target).status_code == 200


def test_lang_parameter_chooses_the_language_and_wins_over_the_header(client):
    """Issue 20: ``?lang=`` first, then Accept-Language, then Indonesian."""
    response = client.get("/api/v1/tidak-ada/?lang=en", HTTP_ACCEPT_LANGUAGE="id")
    assert response.json()["error"]["message"] == NOT_FOUND_EN
    assert response["Content-Language"] == "en"
    response = client.get("/api/v1/tidak-ada/?lang=ID", HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["error"]["message"] == NOT_FOUND_ID
    response = client.get("/api/v1/regions/?lang=en-GB")
    assert response.status_code == 200 and response["Content-Language"] == "en"


def test_unknown_lang_parameter_is_400_in_both_languages(client):
    response = client.get("/api/v1/regions/?lang=xx", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert message.startswith("Bahasa tidak dikenal") and "Unknown language" in message
