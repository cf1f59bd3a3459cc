"""A host publisher never sees another host's drafts in the admin: not in the
page chooser (browse, search, multiple choice), not on the bulk-action pages,
not in the explorer or its search (issue 12, finding 5). An administrator
still sees them.
"""

import pytest

from innovations import hosts
from innovations.factories import InnovationPageFactory
from innovations.models import InnovationPage

pytestmark = pytest.mark.django_db

DRAFT = "Draf Rahasia Garutwangi"
OWN_DRAFT = "Draf Sendiri Sumedangwangi"


@pytest.fixture
def drafts(sumedang_host, sumedang, garut):
    """A draft in Garut's section, and one in Sumedang's own section."""
    other = InnovationPageFactory(
        parent=hosts.host_section(garut),
        title=DRAFT,
        slug="draf-rahasia-garut",
        host_region=garut,
        live=False,
    )
    own = InnovationPageFactory(
        parent=hosts.host_section(sumedang),
        title=OWN_DRAFT,
        slug="draf-sendiri",
        host_region=sumedang,
        live=False,
    )
    return {"other": other, "own": own, "garut_section": other.get_parent()}


def _admin_outputs(client, drafts):
    """The text of every admin page that could show a page's title or id."""
    other, section = drafts["other"], drafts["garut_section"]
    urls = [
        f"/admin/choose-page/{section.pk}/",
        f"/admin/choose-page/{section.pk}/?multiple=1",
        f"/admin/choose-page/{section.pk}/?page_type=innovations.innovationpage",
        "/admin/choose-page/search/?q=Garutwangi",
        "/admin/choose-page/search/?q=Garutwangi&page_type=innovations.innovationpage",
        f"/admin/bulk/wagtailcore/page/publish/?id={other.pk}",
        f"/admin/bulk/wagtailcore/page/unpublish/?id={other.pk}",
        f"/admin/bulk/wagtailcore/page/delete/?id={other.pk}",
        f"/admin/bulk/wagtailcore/page/move/?id={other.pk}",
        f"/admin/bulk/wagtailcore/page/publish/?id=all&childOf={section.pk}",
        "/admin/pages/search/?q=Garutwangi",
        f"/admin/api/main/pages/?child_of={section.pk}&for_explorer=1",
    ]
    seen = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code in (200, 302, 400, 403, 404), (url, response)
        seen[url] = response.content.decode()
    return seen


def _leaks(seen, page):
    return sorted(
        url
        for url, text in seen.items()
        if page.title in text or f"/admin/pages/{page.pk}/" in text
    )


def test_host_publisher_does_not_see_another_hosts_draft(client, sumedang_host, drafts):
    client.force_login(sumedang_host)
    assert client.get("/admin/").status_code == 200
    assert _leaks(_admin_outputs(client, drafts), drafts["other"]) == []


def test_host_publisher_still_sees_and_chooses_own_draft(
    client, sumedang_host, sumedang, drafts
):
    client.force_login(sumedang_host)
    own_section = hosts.host_section(sumedang)
    browse = client.get(f"/admin/choose-page/{own_section.pk}/")
    assert OWN_DRAFT in browse.content.decode()
    search = client.get("/admin/choose-page/search/?q=Sumedangwangi")
    assert OWN_DRAFT in search.content.decode()
    # Published case studies of other hosts stay choosable (links in stories).
    published = InnovationPage.objects.published().exclude(host_region=sumedang)
    other = published.first()
    browse = client.get(f"/admin/choose-page/{other.get_parent().pk}/")
    assert other.title in browse.content.decode()


def test_administrator_still_sees_every_draft(client, superuser, drafts):
    client.force_login(superuser)
    seen = _admin_outputs(client, drafts)
    leaks = _leaks(seen, drafts["other"])
    assert f"/admin/choose-page/{drafts['garut_section'].pk}/" in leaks
    assert "/admin/choose-page/search/?q=Garutwangi" in leaks
    assert f"/admin/bulk/wagtailcore/page/publish/?id={drafts['other'].pk}" in leaks
