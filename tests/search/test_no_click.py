"""Searches that found something but got no click (issue 14, part 6).

Result links go through ``/cari/klik/<slug>/?s=<token>``: the token is
signed and short-lived and names the search (its words, its week, a random
number), nothing about who searched. The view counts one click per search in
that week's QueryWeek row and answers 302 to the case study's own address,
read from SearchDocument: no open redirect, no JavaScript needed. Moderators
see "no click" beside "without results", with the same "add as synonym".
"""

import re
from html import unescape
from urllib.parse import unquote

from django.core import signing

import pytest

from search import vocabulary
from search.models import QueryWeek, SearchDocument

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _database_backend(settings):
    settings.ELASTICSEARCH_URL = ""


def result_links(response):
    html = response.content.decode()
    list_html = html.split('class="result-list"', 1)[1].split("</ol>", 1)[0]
    return [unescape(h) for h in re.findall(r'<h3><a href="([^"]+)"', list_html)]


def test_result_links_go_through_the_click_counter(client, corpus):
    links = result_links(client.get("/cari/", {"q": "antrean puskesmas"}))
    assert links
    for link in links:
        assert re.fullmatch(r"/cari/klik/[\w-]+/\?s=[\w%.\-]+", link), link
    # one token per search, shared by its links
    assert len({link.split("?s=")[1] for link in links}) == 1


def test_a_click_counts_once_per_search_and_redirects(client, corpus):
    links = result_links(client.get("/cari/", {"q": "antrean puskesmas"}))
    row = QueryWeek.objects.get(query="antrean puskesmas")
    assert (row.searches, row.zero_results, row.clicked, row.no_click) == (1, 0, 0, 1)

    response = client.get(links[0])
    assert response.status_code == 302
    slug = links[0].split("/")[3]
    assert response["Location"] == SearchDocument.objects.get(slug=slug).url
    assert "no-cache" in response["Cache-Control"]
    row.refresh_from_db()
    assert (row.clicked, row.no_click) == (1, 0)

    # back, another result of the same search: still one search with a click
    client.get(links[-1])
    row.refresh_from_db()
    assert row.clicked == 1

    # a second search of the same words without a click: one no-click
    client.get("/cari/", {"q": "antrean puskesmas"})
    row.refresh_from_db()
    assert (row.searches, row.clicked, row.no_click) == (2, 1, 1)


def test_a_click_is_one_cheap_write(client, corpus, django_assert_max_num_queries):
    links = result_links(client.get("/cari/", {"q": "antrean puskesmas"}))
    # the case study's address, one UPDATE (sessions and users untouched)
    with django_assert_max_num_queries(2):
        assert client.get(links[0]).status_code == 302


def test_forged_expired_or_missing_tokens_count_nothing_but_still_lead_on(
    client, corpus, monkeypatch
):
    links = result_links(client.get("/cari/", {"q": "antrean puskesmas"}))
    path, token = links[0].split("?s=")
    forged = signing.dumps(
        {"q": "antrean puskesmas", "w": "2026-11-23", "n": "x"}, salt="other"
    )
    for query in ("", "?s=", "?s=tidak-sah", f"?s={forged}", f"?s={token[:-2]}zz"):
        response = client.get(path + query)
        assert response.status_code == 302
    monkeypatch.setattr(vocabulary, "CLICK_MAX_AGE", -1)  # every token has expired
    assert client.get(links[0]).status_code == 302
    assert QueryWeek.objects.get(query="antrean puskesmas").clicked == 0


def test_the_token_names_the_search_not_the_searcher(client, corpus):
    links = result_links(
        client.get("/cari/", {"q": "Antrean  PUSKESMAS"}, REMOTE_ADDR="203.0.113.9")
    )
    token = unquote(links[0].split("?s=")[1])
    data = signing.loads(token, salt=vocabulary.CLICK_SALT)
    assert set(data) == {"q", "w", "n"}
    assert data["q"] == "antrean puskesmas"
    assert "203.0.113.9" not in str(data)
    assert "203.0.113.9" not in str(list(QueryWeek.objects.values()))


def test_no_open_redirect(client, corpus):
    assert client.get("/cari/klik/tidak-ada/").status_code == 404
    for i, url in enumerate(
        ["https://evil.example/x", "//evil.example/x", "/\\evil.example", ""]
    ):
        SearchDocument.objects.filter(slug="uji-pasar-umkm").update(
            slug=f"jahat-{i}", url=url
        )
        assert client.get(f"/cari/klik/jahat-{i}/").status_code == 404
        SearchDocument.objects.filter(slug=f"jahat-{i}").update(slug="uji-pasar-umkm")


def test_queries_not_recorded_get_plain_links(client, corpus):
    long_query = " ".join(["xylofon"] * (vocabulary.MAX_RECORDED_WORDS + 1))
    links = result_links(client.get("/cari/", {"q": long_query}))
    assert links and all(link.startswith("/inovasi/") for link in links)


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="noclick-admin@example.test", password="x"
    )
    client.force_login(user)
    return client


def test_moderators_see_no_click_beside_zero_results(admin_client, corpus):
    admin_client.get("/cari/", {"q": "antrean puskesmas"})
    admin_client.get("/cari/", {"q": "antrean puskesmas"})
    links = result_links(admin_client.get("/cari/", {"q": "antrean puskesmas"}))
    admin_client.get(links[0])
    row = QueryWeek.objects.get(query="antrean puskesmas")
    assert (row.searches, row.clicked, row.no_click) == (3, 1, 2)
    listing = admin_client.get("/admin/snippets/search/queryweek/").content.decode()

    def text(html):
        return re.sub(r"<[^>]+>|\s+", " ", html).strip().lower()

    labels = [text(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", listing, re.S)]
    zero = next(i for i, label in enumerate(labels) if "tanpa hasil" in label)
    assert "tanpa klik" in labels[zero + 1], labels  # beside "without results"
    row_html = next(
        tr
        for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", listing, re.S)
        if "antrean puskesmas" in tr
    )
    cells = [text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.S)]
    at = cells.index("antrean puskesmas")
    # searches, without results, no click, then the action
    assert cells[at + 1 : at + 4] == ["3", "0", "2"]
    assert "/admin/snippets/search/synonymset/add/?phrases=antrean+puskesmas" in (
        row_html
    )


def test_an_english_click_lands_on_the_english_case_study(client, corpus):
    """A result link of /en/cari/ led to the Indonesian page (a newcomer's
    finding): the redirect keeps the language of the search."""
    page = next(iter(corpus.values()))
    response = client.get(f"/en/cari/klik/{page.slug}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/")
    assert client.get(f"/cari/klik/{page.slug}/")["Location"].startswith("/inovasi/")
