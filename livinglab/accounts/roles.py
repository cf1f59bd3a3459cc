"""Granting and revoking region roles, and what a host publisher may edit.

A region role is a ``RegionRole`` row; the rules in ``policy.py`` read them.
What a host publisher may edit in Wagtail (the host's group, section of the
library and collection) belongs to the case study: ``innovations/hosts.py``
follows the ``RegionRole`` rows with signal receivers, so a role granted
here, by an accepted invitation or in the admin, has the same effect.
"""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from .models import RegionRole

Role = RegionRole.Role

# Roles a region coordinator may hand out; administrators may hand out any.


@transaction.atomic
def grant_role(user, region, role, granted_by=None):
    """Give ``user`` the ``role`` in ``region`` (idempotent); returns the row."""
    region_role, _created = RegionRole.objects.get_or_create(
        user=user, region=region, role=role, defaults={"granted_by": granted_by}
    )
    _forget_cached_roles(user)
    return region_role


@transaction.atomic
def revoke_role(user, region, role, revoked_by=None):
    """Take the role away; returns whether there was one to take."""
    found = False
    for region_role in RegionRole.objects.filter(user=user, region=region, role=role):
        region_role._revoked_by = revoked_by
        region_role.delete()
        found = True
    _forget_cached_roles(user)
    return found


def _forget_cached_roles(user):
    # policy.region_ids caches the roles on the user object.
    if hasattr(user, "_region_roles_cache"):
        del user._region_roles_cache


def grantable_roles(user, region):
    """The role choices ``user`` may invite to ``region`` with (for forms)."""
    return [
        (value, label)
        for value, label in Role.choices
        if user.has_perm(
            "accounts.invite_with_role", RegionRole(region=region, role=value)
        )
    ]


ROLE_HELP = {
    Role.MEMBER: _("Manages the region's adoption records and evidence."),
    Role.COORDINATOR: _("As a member, and may invite members of the same region."),
    Role.HOST_PUBLISHER: _(
        "Writes the host's case studies in the admin; a moderator publishes them."
    ),
}
