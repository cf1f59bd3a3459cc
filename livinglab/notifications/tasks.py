"""Background jobs of the notifications app (django-tasks).

Each job is idempotent: what it sends is claimed in the e-mail delivery log
first (``delivery.claim``), so the same job run twice, or by two workers at
once, sends each e-mail once. ``enqueue_jobs`` (from cron) enqueues them.
"""

from django_tasks import task

from . import emails, impact, stalled


@task()
def remind_stalled_adoptions(days=None):
    """Send today's stalled-adoption reminders; returns the summary dict of
    ``stalled.remind_stalled`` (JSON-serialisable counts)."""
    return stalled.remind_stalled(days=days)


@task()
def send_notification_email(notification_id):
    """E-mail one notification whose recipient wants that kind immediately;
    returns whether an e-mail went out."""
    return emails.send_immediately(notification_id)


@task()
def send_weekly_digests():
    """The weekly digest of every person (``enqueue_jobs weekly``)."""
    return emails.send_weekly_digests()


@task()
def ask_for_impact_figures():
    """Ask teams for their figures six and twelve months after
    "Implementasi" (``enqueue_jobs daily``); returns the summary dict of
    ``impact.ask_for_figures``."""
    return impact.ask_for_figures()
