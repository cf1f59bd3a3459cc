"""One entry point for searching: Elasticsearch when configured and
answering, the database otherwise, with a notice and a log line when it had
to fall back. Nothing here raises to the caller."""

import logging

from django.utils.translation import gettext as _

from elasticsearch.exceptions import ApiError, TransportError

from . import db_backend, es_backend
from .client import get_client

logger = logging.getLogger(__name__)
FALLBACK_ERRORS = (TransportError, ApiError)


def search(query):
    """Run ``query`` (a ``SearchQuery``) on Elasticsearch, or on the database
    when it is not configured or fails (with a notice); a ``SearchResult``
    whose facets are listed in ``ordered_facets``' order."""
    result = _search(query)
    result.facets = ordered_facets(result.facets)
    return result


def ordered_facets(facets):
    """``facets`` with the year's values newest first (a year is looked up,
    not ranked); every other facet keeps the backend's order (by count)."""
    if "year" in facets:
        facets = dict(facets)
        facets["year"] = sorted(
            facets["year"], key=lambda item: str(item["value"]), reverse=True
        )
    return facets


def _search(query):
    client = get_client()
    if client is not None:
        try:
            return es_backend.run(client, query)
        except FALLBACK_ERRORS as exc:
            logger.warning(
                "search fell back to the database: %s: %s",
                type(exc).__name__,
                str(exc)[:300],
            )
            query.notices.append(
                _(
                    "The search engine is not answering right now; these results come from a simpler search of the database."
                )
            )
    return db_backend.run(query)


def autocomplete(prefix):
    client = get_client()
    if client is not None:
        try:
            return es_backend.autocomplete(client, prefix)
        except FALLBACK_ERRORS as exc:
            logger.warning(
                "autocomplete fell back to the database: %s", type(exc).__name__
            )
    from .models import SearchDocument

    prefix = " ".join(prefix.split())[:60]
    if len(prefix) < 2:
        return []
    rows = (
        SearchDocument.objects.filter(title__icontains=prefix)
        .order_by("title")
        .values("title", "url")[:8]
    )
    return list(rows)


def filter_pages(filters):
    """``(page ids, facet counts)`` of the published case studies matching
    the search facets ``filters`` (``{facet: [values]}``), without words:
    Elasticsearch when it answers, the database otherwise (the innovations
    API's list and facets)."""
    client = get_client()
    if client is not None:
        try:
            ids, facets = es_backend.filter_pages(client, filters)
            return ids, ordered_facets(facets)
        except FALLBACK_ERRORS as exc:
            logger.warning(
                "filter_pages fell back to the database: %s", type(exc).__name__
            )
    ids, facets = db_backend.filter_pages(filters)
    return ids, ordered_facets(facets)


def related(page_id, size=3):
    client = get_client()
    if client is not None:
        try:
            return es_backend.more_like_this(client, page_id, size)
        except FALLBACK_ERRORS as exc:
            logger.warning(
                "related innovations fell back to the database: %s", type(exc).__name__
            )
    return db_backend.related(page_id, size)
