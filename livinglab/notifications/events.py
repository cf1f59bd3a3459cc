"""Inbox events from what already happens (issue 18.2).

* a new revision of a followed case study is published (Wagtail's
  ``page_published``): its followers hear "updated";
* a replication step is recorded (``StageEvent`` created by the pipeline):
  when it is interest, the host side (``host_side_ids``: the host region's
  publishers and the case study's mentors with an account) hears "interest
  registered in my innovation" whether it follows the case study or not, and
  the other followers of the case study hear of a new adopter; the region's
  followers hear of every step;
* the host acknowledges interest or confirms the agreement or the
  source-code transfer (``pipeline.confirm_as_host`` saves the adoption with
  that field in ``update_fields``): the region's team hears "the host
  confirmed my step";
* a case study is published for the first time: the teams of regions whose
  weakest indicators (lowest level in the region's latest SPBE evaluation)
  include one it is tagged with hear of it, those members who follow nothing
  (followers hear of what they follow instead).

Only published case studies (``InnovationPage.objects.published()``) make
events; the titles are built in the site's default language (Indonesian),
the language of the e-mails too. The actor of a change is not notified of
it. Notifications are written in the same transaction as the change.
"""

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_save
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.signals import page_published

from innovations.models import InnovationPage
from livinglab.accounts import policy
from livinglab.accounts.models import RegionRole
from livinglab.adoptions.models import Adoption, Stage, StageEvent
from livinglab.regions.models import SpbeIndicatorScore

from . import emails, tasks
from .models import Follow, Notification


def _notify(user_ids, kind, title, link, exclude=None):
    created = Notification.objects.bulk_create(
        Notification(recipient_id=uid, kind=kind, title=title[:300], link=link)
        for uid in sorted(set(user_ids) - {exclude})
    )
    if not created:
        return
    # Those who asked for this kind immediately: a job each, after the commit.
    prefs = emails.frequencies({n.recipient_id for n in created})
    now = [
        n.pk
        for n in created
        if n.pk and prefs.get((n.recipient_id, kind)) == emails.Frequency.IMMEDIATELY
    ]
    for pk in now:
        transaction.on_commit(lambda pk=pk: tasks.send_notification_email.enqueue(pk))


def notify(user_ids, kind, title, link, exclude=None):
    """Write a ``kind`` notification (plain-text ``title``, site path
    ``link``) to each of ``user_ids`` but ``exclude``, and enqueue the e-mail
    job for those who want that kind immediately (after the commit). For apps
    above this one (``livinglab.questions``)."""
    _notify(user_ids, kind, title, link, exclude=exclude)


def host_side_ids(innovation):
    """Ids of the active accounts that answer for a case study (a set of
    ints): ``accounts.policy.answering_user_ids`` decides who they are (host
    publishers and mentors with an account). The one rule for "the host" of
    every host event (questions, interest)."""
    return policy.answering_user_ids(innovation)


def _followers(**target):
    return Follow.objects.filter(**target).values_list("user_id", flat=True)


def on_page_published(sender, instance, revision=None, **kwargs):
    """A followed case study published a new revision."""
    page = instance.specific if hasattr(instance, "specific") else instance
    if not isinstance(page, InnovationPage):
        return
    if not InnovationPage.objects.published().filter(pk=page.pk).exists():
        return
    actor = getattr(revision, "user_id", None)
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Updated: %(title)s") % {"title": page.title}
    _notify(
        _followers(innovation=page),
        Notification.Kind.FOLLOWED_CHANGED,
        title,
        page.url or "/",
        exclude=actor,
    )
    if page.first_published_at and page.first_published_at == page.last_published_at:
        notify_weak_indicator_teams(page, exclude=actor)


TEAM_ROLES = (RegionRole.Role.MEMBER, RegionRole.Role.COORDINATOR)


def team_user_ids(region_id):
    """Active members and coordinators of a region's team (one query)."""
    return set(
        RegionRole.objects.filter(
            region_id=region_id, role__in=TEAM_ROLES, user__is_active=True
        ).values_list("user_id", flat=True)
    )


def weakest_indicators(region_ids):
    """``{region_id: set of indicator ids}``: for each region, the indicators
    at its lowest maturity level in its latest SPBE evaluation (the latest
    ``SpbeIndicatorScore.year`` of that region). One query, whatever the
    number of regions; regions without scores are absent."""
    latest_year = (
        SpbeIndicatorScore.objects.filter(region_id=OuterRef("region_id"))
        .order_by("-year")
        .values("year")[:1]
    )
    levels = {}
    for region_id, indicator_id, level in SpbeIndicatorScore.objects.filter(
        region_id__in=region_ids, year=Subquery(latest_year)
    ).values_list("region_id", "indicator_id", "level"):
        levels.setdefault(region_id, []).append((level, indicator_id))
    weakest = {}
    for region_id, scores in levels.items():
        low = min(level for level, _i in scores)
        weakest[region_id] = {i for level, i in scores if level == low}
    return weakest


