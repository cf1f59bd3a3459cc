"""Pages that lead somewhere (issue 16, defect 9): the home page's case
studies, "how to join" and open data; the footer's links and the pages they
open; the case study's call to action near the top."""

from django.core.management import call_command
from django.db.models import Count, Q

import pytest

from innovations.models import InnovationPage
from livinglab.adoptions.models import REPLICATING

pytestmark = pytest.mark.django_db

INFO_PAGES = ("/tentang/", "/kontak/", "/aksesibilitas/", "/privasi/")


def test_home_shows_the_latest_case_studies(client):
    latest = InnovationPage.objects.published().order_by(
        "-first_published_at", "title"
    )[:6]
    html = client.get("/").content.decode()
    assert "Studi kasus terbaru" in html
    for page in latest:
        assert f'href="{page.url}"' in html


def test_home_shows_the_most_replicated_case_studies(client):
    top = (
        InnovationPage.objects.published()
        .annotate(n=Count("adoptions", filter=Q(adoptions__stage__in=REPLICATING)))
        .filter(n__gt=0)
        .order_by("-n", "title")
        .first()
    )
    assert top is not None, "demo data has replications"
    html = client.get("/").content.decode()
    section = html[html.index('id="replicated-heading"') :]
    assert f'href="{top.url}"' in section
    assert f"direplikasi oleh {top.n} wilayah" in section


def test_home_leads_to_open_data_joining_and_has_autocomplete(client):
    html = client.get("/").content.decode()
    assert 'href="/data-terbuka/"' in html
    assert "Cara bergabung" in html
    assert 'href="/akun/login/"' in html
    assert 'data-suggest-url="/api/v1/search/suggest/"' in html
    assert "livinglab/autocomplete" in html
    assert "<script>" not in html  # CSP: no inline script


def test_home_query_count(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_footer_links_to_api_docs_open_data_and_info_pages(client, prefix):
    html = client.get(f"{prefix}/wilayah/").content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'href="/api/docs/"' in footer
    assert 'href="/api/v1/regions/"' not in footer
    assert f'href="{prefix}/data-terbuka/"' in footer
    for path in INFO_PAGES:
        assert f'href="{prefix}{path}"' in footer


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", INFO_PAGES)
def test_info_pages_answer_in_both_languages(client, settings, prefix, path):
    settings.CONTACT_EMAIL = "tim@livinglab.example"
    response = client.get(f"{prefix}{path}")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{prefix.strip("/") or "id"}">' in html
    if path != "/tentang/":
        assert "tim@livinglab.example" in html


def test_info_pages_say_who_runs_it_and_what_is_kept(client):
    about = client.get("/tentang/").content.decode()
    for name in ("Kemendagri", "KemenPAN-RB", "Kabupaten Sumedang"):
        assert name in about
    assert "(WCAG) 2.1" in client.get("/aksesibilitas/").content.decode()
    privacy = client.get("/en/privasi/").content.decode()
    assert "IP address" in privacy
    assert "no tracking" in privacy
    assert "Log audit keamanan" in client.get("/privasi/").content.decode()


def test_load_initial_data_publishes_the_open_data(client, settings, tmp_path):
    settings.OPEN_DATA_DIR = tmp_path / "open-data"
    assert "inovasi.csv" not in client.get("/data-terbuka/").content.decode()
    call_command("load_initial_data", verbosity=0)
    html = client.get("/data-terbuka/").content.decode()
    assert 'href="/data-terbuka/inovasi.csv"' in html
    assert client.get("/data-terbuka/inovasi.csv").status_code == 200


def test_case_study_offers_sign_in_to_register_interest_near_the_top(
    client, sumedang_innovation
):
    url = sumedang_innovation.url
    html = client.get(url).content.decode()
    link = f'href="/akun/login/?next={url}"'
    assert "Masuk untuk mendaftarkan minat" in html
    assert html.index(link) < html.index('id="readiness-h"')
    # and where contacts are hidden
    people = html[html.index('id="people-h"') :]
    assert link in people


def test_case_study_register_interest_near_the_top_for_a_team(
    client, team_member, sumedang_innovation
):
    from livinglab.adoptions.models import Adoption

    Adoption.objects.filter(
        region__code="32.05", innovation=sumedang_innovation
    ).delete()
    client.force_login(team_member)
    html = client.get(sumedang_innovation.url).content.decode()
    interest = "/adopsi/wilayah/32.05/minat/"
    assert html.index(interest) < html.index('id="readiness-h"')
    assert "Masuk untuk mendaftarkan minat" not in html
