"""Impact follow-up after replication (issue 18.6).

Six and twelve months after a region reached "Implementasi" (the date of the
adoption's first ``StageEvent`` to ``Stage.IMPLEMENTATION``), its team (the
region's members and coordinators) is asked for its before/after figures on
the host's measures: an in-app notification (kind ``impact_followup``) whose
e-mail follows each person's preference (immediately, weekly digest, off)
through ``events.notify``. The host then confirms the figures on the adoption
page (``adoptions:confirm-figures``).

Idempotent per adoption and milestone: each request is claimed in the e-mail
delivery log (kind ``adoptions.impact_followup``, recipient ``region:<id>``,
object ``adoption:<pk>``, period ``6m`` or ``12m``) before anything is
written, so the daily job run twice, or by two workers, asks once. Only the
latest milestone reached is asked (a region implemented 14 months ago hears
once, for 12 months). Adoptions that stopped, or whose case study is not
published, are not asked.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innovations.models import InnovationPage
from livinglab.accounts.models import RegionRole
from livinglab.adoptions.models import IMPLEMENTED, Adoption, Stage, StageEvent

from . import delivery
from .models import Notification

KIND = "adoptions.impact_followup"
MILESTONES = (12, 6)  # months after "Implementasi", the latest first


def add_months(day, months):
    """``day`` plus ``months`` calendar months (a ``date``); the 31st of a
    shorter month becomes its last day."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, d))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable


def due_milestone(implemented_on, today):
    """The latest milestone (12 or 6, months) reached on ``today`` by an
    adoption implemented on ``implemented_on``, or None before six months."""
    for months in MILESTONES:
        if today >= add_months(implemented_on, months):
            return months
    return None


def ask_for_figures(today=None):
    """Ask each team whose adoption reached a milestone today or earlier and
    was not asked for it yet; returns ``{"due", "asked", "already",
    "no_team"}`` (counts of adoptions). Three queries to find the due
    adoptions and their teams, then per adoption asked one claim and the
    notification writes."""
    from .events import notify  # events imports the tasks, which import this

    today = today or timezone.localdate()
    implemented = dict(
        StageEvent.objects.filter(to_stage=Stage.IMPLEMENTATION)
        .values("adoption_id")
        .annotate(first=Min("date"))
        .values_list("adoption_id", "first")
    )
    adoptions = list(
        Adoption.objects.filter(
            pk__in=list(implemented),
            stage__in=IMPLEMENTED,
            innovation__in=InnovationPage.objects.published(),
        )
        .select_related("region", "innovation")
        .order_by("pk")
    )
    due = []
    for adoption in adoptions:
        months = due_milestone(implemented[adoption.pk], today)
        if months is not None:
            due.append((adoption, months))
    teams = {}
    for region_id, user_id in RegionRole.objects.filter(
        region_id__in={a.region_id for a, _m in due},
        role__in=[RegionRole.Role.MEMBER, RegionRole.Role.COORDINATOR],
        user__is_active=True,
    ).values_list("region_id", "user_id"):
        teams.setdefault(region_id, set()).add(user_id)
    summary = {"due": len(due), "asked": 0, "already": 0, "no_team": 0}
    for adoption, months in due:
        team = teams.get(adoption.region_id)
        if not team:
            summary["no_team"] += 1
            continue
        with transaction.atomic():
            if not delivery.claim(
                KIND,
                f"region:{adoption.region_id}",
                f"adoption:{adoption.pk}",
                f"{months}m",
            ):
                summary["already"] += 1
                continue
            with translation.override(settings.LANGUAGE_CODE):
                title = _(
                    "%(months)s months of %(title)s in %(region)s: enter your "
                    "before/after figures"
                ) % {
                    "months": months,
                    "title": adoption.innovation.title,
                    "region": adoption.region.name,
                }
            notify(
                team,
                Notification.Kind.IMPACT_FOLLOWUP,
                title,
                reverse("adoptions:detail", kwargs={"pk": adoption.pk})
                + "#figures-heading",
            )
        summary["asked"] += 1
    return summary
