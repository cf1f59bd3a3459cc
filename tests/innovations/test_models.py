import datetime

from django.core.exceptions import ValidationError

from wagtail.test.utils import WagtailPageTestCase

import pytest

from innovations.factories import (
    InnovationPageFactory,
    SourceCodeLinkFactory,
    SpbeEvidenceFactory,
    TrainingMaterialFactory,
)
from innovations.models import (
    InnovationIndexPage,
    InnovationPage,
    SourceCodeLink,
    TrainingMaterial,
)
from livinglab.base.models import HomePage
from livinglab.regions.models import Region

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_tree_rules(self):
        self.assertCanCreateAt(HomePage, InnovationIndexPage)
        self.assertCanCreateAt(InnovationIndexPage, InnovationPage)
        self.assertCanCreateAt(InnovationIndexPage, InnovationIndexPage)
        self.assertCanNotCreateAt(HomePage, InnovationPage)
        self.assertCanNotCreateAt(InnovationPage, InnovationPage)

    def test_pages_render(self):
        library = InnovationIndexPage.objects.originals().get(slug="inovasi")
        page = InnovationPageFactory(parent=library)
        self.assertPageIsRenderable(library)
        self.assertPageIsRenderable(page)


@pytest.mark.parametrize(
    "url",
    [
        "http://git.example.go.id/app",
        "ftp://x.go.id/a",
        "javascript:alert(1)",
        "git@github.com:a/b",
    ],
)
def test_source_code_url_must_be_https(library, url):
    link = SourceCodeLink(
        page=InnovationPageFactory(parent=library), url=url, license="MIT"
    )
    with pytest.raises(ValidationError) as excinfo:
        link.full_clean()
    assert "url" in excinfo.value.message_dict


@pytest.mark.parametrize(
    ("given", "stored"),
    [("mit", "MIT"), ("GPL-2.0+", "GPL-2.0-or-later"), ("Apache-2.0", "Apache-2.0")],
)
def test_licence_is_normalised_to_spdx(library, given, stored):
    link = SourceCodeLink(
        page=InnovationPageFactory(parent=library),
        url="https://git.example.go.id/a",
        license=given,
    )
    link.full_clean()
    assert link.license == stored


@pytest.mark.parametrize("licence", ["", "Freeware", "Proprietary-ish"])
def test_unknown_or_missing_licence_is_refused(library, licence):
    link = SourceCodeLink(
        page=InnovationPageFactory(parent=library),
        url="https://git.example.go.id/a",
        license=licence,
    )
    with pytest.raises(ValidationError) as excinfo:
        link.full_clean()
    assert "license" in excinfo.value.message_dict


def test_public_code_needs_url_but_on_request_does_not(library):
    page = InnovationPageFactory(parent=library)
    with pytest.raises(ValidationError):
        SourceCodeLink(page=page, license="MIT", visibility="public").full_clean()
    SourceCodeLink(page=page, license="MIT", visibility="on_request").full_clean()


def test_training_needs_a_document_or_a_url(library):
    page = InnovationPageFactory(parent=library)
    with pytest.raises(ValidationError):
        TrainingMaterial(page=page, title="Modul", kind="module").full_clean()


def test_host_section_only_holds_its_own_host(library):
    section = library.add_child(
        instance=InnovationIndexPage(
            title="Sumedang",
            slug="sumedang",
            host_region=Region.objects.get(code="32.11"),
        )
    )
    page = InnovationPageFactory(parent=section)
    page.host_region = Region.objects.get(code="35.10")
    with pytest.raises(ValidationError) as excinfo:
        page.full_clean()
    assert "host_region" in excinfo.value.message_dict


def test_staleness_after_twelve_months(library):
    page = InnovationPageFactory(
        parent=library,
        last_confirmed=datetime.date.today() - datetime.timedelta(days=366),
    )
    assert page.is_stale
    page.last_confirmed = datetime.date.today() - datetime.timedelta(days=300)
    assert not page.is_stale


