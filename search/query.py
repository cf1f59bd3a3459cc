"""A search request as both backends understand it.

``SearchQuery.from_params`` never raises: whatever arrives in the query
string becomes a valid query plus notices saying what was changed or
ignored, in the visitor's language. ``SearchResult`` is what both backends
return, so views, the API and the contract tests do not care which answered.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .facets import FACETS

MAX_QUERY_CHARS = 200
MAX_VALUES_PER_FACET = 20
PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
MAX_RESULTS = 1000  # deepest result reachable by paging
SORTS = ("relevance", "newest", "replicated")


@dataclass
class SearchQuery:
    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    notices: list = field(default_factory=list)
    error: str = ""

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @classmethod
    def from_params(cls, params):
        query = cls()
        q = " ".join(str(params.get("q", "") or "").split())
        q = "".join(
            ch for ch in q if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF
        )
        if len(q) > MAX_QUERY_CHARS:
            q = q[:MAX_QUERY_CHARS].rsplit(" ", 1)[0] or q[:MAX_QUERY_CHARS]
            query.notices.append(
                _("Your search was shortened to its first %(n)s characters.")
                % {"n": MAX_QUERY_CHARS}
            )
        query.q = q
        getlist = (
            params.getlist
            if hasattr(params, "getlist")
            else lambda k: _as_list(params.get(k))
        )
        for name in FACETS:
            values = []
            for value in getlist(name):
                value = " ".join(str(value).split())[:200]
                if value and value not in values:
                    values.append(value)
            if values:
                query.filters[name] = values[:MAX_VALUES_PER_FACET]
        sort = params.get("sort") or "relevance"
        if sort not in SORTS:
            query.notices.append(
                _("Unknown sort “%(sort)s”; sorted by relevance.")
                % {"sort": str(sort)[:30]}
            )
            sort = "relevance"
        if sort == "relevance" and not query.q:
            sort = "newest"
        query.sort = sort
        query.page_size = _bounded_int(
            params.get("page_size"), PAGE_SIZE, 1, MAX_PAGE_SIZE
        )
        raw_page = params.get("page")
        page = _bounded_int(raw_page, 1, 1, 10**9)
        if raw_page not in (None, "") and str(raw_page) != str(page):
            query.notices.append(
                _("“%(page)s” is not a page number; showing page 1.")
                % {"page": str(raw_page)[:20]}
            )
            page = 1
        max_page = max(1, MAX_RESULTS // query.page_size)
        if page > max_page:
            query.error = _(
                "Only the first %(n)s results can be paged through (page %(max)s at most). "
                "Narrow the search with more words or filters."
            ) % {"n": MAX_RESULTS, "max": max_page}
            page = max_page
        query.page = page
        return query

    def ignore_values(self, facet, unknown):
        """Drop unknown facet values, with one notice per value."""
        kept = [v for v in self.filters.get(facet, []) if v not in unknown]
        for value in [v for v in self.filters.get(facet, []) if v in unknown]:
            self.notices.append(
                _("No innovation has %(facet)s “%(value)s”; that filter was ignored.")
                % {"facet": str(FACETS[facet]).lower(), "value": value}
            )
        if kept:
            self.filters[facet] = kept
        else:
            self.filters.pop(facet, None)


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _bounded_int(value, default, low, high):
    try:
        number = int(str(value))
    except (TypeError, ValueError):
        return default
    return min(max(number, low), high)


@dataclass
class SearchResult:
    count: int
    results: (
        list  # [{"slug", "title", "summary", "url", "highlight", "host_region", ...}]
    )
    facets: dict  # facet -> [{"value", "count", "selected"}]
    backend: str
    query: SearchQuery
    suggestion: str = ""
    took_ms: float | None = None  # Elasticsearch's own time
    # the query with its typos corrected, when the results include corrections
    corrected: str = ""
    # True when no result matched enough of the words and these match some
    partial: bool = False
    # True when the count is an estimate: the database fallback ranked only
    # its first CANDIDATE_CAP matches (search/db_backend.py)
    approximate: bool = False
    # True when the facet counts are those of such candidates only
    approximate_facets: bool = False

    @property
    def pages(self):
        return max(1, -(-min(self.count, MAX_RESULTS) // self.query.page_size))

    def as_json(self):
        return {
            "count": self.count,
            "page": self.query.page,
            "pages": self.pages,
            "results": self.results,
            "facets": self.facets,
            "backend": self.backend,
            "suggestion": self.suggestion or None,
            "corrected": self.corrected or None,
            "partial": self.partial,
            "approximate": self.approximate,
            "approximate_facets": self.approximate_facets,
            "notices": [str(n) for n in self.query.notices],
            "error": self.query.error or None,
        }
