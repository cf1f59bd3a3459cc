"""Host publishers: add and change (not publish) in their host's section only."""

from django.contrib.auth.models import Group

from wagtail.models import Page

import pytest

from innovations import hosts
from innovations.models import InnovationIndexPage
from livinglab.accounts import roles
from livinglab.accounts.models import AuditEvent, RegionRole

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    return InnovationIndexPage.objects.originals().get(
        slug="inovasi", host_region__isnull=True
    )


def test_grant_host_publisher(make_user, sumedang, other_region, superuser, library):
    user = make_user("penulis@sumedangkab.go.id")
    roles.grant_role(
        user, sumedang, RegionRole.Role.HOST_PUBLISHER, granted_by=superuser
    )

    group = Group.objects.get(name="Host publishers 32.11")
    assert user.groups.filter(pk=group.pk).exists()
    assert user.has_perm("wagtailadmin.access_admin")
    section = InnovationIndexPage.objects.originals().get(host_region=sumedang)
    assert section.get_parent().specific == library
    assert section.live

    own = section.permissions_for_user(user)
    assert own.can_add_subpage()
    assert own.can_edit()
    assert not own.can_publish()
    assert not own.can_publish_subpage()

    # Nowhere else: not the library itself, not another host's section.
    assert not library.permissions_for_user(user).can_add_subpage()
    assert not library.permissions_for_user(user).can_edit()
    roles.grant_role(
        make_user("lain@bandung.go.id"), other_region, "host_publisher", superuser
    )
    elsewhere = InnovationIndexPage.objects.originals().get(host_region=other_region)
    assert not elsewhere.permissions_for_user(user).can_add_subpage()
    assert not elsewhere.permissions_for_user(user).can_edit()
    assert (
        not Page.objects.get(depth=2, locale__language_code="id")
        .permissions_for_user(user)
        .can_edit()
    )

    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ROLE_GRANTED, actor=superuser, subject=user.email
    ).exists()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.GROUP_CHANGED, subject=user.email
    ).exists()


def test_images_and_documents_in_the_host_collection(make_user, sumedang, superuser):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Collection
    from wagtail.permissions import policy_registry

    user = make_user("penulis@sumedangkab.go.id")
    roles.grant_role(user, sumedang, "host_publisher", superuser)
    collection = hosts.host_collection(sumedang)
    root = Collection.get_first_root_node()
    for model in (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        for action in ("add", "change", "choose"):
            allowed = policy.collections_user_has_permission_for(user, action)
            assert collection in allowed
            assert root not in allowed


def test_granting_twice_is_idempotent(make_user, sumedang, superuser):
    user = make_user("penulis@sumedangkab.go.id")
    roles.grant_role(user, sumedang, "host_publisher", superuser)
    roles.grant_role(user, sumedang, "host_publisher", superuser)
    assert RegionRole.objects.filter(user=user).count() == 1
    assert (
        InnovationIndexPage.objects.originals().filter(host_region=sumedang).count()
        == 1
    )


def test_existing_host_section_is_reused(make_user, superuser, library):
    from livinglab.regions.models import Region

    garut = Region.objects.get(code="32.05")  # not a host in the demo data
    section = InnovationIndexPage(title="Garut", slug="garut", host_region=garut)
    library.add_child(instance=section)
    user = make_user("penulis@garutkab.go.id")
    roles.grant_role(user, garut, "host_publisher", superuser)
    assert (
        InnovationIndexPage.objects.originals().filter(host_region=garut).count() == 1
    )
    assert section.permissions_for_user(user).can_add_subpage()


def test_revoke_host_publisher(make_user, sumedang, superuser):
    user = make_user("penulis@sumedangkab.go.id")
    roles.grant_role(user, sumedang, "host_publisher", superuser)
    assert roles.revoke_role(user, sumedang, "host_publisher", revoked_by=superuser)
    assert not user.groups.filter(name="Host publishers 32.11").exists()
    section = InnovationIndexPage.objects.originals().get(host_region=sumedang)
    user = type(user).objects.get(pk=user.pk)  # fresh permission caches
    assert not section.permissions_for_user(user).can_add_subpage()
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.ROLE_REVOKED, actor=superuser, subject=user.email
    ).exists()


def test_member_role_touches_no_group(make_user, sumedang, superuser):
    user = make_user("anggota@sumedangkab.go.id")
    roles.grant_role(user, sumedang, "member", superuser)
    assert not user.groups.exists()
    assert user.has_perm("adoptions.record_step", sumedang)


def test_commands(make_user, sumedang):
    from django.core import mail
    from django.core.management import call_command

    from livinglab.accounts.models import Invitation

    call_command(
        "invite", "Koord@SumedangKab.go.id", "3211", "coordinator", stdout=None
    )
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.region, invitation.role) == (
        "koord@sumedangkab.go.id",
        sumedang,
        "coordinator",
    )
    assert mail.outbox[0].to == ["koord@sumedangkab.go.id"]

    user = make_user("penulis@sumedangkab.go.id")
    call_command("grant_role", user.email, "32.11", "host_publisher")
    assert user.groups.filter(name="Host publishers 32.11").exists()
    call_command("grant_role", user.email, "32.11", "host_publisher", revoke=True)
    assert not RegionRole.objects.filter(user=user).exists()


@pytest.mark.parametrize(
    "prefix,label",
    [("", "Penerbit tuan rumah 32.11"), ("/en", "Host publishers 32.11")],
)
def test_account_page_names_the_host_group_in_the_page_language(
    client, make_user, sumedang, superuser, library, prefix, label
):
    """Newcomer finding (session 5): the Indonesian account page said "Host
    publishers 32.11"; the group's role part is translated, its code kept."""
    from livinglab.accounts.models import RegionRole

    user = make_user("penerbit.baru@sumedangkab.go.id")
    RegionRole.objects.create(
        user=user, region=sumedang, role=RegionRole.Role.HOST_PUBLISHER
    )
    client.force_login(user)
    html = client.get(f"{prefix}/akun/", follow=True).content.decode()
    assert f"<li>{label}</li>" in html
