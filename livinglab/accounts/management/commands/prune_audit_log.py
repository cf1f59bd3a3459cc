"""Delete audit events older than the retention the privacy notice promises.

Run daily from cron (or the job runner) beside ``remind_stalled``. The
retention, ``AUDIT_LOG_RETENTION_DAYS`` (default 730, two years), is what
templates/base/info/privacy.html tells people.
"""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from livinglab.accounts.models import AuditEvent


class Command(BaseCommand):
    help = "Delete audit events older than AUDIT_LOG_RETENTION_DAYS (default 730)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="keep this many days instead of AUDIT_LOG_RETENTION_DAYS",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="count, delete nothing"
        )

    def handle(self, *args, **options):
        days = options["days"] or settings.AUDIT_LOG_RETENTION_DAYS
        if days < 1:
            raise CommandError("--days must be at least 1")
        cutoff = timezone.now() - datetime.timedelta(days=days)
        old = AuditEvent.objects.filter(at__lt=cutoff)
        if options["dry_run"]:
            count = old.count()
        else:
            count, _by_model = old.delete()
        self.stdout.write(
            f"audit log: {count} events before {cutoff:%Y-%m-%d}"
            + (" (dry run)" if options["dry_run"] else " deleted")
        )
