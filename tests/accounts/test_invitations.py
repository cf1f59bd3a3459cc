import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

import pytest
from allauth.account.models import EmailAddress

from livinglab.accounts import invitations
from livinglab.accounts.models import AuditEvent, Invitation, RegionRole

from .conftest import PASSWORD, sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "sandi-undangan-yang-panjang-9"


def invite(client, email, region, role="member"):
    return client.post(
        reverse("accounts:invitations"),
        {"email": email, "region": region.pk, "role": role},
    )


def accept_path(message):
    return re.search(r"https?://testserver(/akun/undangan/terima/\S+/)", message.body)[
        1
    ]


def make_invitation(region, email="diundang@sumedangkab.go.id", **fields):
    fields.setdefault("expires_at", timezone.now() + timedelta(days=7))
    return Invitation.objects.create(
        email=email, region=region, role="member", **fields
    )


def snapshot():
    return (
        RegionRole.objects.count(),
        Invitation.objects.filter(accepted_at__isnull=False).count(),
        EmailAddress.objects.count(),
    )


def test_signup_is_closed_without_an_invitation(client, django_user_model):
    response = client.get(reverse("account_signup"))
    assert response.status_code == 200
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    before = django_user_model.objects.count()
    client.post(
        reverse("account_signup"),
        {"email": "x@example.test", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert django_user_model.objects.count() == before


def test_invitation_end_to_end(client, coordinator, sumedang, django_user_model):
    client.force_login(coordinator)
    response = invite(client, "Staf.Baru@SumedangKab.go.id", sumedang)
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "staf.baru@sumedangkab.go.id"
    assert invitation.invited_by == coordinator
    assert len(invitation.token) >= 40
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.INVITATION_SENT, actor=coordinator
    ).exists()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["staf.baru@sumedangkab.go.id"]
    assert invitation.token in message.body
    assert "/en/akun/undangan/terima/" in message.body  # English link too

    client.logout()
    response = client.get(accept_path(message))
    assert response.status_code == 302
    assert response["Location"] == reverse("account_signup")
    page = client.get(reverse("account_signup"))
    assert page.status_code == 200
    assert page.context["form"].fields["email"].disabled

    response = client.post(
        reverse("account_signup"),
        {
            # A different posted address is ignored: the invited one is used.
            "email": "penyusup@example.test",
            "first_name": "Staf Baru",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    user = django_user_model.objects.get(email="staf.baru@sumedangkab.go.id")
    assert not django_user_model.objects.filter(email="penyusup@example.test").exists()
    assert client.session["_auth_user_id"] == str(user.pk)  # signed in
    assert user.first_name == "Staf Baru"
    assert user.check_password(NEW_PASSWORD)
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary
    assert RegionRole.objects.filter(
        user=user, region=sumedang, role="member", granted_by=coordinator
    ).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.INVITATION_ACCEPTED, actor=user
    ).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ROLE_GRANTED, subject=user.email
    ).exists()
    assert len(mail.outbox) == 1  # no verification email: the link proved it

    # Signup is closed again for this browser.
    client.logout()
    assert "account/signup_closed.html" in [
        t.name for t in client.get(reverse("account_signup")).templates
    ]


def test_existing_account_signs_in_then_accepts(client, make_user, sumedang):
    user = make_user("lama@sumedangkab.go.id")
    invitation = make_invitation(sumedang, email="lama@sumedangkab.go.id")
    path = reverse("accounts:invitation", kwargs={"token": invitation.token})
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert invitations.SESSION_KEY not in client.session
    assert sign_in(client, "lama@sumedangkab.go.id", next=path)["Location"] == path
    assert client.get(path).status_code == 200
    assert not RegionRole.objects.filter(user=user).exists()  # GET changes nothing
    assert client.post(path).status_code == 302
    assert RegionRole.objects.filter(user=user, region=sumedang, role="member").exists()


def test_invitation_for_someone_else_is_refused(client, make_user, sumedang):
    make_user("pemilik@sumedangkab.go.id")
    other = make_user("lain@sumedangkab.go.id")
    invitation = make_invitation(sumedang, email="pemilik@sumedangkab.go.id")
    client.force_login(other)
    path = reverse("accounts:invitation", kwargs={"token": invitation.token})
    assert client.post(path).status_code == 403
    assert not RegionRole.objects.filter(user=other).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.parametrize(
    ("fields", "status", "words"),
    [
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, 410, "expired"),
        ({"revoked_at": timezone.now()}, 410, "withdrawn"),
        ({"accepted_at": timezone.now()}, 410, "already been used"),
    ],
)
def test_unusable_invitation_changes_nothing(client, sumedang, fields, status, words):
    invitation = make_invitation(sumedang, **fields)
    before = snapshot()
    with translation.override("en"):
        url = reverse("accounts:invitation", args=[invitation.token])
    response = client.get(url)
    assert response.status_code == status
    assert words in response.content.decode()
    assert invitations.SESSION_KEY not in client.session
    assert "account/signup_closed.html" in [
        t.name for t in client.get(reverse("account_signup")).templates
    ]
    assert snapshot() == before


