"""What a host publisher may edit in Wagtail, following their region roles.

Wagtail gives permissions only to groups: each host region has one group,
"Host publishers 32.11", allowed to reach the admin, to add and change
(never publish) pages in the host's own section of the library (the
``InnovationIndexPage`` whose ``host_region`` is that region), and to add,
change and choose images and documents in the host's own collection.
Publishing stays with Wagtail's moderation workflow.

Membership of that group follows the ``RegionRole`` rows of
``livinglab.accounts``: ``sync_host_group`` runs after every save and delete
of a role (receivers connected in ``InnovationsConfig.ready``).
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.text import slugify
from django.utils.translation import gettext_noop

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from livinglab.accounts.models import RegionRole
from livinglab.regions.models import Region

from .models import InnovationIndexPage

Role = RegionRole.Role

HOST_GROUP_PREFIX = gettext_noop("Host publishers")  # shown translated
LIBRARY_SLUG = "inovasi"


def host_group_name(region):
    """The Wagtail group name of a host region: ``"Host publishers 32.11"``."""
    return f"{HOST_GROUP_PREFIX} {region.code}"


def sync_host_group(user, region):
    """Put the user in the host's group if they publish for it, else take them out."""
    is_publisher = RegionRole.objects.filter(
        user=user, region=region, role=Role.HOST_PUBLISHER
    ).exists()
    if is_publisher:
        user.groups.add(ensure_host_group(region))
    else:
        group = Group.objects.filter(name=host_group_name(region)).first()
        if group is not None:
            user.groups.remove(group)


@receiver(post_save, sender=RegionRole, dispatch_uid="host_group_on_role_saved")
def _role_saved(sender, instance, raw=False, **kwargs):
    if not raw and instance.role == Role.HOST_PUBLISHER:
        sync_host_group(instance.user, instance.region)


@receiver(post_delete, sender=RegionRole, dispatch_uid="host_group_on_role_deleted")
def _role_deleted(sender, instance, **kwargs):
    if instance.role != Role.HOST_PUBLISHER:
        return
    # The user or region may be going too (a cascade): nothing to sync then.
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    region = Region.objects.filter(pk=instance.region_id).first()
    if user is not None and region is not None:
        sync_host_group(user, region)


def host_section(region):
    """The host's own ``InnovationIndexPage``, created under the library if missing."""
    section = InnovationIndexPage.objects.originals().filter(host_region=region).first()
    if section is not None:
        return section
    library = (
        InnovationIndexPage.objects.originals()
        .filter(host_region__isnull=True, slug=LIBRARY_SLUG)
        .order_by("depth", "path")
        .first()
    ) or (
        InnovationIndexPage.objects.originals()
        .filter(host_region__isnull=True)
        .order_by("depth", "path")
        .first()
    )
    if library is None:
        raise RuntimeError(
            "No innovation library page: run load_initial_data before granting "
            "host publisher roles."
        )
    slug = base = slugify(region.name) or slugify(region.code)
    siblings = set(library.get_children().values_list("slug", flat=True))
    n = 2
    while slug in siblings:
        slug = f"{base}-{n}"
        n += 1
    section = InnovationIndexPage(
        title=region.name,
        slug=slug,
        host_region=region,
        introduction="",
    )
    library.add_child(instance=section)
    section.save_revision().publish()
    return section


def host_collection(region):
    """The host's own collection for images and documents (under the root)."""
    name = f"{region.name} ({region.code})"
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


PAGE_PERMISSIONS = ("add_page", "change_page")
COLLECTION_PERMISSIONS = {
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
    "wagtailimages": ("add_image", "change_image", "choose_image"),
}


def ensure_host_group(region):
    """The host's Wagtail group with exactly the permissions described above."""
    group, _created = Group.objects.get_or_create(name=host_group_name(region))
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    section = host_section(region)
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=section,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    collection = host_collection(region)
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return group
