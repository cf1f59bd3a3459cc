"""The one protocol both search backends implement (Elasticsearch in
``es_backend.ElasticsearchBackend``, the database in
``db_backend.DatabaseBackend``); ``service`` chooses one and falls back to
the database once, around any of these calls."""

from typing import Protocol

from .query import SearchQuery, SearchResult


class SearchBackend(Protocol):
    """What a search backend answers. ``name`` is ``"elasticsearch"`` or
    ``"database"`` (``SearchResult.backend``). Elasticsearch's methods raise
    the client's ``TransportError``/``ApiError`` when the cluster fails; the
    database's raise nothing of their own."""

    name: str

    def search(self, query: SearchQuery) -> SearchResult:
        """Results, facet counts and notices for ``query``."""

    def autocomplete(self, prefix: str, size: int = 8) -> list[dict]:
        """Up to ``size`` ``{"title", "url"}`` completing ``prefix``."""

    def related(self, page_id: int, size: int = 3) -> list[dict]:
        """Up to ``size`` case studies like page ``page_id`` (slug, title, url, host)."""

    def filter_pages(self, filters: dict) -> tuple[list[int], dict]:
        """``(page ids, facet counts)`` of the case studies matching the facet
        ``filters`` (``{facet: [values]}``) without words."""


def search_in_two_passes(search_pass, query: SearchQuery) -> SearchResult:
    """The partial second pass, written once for both backends.

    ``search_pass(query, required)`` runs one search and returns
    ``(SearchResult, analysed)``, where ``analysed`` is
    ``analysis.analyze_query``'s dict (``required``: how many terms a
    document must match; ``terms``: the meaningful terms); ``required=None``
    means the query's own share. When that finds nothing and the query has
    more than one term, one more pass requires a single term, on the query
    the first pass answered (``SearchResult.query``: unknown facet values
    already dropped), and the result says it is partial. Elasticsearch's
    ``took_ms`` counts both passes. Raises whatever ``search_pass`` raises."""
    first, analysed = search_pass(query, None)
    if not (
        first.count == 0 and analysed["required"] > 1 and len(analysed["terms"]) > 1
    ):
        return first
    second, _analysed = search_pass(first.query, 1)
    if first.took_ms is not None and second.took_ms is not None:
        second.took_ms += first.took_ms
    second.partial = second.count > 0
    return second
