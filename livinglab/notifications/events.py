"""Inbox events from what already happens (issue 18.2).

* a new revision of a followed case study is published (Wagtail's
  ``page_published``): its followers hear "updated";
* a replication step is recorded (``StageEvent`` created by the pipeline):
  the case study's followers hear of a new adopter (interest), the region's
  followers hear of every step.

Only published case studies (``InnovationPage.objects.published()``) make
events; the titles are built in the site's default language (Indonesian),
the language of the e-mails too. The actor of a change is not notified of
it. Notifications are written in the same transaction as the change.
"""

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.signals import page_published

from innovations.models import InnovationPage
from livinglab.adoptions.models import Stage, StageEvent

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
    if instance.to_stage == Stage.INTEREST:
        _notify(
            _followers(innovation=page),
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
