"""Two-factor as an allow-list (issue 12, finding 1).

A privileged account (``policy.is_privileged``: administrators, moderators,
Kemendagri analysts, host publishers) without an active TOTP authenticator
reaches only sign-in, TOTP enrolment, recovery codes, sign-out and its own
account page. Every other address, page or API, GET or POST, session or
bearer token, asks for enrolment first.
"""

from urllib.parse import parse_qs, urlsplit

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

import pytest
from allauth.mfa.totp.internal.auth import TOTP

from livinglab.accounts import policy
from livinglab.accounts.models import RegionRole
from livinglab.api.models import ApiToken

from .conftest import sign_in

pytestmark = pytest.mark.django_db

SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PRIVILEGED = ("superuser", "moderator", "analyst_user", "host_user")


@pytest.fixture
def analyst_user(make_user):
    user = make_user("analis2@kemendagri.go.id")
    user.groups.add(Group.objects.get(name=policy.ANALYSTS))
    return user


@pytest.fixture
def host_user(make_user, sumedang):
    user = make_user("penerbit2@sumedangkab.go.id")
    RegionRole.objects.create(
        user=user, region=sumedang, role=RegionRole.Role.HOST_PUBLISHER
    )
    return user


def assert_sent_to_enrolment(response, path):
    assert response.status_code == 302, (path, response.status_code)
    location = urlsplit(response["Location"])
    # In the language of the address asked for.
    language = "en" if path.startswith("/en/") else "id"
    with translation.override(language):
        assert location.path == reverse("mfa_activate_totp"), (path, location)
    # The person continues where they were going once enrolled.
    assert parse_qs(location.query)["next"] == [path]


def assert_api_refused(response):
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["status"] == 403
    assert "dua faktor" in error["message"]


@pytest.mark.parametrize("who", PRIVILEGED)
def test_host_publishers_and_national_roles_are_privileged(request, who):
    assert policy.is_privileged(request.getfixturevalue(who))


def test_team_members_and_coordinators_are_not_privileged(
    team_member, coordinator, make_user
):
    assert not policy.is_privileged(team_member)
    assert not policy.is_privileged(coordinator)
    assert not policy.is_privileged(make_user("biasa@bandungkab.go.id"))


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize("who", PRIVILEGED)
def test_every_page_asks_for_enrolment_first(client, request, who, adoption):
    client.force_login(request.getfixturevalue(who))
    pk = adoption.pk
    for path in (
        "/akun/undangan/",
        "/en/akun/undangan/",
        f"/adopsi/{pk}/",
        f"/adopsi/{pk}/rincian/",
        f"/adopsi/{pk}/langkah/",
        "/adopsi/",
        "/adopsi/tuan-rumah/",
        "/adopsi/dasbor/",
        "/token-api/",
        "/en/token-api/",
        adoption.innovation.url,  # the case study shows its contacts
        "/",
        "/cari/?q=pajak",
        "/admin/",
        "/admin/pages/",
    ):
        assert_sent_to_enrolment(client.get(path), path)


@pytest.mark.usefixtures("mfa_required")
def test_writes_are_refused_without_enrolment(client, superuser, adoption, sumedang):
    client.force_login(superuser)
    pk = adoption.pk
    response = client.post(
        "/akun/undangan/",
        {"email": "luar@contoh.id", "region": sumedang.pk, "role": "host_publisher"},
    )
    assert_sent_to_enrolment(response, "/akun/undangan/")
    response = client.post(
        f"/adopsi/{pk}/rincian/", {"version": adoption.version, "vendor": "PT Luar"}
    )
    assert_sent_to_enrolment(response, f"/adopsi/{pk}/rincian/")
    response = client.post(
        f"/adopsi/{pk}/langkah/",
        {"to_stage": "studi_tiru", "date": "2026-01-10", "version": adoption.version},
    )
    assert_sent_to_enrolment(response, f"/adopsi/{pk}/langkah/")
    response = client.post("/token-api/", {"name": "x", "region": "32.05", "days": 1})
    assert_sent_to_enrolment(response, "/token-api/")
    adoption.refresh_from_db()
    assert adoption.vendor != "PT Luar"
    assert adoption.events.count() == 1
    assert not ApiToken.objects.filter(user=superuser).exists()
    from livinglab.accounts.models import Invitation

    assert not Invitation.objects.filter(email="luar@contoh.id").exists()


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize("who", PRIVILEGED)
def test_the_api_with_a_session_answers_403_in_json(client, request, who, adoption):
    client.force_login(request.getfixturevalue(who))
    for path in (
        "/api/v1/regions/",
        f"/api/v1/adoptions/{adoption.pk}/events/",
        "/api/schema/",
    ):
        assert_api_refused(client.get(path))
    assert_api_refused(
        client.post(
            f"/api/v1/adoptions/{adoption.pk}/events/",
            {"to_stage": "studi_tiru", "date": "2026-01-10"},
            content_type="application/json",
        )
    )


