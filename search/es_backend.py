"""The public search on Elasticsearch.

Relevance: the plain-text fields (fuzzy, for typos) and the stemmed fields
(Indonesian word forms) both count, titles most; exact phrases and acronym
expansions add to the score. Facets are multi-select: each facet's counts
apply every other facet's filter but not its own, so a visitor sees how many
results ticking one more value of that facet would add (OR within a facet,
AND across facets).
"""

from django.utils.html import escape

from elasticsearch.dsl import A, Q, Search

from .analysis import analyze_query
from .documents import alias_name
from .facets import FACETS
from .query import SearchResult

TEXT_FIELDS = ["title^4", "summary^2", "body", "extra"]
STEMMED_FIELDS = [
    "title_stemmed^3",
    "summary_stemmed^1.5",
    "body_stemmed",
    "extra_stemmed",
    "synonyms^2",
]
HIGHLIGHT_PRE, HIGHLIGHT_POST = "\x02", "\x03"


def text_query(q):
    """The scoring query and the query used only to pick highlights."""
    analysed = analyze_query(q)
    if not analysed["normalized"]:
        return Q("match_all"), None, analysed
    stems = analysed["stems"]
    should = [
        # the exact phrase as typed
        Q(
            "multi_match",
            query=analysed["normalized"],
            fields=["title^6", "summary^3", "body^1.5"],
            type="phrase",
        ),
        # the words as typed, all in one field, typos tolerated
        Q(
            "multi_match",
            query=analysed["normalized"],
            fields=TEXT_FIELDS,
            fuzziness="AUTO",
            prefix_length=1,
            operator="and",
        ),
    ]
    if stems:
        # every stem somewhere in the document, exactly ...
        should.append(
            Q(
                "multi_match",
                query=" ".join(stems),
                fields=STEMMED_FIELDS,
                type="cross_fields",
                operator="and",
                boost=2,
            )
        )
        # ... or with a typo in any of them
        should.append(
            Q(
                "bool",
                must=[
                    Q(
                        "multi_match",
                        query=stem,
                        fields=STEMMED_FIELDS,
                        fuzziness="AUTO",
                        prefix_length=1,
                    )
                    for stem in stems[:12]
                ],
            )
        )
    for expansion in analysed["stemmed_expansions"][:6]:
        should.append(
            Q(
                "multi_match",
                query=expansion,
                fields=STEMMED_FIELDS,
                type="cross_fields",
                operator="and",
                boost=1.5,
            )
        )
    highlight = Q(
        "bool",
        should=[
            Q(
                "multi_match",
                query=phrase,
                fields=["title", "summary", "body"],
                fuzziness="AUTO",
                prefix_length=1,
            )
            for phrase in [analysed["normalized"], *analysed["expansions"][:6]]
        ],
    )
    return Q("bool", should=should, minimum_should_match=1), highlight, analysed


def _filter(facet, values):
    return Q("terms", **{f"f_{facet}": values})


def build_search(client, query):
    search = Search(using=client, index=alias_name()).extra(track_total_hits=True)
    text, highlight_query, analysed = text_query(query.q)
    search = search.query(text)
    filters = {facet: _filter(facet, values) for facet, values in query.filters.items()}
    if filters:
        search = search.post_filter(Q("bool", filter=list(filters.values())))
    for facet in FACETS:
        others = [f for name, f in filters.items() if name != facet]
        agg = (
            A("filter", Q("bool", filter=others))
            if others
            else A("filter", Q("match_all"))
        )
        agg.bucket("values", "terms", field=f"f_{facet}", size=100)
        search.aggs.bucket(f"facet_{facet}", agg)
        if facet in query.filters:
            search.aggs.bucket(
                f"known_{facet}",
                "terms",
                field=f"f_{facet}",
                include=query.filters[facet],
                size=len(query.filters[facet]),
            )
    if query.sort == "newest":
        search = search.sort("-published_at", "_score")
    elif query.sort == "replicated":
        search = search.sort("-replication_count", "_score", "-published_at")
    options = {
        "pre_tags": [HIGHLIGHT_PRE],
        "post_tags": [HIGHLIGHT_POST],
        "number_of_fragments": 2,
        "fragment_size": 160,
    }
    if highlight_query is not None:
        options["highlight_query"] = highlight_query.to_dict()
    search = (
        search.highlight_options(**options)
        .highlight("title", number_of_fragments=0)
        .highlight("summary")
        .highlight("body")
    )
    if query.q:
        search = search.suggest(
            "did_you_mean",
            query.q[:100],
            term={"field": "body", "suggest_mode": "popular", "min_word_length": 4},
        )
    search = search.source(
        [
            "slug",
            "title",
            "summary",
            "url",
            "host_region",
            "year_launched",
            "replication_count",
            "f_host",
            "f_province",
        ]
    )
    return search[query.offset : query.offset + query.page_size], analysed


