"""Who gets the replication kit, and the audit of every download."""

from wagtail.models import PageViewRestriction

import pytest

from livinglab.accounts.models import AuditEvent
from livinglab.api.models import ApiToken

from .conftest import kit_files

pytestmark = pytest.mark.django_db


def test_anonymous_callers_are_refused(client, kit_url, case_study):
    response = client.get(kit_url)
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401
    page = client.get(f"/kit-replikasi/{case_study.slug}/?region=32.05")
    assert page.status_code == 302
    assert "/akun/" in page["Location"] or "login" in page["Location"]
    assert not AuditEvent.objects.filter(action="export").exists()


def test_a_draft_is_a_404_as_in_the_api(client, team_member, case_study, kit_url):
    case_study.unpublish()
    client.force_login(team_member)
    response = client.get(kit_url)
    assert response.status_code == 404
    detail = client.get(f"/api/v1/innovations/{case_study.slug}/")
    assert detail.status_code == 404
    assert response.json()["error"]["message"] == detail.json()["error"]["message"]
    page = client.get(f"/kit-replikasi/{case_study.slug}/?region=32.05")
    assert page.status_code == 404


@pytest.mark.parametrize("kind", ["password", "login"])
def test_a_restricted_case_study_is_a_404(
    client, team_member, case_study, kit_url, kind
):
    PageViewRestriction.objects.create(
        page=case_study,
        restriction_type=kind,
        password="x" if kind == "password" else "",
    )
    client.force_login(team_member)
    assert client.get(kit_url).status_code == 404
    assert client.get(f"/kit-replikasi/{case_study.slug}/").status_code == 404


def test_a_person_without_a_team_is_refused(
    client, django_user_model, analyst, moderator_user, kit_url
):
    loner = django_user_model.objects.create_user(email="sendiri@example.go.id")
    for user in (loner, analyst, moderator_user):
        client.force_login(user)
        response = client.get(kit_url)
        assert response.status_code == 403, user
        assert "tim" in response.json()["error"]["message"].lower()
    assert not AuditEvent.objects.filter(action="export").exists()


def test_a_team_cannot_ask_for_another_region(client, team_member, kit_url):
    client.force_login(team_member)
    assert client.get(kit_url, {"region": "32.73"}).status_code == 403
    assert client.get(kit_url, {"region": "3205"}).status_code == 200


def test_a_token_acts_for_its_region_only(client, team_member, garut, bandung, kit_url):
    """A member of two teams, Garut and Bandung, whose token is for Garut:
    the token gets Garut's kit only; the session gets both."""
    from livinglab.accounts.models import RegionRole

    RegionRole.objects.create(
        user=team_member, region=bandung, role=RegionRole.Role.MEMBER
    )
    _token, raw = ApiToken.issue(user=team_member, region=garut, name="kit")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get(kit_url, **auth).status_code == 200
    assert client.get(kit_url, {"region": "32.73"}, **auth).status_code == 403
    client.force_login(team_member)
    # two team regions: the session must name one
    assert client.get(kit_url).status_code == 400
    assert client.get(kit_url, {"region": "32.73"}).status_code == 200


def test_the_host_region_does_not_get_its_own_kit(
    client, django_user_model, sumedang, kit_url
):
    from livinglab.accounts.models import RegionRole

    user = django_user_model.objects.create_user(email="tim@sumedangkab.go.id")
    RegionRole.objects.create(user=user, region=sumedang, role=RegionRole.Role.MEMBER)
    client.force_login(user)
    response = client.get(kit_url, {"region": "32.11"})
    assert response.status_code == 400
    assert "Kabupaten Sumedang" in response.json()["error"]["message"]


def test_an_administrator_names_the_region(client, superuser, kit_url):
    client.force_login(superuser)
    response = client.get(kit_url)
    assert response.status_code == 400
    assert "?region=" in response.json()["error"]["message"]
    assert kit_files(client.get(kit_url, {"region": "32.73"}))


def test_an_unknown_region_is_a_404_not_a_500(client, superuser, kit_url):
    client.force_login(superuser)
    assert client.get(kit_url, {"region": "zz"}).status_code == 404


def test_every_download_is_audited(client, team_member, case_study, kit_url):
    client.force_login(team_member)
    kit_files(client.get(kit_url))
    kit_files(client.get(f"/kit-replikasi/{case_study.slug}/?region=32.05"))
    events = list(AuditEvent.objects.filter(action="export").order_by("pk"))
    assert len(events) == 2
    for event, via in zip(events, ("api", "page"), strict=True):
        assert event.actor == team_member
        assert event.subject == f"kit-replikasi:{case_study.slug}"
        assert event.detail["what"] == "replication_kit"
        assert event.detail["region"] == "32.05"
        assert event.detail["via"] == via
        assert event.detail["templates"]["surat_minat"] == "default"


def test_the_case_study_page_offers_the_kit_to_signed_in_teams(
    client, team_member, case_study
):
    url = f"/kit-replikasi/{case_study.slug}/?region=32.05"
    assert url not in client.get(case_study.url).content.decode()
    client.force_login(team_member)
    html = client.get(case_study.url).content.decode()
    assert url in html
    assert "Kabupaten Garut" in html


def test_downloads_are_rate_limited(client, team_member, kit_url, settings):
    settings.REPLICATION_KIT_RATE = "2/hour"
    client.force_login(team_member)
    assert client.get(kit_url).status_code == 200
    assert client.get(kit_url).status_code == 200
    response = client.get(kit_url)
    assert response.status_code == 429
    assert AuditEvent.objects.filter(action="export").count() == 2
