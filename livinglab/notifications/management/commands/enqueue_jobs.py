"""Enqueue the periodic background jobs of one schedule.

    python manage.py enqueue_jobs daily      # cron: once a day (e.g. 06:00)
    python manage.py enqueue_jobs frequent   # cron: every minute

The schedules are the ``JOB_SCHEDULES`` setting: a name -> list of dotted
paths of django-tasks ``Task`` objects (called without arguments). The jobs
themselves run in a ``db_worker``; each is idempotent, so enqueueing one
twice (two cron hosts, a retry) does no harm.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Enqueue the periodic jobs of a schedule (JOB_SCHEDULES) for the worker."

    def add_arguments(self, parser):
        parser.add_argument("schedule", help="A JOB_SCHEDULES name: daily, frequent.")

    def handle(self, *args, schedule, **options):
        schedules = settings.JOB_SCHEDULES
        if schedule not in schedules:
            raise CommandError(
                f"Unknown schedule {schedule!r}; known: {', '.join(sorted(schedules))}."
            )
        for path in schedules[schedule]:
            result = import_string(path).enqueue()
            self.stdout.write(f"Enqueued {path} ({result.id}).")
