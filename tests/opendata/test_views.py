from django.urls import reverse

import pytest

from livinglab.opendata import export


@pytest.fixture
def published(db):
    return export.publish()


def test_nothing_exported_yet_is_a_friendly_page(client, db):
    response = client.get("/data-terbuka/")
    assert response.status_code == 200
    assert "belum diekspor" in response.content.decode()
    assert client.get("/data-terbuka/inovasi.csv").status_code == 404


def test_page_lists_the_published_files(client, published):
    response = client.get(reverse("opendata:index"))
    assert response.status_code == 200
    page = response.content.decode()
    for written in published.files:
        assert reverse("opendata:download", args=[written.name]) in page
    assert "https://creativecommons.org/licenses/by/4.0/" in page
    assert "belum diekspor" not in page
    assert "<script" not in page
    assert client.get("/en/data-terbuka/").status_code == 200


def test_downloads_serve_the_files(client, published):
    directory = published.directory
    for name in export.FILES:
        response = client.get(reverse("opendata:download", args=[name]))
        assert response.status_code == 200, name
        assert b"".join(response.streaming_content) == (directory / name).read_bytes()
        assert name in response["Content-Disposition"]
    response = client.get(reverse("opendata:download", args=["wilayah.csv"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    response.close()


@pytest.mark.parametrize(
    "name",
    [
        "rahasia.csv",
        "..",
        "..%2F..%2Fsettings.py",
        "%2Fetc%2Fpasswd",
        ".open-data.tmp-x",
        "inovasi.csv%00",
    ],
)
def test_unknown_names_are_not_found(client, published, name):
    assert client.get(f"/data-terbuka/{name}").status_code == 404


def test_post_is_refused(client, published):
    assert client.post("/data-terbuka/inovasi.csv").status_code == 405
