"""Remind regions of their stalled adoptions, once a day at most.

An adoption is stalled when it still has a step to take (not stopped, not
institutionalised) and no step was recorded for N days (else the
``ADOPTION_STALLED_DAYS`` setting, 60). Each region's team (its members and
coordinators) gets one email listing its stalled adoptions, each with a
signed link to the region workspace where the team records the next step or
confirms the adoption is still going; a region without a team falls back to
each adoption's contact email.

Each team member also gets an in-app notification per stalled adoption
(kind ``region_stalled``), written as already e-mailed so the weekly digest
does not repeat the reminder.

Idempotent per day: each reminded adoption is claimed in the e-mail delivery
log (``EmailDelivery``, unique per kind, recipient, adoption and day) before
the e-mail goes out, so a second run the same day, or a second worker running
the same job at the same moment, sends nothing again. Run by the
``remind_stalled_adoptions`` job (``enqueue_jobs daily``) or the
``remind_stalled`` command.
"""

from collections import defaultdict
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from livinglab.accounts.models import RegionRole
from livinglab.adoptions import reminders
from livinglab.adoptions.dashboard import figures
from livinglab.adoptions.dashboard import filters as dashboard_filters
from livinglab.adoptions.models import Adoption, Stage

from . import delivery
from .models import Notification

KIND = "adoptions.stalled"


class InvalidDays(ValueError):
    """``days`` is outside the dashboard's allowed range."""


def workspace_url():
    """Absolute URL of the region workspace (the reminder's landing page)."""
    try:
        path = reverse("adoptions:workspace")
    except NoReverseMatch:
        path = "/adopsi/"
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def check_days(days):
    """``days`` or the default; raises ``InvalidDays`` outside the range."""
    days = dashboard_filters.default_stalled_days() if days is None else days
    if (
        not dashboard_filters.STALLED_DAYS_MIN
        <= days
        <= dashboard_filters.STALLED_DAYS_MAX
    ):
        raise InvalidDays(
            f"--days must be between {dashboard_filters.STALLED_DAYS_MIN} and "
            f"{dashboard_filters.STALLED_DAYS_MAX}."
        )
    return days


def remind_stalled(days=None, dry_run=False, today=None, log=None):
    """Send the day's stalled-adoption reminders; returns a summary dict with
    counts ``stalled``, ``regions``, ``emails``, ``recipients``, ``reminded``,
    ``already`` (claimed earlier today) and ``no_recipient``. ``log`` (a
    callable taking a line) hears one line per e-mail. Raises ``InvalidDays``."""
    days = check_days(days)
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        summary = _remind(days, today, dry_run, log)
    summary["days"] = days
    return summary


def _remind(days, today, dry_run, log):
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
    team_ids = defaultdict(set)
    for region_id, user_id, email in RegionRole.objects.filter(
        region_id__in={a.region_id for a in stalled},
        role__in=[RegionRole.Role.MEMBER, RegionRole.Role.COORDINATOR],
        user__is_active=True,
    ).values_list("region_id", "user_id", "user__email"):
        teams[region_id].add(email)
        team_ids[region_id].add(user_id)

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
    period = today.isoformat()
    for (region_id, contact), adoptions in batches.items():
        recipients = sorted(teams[region_id]) if contact is None else [contact]
        who = f"region:{region_id}" if contact is None else contact
        if dry_run:
            fresh = [
                a
                for a in adoptions
                if not delivery.is_claimed(KIND, who, f"adoption:{a.pk}", period)
            ]
        else:
            fresh = [
                a
                for a in adoptions
                if delivery.claim(KIND, who, f"adoption:{a.pk}", period)
            ]
        summary["already"] += len(adoptions) - len(fresh)
        if not fresh:
            continue
        message = _message(fresh, recipients, base, today)
        if not dry_run:
            try:
                message.send()
            except Exception:
                for a in fresh:
                    delivery.release(KIND, who, f"adoption:{a.pk}", period)
                raise
            if contact is None:
                _inbox(fresh, team_ids[region_id], today)
        summary["emails"] += 1
        summary["recipients"] += len(recipients)
        summary["reminded"] += len(fresh)
        if log:
            log(
                f"  {fresh[0].region.code} {fresh[0].region.name}: "
                f"{len(fresh)} adoption(s), {len(recipients)} recipient(s)"
            )
    return summary


def _inbox(adoptions, user_ids, today):
    """The team's in-app notification of each stalled adoption, beside the
    e-mail it just got (so marked e-mailed: no digest repeats it); one
    insert."""
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            recipient_id=uid,
            kind=Notification.Kind.REGION_STALLED,
            title=(
                _("Stalled: %(title)s in %(region)s, no step for %(days)s days")
                % {
                    "title": a.innovation.title,
                    "region": a.region.name,
                    "days": (today - a.last_event_on).days,
                }
            )[:300],
            link=reverse("adoptions:detail", kwargs={"pk": a.pk}),
            emailed_at=now,
        )
        for a in adoptions
        for uid in sorted(user_ids)
    )


def _message(adoptions, recipients, base, today):
    region = adoptions[0].region
    items = [
        {
            "innovation": a.innovation.title,
            "stage": Stage(a.stage).label,
            "last_event_on": a.last_event_on,
            "days": (today - a.last_event_on).days,
            "link": f"{base}?"
            + urlencode({"konfirmasi": reminders.reminder_token(a.pk, a.region_id)}),
        }
        for a in adoptions
    ]
    context = {"region": region, "items": items, "workspace": base}
    subject = render_to_string(
        "adoptions/includes/stalled_reminder_subject.txt", context
    )
    body = render_to_string("adoptions/includes/stalled_reminder_email.txt", context)
    return EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
