"""Personal API tokens: scope to the own region, revocation, expiry, rate limit,
and the write endpoints they unlock."""

import datetime
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

import pytest

from livinglab.accounts.models import AuditEvent
from livinglab.adoptions.models import Adoption, AdoptionEvidence, StageEvent
from livinglab.api.models import ApiToken, hash_token
from livinglab.base.files import minimal_pdf

# A real one-page PDF: uploads are opened with a PDF parser.
PDF = minimal_pdf(["Daftar hadir"])


@pytest.fixture
def token(team_member, garut):
    _token, raw = ApiToken.issue(user=team_member, region=garut, name="SIPD")
    return raw


def bearer(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def events_url(adoption):
    return reverse("api:adoption-events", args=[adoption.pk])


def test_only_a_hash_is_stored(token):
    stored = ApiToken.objects.get(prefix=token[:10])
    assert stored.key_hash == hash_token(token)
    assert token not in str(ApiToken.objects.values_list().get(pk=stored.pk))


def test_record_step_with_token(client, token, adoption):
    response = client.post(
        events_url(adoption),
        {"to_stage": "studi_tiru", "date": "2026-01-10", "note": "Studi tiru daring"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 201, response.content
    assert response.json()["to_stage"] == "studi_tiru"
    assert adoption.events.count() == 2
    assert adoption.events.last().actor.email == "tim@garutkab.go.id"


def test_record_step_with_evidence_upload(client, token, adoption):
    response = client.post(
        events_url(adoption),
        {
            "to_stage": "pelatihan",
            "date": "2026-02-01",
            "evidence_title": "Daftar hadir bimtek",
            "evidence_file": SimpleUploadedFile("hadir.pdf", PDF),
            "evidence_indicators": ["15", "25"],
        },
        **bearer(token),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["evidence"][0]["indicators"] == [15, 25]
    assert AdoptionEvidence.objects.filter(event__adoption=adoption).count() == 1


def test_bad_input_is_400_in_our_shape_and_changes_nothing(client, token, adoption):
    response = client.post(
        events_url(adoption),
        {"to_stage": "dihentikan", "date": "2030-01-01"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["status"] == 400 and error["message"]
    assert set(error["detail"]) >= {"date"}
    assert adoption.events.count() == 1


def test_stale_version_is_409(client, token, adoption):
    url = events_url(adoption)
    drawn = adoption.version
    ok = client.post(
        url,
        {"to_stage": "studi_tiru", "date": "2026-01-10", "version": drawn},
        content_type="application/json",
        **bearer(token),
    )
    assert ok.status_code == 201
    stale = client.post(
        url,
        {"to_stage": "kesepakatan", "date": "2026-01-11", "version": drawn},
        content_type="application/json",
        **bearer(token),
    )
    assert stale.status_code == 409
    assert stale.json()["error"]["status"] == 409
    assert adoption.events.count() == 2


def test_token_is_scoped_to_its_region(client, team_member, garut, bandung, adoption):
    """Even when its owner is on two teams, a token acts for its own region only."""
    from livinglab.accounts.models import RegionRole
    from livinglab.adoptions import pipeline

    RegionRole.objects.create(user=team_member, region=bandung, role="member")
    Adoption.objects.filter(region=bandung, innovation=adoption.innovation).delete()
    bandung_adoption = pipeline.start_adoption(
        region=bandung,
        innovation=adoption.innovation,
        date=datetime.date(2026, 1, 5),
        actor=None,
    )
    _t, garut_only = ApiToken.issue(user=team_member, region=garut, name="Garut")
    response = client.post(
        events_url(bandung_adoption),
        {"to_stage": "studi_tiru", "date": "2026-01-10"},
        content_type="application/json",
        **bearer(garut_only),
    )
    assert response.status_code == 403
    assert bandung_adoption.events.count() == 1
    # Registering interest for another region is refused too.
    response = client.post(
        reverse("api:region-adoptions", args=[bandung.code]),
        {"innovation": "x", "date": "2026-01-10"},
        content_type="application/json",
        **bearer(garut_only),
    )
    assert response.status_code == 403


def test_other_regions_token_cannot_touch(client, other_team_member, bandung, adoption):
    _t, raw = ApiToken.issue(user=other_team_member, region=bandung, name="Bandung")
    response = client.post(
        events_url(adoption),
        {"to_stage": "studi_tiru", "date": "2026-01-10"},
        content_type="application/json",
        **bearer(raw),
    )
    assert response.status_code == 403
    assert client.get(events_url(adoption), **bearer(raw)).status_code == 403
    assert adoption.events.count() == 1


def test_revoked_and_expired_tokens_are_refused(client, team_member, garut, adoption):
    revoked, raw_revoked = ApiToken.issue(user=team_member, region=garut, name="old")
    revoked.revoke()
    expired, raw_expired = ApiToken.issue(user=team_member, region=garut, name="exp")
    ApiToken.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    for raw in (raw_revoked, raw_expired, "ll_not-a-real-token", "garbage"):
        response = client.post(
            events_url(adoption),
            {"to_stage": "studi_tiru", "date": "2026-01-10"},
            content_type="application/json",
            **bearer(raw),
        )
        assert response.status_code == 401, raw
        assert response.json()["error"]["message"]
    assert adoption.events.count() == 1


def test_token_loses_power_with_its_owners_role(client, team_member, token, adoption):
    team_member.region_roles.all().delete()
    response = client.post(
        events_url(adoption),
        {"to_stage": "studi_tiru", "date": "2026-01-10"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 403


def test_anonymous_cannot_write(client, adoption):
    response = client.post(
        events_url(adoption),
        {"to_stage": "studi_tiru", "date": "2026-01-10"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    assert adoption.events.count() == 1


def test_writes_are_rate_limited(client, token, adoption, settings):
    from django.core.cache import cache

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api-write": "3/hour"},
    }
    statuses = [
        client.post(
            events_url(adoption),
            {"to_stage": "dihentikan", "date": "2030-01-01"},
            content_type="application/json",
            **bearer(token),
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [400, 400, 400, 429, 429]
    assert client.get(events_url(adoption), **bearer(token)).status_code == 200
    cache.clear()


def test_register_interest_by_api(client, token, garut, sumedang_innovation):
    Adoption.objects.filter(region=garut, innovation=sumedang_innovation).delete()
    response = client.post(
        reverse("api:region-adoptions", args=[garut.code]),
        {"innovation": sumedang_innovation.slug, "date": "2026-01-10"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 201, response.content
    assert response.json()["stage"] == "minat"
    assert (
        StageEvent.objects.filter(
            adoption__region=garut, adoption__innovation=sumedang_innovation
        ).count()
        == 1
    )


def test_token_page_shows_once_and_revokes(client, team_member, garut):
    client.force_login(team_member)
    response = client.post(
        reverse("api-tokens"), {"name": "SIPD", "region": garut.code, "days": 30}
    )
    assert response.status_code == 200
    raw = response.context["raw"]
    assert raw.startswith("ll_") and raw in response.content.decode()
    again = client.get(reverse("api-tokens"))
    assert raw not in again.content.decode()
    token = ApiToken.objects.get(user=team_member, name="SIPD")
    assert AuditEvent.objects.filter(
        action="token_created", subject=token.prefix
    ).exists()
    client.post(reverse("api-token-revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.filter(
        action="token_revoked", subject=token.prefix
    ).exists()


def test_token_page_refuses_other_region(client, team_member, bandung):
    client.force_login(team_member)
    response = client.post(
        reverse("api-tokens"), {"name": "x", "region": bandung.code, "days": 30}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["region"]
    assert not ApiToken.objects.filter(user=team_member).exists()


def test_cannot_revoke_someone_elses_token(
    client, team_member, other_team_member, bandung
):
    token, _raw = ApiToken.issue(user=other_team_member, region=bandung, name="x")
    client.force_login(team_member)
    assert client.post(reverse("api-token-revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
