"""Compare 2-4 case studies (issue 19.2, livinglab/adoptions/compare.py), all
through the Django test client, i.e. without JavaScript: bounds, drafts and
restricted pages refused alike, the weighted gain only for a signed-in team
member with a region (the simulator's own figure), and the comparison basket
(POST + CSRF, at most four)."""

import re
from decimal import Decimal
from pathlib import Path

from django.test import Client
from django.urls import reverse

from wagtail.models import PageViewRestriction

import pytest

from innovations.models import InnovationIndexPage, InnovationPage
from livinglab.adoptions.compare import MAX_COMPARED, SESSION_KEY
from livinglab.adoptions.models import Adoption, AdoptionFigure
from livinglab.adoptions.simulator import simulate
from livinglab.regions.models import SpbeIndicatorScore
from livinglab.taxonomy.models import SpbeIndicator

pytestmark = pytest.mark.django_db

URL = "/inovasi/banding/"
BASKET = "/inovasi/banding/keranjang/"
A, B, C, D, E = (
    "tte-sumedang",
    "jdih-terintegrasi-sumedang",
    "lapak-umkm-banyuwangi",
    "perizinan-terpadu-semarang",
    "antrean-puskesmas-banyuwangi",
)


def _q(*slugs):
    return URL + "?" + "&".join(f"slug={s}" for s in slugs)


def _title(slug):
    return InnovationPage.objects.originals().get(slug=slug).title


def _row(html, name):
    match = re.search(rf'<tr data-row="{name}">(.*?)</tr>', html, re.S)
    return match.group(1) if match else None


def test_the_urls():
    assert reverse("compare") == URL
    assert reverse("compare-basket") == BASKET


def test_two_case_studies_side_by_side(client):
    page = InnovationPage.objects.originals().get(slug=A)
    InnovationPage.objects.filter(pk=page.pk).update(cost=Decimal("250000000"))
    response = client.get(_q(A, B))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bandingkan studi kasus" in html
    assert _title(A) in html and _title(B) in html
    for row in (
        "cost",
        "time",
        "peer-cost",
        "maturity",
        "readiness",
        "licence",
        "technology",
        "spbe",
        "adopters",
        "results",
    ):
        assert _row(html, row) is not None, row
    assert "Rp 250.000.000" in _row(html, "cost")
    assert page.get_maturity_display() in _row(html, "maturity")
    readiness = page.readiness
    assert f"{readiness.met} dari {readiness.total}" in _row(html, "readiness")
    for link in page.source_code_links.all():
        assert link.license in _row(html, "licence")
    for indicator in page.spbe_indicators.all():
        assert f"{indicator.number}. " in _row(html, "spbe")
    # the print stylesheet and the table in its scroll container, first column sticky
    assert 'media="print"' in html and "compare-print.css" in html
    assert "data-table-scroll" in html and "sticky-first" in html
    assert "<script" not in html.split('id="compare-table"')[1].split("</table>")[0]


def test_adopters_and_their_confirmed_results(client, adoption, sumedang_innovation):
    AdoptionFigure.objects.create(
        adoption=adoption,
        measure="Waktu layanan",
        unit="hari",
        before=Decimal("21"),
        after=Decimal("3"),
        confirmed_at="2026-06-01T00:00:00Z",
    )
    AdoptionFigure.objects.create(
        adoption=adoption, measure="Belum dikonfirmasi", before=1, after=2
    )
    other = InnovationPage.objects.published().exclude(pk=sumedang_innovation.pk)[0]
    html = client.get(_q(sumedang_innovation.slug, other.slug)).content.decode()
    assert "Kabupaten Garut" in _row(html, "adopters") or "Garut" in _row(
        html, "adopters"
    )
    results = _row(html, "results")
    assert "Waktu layanan" in results and "21 → 3 hari" in results
    assert "Belum dikonfirmasi" not in results


@pytest.mark.parametrize(
    "query",
    [
        _q(A),
        _q(A, B, C, D, E),
        _q(A, A),  # the same case study twice is one
    ],
)
def test_bounds_are_a_400_with_a_message(client, query):
    response = client.get(query)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih 2 sampai 4 studi kasus untuk dibandingkan" in html
    assert "compare-table" not in html
    assert "<title>" in html and 'class="site-header"' in html  # the site's page


