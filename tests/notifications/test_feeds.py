"""Atom feeds (issue 18.4): new case studies, per region, per SPBE indicator
and per case study; never a draft or a view-restricted case study; the
chrome's words follow the language prefix; linked from the pages."""

import datetime
import xml.etree.ElementTree as ET

from wagtail.models import PageViewRestriction

import pytest

from innovations.factories import InnovationPageFactory
from innovations.models import InnovationIndexPage, InnovationPage
from livinglab.adoptions import pipeline
from livinglab.regions.models import Region
from livinglab.taxonomy.models import SpbeIndicator

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SHOWN = "Inovasi Umpan Terbit Kelapa"
DRAFT = "Inovasi Umpan Draf Nangka"
HIDDEN = "Inovasi Umpan Tertutup Salak"


@pytest.fixture
def feed_pages():
    """Three case studies hosted in Sumedang (32.11) tagged with the same
    indicator: one published, one a draft (never published), one published
    under a login restriction. Kota Bandung registers interest in the first
    and in the hidden one."""
    library = InnovationIndexPage.objects.get(
        slug="inovasi", locale__language_code="id"
    )
    indicator = SpbeIndicator.objects.current().order_by("number").first()
    shown = InnovationPageFactory(parent=library, title=SHOWN, slug="umpan-kelapa")
    shown.spbe_indicators.set([indicator])
    shown.save_revision().publish()
    draft = InnovationPageFactory(
        parent=library, title=DRAFT, slug="umpan-nangka", live=False
    )
    draft.spbe_indicators.set([indicator])
    draft.save_revision()
    hidden = InnovationPageFactory(parent=library, title=HIDDEN, slug="umpan-salak")
    hidden.spbe_indicators.set([indicator])
    hidden.save_revision().publish()
    PageViewRestriction.objects.create(
        page=hidden, restriction_type=PageViewRestriction.LOGIN
    )
    adopter = Region.objects.get(code="32.73")
    for page in (shown, hidden):
        pipeline.start_adoption(
            region=adopter, innovation=page, date=datetime.date.today(), actor=None
        )
    return {
        "shown": InnovationPage.objects.get(pk=shown.pk),
        "indicator": indicator,
        "adopter": adopter,
    }


def _feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    titles = [e.findtext(f"{ATOM}title") for e in root.iter(f"{ATOM}entry")]
    return root.findtext(f"{ATOM}title"), titles, response.content.decode()


def test_new_case_studies_never_show_drafts_or_restricted(client, feed_pages):
    title, entries, body = _feed(client, "/umpan/studi-kasus/")
    assert title == "Studi kasus baru · Digital Service Living Lab"
    assert SHOWN in entries
    assert DRAFT not in body
    assert HIDDEN not in body


def test_feeds_speak_the_language_of_their_prefix(client, feed_pages):
    title, _entries, _ = _feed(client, "/en/umpan/studi-kasus/")
    assert title == "New case studies · Digital Service Living Lab"


def test_region_feed_lists_hosted_case_studies_and_adoptions(client, feed_pages):
    _title, entries, body = _feed(client, "/umpan/wilayah/32.11/")
    assert SHOWN in entries
    assert DRAFT not in body and HIDDEN not in body
    _title, entries, body = _feed(client, "/umpan/wilayah/32.73/")
    assert f"{SHOWN}: Minat" in entries
    assert HIDDEN not in body
    assert client.get("/umpan/wilayah/99.99/").status_code == 404


def test_indicator_feed(client, feed_pages):
    number = feed_pages["indicator"].number
    _title, entries, body = _feed(client, f"/umpan/indikator/{number}/")
    assert SHOWN in entries
    # The feed's own link is the indicator's page, not the home page.
    assert f'href="http://testserver/spbe/indikator/{number}/"' in body
    assert DRAFT not in body and HIDDEN not in body
    assert client.get("/umpan/indikator/999/").status_code == 404


def test_case_study_feed_lists_publications_and_new_adopters(client, feed_pages):
    page = feed_pages["shown"]
    page.save_revision().publish()
    _title, entries, _ = _feed(client, "/umpan/studi-kasus/umpan-kelapa/")
    assert f"Terbit: {SHOWN}" in entries
    assert f"Diperbarui: {SHOWN}" in entries
    assert f"Pengadopsi baru: {feed_pages['adopter'].name}" in entries


@pytest.mark.parametrize("slug", ["umpan-nangka", "umpan-salak", "tidak-ada"])
def test_a_draft_or_restricted_case_study_has_no_feed(client, feed_pages, slug):
    assert client.get(f"/umpan/studi-kasus/{slug}/").status_code == 404


def test_pages_link_their_feeds(client, feed_pages):
    page = feed_pages["shown"]
    html = client.get(page.url).content.decode()
    assert 'type="application/atom+xml"' in html
    assert "/umpan/studi-kasus/umpan-kelapa/" in html
    html = client.get("/wilayah/32.11/").content.decode()
    assert "/umpan/wilayah/32.11/" in html
