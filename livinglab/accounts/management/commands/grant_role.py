"""Grant (or revoke) a region role from the shell, e.g. the first coordinator:

    manage.py grant_role koordinator@sumedangkab.go.id 32.11 coordinator
    manage.py grant_role penulis@sumedangkab.go.id 3211 host_publisher
    manage.py grant_role penulis@sumedangkab.go.id 32.11 host_publisher --revoke

The person must have an account; to create one, use ``manage.py invite``.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from livinglab.accounts import roles
from livinglab.accounts.models import RegionRole
from livinglab.regions.codes import normalize_region_code
from livinglab.regions.models import Region


def region_by_code(code):
    try:
        return Region.objects.get(code=normalize_region_code(code))
    except (ValueError, Region.DoesNotExist) as exc:
        raise CommandError(f"unknown region code: {code}") from exc


class Command(BaseCommand):
    help = "Grant or revoke a region role (member, coordinator, host_publisher)."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("region", help="Kemendagri code, 32.11 or 3211")
        parser.add_argument("role", choices=RegionRole.Role.values)
        parser.add_argument("--revoke", action="store_true")

    def handle(self, email, region, role, revoke, **options):
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise CommandError(f"no account for {email}: invite them instead")
        region = region_by_code(region)
        if revoke:
            done = roles.revoke_role(user, region, role)
            self.stdout.write(f"{'revoked' if done else 'not held'}: {role} {region}")
        else:
            roles.grant_role(user, region, role)
            self.stdout.write(f"granted: {role} {region} to {user.email}")