def notify_weak_indicator_teams(page, exclude=None):
    """A new case study ``page`` tagged with SPBE indicators: notify the team
    members (who follow nothing) of each other region whose weakest
    indicators include one of them; one notification per person. Four
    queries whatever the number of regions."""
    tagged = {i.pk: i for i in page.spbe_indicators.all().order_by("number")}
    if not tagged:
        return
    teams = {}
    for region_id, user_id, region_name in (
        RegionRole.objects.filter(
            role__in=TEAM_ROLES, user__is_active=True, user__follows__isnull=True
        )
        .exclude(region_id=page.host_region_id)
        .values_list("region_id", "user_id", "region__name")
    ):
        teams.setdefault(region_id, (region_name, set()))[1].add(user_id)
    if not teams:
        return
    link = page.url or "/"
    notified = set()
    for region_id, weak in sorted(weakest_indicators(list(teams)).items()):
        hits = [tagged[i] for i in tagged if i in weak]
        if not hits:
            continue
        name, users = teams[region_id]
        users -= notified
        if not users:
            continue
        notified |= users
        with translation.override(settings.LANGUAGE_CODE):
            title = _(
                "New case study for %(region)s's weakest indicator "
                "%(indicator)s: %(title)s"
            ) % {"region": name, "indicator": hits[0], "title": page.title}
        _notify(users, Notification.Kind.WEAK_INDICATOR, title, link, exclude=exclude)


# The fields ``pipeline.confirm_as_host`` sets, in the pipeline's order.
HOST_CONFIRMATION_FIELDS = (
    "interest_acknowledged_at",
    "agreement_confirmed_at",
    "transfer_confirmed_at",
)


def _host_confirmation_title(field, region, title):
    names = {"region": region, "title": title}
    if field == "interest_acknowledged_at":
        return _("The host acknowledged %(region)s's interest in %(title)s") % names
    if field == "agreement_confirmed_at":
        return (
            _("The host confirmed the agreement on %(title)s with %(region)s") % names
        )
    return (
        _("The host confirmed the source-code transfer of %(title)s to %(region)s")
        % names
    )


def on_adoption_saved(
    sender, instance, created, update_fields=None, raw=False, **kwargs
):
    """The host confirmed a step (``pipeline.confirm_as_host`` saves only the
    confirmation field, the version and the time): tell the region's team."""
    if created or raw or not update_fields:
        return
    fields = [f for f in HOST_CONFIRMATION_FIELDS if f in update_fields]
    if not fields:
        return
    page = InnovationPage.objects.published().filter(pk=instance.innovation_id).first()
    if page is None:
        return
    region = instance.region
    with translation.override(settings.LANGUAGE_CODE):
        title = _host_confirmation_title(fields[0], region.name, page.title)
    _notify(
        team_user_ids(region.pk),
        Notification.Kind.HOST_CONFIRMED,
        title,
        reverse("adoptions:detail", kwargs={"pk": instance.pk}),
    )


def on_stage_event(sender, instance, created, raw=False, **kwargs):
    """A replication step was recorded."""
    if not created or raw:
        return
    adoption = instance.adoption
    page = InnovationPage.objects.published().filter(pk=adoption.innovation_id).first()
    if page is None:
        return
    region = adoption.region
    link = page.url or "/"
    with translation.override(settings.LANGUAGE_CODE):
        step = _("%(who)s: %(stage)s") % {
            "who": f"{region.name} · {page.title}",
            "stage": Stage(instance.to_stage).label,
        }
        adopter = _("New adopter of %(title)s: %(region)s") % {
            "title": page.title,
            "region": region.name,
        }
        interest = _("%(region)s registered interest in %(title)s") % {
            "region": region.name,
            "title": page.title,
        }
    if instance.to_stage == Stage.INTEREST:
        host = host_side_ids(page)
        _notify(
            host,
            Notification.Kind.HOST_INTEREST,
            interest,
            reverse("adoptions:host"),
            exclude=instance.actor_id,
        )
        _notify(
            set(_followers(innovation=page)) - host,
            Notification.Kind.FOLLOWED_ADOPTER,
            adopter,
            link,
            exclude=instance.actor_id,
        )
    _notify(
        _followers(region=region),
        Notification.Kind.REGION_STEP,
        step,
        link,
        exclude=instance.actor_id,
    )


def connect():
    """Subscribe to the signals (from ``NotificationsConfig.ready``)."""
    page_published.connect(on_page_published, dispatch_uid="notifications-published")
    post_save.connect(
        on_stage_event, sender=StageEvent, dispatch_uid="notifications-stage-event"
    )
    post_save.connect(
        on_adoption_saved, sender=Adoption, dispatch_uid="notifications-host-confirmed"
    )
