"""The audit log: what is written, and the read-only admin listing."""

from django.contrib.auth.models import Group
from django.urls import reverse

import pytest

from livinglab.accounts import audit
from livinglab.accounts.models import AuditEvent, RegionRole

from .conftest import sign_in

pytestmark = pytest.mark.django_db

Action = AuditEvent.Action


def test_record_helper(rf, make_user):
    user = make_user("pelaku@kemendagri.go.id")
    request = rf.get("/", REMOTE_ADDR="10.1.2.3")
    request.user = user
    event = audit.record(Action.EXPORT, subject="adopsi.csv", request=request, rows=12)
    assert event.actor == user
    assert event.ip_address == "10.1.2.3"
    assert event.detail == {"rows": 12}


def test_role_granted_and_revoked(make_user, sumedang, superuser):
    user = make_user("anggota@sumedangkab.go.id")
    role = RegionRole.objects.create(
        user=user, region=sumedang, role="member", granted_by=superuser
    )
    granted = AuditEvent.objects.get(action=Action.ROLE_GRANTED)
    assert granted.actor == superuser
    assert granted.subject == user.email
    assert granted.detail == {"region": "32.11", "role": "member"}
    role.delete()
    assert AuditEvent.objects.get(action=Action.ROLE_REVOKED).subject == user.email


def test_group_changes_from_either_side(make_user):
    user = make_user("moderator@kemendagri.go.id")
    moderators = Group.objects.get(name="Moderators")
    user.groups.add(moderators)
    moderators.user_set.remove(user)
    user.groups.add(moderators)
    user.groups.clear()
    changes = list(
        AuditEvent.objects.filter(action=Action.GROUP_CHANGED)
        .order_by("pk")
        .values_list("detail", flat=True)
    )
    assert changes == [
        {"change": "added", "groups": ["Moderators"]},
        {"change": "removed", "groups": ["Moderators"]},
        {"change": "added", "groups": ["Moderators"]},
        {"change": "removed", "groups": ["Moderators"]},
    ]


def test_password_change_is_audited(client, make_user):
    from .conftest import PASSWORD

    user = make_user("ganti@bandungkab.go.id")
    sign_in(client, user.email)
    new = "sandi-baru-yang-cukup-panjang-5"
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(
        action=Action.PASSWORD_CHANGED, actor=user, detail__how="changed"
    ).exists()


def test_audit_log_in_admin_is_read_only_for_superusers(client, superuser, make_user):
    audit.record(Action.EXPORT, actor=superuser, subject="adopsi.csv")
    event = AuditEvent.objects.get()
    client.force_login(superuser)
    listing = client.get("/admin/snippets/accounts/auditevent/")
    assert listing.status_code == 200
    assert "adopsi.csv" in listing.content.decode()
    inspect = client.get(f"/admin/snippets/accounts/auditevent/inspect/{event.pk}/")
    assert inspect.status_code == 200
    for path in (
        "/admin/snippets/accounts/auditevent/add/",
        f"/admin/snippets/accounts/auditevent/edit/{event.pk}/",
        f"/admin/snippets/accounts/auditevent/delete/{event.pk}/",
    ):
        response = client.get(path)
        assert response.status_code in (302, 403, 404), path
    assert client.post(
        f"/admin/snippets/accounts/auditevent/delete/{event.pk}/"
    ).status_code in (302, 403, 404)
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_audit_log_hidden_from_other_staff(client, make_user):
    editor = make_user("editor@sumedangkab.go.id", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    response = client.get("/admin/snippets/accounts/auditevent/")
    assert response.status_code in (302, 403)


def test_region_roles_admin_records_who_granted(client, superuser, make_user, sumedang):
    user = make_user("baru@sumedangkab.go.id")
    client.force_login(superuser)
    response = client.post(
        "/admin/snippets/accounts/regionrole/add/",
        {"user": user.pk, "region": sumedang.pk, "role": "member"},
    )
    assert response.status_code == 302
    role = RegionRole.objects.get(user=user)
    assert role.granted_by == superuser
    event = AuditEvent.objects.get(action=Action.ROLE_GRANTED, subject=user.email)
    assert event.actor == superuser
    assert client.get(
        f"/admin/snippets/accounts/regionrole/edit/{role.pk}/"
    ).status_code in (302, 403)


def test_admin_account_page_links_to_security_settings(admin_client):
    html = admin_client.get("/admin/account/").content.decode()
    assert reverse("accounts:home") in html