def test_readiness_counts_what_the_page_holds(library):
    page = InnovationPageFactory(parent=library)
    assert page.readiness.met == 0
    SourceCodeLinkFactory(page=page)
    TrainingMaterialFactory(page=page, kind="manual")
    TrainingMaterialFactory(page=page, kind="bimtek_recording")
    evidence = SpbeEvidenceFactory(page=page)
    page = InnovationPage.objects.get(pk=page.pk)
    readiness = page.readiness
    assert {c.key: c.met for c in readiness.checks} == {
        "code": True,
        "licence": True,
        "documentation": True,
        "training": True,
        "evidence": False,
    }
    evidence.verification_status = "verified"
    evidence.save()
    assert evidence.verified_at is not None
    page = InnovationPage.objects.get(pk=page.pk)
    assert page.readiness.met == page.readiness.total == 5


def test_case_study_page_shows_parts_and_hides_contacts_from_anonymous(client, library):
    page = InnovationPageFactory(
        parent=library, contact_name="Budi Santoso", contact_email="budi@example.go.id"
    )
    SourceCodeLinkFactory(page=page, license="AGPL-3.0-or-later")
    html = client.get(page.url).content.decode()
    assert "AGPL-3.0-or-later" in html
    assert "budi@example.go.id" not in html and "Budi Santoso" not in html


def test_case_study_page_shows_contacts_to_signed_in_teams(
    client, library, django_user_model
):
    page = InnovationPageFactory(
        parent=library, contact_name="Budi Santoso", contact_email="budi@example.go.id"
    )
    client.force_login(
        django_user_model.objects.create_user(email="tim@example.go.id", password="x")
    )
    assert "budi@example.go.id" in client.get(page.url).content.decode()


def test_library_filters(client, library):
    from livinglab.taxonomy.models import SmartCityDimension

    economy = SmartCityDimension.objects.get(name="Smart Economy")
    tagged = InnovationPageFactory(parent=library, title="Pasar Digital UMKM")
    tagged.dimensions.add(economy)
    tagged.save_revision().publish()
    response = client.get(library.url, {"dimension": economy.pk})
    titles = [p.title for p in response.context["page_obj"].object_list]
    assert "Pasar Digital UMKM" in titles
    assert all(
        economy in p.dimensions.all() for p in response.context["page_obj"].object_list
    )
    bad = client.get(library.url, {"dimension": "999999", "maturity": "nope"})
    assert bad.status_code == 400 and bad.context["form"].errors


def test_library_query_count_is_fixed(client, library, django_assert_max_num_queries):
    for _ in range(5):
        InnovationPageFactory(parent=library)
    with django_assert_max_num_queries(40):
        client.get(library.url)


def test_library_filters_by_indicator_and_technology(client, library):
    from livinglab.taxonomy.models import SpbeIndicator, TechnologyTag

    page = InnovationPageFactory(parent=library, title="Integrasi Layanan")
    page.spbe_indicators.add(SpbeIndicator.objects.current().get(number=18))
    page.technologies.add(TechnologyTag.get_or_create_named("Kong Gateway"))
    page.save_revision().publish()
    tech = TechnologyTag.objects.get(name="Kong Gateway")
    for params in ({"spbe_indicator": 18}, {"spbe_aspect": 3}, {"technology": tech.pk}):
        titles = [
            p.title
            for p in client.get(library.url, params).context["page_obj"].object_list
        ]
        assert "Integrasi Layanan" in titles
    titles = [
        p.title
        for p in client.get(library.url, {"spbe_indicator": 44})
        .context["page_obj"]
        .object_list
    ]
    assert "Integrasi Layanan" not in titles


def test_case_study_page_queries_do_not_grow_with_levels_and_evidence(client):
    """The stated SPBE levels and the bukti dukung are read with their
    indicators in one go: three more of each cost no extra query (they were
    one query per row)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from innovations.models import InnovationPage, SpbeEvidence, SpbeLevelReached
    from livinglab.taxonomy.models import SpbeIndicator

    page = InnovationPage.objects.live().get(slug="tte-sumedang")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(page.url).status_code == 200
        return len(ctx.captured_queries)

    count()  # warm the per-process caches (site, locale, content types)
    before = count()
    used = set(page.spbe_levels.values_list("indicator_id", flat=True))
    extra = SpbeIndicator.objects.current().exclude(pk__in=used)[:3]
    for indicator in extra:
        page.spbe_indicators.add(indicator)
        SpbeLevelReached.objects.create(page=page, indicator=indicator, level=3)
        evidence = SpbeEvidence.objects.create(
            page=page,
            title=f"Bukti {indicator.number}",
            year=2025,
            url="https://contoh.go.id/bukti.pdf",
        )
        evidence.indicators.add(indicator)
    page.save()
    assert count() == before
