"""Issue 20: every list a person reads shows case studies in their language.

With the demo data, Semarang hosts a translated case study (complaints,
fixtures/translations_en.yaml) and an untranslated one (licensing). At
``/en/`` each list shows the English title of the first and the Indonesian
title of the second inside an element with ``lang="id"``; at ``/`` both are
Indonesian with no ``lang`` attribute; each case study is listed once (an
English translation is a page of its own, never a second case study); and a
list costs the same number of queries however many case studies have a
translation (``livinglab.base.translation.show_in``).
"""

import re

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

import pytest

from innovations.models import InnovationPage
from livinglab.accounts.models import RegionRole
from livinglab.adoptions import sections
from livinglab.adoptions.models import Adoption
from livinglab.base.translation import translate_page
from livinglab.competitions.exports import host_case_studies
from livinglab.regions.models import Region
from livinglab.taxonomy.models import SpbeIndicator
from tests.roles import PASSWORD, make_user

SEMARANG = "33.74"
TRANSLATED = "pengaduan-terpadu-semarang"  # English in the demo data
UNTRANSLATED = "perizinan-terpadu-semarang"


def _original(slug):
    return InnovationPage.objects.originals().get(slug=slug)


@pytest.fixture
def translated(db):
    page = _original(TRANSLATED)
    english = page.get_translation(_english_locale())
    assert english.live, "the demo data publishes this translation"
    return page, english.specific


@pytest.fixture
def untranslated(db):
    page = _original(UNTRANSLATED)
    assert page.get_translation_or_none(_english_locale()) is None or not (
        page.get_translation(_english_locale()).live
    )
    return page


def _english_locale():
    from wagtail.models import Locale

    return Locale.objects.get(language_code="en")


