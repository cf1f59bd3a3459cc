"""National applications (issue 19.6): editable data seeded with the
applications Perpres 82/2023 makes the default, linked from case studies as
"integrates with" / "overlaps with", shown on the page and in the API, and
edited in the admin."""

from django.urls import reverse

import pytest

from innovations.factories import InnovationPageFactory
from innovations.models import InnovationPage, NationalApplicationLink
from livinglab.taxonomy.models import NationalApplication

from .test_moderation import _admin_form

pytestmark = pytest.mark.django_db


def _linked(library, relation="overlaps"):
    page = InnovationPageFactory(parent=library, slug="surat-dinas-lokal")
    NationalApplicationLink.objects.create(
        page=page,
        application=NationalApplication.objects.get(code="srikandi"),
        relation=relation,
        reason="Persuratan dinas elektronik, seperti SRIKANDI.",
    )
    return page


def test_the_seed_names_each_application_with_owner_and_legal_basis():
    seeded = {a.code: a for a in NationalApplication.objects.all()}
    for code in ("srikandi", "sipd", "sp4n-lapor", "e-kinerja-bkn", "ikd", "splp"):
        assert code in seeded
        app = seeded[code]
        assert app.owner and app.legal_basis and app.purpose
        assert app.legal_basis in app.source  # every fact names its source
        assert not app.url or app.url.startswith("https://")
    assert "ANRI" in seeded["srikandi"].owner
    assert seeded["sipd"].legal_basis.startswith("Permendagri Nomor 70 Tahun 2019")


def test_the_case_study_page_shows_the_relation_and_reason(client, library):
    page = _linked(library)
    html = client.get(page.url).content.decode()
    assert "Tumpang tindih dengan" in html
    assert "Persuratan dinas elektronik, seperti SRIKANDI." in html
    link = page.national_applications.get()
    link.relation = "integrates"
    link.save()
    html = client.get(page.url).content.decode()
    assert "Terintegrasi dengan" in html and "Tumpang tindih dengan" not in html


def test_a_page_without_links_has_no_section(client, library):
    page = InnovationPageFactory(parent=library, slug="tanpa-tautan")
    assert "Aplikasi nasional" not in client.get(page.url).content.decode()


def test_the_api_detail_gives_the_links(client, library):
    _linked(library)
    data = client.get("/api/v1/innovations/surat-dinas-lokal/").json()
    assert data["national_applications"] == [
        {
            "code": "srikandi",
            "name": "SRIKANDI (Sistem Informasi Kearsipan Dinamis Terintegrasi)",
            "owner": "Arsip Nasional Republik Indonesia (ANRI)",
            "legal_basis": NationalApplication.objects.get(code="srikandi").legal_basis,
            "url": "https://srikandi.arsip.go.id",
            "relation": "overlaps",
            "reason": "Persuratan dinas elektronik, seperti SRIKANDI.",
        }
    ]
    other = InnovationPageFactory(parent=library, slug="tanpa-tautan-api")
    data = client.get(f"/api/v1/innovations/{other.slug}/").json()
    assert data["national_applications"] == []


