"""A malformed Wagtail edit/create post answers 400, not 500.

Issue 12, finding 10. On today's main a page post without StreamField's
``body-count`` raised ``MultiValueDictKeyError`` (500), ``body-count=abc`` a
``ValueError`` (500), and a chooser id that is not a number a ``ValueError``
while the form was shown again (500), for every page type.
"""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import streamfield

import pytest

from innovations.factories import InnovationPageFactory
from innovations.models import InnovationIndexPage, InnovationPage
from tests.innovations.test_moderation import _admin_form

pytestmark = pytest.mark.django_db

MESSAGE = "Data formulir yang dikirim tidak lengkap atau rusak"


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def library(db):
    return InnovationIndexPage.objects.originals().get(slug="inovasi")


def _innovation_form(**changes):
    data = _admin_form(body=streamfield([("paragraph", "<p>Isi.</p>")]))
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def _assert_bad_request(response):
    assert response.status_code == 400, response.content[:500]
    assert MESSAGE in response.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"body-count": None},
        {"body-count": "abc"},
        {"body-0-type": None},
        {"host_region": "abc"},
    ],
    ids=["no-body-count", "body-count-abc", "no-block-type", "chooser-not-a-number"],
)
def test_create_view(admin_client, library, changes):
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", library.pk]
    )
    before = Page.objects.count()
    _assert_bad_request(admin_client.post(url, _innovation_form(**changes)))
    assert Page.objects.count() == before


def test_edit_view_of_an_innovation(admin_client, library, superuser):
    page = InnovationPageFactory(parent=library)
    revisions = page.revisions.count()
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = _innovation_form(**{"body-count": None, "slug": page.slug})
    _assert_bad_request(admin_client.post(url, data))
    assert page.revisions.count() == revisions
    assert InnovationPage.objects.get(pk=page.pk).title == page.title


def test_edit_view_of_another_page_type(admin_client, library):
    url = reverse("wagtailadmin_pages:edit", args=[library.pk])
    form = admin_client.get(url)
    assert form.status_code == 200
    data = {
        name: "" if field.initial is None else field.initial
        for name, field in form.context["form"].fields.items()
    }
    data.update(title=library.title, slug=library.slug, host_region="abc")
    data = {k: v for k, v in data.items() if isinstance(v, str | int)}
    _assert_bad_request(admin_client.post(url, data))


def test_a_json_client_gets_json(admin_client, library):
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", library.pk]
    )
    response = admin_client.post(
        url, _innovation_form(**{"body-count": None}), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 400
    assert MESSAGE in response.json()["error"]


def test_well_formed_posts_are_untouched(admin_client, library):
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", library.pk]
    )
    response = admin_client.post(url, _innovation_form())
    assert response.status_code == 302
    assert InnovationPage.objects.filter(slug="antrean-puskesmas-daring").exists()


def test_errors_outside_the_admin_stay_errors(rf):
    from livinglab.base.middleware import MalformedAdminFormMiddleware

    middleware = MalformedAdminFormMiddleware(lambda request: None)
    request = rf.post("/akun/undangan/")
    assert middleware.process_exception(request, ValueError("x")) is None
    request = rf.get("/admin/pages/1/edit/")
    assert middleware.process_exception(request, ValueError("x")) is None
    request = rf.post("/admin/pages/1/edit/")
    assert middleware.process_exception(request, RuntimeError("x")) is None


def test_other_value_errors_during_an_admin_post_stay_server_errors(rf):
    """Only errors raised while reading posted values become 400: a bug
    elsewhere keeps its 500 and its traceback."""
    from livinglab.base.middleware import MalformedAdminFormMiddleware

    def buggy_view_code():
        return int("not a number from any form")

    try:
        buggy_view_code()
    except ValueError as error:
        exception = error
    middleware = MalformedAdminFormMiddleware(lambda request: None)
    request = rf.post("/admin/pages/1/edit/")
    assert middleware.process_exception(request, exception) is None
