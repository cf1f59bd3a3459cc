import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        email="admin@example.test", password="x"
    )
    client.force_login(user)
    return client


def test_wagtail_admin_speaks_indonesian_by_default(admin_client):
    html = admin_client.get("/admin/").content.decode()
    assert re.search(r'<html[^>]*lang="id"', html)
    assert "Wilayah" in html  # our menu, translated
    assert "Halaman" in html  # Wagtail's own catalogue (id_ID) is found for "id"


def test_the_register_menu_lists_regions_in_the_admin(admin_client):
    html = admin_client.get("/admin/snippets/regions/region/").content.decode()
    assert "Kabupaten Aceh Selatan" in html  # 11.01, first by code
