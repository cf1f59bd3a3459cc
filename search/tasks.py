"""Background job of the search app: drain the search outbox once.

The outbox (``search.models`` rows written in the same transaction as the
page change) stays: it is what guarantees that no change is lost when
Elasticsearch is down. This job replaces the hand-written polling loop as the
way the outbox is emptied; ``enqueue_jobs frequent`` enqueues it every minute
(``search_index drain --watch`` remains for a deployment without a worker).
"""

from django.conf import settings

from django_tasks import task

from . import indexer


@task()
def drain_search_outbox():
    """Push queued changes to Elasticsearch; returns ``{"pushed", "deleted",
    "remaining", "error"}``. Rows that fail stay queued for the next run."""
    if not settings.ELASTICSEARCH_URL:
        return {"pushed": 0, "deleted": 0, "remaining": 0, "error": "no search engine"}
    result = indexer.drain()
    return {
        "pushed": result.pushed,
        "deleted": result.deleted,
        "remaining": result.remaining,
        "error": str(result.error or ""),
    }
