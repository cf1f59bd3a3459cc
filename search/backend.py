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
