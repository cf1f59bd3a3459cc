"""A search request as both backends understand it.

``SearchQuery.from_params`` never raises: whatever arrives in the query
string becomes a valid query plus notices saying what was changed or
ignored, in the visitor's language. ``SearchResult`` is what both backends
return, so views, the API and the contract tests do not care which answered.
"""

from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from innovations.search import FACETS

MAX_QUERY_CHARS = 200
MAX_VALUES_PER_FACET = 20
PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
MAX_RESULTS = 1000  # deepest result reachable by paging
SORTS = ("relevance", "newest", "replicated")


@dataclass(frozen=True)
class SearchQuery:
    """One search request, read from the page's or the API's parameters by
    ``from_params``; immutable: a backend that drops unknown filter values
    or a service that adds a notice gets a new query (``without_values``,
    ``with_notice``), so a fallback never sees another backend's changes.

    ``filters`` maps a facet name (``facets.FACETS``) to its values (OR);
    ``notices`` are translated strings for the person searching; ``error``
    says why the page asked for was not given. ``language`` is the reader's
    content language, ``"id"`` (default) or ``"en"``: an English query
    searches the English text of translated case studies with the English
    analysis, and the Indonesian text through the glossary, and results are
    shown in English where a translation exists (issue 20)."""

    q: str = ""
    filters: dict = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    notices: tuple = ()
    error: str = ""
    language: str = "id"

    @property
    def offset(self):
        return (self.page - 1) * self.page_size

    @classmethod
    def from_params(cls, params, language=None):
        """The query of a ``QueryDict`` (or a dict of str/list): words
        cleaned and cut at MAX_QUERY_CHARS, known facets only (at most
        MAX_VALUES_PER_FACET each), a known sort, bounded page and page size;
        each correction is said in ``notices``. ``language``: the reader's
        content language (``search_language``: "en" or the default "id").
        Never raises."""
        notices = []
        q = " ".join(str(params.get("q", "") or "").split())
        q = "".join(
            ch for ch in q if ch.isprintable() and not 0xD800 <= ord(ch) <= 0xDFFF
        )
        if len(q) > MAX_QUERY_CHARS:
            q = q[:MAX_QUERY_CHARS].rsplit(" ", 1)[0] or q[:MAX_QUERY_CHARS]
            notices.append(
                _("Your search was shortened to its first %(n)s characters.")
                % {"n": MAX_QUERY_CHARS}
            )
        getlist = (
            params.getlist
            if hasattr(params, "getlist")
            else lambda k: _as_list(params.get(k))
        )
        filters = {}
        for name in FACETS:
            values = []
            for value in getlist(name):
                value = " ".join(str(value).split())[:200]
                if value and value not in values:
                    values.append(value)
            if values:
                filters[name] = values[:MAX_VALUES_PER_FACET]
        sort = params.get("sort") or "relevance"
        if sort not in SORTS:
            notices.append(
                _("Unknown sort “%(sort)s”; sorted by relevance.")
                % {"sort": str(sort)[:30]}
            )
            sort = "relevance"
        if sort == "relevance" and not q:
            sort = "newest"
        page_size = _bounded_int(params.get("page_size"), PAGE_SIZE, 1, MAX_PAGE_SIZE)
        raw_page = params.get("page")
        page = _bounded_int(raw_page, 1, 1, 10**9)
        if raw_page not in (None, "") and str(raw_page) != str(page):
            notices.append(
                _("“%(page)s” is not a page number; showing page 1.")
                % {"page": str(raw_page)[:20]}
            )
            page = 1
        max_page = max(1, MAX_RESULTS // page_size)
        error = ""
        if page > max_page:
            error = _(
                "Only the first %(n)s results can be paged through (page %(max)s at most). "
                "Narrow the search with more words or filters."
            ) % {"n": MAX_RESULTS, "max": max_page}
            page = max_page
        return cls(
            q=q,
            filters=filters,
            sort=sort,
            page=page,
            page_size=page_size,
            notices=tuple(notices),
            error=error,
            language=search_language(language),
        )

    def in_language(self, language):
        """This query in ``language`` (``search_language``)."""
        return replace(self, language=search_language(language))

    def with_notice(self, notice):
        """This query with ``notice`` added to its notices."""
        return replace(self, notices=(*self.notices, notice))

    def without_values(self, facet, unknown):
        """This query without the ``unknown`` values of ``facet`` (a facet
        left empty is dropped), with one notice per value dropped."""
        values = self.filters.get(facet, [])
        notices = [
            _("No innovation has %(facet)s “%(value)s”; that filter was ignored.")
            % {"facet": str(FACETS[facet]).lower(), "value": value}
            for value in values
            if value in unknown
        ]
        filters = dict(self.filters)
        kept = [v for v in values if v not in unknown]
        if kept:
            filters[facet] = kept
        else:
            filters.pop(facet, None)
        return replace(self, filters=filters, notices=(*self.notices, *notices))


LANGUAGES = ("id", "en")


def search_language(language):
    """``"en"`` for an English reader (``"en"``, ``"en-gb"``, ...), else
    ``"id"``, the originals' language."""
    code = str(language or "").split("-")[0].lower()
    return code if code in LANGUAGES else "id"


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