@pytest.mark.usefixtures("mfa_required")
def test_a_bearer_token_of_a_privileged_user_is_refused(
    client, superuser, garut, adoption
):
    _token, raw = ApiToken.issue(user=superuser, region=garut, name="skrip")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert_api_refused(client.get(f"/api/v1/adoptions/{adoption.pk}/events/", **auth))
    assert_api_refused(client.get("/api/v1/regions/", **auth))
    response = client.post(
        f"/api/v1/adoptions/{adoption.pk}/events/",
        {"to_stage": "studi_tiru", "date": "2026-01-10"},
        content_type="application/json",
        **auth,
    )
    assert_api_refused(response)
    assert adoption.events.count() == 1
    # With an authenticator the same token works.
    TOTP.activate(superuser, SECRET)
    response = client.get(f"/api/v1/adoptions/{adoption.pk}/events/", **auth)
    assert response.status_code == 200


@pytest.mark.usefixtures("mfa_required")
def test_a_bearer_token_of_a_team_member_is_unaffected(
    client, team_member, garut, adoption
):
    _token, raw = ApiToken.issue(user=team_member, region=garut, name="skrip")
    response = client.get(
        f"/api/v1/adoptions/{adoption.pk}/events/", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200


@pytest.mark.usefixtures("mfa_required")
@pytest.mark.parametrize("who", PRIVILEGED)
def test_the_allow_list_stays_reachable(client, request, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    for name in ("accounts:home", "mfa_index", "account_logout"):
        assert client.get(reverse(name)).status_code == 200, name
    assert client.get("/en/akun/").status_code == 200
    assert client.get("/healthz").status_code in (200, 503)
    assert client.get("/.well-known/security.txt").status_code == 200
    # Enrolment asks for the password first, then shows the QR code.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert client.get(response["Location"]).status_code == 200
    # Signing out works.
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("mfa_required")
def test_enrolment_continues_where_the_person_was_going(client, moderator):
    from .test_mfa import activate_totp

    sign_in(client, moderator.email)
    response = client.get("/akun/undangan/")
    assert_sent_to_enrolment(response, "/akun/undangan/")
    followed = client.get(response["Location"], follow=True)
    assert "dua faktor" in followed.content.decode()
    activate_totp(client)
    # allauth shows the new recovery codes, with a way back to the page asked for.
    page = client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert 'href="/akun/undangan/"' in page
    # Once enrolled, the rest of the site opens (403 here is the role's answer,
    # not the enrolment page).
    response = client.get("/akun/undangan/")
    assert response.status_code == 403


@pytest.mark.usefixtures("mfa_required")
def test_with_totp_the_site_opens(client, superuser, adoption):
    TOTP.activate(superuser, SECRET)
    client.force_login(superuser)
    assert client.get("/akun/undangan/").status_code == 200
    assert client.get(f"/adopsi/{adoption.pk}/").status_code == 200
    assert client.get("/api/v1/regions/").status_code == 200


def test_switch_off_leaves_the_site_open(client, superuser, settings):
    settings.MFA_REQUIRED_FOR_PRIVILEGED = False
    client.force_login(superuser)
    assert client.get("/akun/undangan/").status_code == 200