def safe_highlight(fragment):
    """Escape the text, then turn our private markers into <mark>."""
    return (
        escape(fragment)
        .replace(HIGHLIGHT_PRE, "<mark>")
        .replace(HIGHLIGHT_POST, "</mark>")
    )


def run(client, query):
    unknown = {}
    search, _analysed = build_search(client, query)
    response = search.execute()
    aggs = response.aggregations.to_dict() if "aggregations" in response else {}
    for facet, values in list(query.filters.items()):
        known = {b["key"] for b in aggs.get(f"known_{facet}", {}).get("buckets", [])}
        missing = [v for v in values if v not in known]
        if missing:
            unknown[facet] = missing
    if unknown:
        for facet, values in unknown.items():
            query.ignore_values(facet, values)
        return run(client, query)
    results = []
    for hit in response.hits:
        highlight = hit.meta.to_dict().get("highlight", {})
        fragments = highlight.get("summary") or highlight.get("body") or []
        results.append(
            {
                "slug": hit.slug,
                "title": hit.title,
                "title_highlight": safe_highlight(highlight["title"][0])
                if highlight.get("title")
                else escape(hit.title),
                "summary": hit.summary,
                "highlight": " … ".join(safe_highlight(f) for f in fragments)
                or escape(hit.summary),
                "url": hit.url,
                "host_region": hit.host_region,
                "host_region_name": (list(hit.f_host) or [""])[0],
                "province": (list(hit.f_province) or [""])[0],
                "year_launched": hit.year_launched,
                "replication_count": hit.replication_count,
                "score": hit.meta.score,
            }
        )
    facets = {}
    for facet in FACETS:
        buckets = aggs.get(f"facet_{facet}", {}).get("values", {}).get("buckets", [])
        selected = set(query.filters.get(facet, []))
        facets[facet] = [
            {
                "value": b["key"],
                "count": b["doc_count"],
                "selected": b["key"] in selected,
            }
            for b in buckets
        ]
    suggestion = ""
    options = (
        response.suggest.to_dict().get("did_you_mean", [])
        if "suggest" in response
        else []
    )
    if options and any(entry["options"] for entry in options):
        words = [
            entry["options"][0]["text"] if entry["options"] else entry["text"]
            for entry in options
        ]
        suggestion = " ".join(words)
        if suggestion.lower() == query.q.lower():
            suggestion = ""
    return SearchResult(
        count=response.hits.total.value,
        results=results,
        facets=facets,
        backend="elasticsearch",
        query=query,
        suggestion=suggestion,
        took_ms=response.took,
    )


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
            "size": size,
            "skip_duplicates": True,
            "fuzzy": {"fuzziness": "AUTO", "prefix_length": 2},
        },
    )
    response = search.execute()
    seen, items = set(), []
    for option in response.suggest.titles[0].options:
        if option._source.title not in seen:
            seen.add(option._source.title)
            items.append({"title": option._source.title, "url": option._source.url})
    return items


def more_like_this(client, page_id, size=3):
    search = (
        Search(using=client, index=alias_name())
        .query(
            Q(
                "more_like_this",
                fields=["title_stemmed", "summary_stemmed", "body_stemmed", "synonyms"],
                like=[{"_index": alias_name(), "_id": str(page_id)}],
                min_term_freq=1,
                min_doc_freq=1,
                max_query_terms=40,
            )
        )
        .source(["slug", "title", "url", "f_host"])[:size]
    )
    return [
        {
            "slug": h.slug,
            "title": h.title,
            "url": h.url,
            "host_region_name": (list(h.f_host) or [""])[0],
        }
        for h in search.execute().hits
    ]
