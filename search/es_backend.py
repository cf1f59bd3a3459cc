"""The public search on Elasticsearch.

Relevance follows the rules both backends share (docs/SEARCH.md): the
query's terms (search/analysis.py ``query_terms``) each match as typed, by
stem or by an alternative (synonym, translation, typo correction from
search/vocabulary.py); a document must match a number of them that grows
with the query; title above summary above body, exact above stem; the
phrase and matching every term add a bonus. When too few terms match
anywhere, a second pass asks for one and says the result is partial.
Facets are multi-select: each facet's counts apply every other facet's
filter but not its own (OR within a facet, AND across).
"""

import datetime
from functools import partial

from elasticsearch.dsl import Q, Search

from innovations.search import FACETS

from . import vocabulary
from .analysis import WEAK_WEIGHT, analyze_query
from .backend import search_in_two_passes
from .documents import alias_name
from .query import SearchQuery, SearchResult
from .snippets import highlight_words, result_item, shown_text

TEXT_FIELDS = ["title^4", "summary^2", "body", "extra"]
PHRASE_FIELDS = ["title^6", "summary^3", "body^1.5"]
STEMMED_FIELDS = [
    "title_stemmed^3",
    "summary_stemmed^1.5",
    "body_stemmed",
    "extra_stemmed",
    "synonyms^2",
]
FACET_SIZE = 30  # values per facet returned (the page shows 12)
SOURCE = [
    "slug",
    "title",
    "summary",
    "excerpt",
    "url",
    "host_region",
    "year_launched",
    "replication_count",
    "stopped_on",
    "f_host",
    "f_province",
    "title_en",
    "summary_en",
    "excerpt_en",
]
# the English fields of a live translation (issue 20), English queries only;
# weights as TITLE, SUMMARY, BODY below
SURFACE_EN = [("title_en", 6), ("summary_en", 3), ("body_en", 1), ("extra_en", 1)]
STEMMED_EN = [
    ("title_en_stemmed", 6),
    ("summary_en_stemmed", 3),
    ("body_en_stemmed", 1),
    ("extra_en_stemmed", 1),
]


TITLE, SUMMARY, BODY = 6, 3, 1  # title above summary above body
EXACT, STEM, SYNONYM = 1.0, 0.6, 0.8  # a word as typed above its stem
ALL_TERMS_BOOST = 0.5  # the coordination bonus: the score again, times this
TIE_BREAKER = 0.2  # the best way a term matches counts, the others a little


def _phrase_clauses(phrase, fields, boost):
    return Q(
        "multi_match",
        query=phrase,
        fields=[f"{f}^{w * boost:g}" for f, w in fields],
        type="phrase",
    )


def term_query(term):
    """One query term: a dis_max of its ways of matching (exact words, stems,
    synonym phrases), exact and in the title scoring most."""
    surface = [("title", TITLE), ("summary", SUMMARY), ("body", BODY), ("extra", BODY)]
    stemmed = [
        ("title_stemmed", TITLE),
        ("summary_stemmed", SUMMARY),
        ("body_stemmed", BODY),
        ("extra_stemmed", BODY),
    ]
    queries = []
    for i, phrase in enumerate(term.phrases):
        weight = EXACT if i == 0 else SYNONYM
        queries.append(_phrase_clauses(phrase, surface, weight))
    for i, phrase in enumerate(term.stemmed):
        weight = STEM if i == 0 else STEM * SYNONYM
        queries.append(_phrase_clauses(phrase, stemmed, weight))
    for phrase in term.phrases:
        queries.append(
            Q("match_phrase", synonyms={"query": phrase, "boost": SUMMARY * SYNONYM})
        )
    # an English query: the same ways of matching on the English fields
    for i, phrase in enumerate(term.en_phrases):
        queries.append(
            _phrase_clauses(phrase, SURFACE_EN, EXACT if i == 0 else SYNONYM)
        )
    for i, phrase in enumerate(term.en_stemmed):
        weight = STEM if i == 0 else STEM * SYNONYM
        queries.append(_phrase_clauses(phrase, STEMMED_EN, weight))
    for phrase in term.en_phrases:
        queries.append(
            Q(
                "match_phrase",
                synonyms_en={"query": phrase, "boost": SUMMARY * SYNONYM},
            )
        )
    return Q("dis_max", queries=queries, tie_breaker=TIE_BREAKER, boost=term.weight)


