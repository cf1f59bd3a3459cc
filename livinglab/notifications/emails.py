"""Notification e-mails (issue 18.2): per person and kind, immediately, in a
weekly digest, or off (``EmailPreference``; weekly without a row). Every
e-mail carries a one-click unsubscribe link (a signed token, no sign-in) and
the ``List-Unsubscribe`` headers. Each send is claimed in the delivery log
first (``delivery.claim``), so a job run twice sends nothing twice.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import delivery
from .models import EmailPreference, Notification

UNSUBSCRIBE_SALT = "livinglab.notifications.unsubscribe"
Frequency = EmailPreference.Frequency


def unsubscribe_token(user_id, kind):
    """A signed token that turns e-mail for ``kind`` off for the user; it
    does not expire (an old e-mail's link must still work)."""
    return signing.dumps({"u": user_id, "k": kind}, salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token):
    """``(user_id, kind)``; raises ``signing.BadSignature`` for a forged or
    damaged token and ``ValueError`` for an unknown kind."""
    data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    if data.get("k") not in Notification.Kind.values:
        raise ValueError(data.get("k"))
    return int(data["u"]), data["k"]


def unsubscribe_url(user_id, kind):
    """Absolute address of the unsubscribe page for ``kind``."""
    path = reverse("unsubscribe", args=[unsubscribe_token(user_id, kind)])
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def frequencies(user_ids):
    """``{(user_id, kind): frequency}`` of the stored preferences (one query)."""
    return {
        (uid, kind): freq
        for uid, kind, freq in EmailPreference.objects.filter(
            user_id__in=user_ids
        ).values_list("user_id", "kind", "frequency")
    }


def _message(user, notes, subject, kinds):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = [f"- {n.title}\n  {base}{n.link}" for n in notes]
    links = {kind: unsubscribe_url(user.pk, kind) for kind in kinds}
    footer = "\n".join(
        _("Stop these e-mails (%(kind)s): %(url)s")
        % {"kind": Notification.Kind(kind).label, "url": url}
        for kind, url in links.items()
    )
    first = next(iter(links.values()))
    return EmailMessage(
        subject=subject,
        body="\n".join(lines) + "\n\n" + footer + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{first}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def send_immediately(notification_id):
    """E-mail one notification now when its recipient asked for that kind
    immediately; returns True when an e-mail went out."""
    note = (
        Notification.objects.select_related("recipient")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if note is None or not note.recipient.is_active:
        return False
    freq = frequencies([note.recipient_id]).get((note.recipient_id, note.kind))
    if freq != Frequency.IMMEDIATELY:
        return False
    user = note.recipient
    if not delivery.claim("notification", user.email, f"notification:{note.pk}"):
        return False
    with translation.override(settings.LANGUAGE_CODE):
        message = _message(user, [note], note.title, [note.kind])
    try:
        message.send()
    except Exception:
        delivery.release("notification", user.email, f"notification:{note.pk}")
        raise
    Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
    return True


def iso_week(day):
    """``"2026-W48"``: the period of a weekly digest."""
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"


def send_weekly_digests(today=None):
    """One digest per person with notifications not yet e-mailed whose kind
    is on the weekly digest; returns ``{"emails", "notifications"}``. Reads
    the notifications and preferences in two queries; per recipient one
    claim, one send and one update (bounded, not growing with the number of
    recipients)."""
    today = today or timezone.localdate()
    period = iso_week(today)
    since = timezone.now() - datetime.timedelta(days=60)
    notes = list(
        Notification.objects.filter(
            emailed_at__isnull=True, created_at__gte=since, recipient__is_active=True
        )
        .select_related("recipient")
        .order_by("recipient_id", "created_at", "pk")
    )
    prefs = frequencies({n.recipient_id for n in notes})
    by_user = defaultdict(list)
    for note in notes:
        freq = prefs.get((note.recipient_id, note.kind), Frequency.WEEKLY)
        if freq == Frequency.WEEKLY:
            by_user[note.recipient_id].append(note)
    summary = {"emails": 0, "notifications": 0}
    for _uid, user_notes in by_user.items():
        user = user_notes[0].recipient
        if not delivery.claim("digest", user.email, f"user:{user.pk}", period):
            continue
        kinds = sorted({n.kind for n in user_notes})
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("Your week on the Living Lab: %(count)s news") % {
                "count": len(user_notes)
            }
            message = _message(user, user_notes, subject, kinds)
        try:
            message.send()
        except Exception:
            delivery.release("digest", user.email, f"user:{user.pk}", period)
            raise
        Notification.objects.filter(pk__in=[n.pk for n in user_notes]).update(
            emailed_at=timezone.now()
        )
        summary["emails"] += 1
        summary["notifications"] += len(user_notes)
    return summary
