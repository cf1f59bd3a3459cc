"""One pagination component for every paged list (issue 16, item 11):
numbered links with gaps, ``aria-current`` on the page shown, the other
query parameters kept, plain links (no JavaScript)."""

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.core.paginator import Paginator
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

import pytest

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _nav(html):
    navs = re.findall(r'<nav class="pagination".*?</nav>', html, re.S)
    assert navs, "no pagination"
    return navs


def _links(nav):
    return [
        (href.replace("&amp;", "&"), attrs, text.strip())
        for href, attrs, text in re.findall(
            r'<a href="([^"]*)"([^>]*)>(.*?)</a>', nav, re.S
        )
    ]


def _render(query, number, count=200, per_page=10, **options):
    request = RequestFactory().get("/daftar/", query)
    page = Paginator(range(count), per_page).get_page(number)
    args = " ".join(f'{key}="{value}"' for key, value in options.items())
    template = Template(f"{{% load pagination_tags %}}{{% pagination page {args} %}}")
    return template.render(Context({"request": request, "page": page}))


def test_numbers_gaps_current_and_neighbours():
    html = _render({"q": "tte", "page": "10"}, 10)
    (nav,) = _nav(html)
    links = _links(nav)
    numbers = [text for _href, _attrs, text in links if text.isdigit()]
    assert numbers == ["1", "8", "9", "10", "11", "12", "20"]
    assert nav.count("…") == 2
    current = [attrs for _href, attrs, text in links if text == "10"][0]
    assert 'aria-current="page"' in current
    assert nav.count("aria-current") == 1
    assert 'rel="prev"' in nav and 'rel="next"' in nav


def test_links_keep_the_other_parameters():
    html = _render({"q": "tte", "province": "32", "page": "3"}, 3)
    for href, _attrs, text in _links(_nav(html)[0]):
        query = parse_qs(urlsplit(href).query)
        assert query["q"] == ["tte"] and query["province"] == ["32"], href
        if text == "1":
            assert "page" not in query  # page 1 has one address
        elif text.isdigit():
            assert query["page"] == [text]


def test_own_parameter_and_fragment_leave_the_others_alone():
    html = _render(
        {"rows": "2", "cols": "3"}, 3, param="cols", fragment="matrix-heading"
    )
    for href, _attrs, _text in _links(_nav(html)[0]):
        assert href.endswith("#matrix-heading")
        assert parse_qs(urlsplit(href).query)["rows"] == ["2"]


def test_single_page_renders_nothing():
    assert "pagination" not in _render({}, 1, count=5)


def test_no_template_builds_its_own_pagination():
    """Every paged list goes through components/pagination.html."""
    own = [
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if path.relative_to(TEMPLATES).as_posix() != "components/pagination.html"
        and re.search(
            r'next_page_number|previous_page_number|has_next|rel="(?:next|prev)"',
            path.read_text(),
        )
    ]
    assert own == []


@pytest.mark.django_db
def test_region_list_pages_by_number(client):
    url = reverse("regions:list")
    html = client.get(url, {"kind": "kabupaten", "page": "4"}).content.decode()
    (nav,) = _nav(html)
    links = _links(nav)
    current = [(href, text) for href, attrs, text in links if "aria-current" in attrs]
    assert [text for _href, text in current] == ["4"]
    numbers = [text for _href, _attrs, text in links if text.isdigit()]
    assert {"1", "3", "5"} <= set(numbers)
    for href, _attrs, _text in links:
        assert parse_qs(urlsplit(href).query)["kind"] == ["kabupaten"]
    # The linked page answers with that page marked current, without JS.
    href = next(h for h, _a, text in links if text == "5")
    html = client.get(url + href).content.decode()
    assert re.search(r'aria-current="page"[^>]*>5<', html)


@pytest.mark.django_db
def test_library_uses_the_component(client):
    from innovations.models import InnovationIndexPage, InnovationPage

    index = InnovationIndexPage.objects.live().first()
    if InnovationPage.objects.live().descendant_of(index).count() <= 12:
        pytest.skip("the demonstration library fits on one page")
    html = client.get(index.url, {"page": "2"}).content.decode()
    (nav,) = _nav(html)
    assert 'aria-current="page"' in nav


@pytest.mark.django_db
def test_search_uses_the_component(client):
    html = client.get(reverse("search:page"), {"page": "2"}).content.decode()
    if "pagination" not in html:
        pytest.skip("the demonstration results fit on one page")
    (nav,) = _nav(html)
    current = [text for _h, attrs, text in _links(nav) if "aria-current" in attrs]
    assert current == ["2"]
