"""Editing the register in the Wagtail admin."""

from django.urls import reverse

import pytest

from livinglab.regions.models import Region, SpbeScore

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="admin@example.test", password="x"
    )
    client.force_login(user)
    return client


def _region_form(code, name, scores=()):
    data = {
        "code": code,
        "name": name,
        "spbe_scores-TOTAL_FORMS": str(len(scores)),
        "spbe_scores-INITIAL_FORMS": "0",
        "spbe_scores-MIN_NUM_FORMS": "0",
        "spbe_scores-MAX_NUM_FORMS": "1000",
    }
    for i, (year, index) in enumerate(scores):
        data[f"spbe_scores-{i}-year"] = str(year)
        data[f"spbe_scores-{i}-index"] = str(index)
        data[f"spbe_scores-{i}-ORDER"] = str(i)
        data[f"spbe_scores-{i}-DELETE"] = ""
        data[f"spbe_scores-{i}-id"] = ""
    return data


def test_region_snippet_listing(admin_client):
    url = reverse("wagtailsnippets_regions_region:list")
    response = admin_client.get(url, {"q": "Sumedang"})
    assert response.status_code == 200
    assert "Kabupaten Sumedang" in response.content.decode()


def test_edit_region_with_undotted_code_stores_dotted(admin_client):
    region = Region.objects.get(code="32.11")
    url = reverse("wagtailsnippets_regions_region:edit", args=[region.pk])
    response = admin_client.post(
        url, _region_form("3211", "Kabupaten Sumedang", [(2030, "3.75")])
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    region.refresh_from_db()
    assert region.code == "32.11"
    assert SpbeScore.objects.get(region=region, year=2030).index == pytest.approx(3.75)


def test_invalid_code_in_the_admin_is_a_clear_error(admin_client):
    url = reverse("wagtailsnippets_regions_region:add")
    response = admin_client.post(url, _region_form("32.7", "Kota Rusak"))
    assert response.status_code == 200
    assert "bukan kode kabupaten/kota" in response.content.decode()
    assert not Region.objects.filter(name="Kota Rusak").exists()


def test_out_of_range_index_in_the_admin_is_refused(admin_client):
    region = Region.objects.get(code="32.04")
    url = reverse("wagtailsnippets_regions_region:edit", args=[region.pk])
    response = admin_client.post(
        url, _region_form("32.04", region.name, [(2030, "5.5")])
    )
    assert response.status_code == 200
    assert not SpbeScore.objects.filter(region=region, year=2030).exists()


def test_new_region_gets_kind_and_province_from_its_code(admin_client):
    Region.objects.filter(code="32.18").delete()
    url = reverse("wagtailsnippets_regions_region:add")
    response = admin_client.post(url, _region_form("3218", "Kabupaten Pangandaran"))
    assert response.status_code == 302
    region = Region.objects.get(code="32.18")
    assert region.kind == "kabupaten"
    assert region.province.code == "32"


def test_region_in_unknown_province_is_refused(admin_client):
    url = reverse("wagtailsnippets_regions_region:add")
    response = admin_client.post(url, _region_form("99.01", "Kabupaten Khayalan"))
    assert response.status_code == 200
    assert not Region.objects.filter(code="99.01").exists()