def test_four_is_the_most(client):
    assert client.get(_q(A, B, C, D)).status_code == 200


def test_unknown_draft_and_restricted_are_refused_alike(client):
    draft = InnovationPage.objects.originals().get(slug=C)
    draft_title = draft.title
    draft.unpublish()
    restricted = InnovationPage.objects.originals().get(slug=D)
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.LOGIN
    )
    answers = {}
    for slug in ("tidak-ada-sama-sekali", C, D):
        response = client.get(_q(A, slug))
        assert response.status_code == 400, slug
        html = response.content.decode()
        assert f"Tidak ada studi kasus terbit dengan alamat {slug}." in html
        assert draft_title not in html and restricted.title not in html
        answers[slug] = html.replace(slug, "SLUG")
    # the same page whatever the reason (no telling a draft from nothing)
    assert len(set(answers.values())) == 1


def test_nasty_slugs_are_a_400_not_a_500(client):
    for slug in ("x" * 5000, "<script>alert(1)</script>", "\x00", "a\x00b", "a b"):
        response = client.get(URL, {"slug": [A, slug]})
        assert response.status_code == 400
        assert "<script>alert(1)" not in response.content.decode()


def test_post_to_the_page_is_refused(client):
    assert client.post(_q(A, B)).status_code == 405


def _levels(region, year, levels, default=3):
    SpbeIndicatorScore.objects.filter(region=region).delete()
    SpbeIndicatorScore.objects.bulk_create(
        SpbeIndicatorScore(
            region=region, year=year, indicator=i, level=levels.get(i.number, default)
        )
        for i in SpbeIndicator.objects.current()
    )


def test_gain_only_for_a_signed_in_team_member(client, garut, team_member, analyst):
    _levels(garut, 2024, {15: 1, 26: 2, 44: 1})
    anonymous = client.get(_q(A, B)).content.decode()
    assert _row(anonymous, "gain") is None
    assert "Masuk sebagai anggota tim daerah" in anonymous

    client.force_login(analyst)  # may see levels, but has no region of its own
    assert _row(client.get(_q(A, B)).content.decode(), "gain") is None

    client.force_login(team_member)
    html = client.get(_q(A, B)).content.decode()
    gain = _row(html, "gain")
    assert gain is not None and "Kabupaten Garut" in gain and "2024" in gain
    pages = [InnovationPage.objects.originals().get(slug=s) for s in (A, B)]
    expected = {
        lift.innovation.slug: lift.gain for lift in simulate(garut, 2024, pages).lifts
    }
    assert expected[B] > 0  # JDIH lifts 15, 26 and 44
    cells = re.findall(r'<td class="num">\+([0-9,]+)', gain)
    assert cells == [f"{expected[s]:.2f}".replace(".", ",") for s in (A, B)]


def test_a_team_without_complete_levels_is_told_why(client, garut, team_member):
    SpbeIndicatorScore.objects.filter(region=garut).delete()
    client.force_login(team_member)
    html = client.get(_q(A, B)).content.decode()
    assert _row(html, "gain") is None
    assert "Tidak ada kenaikan SPBE terbobot untuk Kabupaten Garut" in html


# The comparison basket


def test_add_compare_and_remove_without_javascript(client):
    response = client.post(BASKET, {"action": "add", "slug": A, "next": "/inovasi/"})
    assert response.status_code == 302 and response["Location"] == "/inovasi/"
    client.post(BASKET, {"action": "add", "slug": B})
    assert client.session[SESSION_KEY] == [A, B]
    html = client.get(URL).content.decode()  # no ?slug=: the basket
    assert _title(A) in html and _title(B) in html
    assert "Hapus" in html  # each column can leave the basket

    response = client.post(BASKET, {"action": "remove", "slug": A})
    assert response.status_code == 302 and response["Location"] == URL
    assert client.session[SESSION_KEY] == [B]
    assert client.get(URL).status_code == 400  # one left: too few


