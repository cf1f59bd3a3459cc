"""The public page of an SPBE indicator (issue 18.3): name, aspect and
domain, weight with its source, the published case studies that lift it,
its Atom feed and the follow button; the case-study page links to it."""

from django.urls import reverse
from django.utils import translation

import pytest

from innovations.models import InnovationPage
from livinglab.notifications.models import Follow
from livinglab.taxonomy.models import SpbeAspect, SpbeFramework, SpbeIndicator

JDIH = 44  # PermenPANRB 59/2020: Layanan JDIH, aspect 8, weight 3.00


@pytest.fixture
def jdih(db):
    return SpbeIndicator.objects.current().get(number=JDIH)


def _main(html):
    return html[html.index("<main") : html.index("</main>")]


def test_the_page_shows_the_indicator_with_its_weight_and_source(client, jdih):
    response = client.get(reverse("spbe:indicator", args=[JDIH]))
    assert response.status_code == 200
    html = response.content.decode()
    main = _main(html)
    assert (
        "<h1>44. Layanan Jaringan Dokumentasi dan Informasi Hukum (JDIH)</h1>" in main
    )
    assert "8. Layanan Publik Berbasis Elektronik" in main  # aspect
    assert "4. Layanan SPBE" in main  # domain
    assert "3,00% dari indeks SPBE" in main
    assert "Peraturan Menteri PANRB Nomor 59 Tahun 2020" in main  # the source
    feed = reverse("notifications:feed-indicator", args=[JDIH])
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Indikator SPBE '
        in html
    )
    assert f'href="{feed}"' in html


def test_the_page_lists_the_published_case_studies_that_lift_it(client, jdih):
    tagged = InnovationPage.objects.published().filter(spbe_indicators=jdih)
    assert tagged.exists()
    main = _main(client.get(reverse("spbe:indicator", args=[JDIH])).content.decode())
    for page in tagged:
        assert f'href="{page.url}"' in main
        assert 'class="card case-study-card"' in main
    # Unpublished: gone from the page.
    first = tagged.first()
    first.unpublish()
    main = _main(client.get(reverse("spbe:indicator", args=[JDIH])).content.decode())
    assert f'href="{first.url}"' not in main or first.url is None
    assert first.title not in main


def test_an_indicator_with_no_case_study_says_so(client, db):
    unused = (
        SpbeIndicator.objects.current()
        .exclude(pk__in=InnovationPage.objects.values("spbe_indicators"))
        .order_by("number")
        .first()
    )
    main = _main(
        client.get(reverse("spbe:indicator", args=[unused.number])).content.decode()
    )
    assert "Belum ada studi kasus terbit yang menaikkan indikator ini." in main


def test_only_the_active_framework(client, db):
    assert client.get(reverse("spbe:indicator", args=[999])).status_code == 404
    draft = SpbeFramework.objects.filter(status="draft").first()
    aspect = SpbeAspect.objects.filter(framework=draft).first()
    SpbeIndicator.objects.create(
        framework=draft, aspect=aspect, number=321, name="Indikator rancangan"
    )
    assert client.get(reverse("spbe:indicator", args=[321])).status_code == 404


def test_anyone_signed_in_follows_from_the_page(client, team_member, jdih):
    url = reverse("spbe:indicator", args=[JDIH])
    follow = reverse("follows:follow", args=["indikator", str(JDIH)])
    # Anonymous: the button is there, the POST asks to sign in first.
    html = client.get(url).content.decode()
    assert f'action="{follow}"' in html
    response = client.post(follow, {"next": url})
    assert response.status_code == 302 and "next=" in response["Location"]

    client.force_login(team_member)
    html = client.get(url).content.decode()
    form_at = html.index(f'action="{follow}"')
    assert "csrfmiddlewaretoken" in html[form_at : html.index("</form>", form_at)]
    response = client.post(follow, {"next": url})
    assert response.status_code == 302 and response["Location"] == url
    assert Follow.objects.filter(user=team_member, indicator=jdih).exists()
    html = client.get(url).content.decode()
    assert reverse("follows:unfollow", args=["indikator", str(JDIH)]) in html


def test_the_case_study_page_links_its_indicators(client, jdih):
    page = InnovationPage.objects.published().filter(spbe_indicators=jdih).first()
    html = client.get(page.url).content.decode()
    assert f'href="{reverse("spbe:indicator", args=[JDIH])}"' in html


def test_the_english_page(client, jdih):
    with translation.override("en"):
        url = reverse("spbe:indicator", args=[JDIH])
    assert url == "/en/spbe/indikator/44/"
    main = _main(client.get(url).content.decode())
    assert "3.00% of the SPBE index" in main
    assert "Case studies that lift this indicator" in main
