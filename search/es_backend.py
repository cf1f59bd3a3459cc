"""The public search on Elasticsearch.

Relevance: the plain-text fields and the stemmed fields (Indonesian word
forms) both count, titles most; exact phrases and acronym expansions add to
the score. Typo tolerance is a second pass, run only when the exact query
finds almost nothing. Facets are multi-select: each facet's counts apply
every other facet's filter but not its own (OR within a facet, AND across).
"""

from elasticsearch.dsl import Q, Search

from .analysis import analyze_query
from .documents import alias_name
from .facets import FACETS
from .query import SearchResult
from .snippets import highlight_words, result_item

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
FUZZY_BELOW = 3  # retry with typo tolerance when there are fewer hits than this
SOURCE = [
    "slug",
    "title",
    "summary",
    "excerpt",
    "url",
    "host_region",
    "year_launched",
    "replication_count",
    "f_host",
    "f_province",
]


def text_query(q, fuzzy=False):
    analysed = analyze_query(q)
    if not analysed["normalized"]:
        return Q("match_all"), analysed
    stems = analysed["stems"]
    should = [
        Q(
            "multi_match",
            query=analysed["normalized"],
            fields=PHRASE_FIELDS,
            type="phrase",
        ),
        Q(
            "multi_match",
            query=analysed["normalized"],
            fields=TEXT_FIELDS,
            operator="and",
        ),
    ]
    if stems:
        # every stem somewhere in the document
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
    if fuzzy:
        should.append(
            Q(
                "multi_match",
                query=analysed["normalized"],
                fields=TEXT_FIELDS,
                fuzziness="AUTO",
                prefix_length=1,
                operator="and",
            )
        )
        if stems:
            should.append(
                Q(
                    "bool",
                    must=[
                        Q(
                            "multi_match",
                            query=s,
                            fields=STEMMED_FIELDS,
                            fuzziness="AUTO",
                            prefix_length=1,
                        )
                        for s in stems[:12]
                    ],
                )
            )
    return Q("bool", should=should, minimum_should_match=1), analysed


def build_search(client, query, fuzzy=False):
    """The request body: queries built with elasticsearch-dsl, facet
    aggregations as plain dicts (thirteen of them per request; building
    them as DSL objects cost more than Elasticsearch's own time)."""
    text, analysed = text_query(query.q, fuzzy=fuzzy)
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
            "aggs": {"values": {"terms": {"field": f"f_{facet}", "size": FACET_SIZE}}},
        }
        if facet in query.filters:
            values = query.filters[facet]
            aggs[f"known_{facet}"] = {
                "terms": {"field": f"f_{facet}", "include": values, "size": len(values)}
            }
    body["aggs"] = aggs
    return body, analysed


def run(client, query, fuzzy=False):
    body, analysed = build_search(client, query, fuzzy=fuzzy)
    response = client.search(index=alias_name(), body=body)
    total = response["hits"]["total"]["value"]
    if not fuzzy and query.q and total < FUZZY_BELOW:
        second = run(client, query, fuzzy=True)
        second.took_ms += response["took"]  # both passes are Elasticsearch's time
        return second
    aggs = response.get("aggregations", {})
    unknown = {}
    for facet, values in query.filters.items():
        known = {b["key"] for b in aggs.get(f"known_{facet}", {}).get("buckets", [])}
        if missing := [v for v in values if v not in known]:
            unknown[facet] = missing
    if unknown:
        for facet, values in unknown.items():
            query.ignore_values(facet, values)
        return run(client, query, fuzzy=fuzzy)
    words = highlight_words(analysed) if query.q else []
    results = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        results.append(
            result_item(
                slug=source["slug"],
                title=source["title"],
                summary=source.get("summary", ""),
                body=source.get("excerpt", ""),
                words=words,
                url=source.get("url", ""),
                host_region=source.get("host_region", ""),
                host_region_name=(source.get("f_host") or [""])[0],
                province=(source.get("f_province") or [""])[0],
                year_launched=source.get("year_launched"),
                replication_count=source.get("replication_count", 0),
                score=hit.get("_score"),
            )
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
    return SearchResult(
        count=total,
        results=results,
        facets=facets,
        backend="elasticsearch",
        query=query,
        suggestion=_suggestion(response, query.q),
        took_ms=response["took"],
    )


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
            "size": size,
            "skip_duplicates": True,
            "fuzzy": {"fuzziness": "AUTO", "prefix_length": 2},
        },
    )
    seen, items = set(), []
    for option in search.execute().suggest.titles[0].options:
        if option._source.title not in seen:
            seen.add(option._source.title)
            items.append({"title": option._source.title, "url": option._source.url})
    return items


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