def text_query(q, required=None, correct=None, language="id"):
    """The words' query and the analysis it came from.

    A document must match ``required`` of the query's terms (by default
    analysis.required_terms: 1 of up to two, then half); each matching term
    adds its best score; the query as typed, as a phrase, adds a bonus.
    ``language="en"``: English terms (English fields, and the Indonesian
    ones through the glossary; analysis.query_terms).
    """
    analysed = analyze_query(q, correct=correct, language=language)
    if not analysed["normalized"]:
        return Q("match_all"), analysed
    terms = analysed["terms"]
    if not terms:  # only stopwords: the words as a phrase
        return _phrase_clauses(
            analysed["normalized"],
            [("title", TITLE), ("summary", SUMMARY), ("body", BODY), ("extra", BODY)],
            1,
        ), analysed
    need = analysed["required"] if required is None else required
    strong = [t for t in terms if t.weight > WEAK_WEIGHT] or terms
    weak = [t for t in terms if t.weight <= WEAK_WEIGHT and strong is not terms]
    matching = Q(
        "bool",
        should=[term_query(t) for t in strong],
        minimum_should_match=min(need, len(strong)),
    )
    heads = [("title", TITLE), ("summary", SUMMARY)]
    if language == "en":
        heads += [("title_en", TITLE), ("summary_en", SUMMARY)]
    bonus = (
        [_phrase_clauses(analysed["normalized"], heads, 2)]
        if len(analysed["normalized"].split()) > 1
        else []
    )
    bonus += [term_query(t) for t in weak]
    if len(strong) > 1:
        # matching every term beats matching some of them very well
        bonus.append(
            Q(
                "bool",
                must=[term_query(t) for t in strong],
                boost=ALL_TERMS_BOOST,
            )
        )
    return Q("bool", must=[matching], should=bonus), analysed


def build_search(client, query, required=None, correct=None):
    """The request body: queries built with elasticsearch-dsl, facet
    aggregations as plain dicts (thirteen of them per request; building
    them as DSL objects cost more than Elasticsearch's own time)."""
    text, analysed = text_query(
        query.q, required=required, correct=correct, language=query.language
    )
    search = Search(using=client, index=alias_name()).query(text)
    filters = {
        facet: {"terms": {f"f_{facet}": values}}
        for facet, values in query.filters.items()
    }
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    if query.sort == "newest":
        search = search.sort("-published_at", "_score")
    elif query.sort == "replicated":
        search = search.sort("-replication_count", "_score", "-published_at")
    if query.q:
        search = search.suggest(
            "did_you_mean",
            query.q[:100],
            term={"field": "body", "suggest_mode": "popular", "min_word_length": 4},
        )
    body = search.source(SOURCE)[
        query.offset : query.offset + query.page_size
    ].to_dict()
    body["track_total_hits"] = True
    aggs = {}
    for facet in FACETS:
        others = [f for name, f in filters.items() if name != facet]
        aggs[f"facet_{facet}"] = {
            "filter": {"bool": {"filter": others}} if others else {"match_all": {}},
            "aggs": {
                "values": {
                    "terms": {
                        "field": f"f_{facet}",
                        "size": FACET_SIZE,
                        # the newest years survive the cut, not the most frequent
                        **({"order": {"_key": "desc"}} if facet == "year" else {}),
                    }
                }
            },
        }
        if facet in query.filters:
            values = query.filters[facet]
            aggs[f"known_{facet}"] = {
                "terms": {"field": f"f_{facet}", "include": values, "size": len(values)}
            }
    body["aggs"] = aggs
    return body, analysed


def run(client, query):
    """Search Elasticsearch (``backend.search_in_two_passes`` over
    ``search_pass``); raises the client's TransportError/ApiError
    (service.search falls back to the database on those)."""
    return search_in_two_passes(partial(search_pass, client), query)


def search_pass(client, query, required):
    """One pass: ``(SearchResult, analysed)`` for ``query`` requiring
    ``required`` terms (None: the query's own share). Facet values the index
    does not know are dropped and the search is sent once more without them
    (the known values come back in the first answer's aggregations), so a
    stale link still answers with the other filters. Raises the client's
    TransportError/ApiError."""
    took = 0
    for attempt in range(2):
        body, analysed = build_search(client, query, required, vocabulary.correct)
        response = client.search(index=alias_name(), body=body)
        took += response["took"]
        aggs = response.get("aggregations", {})
        unknown = {}
        for facet, values in query.filters.items():
            buckets = aggs.get(f"known_{facet}", {}).get("buckets", [])
            known = {b["key"] for b in buckets}
            if missing := [v for v in values if v not in known]:
                unknown[facet] = missing
        if not unknown or attempt:
            break
        for facet, values in unknown.items():
            query = query.without_values(facet, values)
    total = response["hits"]["total"]["value"]
    words = highlight_words(analysed) if query.q else []
    results = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        title, summary, body, language = shown_text(
            query.language,
            (source["title"], source.get("summary", ""), source.get("excerpt", "")),
            (
                source.get("title_en", ""),
                source.get("summary_en", ""),
                source.get("excerpt_en", ""),
            ),
        )
        results.append(
            result_item(
                slug=source["slug"],
                title=title,
                summary=summary,
                body=body,
                words=words,
                language=language,
                url=source.get("url", ""),
                host_region=source.get("host_region", ""),
                host_region_name=(source.get("f_host") or [""])[0],
                province=(source.get("f_province") or [""])[0],
                year_launched=source.get("year_launched"),
                replication_count=source.get("replication_count", 0),
                stopped_on=_date(source.get("stopped_on")),
                score=hit.get("_score"),
            )
        )
    facets = _facets(aggs, query.filters)
    return SearchResult(
        count=total,
        results=results,
        facets=facets,
        backend="elasticsearch",
        query=query,
        suggestion=analysed.get("corrected") or _suggestion(response, query.q),
        corrected=analysed.get("corrected", ""),
        took_ms=took,
    ), analysed