def test_the_basket_holds_four(client):
    for slug in (A, B, C, D):
        client.post(BASKET, {"action": "add", "slug": slug})
    response = client.post(BASKET, {"action": "add", "slug": E}, follow=True)
    assert client.session[SESSION_KEY] == [A, B, C, D]
    assert "paling banyak 4 studi kasus" in response.content.decode()
    assert len(client.session[SESSION_KEY]) == MAX_COMPARED
    client.post(BASKET, {"action": "add", "slug": A})  # again: no duplicate
    assert client.session[SESSION_KEY] == [A, B, C, D]


def test_the_basket_refuses_drafts_and_bad_actions(client):
    draft = InnovationPage.objects.originals().get(slug=C)
    draft.unpublish()
    for data in (
        {"action": "add", "slug": C},
        {"action": "add", "slug": "tidak-ada"},
        {"action": "add"},
        {"action": "hapus-semua", "slug": A},
    ):
        response = client.post(BASKET, data)
        assert response.status_code == 400, data
        assert draft.title not in response.content.decode()
    assert client.session.get(SESSION_KEY, []) == []


def test_the_basket_needs_post_and_csrf():
    client = Client(enforce_csrf_checks=True)
    assert client.get(BASKET).status_code == 405
    assert client.post(BASKET, {"action": "add", "slug": A}).status_code == 403
    assert SESSION_KEY not in client.session


def test_next_never_leaves_the_site(client):
    for target in ("https://jahat.example/", "//jahat.example/", "javascript:alert(1)"):
        response = client.post(BASKET, {"action": "add", "slug": A, "next": target})
        assert response["Location"] == URL


def test_buttons_on_the_library_cards_and_the_case_study(client):
    page = InnovationPage.objects.originals().get(slug=A)
    library = (
        InnovationIndexPage.objects.live()
        .filter(host_region__isnull=True)
        .order_by("path")
        .first()
    )
    html = client.get(library.url).content.decode()
    assert f'action="{BASKET}"' in html
    assert 'name="action" value="add"' in html
    assert "Tambah ke perbandingan" in html

    page_html = client.get(page.url).content.decode()
    assert "Tambah ke perbandingan" in page_html
    client.post(BASKET, {"action": "add", "slug": A})
    client.post(BASKET, {"action": "add", "slug": B})
    page_html = client.get(page.url).content.decode()
    assert "Hapus dari perbandingan" in page_html
    assert f'href="{URL}"' in page_html and "Bandingkan (2)" in page_html


def test_a_restricted_case_study_offers_no_comparison(client, team_member):
    page = InnovationPage.objects.originals().get(slug=A)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    client.force_login(team_member)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tambah ke perbandingan" not in html
    assert 'id="peers-h"' not in html


def test_a_nul_or_markup_in_the_basket_or_region_is_not_a_500(client, team_member):
    for slug in ("\x00", "a\x00b", "<b>x</b>"):
        response = client.post(BASKET, {"action": "add", "slug": slug})
        assert response.status_code == 400
    client.force_login(team_member)
    for region in ("\x00", "<script>", "32.05"):
        response = client.get(URL, {"slug": [A, B], "region": region})
        assert response.status_code == 200


def test_english_at_en(client):
    response = client.get("/en" + _q(A, B))
    assert response.status_code == 200
    assert "Compare case studies" in response.content.decode()
    response = client.get("/en" + _q(A))
    assert response.status_code == 400
    assert "Choose from 2 to 4 case studies" in response.content.decode()


def test_the_print_stylesheet_hides_the_chrome_and_fits_a4_landscape():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("livinglab/compare-print.css")).read_text(encoding="utf-8")
    assert "size: A4 landscape" in css
    for hidden in (".site-header", ".site-footer", "nav", "form"):
        assert hidden in css.split("display: none")[0]
    assert "table-layout: fixed" in css and "overflow: visible" in css


