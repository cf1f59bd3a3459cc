"""Region pages lead to the region's innovations (issue 16, defect 9): the
case studies it hosts and those it replicates, with their stage."""

import pytest

from innovations.models import InnovationPage
from livinglab.adoptions.models import Adoption

pytestmark = pytest.mark.django_db


def test_a_host_region_lists_its_published_case_studies(client, sumedang):
    hosted = list(InnovationPage.objects.published().filter(host_region=sumedang))
    assert hosted, "demo data: Sumedang hosts case studies"
    html = client.get("/wilayah/32.11/").content.decode()
    assert "Inovasi yang dimiliki wilayah ini" in html
    for page in hosted:
        assert f'href="{page.url}"' in html
        assert page.title in html


def test_an_unpublished_case_study_is_not_listed(client, sumedang):
    page = InnovationPage.objects.published().filter(host_region=sumedang).first()
    page.unpublish()
    html = client.get("/wilayah/32.11/").content.decode()
    assert f'href="{page.url}"' not in html


def test_a_replicating_region_lists_what_it_replicates_with_the_stage(client):
    adoptions = list(
        Adoption.objects.filter(region__code="51.03").select_related("innovation")
    )
    assert adoptions, "demo data: Badung replicates innovations"
    html = client.get("/wilayah/51.03/").content.decode()
    assert "Inovasi yang direplikasi wilayah ini" in html
    for adoption in adoptions:
        assert f'href="{adoption.innovation.url}"' in html
        assert f"stage-{adoption.stage}" in html


def test_a_region_without_innovations_says_so(client):
    html = client.get("/en/wilayah/11.01/").content.decode()
    assert "This region hosts no published case study." in html
    assert "This region has not taken up any innovation yet." in html


def test_region_page_query_count(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        assert client.get("/wilayah/32.11/").status_code == 200
