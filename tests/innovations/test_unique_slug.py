"""A case study's slug is unique across the whole site (review finding 2):
the API, the replication kit, the map, the overlap check and the interest
form key case studies by slug, so two hosts' pages with one slug made the
interest form fail with MultipleObjectsReturned. Every way of writing a page
(model validation, the editor's create and edit, copy, move, the JSON
import) refuses a second case study with a slug already in use."""

from django.core.exceptions import ValidationError
from django.db.models import Count
from django.urls import reverse

from wagtail.models import Page

import pytest

from innovations.factories import InnovationPageFactory
from innovations.importer import import_innovations
from innovations.models import InnovationIndexPage, InnovationPage
from livinglab.base.imports import ImportFailed

from .test_moderation import _admin_form

pytestmark = pytest.mark.django_db

TAKEN = "e-kinerja-tpp-sumedang"  # in Sumedang's section
MESSAGE_ID = "slug studi kasus harus unik di seluruh situs"


def _other_section():
    """Semarang's section: another parent than the taken slug's."""
    return InnovationPage.objects.get(slug="perizinan-terpadu-semarang").get_parent()


def test_the_demo_data_has_no_repeated_case_study_slug():
    repeated = (
        InnovationPage.objects.originals()
        .order_by()  # no path in the GROUP BY
        .values("slug")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
    )
    assert list(repeated) == []


def test_full_clean_refuses_a_slug_of_another_parents_case_study():
    page = InnovationPageFactory.build(slug="uji-slug-unik")
    _other_section().add_child(instance=page)
    page.slug = TAKEN
    with pytest.raises(ValidationError) as caught:
        page.full_clean()
    assert "slug" in caught.value.message_dict
    assert MESSAGE_ID in " ".join(caught.value.message_dict["slug"])
    # a draft save validates only title and slug: it is refused too
    page.live = False
    with pytest.raises(ValidationError):
        page.save()
    assert InnovationPage.objects.filter(slug=TAKEN).count() == 1


def test_full_clean_accepts_the_pages_own_slug():
    page = InnovationPage.objects.get(slug=TAKEN)
    page.full_clean()


def test_the_editor_shows_a_form_error_on_create(client, superuser):
    client.force_login(superuser)
    section = _other_section()
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", section.pk]
    )
    data = _admin_form(slug=TAKEN, host_region=str(section.specific.host_region_id))
    response = client.post(url, data)
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert MESSAGE_ID in response.content.decode()
    assert InnovationPage.objects.filter(slug=TAKEN).count() == 1


def test_the_editor_shows_a_form_error_on_edit(client, superuser):
    section = _other_section()
    page = InnovationPageFactory.build(
        slug="uji-slug-edit", host_region=section.specific.host_region
    )
    section.add_child(instance=page)
    client.force_login(superuser)
    data = _admin_form(slug=TAKEN, host_region=str(page.host_region_id))
    data.pop("action-submit")
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 200
    assert "slug" in response.context["form"].errors
    assert MESSAGE_ID in response.content.decode()
    page.refresh_from_db()
    assert page.slug == "uji-slug-edit"


def test_copy_to_another_section_with_the_same_slug_is_a_form_error(client, superuser):
    source = InnovationPage.objects.get(slug=TAKEN)
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[source.pk]),
        {
            "new_title": "Salinan",
            "new_slug": TAKEN,
            "new_parent_page": str(_other_section().pk),
            "publish_copies": "on",
        },
    )
    assert response.status_code == 200
    assert "new_slug" in response.context["form"].errors
    assert MESSAGE_ID in response.content.decode()
    assert InnovationPage.objects.filter(slug=TAKEN).count() == 1


def test_copy_with_a_new_slug_still_works(client, superuser):
    source = InnovationPage.objects.get(slug=TAKEN)
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[source.pk]),
        {
            "new_title": "Salinan",
            "new_slug": "salinan-e-kinerja",
            "new_parent_page": str(source.get_parent().pk),
        },
    )
    assert response.status_code == 302
    assert InnovationPage.objects.filter(slug="salinan-e-kinerja").exists()


def test_copying_a_section_with_its_case_studies_is_refused(client, superuser):
    section = InnovationPage.objects.get(slug=TAKEN).get_parent()
    pages_before = Page.objects.count()
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=[section.pk]),
        {
            "new_title": "Salinan bagian",
            "new_slug": "salinan-bagian",
            "new_parent_page": str(section.get_parent().pk),
            "copy_subpages": "on",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "mengulang slug studi kasus" in response.content.decode()
    assert Page.objects.count() == pages_before
    assert InnovationPage.objects.filter(slug=TAKEN).count() == 1


def test_moving_an_old_duplicate_is_refused_with_a_message(client, superuser):
    # a duplicate written before the rule (straight into the database)
    page = InnovationPageFactory.build(slug="uji-slug-lama")
    _other_section().add_child(instance=page)
    Page.objects.filter(pk=page.pk).update(slug=TAKEN)
    destination = InnovationIndexPage.objects.originals().get(
        slug="inovasi"
    )  # no TAKEN child
    client.force_login(superuser)
    response = client.post(
        reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk]),
        follow=True,
    )
    assert response.status_code == 200
    assert MESSAGE_ID in response.content.decode()
    assert Page.objects.get(pk=page.pk).get_parent().pk != destination.pk


def test_import_refuses_a_slug_two_case_studies_already_share():
    page = InnovationPageFactory.build(slug="uji-slug-impor")
    _other_section().add_child(instance=page)
    Page.objects.filter(pk=page.pk).update(slug=TAKEN)
    record = {
        "slug": TAKEN,
        "title": "E-Kinerja",
        "host_region": "32.11",
        "summary": "Ringkasan.",
        "opd": "BKPSDM",
        "year_launched": 2021,
        "maturity": "pilot",
    }
    with pytest.raises(ImportFailed) as caught:
        import_innovations({"innovations": [record]})
    text = " ".join(p.message for p in caught.value.problems)
    assert TAKEN in text and "lebih dari satu studi kasus" in text