def test_peers_like_the_visitors_region(client, adopt, garut, team_member):
    """Issue 19: "what it will cost and take, as it did for regions like
    theirs": a team member sees the medians of regions of its own kind and
    SPBE band beside the overall ones."""
    from livinglab.regions.models import SpbeScore

    for code, days, cost in [
        ("32.04", 61, 100_000_000),
        ("33.02", 91, 300_000_000),
        ("35.07", 122, 200_000_000),
        ("32.73", 30, 50_000_000),  # a kota
    ]:
        adoption = adopt(
            code,
            A,
            [
                ("minat", days + 40, ""),
                ("kesepakatan", days + 10, ""),
                ("implementasi", 10, ""),
            ],
        )
        Adoption.objects.filter(pk=adoption.pk).update(apbd_cost=Decimal(cost))
    html = client.get(_q(A, B)).content.decode()
    assert _row(html, "similar") is None  # anonymous: no region of its own
    assert "Rp 150.000.000" in _row(html, "peer-cost")  # 4 regions: (100 + 200) / 2

    client.force_login(team_member)
    html = client.get(_q(A, B)).content.decode()
    similar = _row(html, "similar")
    assert "Daerah sejenis Kabupaten Garut" in similar
    # time and cost are labelled (newcomer, session 6)
    assert "<strong>Kabupaten</strong>: waktu 3,0 bulan" in similar
    assert "; biaya APBD Rp 200.000.000" in similar
    assert "Rp 200.000.000 <small>(n = 3 daerah)" in similar
    latest = SpbeScore.objects.filter(region=garut).order_by("-year").first()
    if latest is not None:
        assert "<strong>SPBE " in similar


# Newcomer, session 6


@pytest.mark.parametrize("query", [URL, URL + "?slug="])
def test_nothing_chosen_is_a_friendly_empty_page(client, query):
    response = client.get(query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ada masalah" not in html and "compare-table" not in html
    assert "Belum ada studi kasus yang dipilih" in html
    assert 'href="/inovasi/"' in html  # the library


def test_unknown_slugs_are_named(client):
    response = client.get(URL + "?slug=tidak-ada&slug=%00")
    assert response.status_code == 400
    html = response.content.decode()
    assert "tidak-ada" in html.split("Ada masalah")[1].split("</p>")[0]
    response = client.get(URL, {"slug": [A, "<b>" + "x" * 300]})
    message = response.content.decode().split("Ada masalah")[1].split("</p>")[0]
    assert "&lt;b&gt;xxx" in message and "x" * 100 not in message
    assert "<b>xxx" not in response.content.decode()


def test_library_card_in_the_basket_offers_remove_and_comes_back(client):
    library = (
        InnovationIndexPage.objects.live()
        .filter(host_region__isnull=True)
        .order_by("path")
        .first()
    )
    html = client.get(library.url).content.decode()
    first, second = re.findall(
        r'<li class="card case-study-card" id="card-([-\w]+)"', html
    )[:2]
    assert f'value="{library.url}#card-{first}"' in html
    response = client.post(
        BASKET, {"action": "add", "slug": first, "next": f"{library.url}#card-{first}"}
    )
    assert response["Location"] == f"{library.url}#card-{first}"
    html = client.get(library.url).content.decode()
    card = html.split(f'id="card-{first}"')[1].split("</li>")[0]
    assert "Hapus dari perbandingan" in card and 'value="remove"' in card
    assert "Tambah ke perbandingan" not in card
    other = html.split(f'id="card-{second}"')[1].split("</li>")[0]
    assert "Tambah ke perbandingan" in other


def test_narrow_screens_hint_that_the_table_scrolls(client):
    from django.contrib.staticfiles import finders

    html = client.get(_q(A, B)).content.decode()
    assert "Geser tabel ke samping untuk melihat studi kasus lain" in html
    css = Path(finders.find("livinglab/compare.css")).read_text(encoding="utf-8")
    assert ".compare-scroll-hint" in css
    printed = Path(finders.find("livinglab/compare-print.css")).read_text(
        encoding="utf-8"
    )
    # "not shown" is no larger than the rest in print
    assert ".compare-table .meta" in printed and ".compare-scroll-hint" in printed


def test_case_study_action_buttons_are_hidden_in_print():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("livinglab/site.css")).read_text(encoding="utf-8")
    rules = re.findall(r"@media print \{([^@]*?)\}\s*\}?", css, re.S)
    assert any(".cta" in rule and "a.button" in rule for rule in rules), rules
