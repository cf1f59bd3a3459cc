import pytest

pytestmark = pytest.mark.django_db


def test_region_list_is_indonesian_by_default(client):
    response = client.get("/wilayah/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Saring wilayah" in html
    assert "514 wilayah" in html


def test_region_list_in_english(client):
    html = client.get("/en/wilayah/").content.decode()
    assert '<html lang="en">' in html
    assert "514 regions" in html


def test_language_switcher_links_to_the_same_page(client):
    html = client.get("/wilayah/32.11/").content.decode()
    assert 'href="/en/wilayah/32.11/"' in html
    html = client.get("/en/wilayah/32.11/").content.decode()
    assert 'href="/wilayah/32.11/"' in html


def test_region_list_filters_by_province_and_cohort(client):
    response = client.get("/wilayah/", {"province": "32", "cohort": "top_spbe"})
    names = [r.name for r in response.context["page"].object_list]
    assert names == ["Kota Bandung"]
    response = client.get("/wilayah/", {"province": "32", "cohort": "host"})
    names = [r.name for r in response.context["page"].object_list]
    assert names == ["Kabupaten Sumedang"]


def test_bad_filter_values_show_an_error_not_a_500(client):
    response = client.get("/wilayah/", {"province": "zz", "participating": "x"})
    # Bad input: 400 with the form's messages, as on the dashboard and the map.
    assert response.status_code == 400
    assert response.context["form"].errors
    assert 'role="alert"' in response.content.decode()


def test_region_profile_has_chart_and_table(client):
    response = client.get("/wilayah/32.11/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert "<table" in html
    # SVG coordinates must not be localized (Indonesian writes 4,05).
    svg = html[html.index("<svg") : html.index("</svg>")]
    import re

    for coordinate in re.findall(r'(?:x|y|cx|cy)="([^"]*)"', svg):
        assert "," not in coordinate, coordinate
    for row in response.context["history"]:
        assert row["predicate_label"]


def test_region_profile_without_spbe_history(client):
    response = client.get("/wilayah/11.01/")
    assert response.status_code == 200
    assert "Belum ada hasil evaluasi SPBE" in response.content.decode()


def test_undotted_code_redirects_to_the_canonical_url(client):
    response = client.get("/wilayah/3211/")
    assert response.status_code == 301
    assert response["Location"] == "/wilayah/32.11/"


@pytest.mark.parametrize("code", ["99.99", "zz", "32.70"])
def test_unknown_region_page_is_a_friendly_404(client, code):
    response = client.get(f"/wilayah/{code}/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_list_query_count_is_fixed(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/wilayah/")


def test_home_page_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "62 daerah peserta uji coba" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/inovasi/?spbe_indicator=abc",
        "/inovasi/?dimension=99999",
        "/wilayah/?kind=zz",
        "/en/wilayah/?province=zz",
    ],
)
def test_refused_filters_are_400_everywhere(client, url):
    """The library and the regions' list answer a refused filter as the
    dashboard and the map do: 400, the page with its error summary."""
    response = client.get(url)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_good_filters_stay_200(client):
    assert client.get("/inovasi/?q=tte").status_code == 200
    assert client.get("/wilayah/?kind=kabupaten").status_code == 200
