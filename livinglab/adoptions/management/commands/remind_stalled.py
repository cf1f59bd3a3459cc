"""Remind regions of their stalled adoptions, once a day at most.

    python manage.py remind_stalled [--days N] [--dry-run]

An adoption is stalled when it still has a step to take (not stopped, not
institutionalised) and no step was recorded for N days (``--days``, else the
``ADOPTION_STALLED_DAYS`` setting, 60). Each region's team (its members and
coordinators) gets one email listing its stalled adoptions, each with a
signed link to the region workspace where the team records the next step or
confirms the adoption is still going; a region without a team falls back to
each adoption's contact email.

Idempotent per day: each reminded adoption is noted in the cache (database
cache in production) under today's date, so a second run the same day sends
nothing again. Run it daily or weekly from cron.
"""

from collections import defaultdict
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.core.management.base import BaseCommand, CommandError
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation

from livinglab.accounts.models import RegionRole

from ... import reminders
from ...dashboard import figures
from ...dashboard import filters as dashboard_filters
from ...models import Adoption, Stage

CACHE_PREFIX = "adoptions:stalled-reminder"
CACHE_SECONDS = 2 * 24 * 3600


def workspace_url():
    try:
        path = reverse("adoptions:workspace")
    except NoReverseMatch:
        path = "/adopsi/"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _claim_key(today, adoption_id):
    return f"{CACHE_PREFIX}:{today.isoformat()}:{adoption_id}"


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

    def handle(self, *args, days=None, dry_run=False, **options):
        days = dashboard_filters.default_stalled_days() if days is None else days
        if (
            not dashboard_filters.STALLED_DAYS_MIN
            <= days
            <= dashboard_filters.STALLED_DAYS_MAX
        ):
            raise CommandError(
                f"--days must be between {dashboard_filters.STALLED_DAYS_MIN} and "
                f"{dashboard_filters.STALLED_DAYS_MAX}."
            )
        self.verbosity = options.get("verbosity", 1)
        today = timezone.localdate()
        with translation.override(settings.LANGUAGE_CODE):
            summary = self._remind(days, today, dry_run)
        prefix = "Dry run, nothing sent: " if dry_run else ""
        self.stdout.write(
            f"{prefix}{summary['stalled']} stalled adoption(s) (no step for "
            f"{days}+ days) in {summary['regions']} region(s); "
            f"{summary['emails']} email(s) {'would be ' if dry_run else ''}sent to "
            f"{summary['recipients']} address(es) about {summary['reminded']} "
            f"adoption(s); {summary['already']} already reminded today; "
            f"{summary['no_recipient']} without anyone to write to."
        )

    def _remind(self, days, today, dry_run):
        stalled = list(
            Adoption.objects.exclude(stage__in=figures.NOT_STALLABLE)
            .filter(
                innovation__live=True,
                last_event_on__lte=today - timedelta(days=days),
            )
            .select_related("region", "innovation")
            .only(
                "stage",
                "last_event_on",
                "contact_email",
                "region__code",
                "region__name",
                "innovation__title",
            )
            .order_by("region__code", "last_event_on", "pk")
        )
        summary = dict.fromkeys(
            ("emails", "recipients", "reminded", "already", "no_recipient"), 0
        )
        summary["stalled"] = len(stalled)
        summary["regions"] = len({a.region_id for a in stalled})
        teams = defaultdict(set)
        for region_id, email in RegionRole.objects.filter(
            region_id__in={a.region_id for a in stalled},
            role__in=[RegionRole.Role.MEMBER, RegionRole.Role.COORDINATOR],
            user__is_active=True,
        ).values_list("region_id", "user__email"):
            teams[region_id].add(email)

        # One email per region team, or per contact address without a team.
        batches = defaultdict(list)
        for adoption in stalled:
            if teams.get(adoption.region_id):
                batches[(adoption.region_id, None)].append(adoption)
            elif adoption.contact_email:
                batches[(adoption.region_id, adoption.contact_email)].append(adoption)
            else:
                summary["no_recipient"] += 1

        base = workspace_url()
        for (region_id, contact), adoptions in batches.items():
            recipients = sorted(teams[region_id]) if contact is None else [contact]
            if dry_run:
                fresh = [
                    a for a in adoptions if cache.get(_claim_key(today, a.pk)) is None
                ]
            else:
                fresh = [
                    a
                    for a in adoptions
                    if cache.add(_claim_key(today, a.pk), 1, CACHE_SECONDS)
                ]
            summary["already"] += len(adoptions) - len(fresh)
            if not fresh:
                continue
            message = self._message(fresh, recipients, base, today)
            if not dry_run:
                try:
                    message.send()
                except Exception:
                    cache.delete_many([_claim_key(today, a.pk) for a in fresh])
                    raise
            summary["emails"] += 1
            summary["recipients"] += len(recipients)
            summary["reminded"] += len(fresh)
            if self.verbosity >= 2:
                self.stdout.write(
                    f"  {fresh[0].region.code} {fresh[0].region.name}: "
                    f"{len(fresh)} adoption(s), {len(recipients)} recipient(s)"
                )
        return summary

    def _message(self, adoptions, recipients, base, today):
        region = adoptions[0].region
        items = [
            {
                "innovation": a.innovation.title,
                "stage": Stage(a.stage).label,
                "last_event_on": a.last_event_on,
                "days": (today - a.last_event_on).days,
                "link": f"{base}?"
                + urlencode(
                    {"konfirmasi": reminders.reminder_token(a.pk, a.region_id)}
                ),
            }
            for a in adoptions
        ]
        context = {"region": region, "items": items, "workspace": base}
        subject = render_to_string(
            "adoptions/includes/stalled_reminder_subject.txt", context
        )
        body = render_to_string(
            "adoptions/includes/stalled_reminder_email.txt", context
        )
        return EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=recipients,
        )
