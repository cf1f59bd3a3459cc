"""The yearly reconfirmation (issue 18.5).

A published, running case study whose host has not confirmed or published
it for 12 months (``InnovationPage.is_stale``) sends each publisher of its
host region an e-mail: confirm in one click (a signed link to a page with a
button) or edit it in the admin. Each e-mail is claimed in the delivery log
first (``notifications.delivery.claim``, kind ``freshness.reconfirm``,
period: the year), so a daily job sends it once per case study, publisher
and year, however often it runs.

``confirm()`` is the one way a confirmation is recorded: it sets
``last_confirmed`` to today on the live page row (no new revision is
published; the admin shows the date) and writes the audit log.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innovations.models import STALE_AFTER, InnovationPage
from livinglab.accounts import audit
from livinglab.accounts.models import AuditEvent, RegionRole
from livinglab.notifications import delivery

CONFIRM_SALT = "livinglab.freshness.confirm"
# A confirmation link works for 60 days; the next year's e-mail brings a new one.
CONFIRM_MAX_AGE = timedelta(days=60)
KIND = "freshness.reconfirm"


def confirm_token(page_id, user_id):
    """A signed token that lets the bearer confirm case study ``page_id``
    (sent to publisher ``user_id``); valid for ``CONFIRM_MAX_AGE``."""
    return signing.dumps({"p": page_id, "u": user_id}, salt=CONFIRM_SALT)


def read_confirm_token(token):
    """``(page_id, user_id)``; raises ``signing.BadSignature`` (or
    ``SignatureExpired``) for a forged, damaged or old token."""
    data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    return int(data["p"]), int(data["u"])


def due(today=None):
    """Published, running case studies not confirmed or published for 12
    months (``InnovationPage.is_stale``), with their host region."""
    today = today or timezone.localdate()
    limit = today - STALE_AFTER
    pages = (
        InnovationPage.objects.published()
        .running()
        .select_related("host_region")
        .order_by("pk")
    )
    return [
        page for page in pages if page.confirmed_on is None or page.confirmed_on < limit
    ]


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _message(page, user):
    confirm_url = _absolute(
        reverse("freshness:confirm", args=[confirm_token(page.pk, user.pk)])
    )
    edit_url = _absolute(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    subject = _("Is “%(title)s” still current? Confirm in one click") % {
        "title": page.title
    }
    body = _(
        "Nobody from %(region)s has confirmed or updated the case study "
        "“%(title)s” for 12 months.\n\n"
        "Still current? Confirm in one click:\n%(confirm)s\n\n"
        "Something changed? Edit it:\n%(edit)s\n\n"
        "If the innovation has stopped, mark it stopped (Dihentikan) when "
        "editing: it stays findable as a reference.\n"
    ) % {
        "region": page.host_region.name,
        "title": page.title,
        "confirm": confirm_url,
        "edit": edit_url,
    }
    return EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def send_reconfirmations(today=None):
    """E-mail the publishers of each case study due for reconfirmation;
    returns ``{"due": n, "emails": n, "already": n, "no_recipient": n}``.
    Idempotent: one e-mail per case study, publisher and year."""
    today = today or timezone.localdate()
    pages = due(today)
    publishers = {}
    for role in RegionRole.objects.filter(
        region_id__in={p.host_region_id for p in pages},
        role=RegionRole.Role.HOST_PUBLISHER,
        user__is_active=True,
    ).select_related("user"):
        if role.user.email:
            publishers.setdefault(role.region_id, []).append(role.user)
    summary = {"due": len(pages), "emails": 0, "already": 0, "no_recipient": 0}
    period = str(today.year)
    with translation.override(settings.LANGUAGE_CODE):
        for page in pages:
            users = publishers.get(page.host_region_id, [])
            if not users:
                summary["no_recipient"] += 1
            for user in users:
                key = f"innovation:{page.pk}"
                if not delivery.claim(KIND, user.email, key, period):
                    summary["already"] += 1
                    continue
                try:
                    _message(page, user).send()
                except Exception:
                    delivery.release(KIND, user.email, key, period)
                    raise
                summary["emails"] += 1
    return summary


def confirm(page, actor=None, request=None):
    """Record that the host stands by ``page`` today: set ``last_confirmed``
    on the live row (no new revision) and write the audit log. ``actor`` is
    the publisher who confirmed (signed in or named by the e-mail's token)."""
    today = timezone.localdate()
    InnovationPage.objects.filter(pk=page.pk).update(last_confirmed=today)
    page.last_confirmed = today
    audit.record(
        AuditEvent.Action.CASE_STUDY_CONFIRMED,
        actor=actor,
        subject=page.title,
        request=request,
        innovation=page.pk,
        date=today.isoformat(),
    )
    return page