def test_the_admin_edits_a_link_on_the_case_study(client, library, admin_user):
    from wagtail.test.utils.form_data import inline_formset

    client.force_login(admin_user)
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", library.pk]
    )
    sipd = NationalApplication.objects.get(code="sipd")
    data = _admin_form(
        national_applications=inline_formset(
            [
                {
                    "application": str(sipd.pk),
                    "relation": "integrates",
                    "reason": "Mengirim data anggaran ke SIPD.",
                }
            ]
        ),
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    latest = InnovationPage.objects.get(
        slug="antrean-puskesmas-daring"
    ).get_latest_revision_as_object()
    assert [
        (link.application.code, link.relation, link.reason)
        for link in latest.national_applications.all()
    ] == [("sipd", "integrates", "Mengirim data anggaran ke SIPD.")]


def test_the_admin_refuses_a_link_without_reason(client, library, admin_user):
    from wagtail.test.utils.form_data import inline_formset

    client.force_login(admin_user)
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", library.pk]
    )
    sipd = NationalApplication.objects.get(code="sipd")
    data = _admin_form(
        national_applications=inline_formset(
            [{"application": str(sipd.pk), "relation": "overlaps", "reason": ""}]
        ),
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not InnovationPage.objects.filter(slug="antrean-puskesmas-daring").exists()


def test_the_snippet_admin_edits_an_application(client, admin_user):
    client.force_login(admin_user)
    app = NationalApplication.objects.get(code="splp")
    url = reverse("wagtailsnippets_taxonomy_nationalapplication:edit", args=[app.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "code": "splp",
            "name": app.name,
            "owner": app.owner,
            "purpose": app.purpose,
            "purpose_en": app.purpose_en,
            "url": "http://tidak-aman.example",
            "legal_basis": app.legal_basis,
            "source": app.source,
            "to_be_confirmed": "",
            "sort_order": "6",
        },
    )
    assert response.status_code == 200  # http refused
    app.refresh_from_db()
    assert app.url == ""
    response = client.post(
        url,
        {
            "code": "splp",
            "name": app.name,
            "owner": app.owner,
            "purpose": app.purpose,
            "purpose_en": app.purpose_en,
            "url": "https://splp.example.go.id",
            "legal_basis": app.legal_basis,
            "source": app.source,
            "to_be_confirmed": "",
            "sort_order": "6",
        },
    )
    assert response.status_code == 302
    app.refresh_from_db()
    assert app.url == "https://splp.example.go.id"


def test_the_import_format_round_trips_the_links():
    from innovations.importer import export_innovations, import_innovations

    from .test_import import GOOD

    record = {
        **GOOD,
        "national_applications": [
            {"application": "sipd", "relation": "integrates", "reason": "Ke SIPD."}
        ],
    }
    import_innovations({"innovations": [record]})
    pages = InnovationPage.objects.filter(slug=GOOD["slug"])
    exported = export_innovations(pages)
    assert exported["innovations"][0]["national_applications"] == [
        {"application": "sipd", "relation": "integrates", "reason": "Ke SIPD."}
    ]
    # a record without the key keeps the links
    import_innovations({"innovations": [GOOD]})
    assert export_innovations(pages) == exported


@pytest.mark.parametrize(
    "links, message",
    [
        (
            [{"application": "tidak-ada", "relation": "overlaps", "reason": "x"}],
            "bukan kode aplikasi nasional",
        ),
        ([{"application": "sipd", "relation": "sama", "reason": "x"}], "relation"),
        ([{"application": "sipd", "relation": "overlaps", "reason": ""}], "reason"),
        (
            [{"application": "sipd", "relation": "overlaps", "reason": "x"}] * 2,
            "muncul dua kali",
        ),
    ],
)
def test_the_import_refuses_bad_links_and_saves_nothing(links, message):
    from innovations.importer import import_innovations
    from livinglab.base.imports import ImportFailed

    from .test_import import GOOD

    with pytest.raises(ImportFailed) as excinfo:
        import_innovations({"innovations": [{**GOOD, "national_applications": links}]})
    assert message in str(excinfo.value)
    assert not InnovationPage.objects.filter(slug=GOOD["slug"]).exists()


def test_the_demo_e_kinerja_case_study_overlaps_e_kinerja_bkn():
    link = NationalApplicationLink.objects.get(page__slug="e-kinerja-tpp-sumedang")
    assert (link.application.code, link.relation) == ("e-kinerja-bkn", "overlaps")
    page = InnovationPage.objects.get(slug="e-kinerja-tpp-sumedang")
    latest = page.get_latest_revision_as_object()
    assert [x.application.code for x in latest.national_applications.all()] == [
        "e-kinerja-bkn"
    ]
