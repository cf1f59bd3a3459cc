"""People for the browser journeys, created in the e2e server's database.

Run by tests/e2e/conftest.py as ``python -m tests.e2e.seed`` with the e2e
settings; prints nothing on success. The TOTP secret of the privileged
people (analyst, moderator, host publisher) is fixed so the test can compute
the codes.
"""

import os

import django

PASSWORD = "uji-peramban-2026"
ANALYST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def forget_garut_interest():
    """Journey 1 registers Garut's interest in the TTE case study: it runs at
    two widths, so each run starts without that adoption
    (``python -m tests.e2e.seed forget-garut-interest``)."""
    from livinglab.adoptions.models import Adoption

    Adoption.objects.filter(
        region__code="32.05", innovation__slug="tte-sumedang"
    ).delete()


def seed():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP

    from livinglab.accounts import roles
    from livinglab.accounts.models import RegionRole
    from livinglab.accounts.policy import ANALYSTS, MODERATORS
    from livinglab.regions.models import Region

    User = get_user_model()

    def person(email, first_name):
        user = User.objects.create_user(
            email=email, password=PASSWORD, first_name=first_name
        )
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
        return user

    # Journey 1 registers Garut's interest in the TTE case study itself.
    forget_garut_interest()
    team = person("tim@garutkab.go.id", "Tim Garut")
    roles.grant_role(
        team, Region.objects.get(code="32.05"), RegionRole.Role.MEMBER, None
    )
    coordinator = person("koordinator@garutkab.go.id", "Koordinator Garut")
    roles.grant_role(
        coordinator, Region.objects.get(code="32.05"), RegionRole.Role.COORDINATOR, None
    )
    host = person("penerbit@sumedangkab.go.id", "Penerbit Sumedang")
    roles.grant_role(
        host, Region.objects.get(code="32.11"), RegionRole.Role.HOST_PUBLISHER, None
    )
    moderator = person("moderator@kemendagri.go.id", "Moderator")
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    analyst = person("analis@kemendagri.go.id", "Analis")
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    TOTP.activate(analyst, ANALYST_TOTP_SECRET)
    TOTP.activate(moderator, ANALYST_TOTP_SECRET)
    # Host publishers reach the Wagtail admin: they need TOTP too (docs/ACCOUNTS.md).
    TOTP.activate(host, ANALYST_TOTP_SECRET)


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "livinglab.settings.e2e")
    django.setup()
    import sys

    if sys.argv[1:] == ["forget-garut-interest"]:
        forget_garut_interest()
    else:
        seed()