def test_unknown_token(client):
    response = client.get(reverse("accounts:invitation", args=["x" * 43]))
    assert response.status_code == 404


def test_invitation_expiring_after_the_link_was_followed(client, sumedang):
    invitation = make_invitation(sumedang)
    client.get(reverse("accounts:invitation", args=[invitation.token]))
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.post(
        reverse("account_signup"),
        {
            "email": invitation.email,
            "first_name": "Terlambat",
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
        },
    )
    assert "account/signup_closed.html" in [t.name for t in response.templates]
    assert not RegionRole.objects.filter(user__email=invitation.email).exists()


def test_coordinator_cannot_invite_to_another_region(client, coordinator, other_region):
    client.force_login(coordinator)
    assert invite(client, "x@bandung.go.id", other_region).status_code == 403
    assert not Invitation.objects.exists()
    assert not mail.outbox


@pytest.mark.parametrize("role", ["coordinator", "host_publisher"])
def test_coordinator_can_only_invite_members(client, coordinator, sumedang, role):
    client.force_login(coordinator)
    assert invite(client, "x@sumedangkab.go.id", sumedang, role=role).status_code == 403
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_coordinator_form_offers_own_region_and_member_role(client, coordinator):
    client.force_login(coordinator)
    form = client.get(reverse("accounts:invitations")).context["form"]
    assert [c[0] for c in form.fields["role"].widget.choices] == ["member"]
    region_choices = [c[0] for c in form.fields["region"].widget.choices if c[0]]
    assert len(region_choices) == 1


def test_member_may_not_invite(client, make_user, sumedang):
    member = make_user("anggota@sumedangkab.go.id")
    RegionRole.objects.create(user=member, region=sumedang, role="member")
    client.force_login(member)
    assert client.get(reverse("accounts:invitations")).status_code == 403
    assert invite(client, "x@sumedangkab.go.id", sumedang).status_code == 403
    assert not Invitation.objects.exists()


def test_anonymous_is_sent_to_login(client, sumedang):
    response = invite(client, "x@sumedangkab.go.id", sumedang)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not Invitation.objects.exists()


def test_administrator_invites_any_role_anywhere(client, superuser, other_region):
    client.force_login(superuser)
    response = invite(client, "host@bandung.go.id", other_region, role="host_publisher")
    assert response.status_code == 302
    assert Invitation.objects.get().role == "host_publisher"


def test_revoke(client, coordinator, sumedang):
    invitation = make_invitation(sumedang, invited_by=coordinator)
    client.force_login(coordinator)
    url = reverse("accounts:invitation-revoke", args=[invitation.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.INVITATION_REVOKED
    ).exists()


def test_coordinator_cannot_revoke_elsewhere(client, coordinator, other_region):
    invitation = make_invitation(other_region)
    client.force_login(coordinator)
    url = reverse("accounts:invitation-revoke", args=[invitation.pk])
    assert client.post(url).status_code == 403
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_new_invitation_supersedes_the_pending_one(client, coordinator, sumedang):
    client.force_login(coordinator)
    invite(client, "dua@sumedangkab.go.id", sumedang)
    invite(client, "dua@sumedangkab.go.id", sumedang)
    first, second = Invitation.objects.order_by("created_at", "pk")
    assert first.revoked_at is not None
    assert second.revoked_at is None


def test_administrative_units_are_not_offered_nor_accepted(client, superuser):
    """DKI Jakarta's administrative units (issue 17) have no PKS of their own:
    the invitation form neither lists them nor accepts one posted by hand."""
    from livinglab.regions.models import Region

    units = list(Region.objects.filter(is_administrative=True))
    assert units, "the register flags DKI Jakarta's administrative units"
    client.force_login(superuser)
    page = client.get(reverse("accounts:invitations")).content.decode()
    assert "Kabupaten Garut (32.05)" in page or "(32.05)" in page
    for unit in units:
        assert f"({unit.code})" not in page
    response = invite(client, "pj@jakarta.go.id", units[0], role="member")
    assert response.status_code == 200
    assert not Invitation.objects.exists()