def _html(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def _main(html):
    """The page's own content (the language switcher names "Bahasa
    Indonesia" with ``lang="id"`` on every page)."""
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def _shown_in_indonesian(html, title):
    """``title`` inside an element whose ``lang`` is ``id`` (the element
    itself or its link)."""
    title = re.escape(escape(title))
    return re.search(rf'lang="id"[^>]*>\s*(<a [^>]*>)?\s*(<span>)?{title}<', html)


def assert_english_view(html, translated, untranslated):
    original, english = translated
    assert escape(english.title) in html
    assert escape(original.title) not in html
    assert _shown_in_indonesian(html, untranslated.title), untranslated.title
    assert not _shown_in_indonesian(html, english.title)


def assert_indonesian_view(html, translated, untranslated):
    original, english = translated
    assert escape(original.title) in html
    assert escape(untranslated.title) in html
    assert escape(english.title) not in html
    assert 'lang="id"' not in _main(html)


def _shared_indicator(*pages):
    numbers = None
    for page in pages:
        mine = set(page.spbe_indicators.values_list("number", flat=True))
        numbers = mine if numbers is None else numbers & mine
    current = SpbeIndicator.objects.current().filter(number__in=numbers or ())
    number = current.order_by("number").values_list("number", flat=True).first()
    assert number is not None, "the two demo case studies share an SPBE indicator"
    return number


def test_region_page(client, translated, untranslated):
    path = f"/wilayah/{SEMARANG}/"
    english = _html(client, f"/en{path}")
    assert_english_view(english, translated, untranslated)
    # listed once (one card), however many pages carry its text
    assert english.count(escape(translated[1].title)) == 1
    assert_indonesian_view(_html(client, path), translated, untranslated)


def test_comparison(client, translated, untranslated):
    query = f"/inovasi/banding/?slug={TRANSLATED}&slug={UNTRANSLATED}"
    english = _html(client, f"/en{query}")
    assert_english_view(english, translated, untranslated)
    assert english.count(f">{escape(translated[1].title)}</a>") == 1
    assert_indonesian_view(_html(client, query), translated, untranslated)


def test_indicator_page(client, translated, untranslated):
    number = _shared_indicator(translated[0], untranslated)
    path = f"/spbe/indikator/{number}/"
    english = _html(client, f"/en{path}")
    assert_english_view(english, translated, untranslated)
    assert english.count(f">{escape(translated[1].title)}</a>") == 1
    assert_indonesian_view(_html(client, path), translated, untranslated)


def test_map_offers_and_names_case_studies_in_english(client, translated, untranslated):
    english = _html(client, f"/en/peta/?innovation={TRANSLATED}")
    title = escape(translated[1].title)
    assert f'<option value="{TRANSLATED}" selected>{title}</option>' in english
    assert english.count(f'<option value="{TRANSLATED}"') == 1
    assert f'<option value="{UNTRANSLATED}">{escape(untranslated.title)}</option>' in (
        english
    )
    assert "Map: who replicates “" + title in english
    indonesian = _html(client, f"/peta/?innovation={TRANSLATED}")
    assert escape(translated[0].title) in indonesian
    assert title not in indonesian


def test_home_page_lists(client, translated, untranslated):
    listed = [
        *sections.latest_case_studies(None),
        *sections.most_replicated_case_studies(None),
    ]
    english_titles = {
        page.translation_key: page.title
        for page in InnovationPage.objects.live().filter(locale__language_code="en")
    }
    assert any(p.translation_key in english_titles for p in listed)
    assert any(p.translation_key not in english_titles for p in listed)
    english = _html(client, "/en/")
    indonesian = _html(client, "/")
    for page in listed:
        if page.translation_key in english_titles:
            assert escape(english_titles[page.translation_key]) in english
            assert escape(english_titles[page.translation_key]) not in indonesian
        else:
            assert _shown_in_indonesian(english, page.title), page.slug
        assert escape(page.title) in indonesian
    assert 'lang="id"' not in _main(indonesian)


def test_host_view_lists_each_case_study_once(client, translated, untranslated):
    host = make_user(
        get_user_model(),
        "penerbit@semarangkota.go.id",
        region=Region.objects.get(code=SEMARANG),
        role=RegionRole.Role.HOST_PUBLISHER,
    )
    client.login(email=host.email, password=PASSWORD)
    english = _html(client, "/en/adopsi/tuan-rumah/")
    assert english.count(f"<h2><span>{escape(translated[1].title)}</span>") == 1
    assert f'<h2><span lang="id">{escape(untranslated.title)}</span>' in english
    indonesian = _html(client, "/adopsi/tuan-rumah/")
    assert indonesian.count(f"<h2><span>{escape(translated[0].title)}</span>") == 1


def test_region_workspace_names_its_adoptions_in_english(client, translated):
    adoption = Adoption.objects.filter(innovation=translated[0]).first()
    assert adoption is not None
    member = make_user(
        get_user_model(),
        "tim@contoh.go.id",
        region=adoption.region,
        role=RegionRole.Role.MEMBER,
    )
    client.login(email=member.email, password=PASSWORD)
    path = f"/adopsi/wilayah/{adoption.region.code}/"
    assert escape(translated[1].title) in _html(client, f"/en{path}")
    assert escape(translated[0].title) in _html(client, path)


def test_competition_exports_count_each_case_study_once(translated):
    region = Region.objects.get(code=SEMARANG)
    slugs = [page.slug for page in host_case_studies(region)]
    assert slugs.count(TRANSLATED) == 1
    assert len(slugs) == len(set(slugs))


def test_adoption_form_offers_each_case_study_once(translated):
    from livinglab.adoptions.forms import InterestForm

    form = InterestForm(region=Region.objects.get(code="32.05"), user=None)
    slugs = [page.slug for page in form.fields["innovation"].queryset]
    assert slugs.count(TRANSLATED) == 1


def _queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "path",
    [
        "/en/",
        f"/en/wilayah/{SEMARANG}/",
        f"/en/inovasi/banding/?slug={TRANSLATED}&slug={UNTRANSLATED}",
        "/en/peta/",
    ],
)
def test_queries_do_not_grow_with_translations(client, translated, untranslated, path):
    client.get(path)  # warm the per-process caches (locales, site)
    before = _queries(client, path)
    translate_page(untranslated, {"title": "Integrated licensing"}, publish=True)
    more = InnovationPage.objects.published().exclude(slug__in=[TRANSLATED])
    for page in more.filter(host_region__code=SEMARANG)[:2]:
        translate_page(page, {"title": f"English {page.slug}"}, publish=True)
    assert _queries(client, path) == before
