"""Background jobs of the freshness loop (django-tasks, ``enqueue_jobs``).

Both are idempotent: the reconfirmation e-mails are claimed in the delivery
log (once per case study, publisher and year); the link checker only
overwrites each URL's last result."""

from django_tasks import task

from . import links, reconfirm


@task()
def send_reconfirmations():
    """Daily: the reconfirmation e-mails due today (summary counts)."""
    return reconfirm.send_reconfirmations()


@task()
def check_links():
    """Weekly: bring the link rows in line with the published case studies,
    then visit every URL politely (summary counts)."""
    summary = links.collect()
    summary.update(links.check())
    return summary
