"""One entry point for searching: Elasticsearch when configured and
answering, the database otherwise, with a notice and a log line when it had
to fall back. Both are a ``backend.SearchBackend``; ``_answer`` wraps the
choice and the fallback once for every call. Nothing here raises to the
caller."""

import logging

from django.utils.translation import gettext as _

from elasticsearch.exceptions import ApiError, TransportError

from .client import get_client
from .db_backend import DatabaseBackend
from .es_backend import ElasticsearchBackend

logger = logging.getLogger(__name__)
FALLBACK_ERRORS = (TransportError, ApiError)


def _answer(what, call):
    """``call(backend, fell_back)`` on Elasticsearch when configured, and on
    the database when it is not or when Elasticsearch fails (logged)."""
    client = get_client()
    if client is not None:
        try:
            return call(ElasticsearchBackend(client), False)
        except FALLBACK_ERRORS as exc:
            logger.warning(
                "%s fell back to the database: %s: %s",
                what,
                type(exc).__name__,
                str(exc)[:300],
            )
            return call(DatabaseBackend(), True)
    return call(DatabaseBackend(), False)


def search(query, language=None):
    """Run ``query`` (a ``SearchQuery``) on Elasticsearch, or on the database
    when it is not configured or fails (with a notice); a ``SearchResult``
    whose facets are listed in ``ordered_facets``' order. ``language``
    ("id" or "en"), when given, replaces the query's own: the reader's
    content language (English words, English fields, English titles)."""
    if language is not None:
        query = query.in_language(language)

    def call(backend, fell_back):
        if fell_back:
            return backend.search(
                query.with_notice(
                    _(
                        "The search engine is not answering right now; these results come from a simpler search of the database."
                    )
                )
            )
        return backend.search(query)

    result = _answer("search", call)
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


def autocomplete(prefix):
    """Up to eight ``{"title", "url"}`` completing ``prefix``."""
    return _answer("autocomplete", lambda backend, _f: backend.autocomplete(prefix))


def filter_pages(filters):
    """``(page ids, facet counts)`` of the published case studies matching
    the search facets ``filters`` (``{facet: [values]}``), without words
    (the innovations API's list and facets)."""
    ids, facets = _answer(
        "filter_pages", lambda backend, _f: backend.filter_pages(filters)
    )
    return ids, ordered_facets(facets)


def related(page_id, size=3):
    """Up to ``size`` case studies like page ``page_id``."""
    return _answer(
        "related innovations", lambda backend, _f: backend.related(page_id, size)
    )
