"""Deleting a national application that case studies use (review finding 3):
``on_delete=PROTECT`` stays, and the snippet admin refuses with a message
naming the case studies instead of a ProtectedError (500)."""

from django.urls import reverse

from wagtail.models import ReferenceIndex

import pytest

from innovations.models import NationalApplicationLink
from livinglab.taxonomy.models import NationalApplication

pytestmark = pytest.mark.django_db


def _used_application():
    link = NationalApplicationLink.objects.select_related("page").first()
    assert link is not None, "the demo data links a case study to an application"
    return link.application, link.page


@pytest.mark.parametrize("stale_index", [False, True])
@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_an_application_in_use_is_refused_with_the_case_studies_named(
    client, superuser, method, stale_index
):
    application, page = _used_application()
    if stale_index:
        # Wagtail's own guard reads its reference index, which can be out
        # of date (data loaded without it): then the delete hit PROTECT.
        ReferenceIndex.objects.all().delete()
    client.force_login(superuser)
    url = reverse(
        "wagtailsnippets_taxonomy_nationalapplication:delete", args=[application.pk]
    )
    response = getattr(client, method)(url, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    assert "tidak dapat dihapus" in text
    assert page.title in text
    assert NationalApplication.objects.filter(pk=application.pk).exists()


def test_an_unused_application_can_still_be_deleted(client, superuser):
    application = NationalApplication.objects.create(
        code="aplikasi-uji-tak-dipakai",
        name="Aplikasi Uji Tak Dipakai",
        purpose="Uji.",
    )
    client.force_login(superuser)
    url = reverse(
        "wagtailsnippets_taxonomy_nationalapplication:delete", args=[application.pk]
    )
    response = client.post(url)
    assert response.status_code == 302
    assert not NationalApplication.objects.filter(pk=application.pk).exists()
