"""Remind regions of their stalled adoptions, once a day at most.

    python manage.py remind_stalled [--days N] [--dry-run] [--enqueue]

Runs the ``remind_stalled_adoptions`` job's work now (``--enqueue``: hands it
to the background worker instead). See ``livinglab.notifications.stalled``:
idempotent per day through the e-mail delivery log.
"""

from django.core.management.base import BaseCommand, CommandError

from ... import stalled, tasks


class Command(BaseCommand):
    help = "Email regions about adoptions with no step for N days (once a day at most)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Days without a step (default: ADOPTION_STALLED_DAYS, 60).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Show what would be sent; send and note nothing.",
        )
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Enqueue the job for the background worker instead of running it.",
        )

    def handle(self, *args, days=None, dry_run=False, enqueue=False, **options):
        try:
            days = stalled.check_days(days)
        except stalled.InvalidDays as exc:
            raise CommandError(str(exc)) from None
        if enqueue:
            result = tasks.remind_stalled_adoptions.enqueue(days=days)
            self.stdout.write(f"Enqueued remind_stalled_adoptions ({result.id}).")
            return
        verbose = options.get("verbosity", 1) >= 2
        summary = stalled.remind_stalled(
            days=days, dry_run=dry_run, log=self.stdout.write if verbose else None
        )
        prefix = "Dry run, nothing sent: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{summary['stalled']} stalled adoption(s) (no step for "
            f"{days}+ days) in {summary['regions']} region(s); "
            f"{summary['emails']} email(s) {'would be ' if dry_run else ''}sent to "
            f"{summary['recipients']} address(es) about {summary['reminded']} "
            f"adoption(s); {summary['already']} already reminded today; "
            f"{summary['no_recipient']} without anyone to write to."
        )
