"""Send an invitation from the shell (bootstrapping a region's coordinator):

    manage.py invite koordinator@sumedangkab.go.id 32.11 coordinator

The link is built on WAGTAILADMIN_BASE_URL and also printed.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from livinglab.accounts import invitations
from livinglab.accounts.models import RegionRole

from .grant_role import region_by_code


class Command(BaseCommand):
    help = "Email an invitation to a region with a role."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("region", help="Kemendagri code, 32.11 or 3211")
        parser.add_argument("role", choices=RegionRole.Role.values)

    def handle(self, email, region, role, **options):
        invitation = invitations.create(
            email, region_by_code(region), role, invited_by=None
        )
        self.stdout.write(
            f"invitation sent to {invitation.email}, valid until "
            f"{timezone.localtime(invitation.expires_at):%Y-%m-%d %H:%M}: "
            f"{invitations.accept_urls(invitation)['id']}"
        )
