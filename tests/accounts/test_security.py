"""Headers and the security.txt file."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

import pytest

from livinglab.settings.base import oidc_providers

pytestmark = pytest.mark.django_db


def directives(response):
    header = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split()[1:]
        for part in (p.strip() for p in header.split(";"))
        if part
    }


@pytest.mark.parametrize(
    "path", ["/", "/wilayah/", "/en/wilayah/", "/akun/login/", "/cari/"]
)
def test_public_pages_have_a_strict_csp(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert "data:" in policy["img-src"]
    assert "https://www.youtube-nocookie.com" in policy["frame-src"]


def test_admin_has_its_own_relaxed_policy(admin_client):
    # Wagtail's admin initialises widgets with inline scripts (see settings).
    policy = directives(admin_client.get("/admin/"))
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]


def test_other_security_headers(client):
    response = client.get("/akun/login/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_security_txt(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@livinglab.go.id"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    fields = dict(
        line.split(": ", 1) for line in response.content.decode().splitlines()
    )
    assert fields["Contact"] == "mailto:security@livinglab.go.id"
    assert fields["Preferred-Languages"] == "id, en"
    assert fields["Canonical"] == "http://testserver/.well-known/security.txt"
    expires = datetime.strptime(fields["Expires"], "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=UTC
    )
    ahead = expires - datetime.now(UTC)
    assert timedelta(days=364) < ahead <= timedelta(days=366)


def test_public_templates_have_no_inline_script():
    import re
    from pathlib import Path

    from django.conf import settings

    inline_script = re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)"
    )
    handler = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
    style_attr = re.compile(r"\sstyle\s*=", re.IGNORECASE)
    offenders = []
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        if "admin" in path.parts:  # Wagtail admin templates: the admin policy
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in (inline_script, handler, style_attr):
            if pattern.search(text):
                offenders.append(
                    f"{path.relative_to(settings.BASE_DIR)}: {pattern.pattern}"
                )
    assert not offenders, offenders
    assert Path(settings.BASE_DIR / "templates" / "base.html").exists()


def test_oidc_off_without_settings():
    assert oidc_providers("", "id", "secret") == {}
    assert oidc_providers("https://sso.example", "", "secret") == {}


def test_sso_button_only_when_configured(client, settings):
    html = client.get(reverse("account_login")).content.decode()
    assert "SSO Nasional" not in html

    settings.SOCIALACCOUNT_PROVIDERS = oidc_providers(
        "https://sso.example.go.id/realms/asn", "livinglab", "rahasia"
    )
    html = client.get(reverse("account_login")).content.decode()
    assert "SSO Nasional" in html
    assert "/akun/oidc/sso/login/" in html


def test_sso_signup_closed_without_invitation(client, rf):
    from unittest import mock

    from django.contrib.sessions.backends.db import SessionStore

    from livinglab.accounts.adapter import SocialAccountAdapter

    request = rf.get("/")
    request.session = SessionStore()
    sociallogin = mock.Mock(email_addresses=[], user=mock.Mock(email="a@b.test"))
    assert not SocialAccountAdapter(request).is_open_for_signup(request, sociallogin)


def test_admin_preview_may_be_framed_by_the_admin(admin_client):
    from innovations.models import InnovationPage

    page = InnovationPage.objects.live().first()
    response = admin_client.get(f"/admin/pages/{page.pk}/edit/preview/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response)["frame-ancestors"] == ["'self'"]