def _date(value):
    """A date of the source (ISO text, or absent in an index of schema 1)."""
    return datetime.date.fromisoformat(value[:10]) if value else None


def _suggestion(response, q):
    entries = response.get("suggest", {}).get("did_you_mean", [])
    if not any(entry["options"] for entry in entries):
        return ""
    suggestion = " ".join(
        entry["options"][0]["text"] if entry["options"] else entry["text"]
        for entry in entries
    )
    return "" if suggestion.lower() == q.lower() else suggestion


def autocomplete(client, prefix, size=8):
    prefix = " ".join(prefix.split())[:60]
    if not prefix:
        return []
    search = Search(using=client, index=alias_name()).source(["title", "url"])
    search = search.suggest(
        "titles",
        prefix,
        completion={
            "field": "suggest",
            # Not skip_duplicates: it drops a document whose matching input
            # another document shares (elastic/elasticsearch#47269); titles
            # are de-duplicated below instead.
            "size": size,
            "fuzzy": {"fuzziness": "AUTO", "prefix_length": 2},
        },
    )
    seen, items = set(), []
    for option in search.execute().suggest.titles[0].options:
        if option._source.title not in seen:
            seen.add(option._source.title)
            items.append({"title": option._source.title, "url": option._source.url})
    return items


def _facets(aggs, filters):
    """``{facet: [{"value", "count", "selected"}]}`` from the aggregations of
    ``build_search``."""
    facets = {}
    for facet in FACETS:
        buckets = aggs.get(f"facet_{facet}", {}).get("values", {}).get("buckets", [])
        selected = set(filters.get(facet, []))
        facets[facet] = [
            {
                "value": b["key"],
                "count": b["doc_count"],
                "selected": b["key"] in selected,
            }
            for b in buckets
        ]
    return facets


def filter_pages(client, filters):
    """``(page ids, facet counts)`` of the indexed case studies matching the
    facet ``filters`` without words (AND across facets, OR within one;
    unknown values match nothing), as ``db_backend.filter_pages`` gives them.
    At most ``max_result_window`` (10,000) ids. Raises the client's errors
    (``service.filter_pages`` falls back to the database on those)."""
    query = SearchQuery(filters=filters, sort="newest", page_size=10000)
    body, _analysed = build_search(client, query)
    body["_source"] = False
    body.pop("suggest", None)
    response = client.search(index=alias_name(), body=body)
    ids = [int(hit["_id"]) for hit in response["hits"]["hits"]]
    return ids, _facets(response.get("aggregations", {}), filters)


def more_like_this(client, page_id, size=3):
    mlt = Q(
        "more_like_this",
        fields=["title_stemmed", "summary_stemmed", "body_stemmed", "synonyms"],
        like=[{"_index": alias_name(), "_id": str(page_id)}],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=40,
    )
    hits = (
        Search(using=client, index=alias_name())
        .query(mlt)
        .source(["slug", "title", "url", "f_host"])[:size]
        .execute()
        .hits
    )
    return [
        {
            "slug": h.slug,
            "title": h.title,
            "url": h.url,
            "host_region_name": (list(h.f_host) or [""])[0],
        }
        for h in hits
    ]


class ElasticsearchBackend:
    """``backend.SearchBackend`` on the Elasticsearch ``client``; every
    method raises the client's ``TransportError``/``ApiError`` on failure."""

    name = "elasticsearch"

    def __init__(self, client):
        self.client = client

    def search(self, query):
        return run(self.client, query)

    def autocomplete(self, prefix, size=8):
        return autocomplete(self.client, prefix, size)

    def related(self, page_id, size=3):
        return more_like_this(self.client, page_id, size)

    def filter_pages(self, filters):
        return filter_pages(self.client, filters)
