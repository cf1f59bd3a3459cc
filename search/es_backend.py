"""The public search on Elasticsearch.

Relevance: the plain-text fields and the stemmed fields (Indonesian word
forms) both count, titles most; exact phrases and acronym expansions add to
the score. Typo tolerance is a second pass, run only when the exact query
finds almost nothing. Facets are multi-select: each facet's counts apply
every other facet's filter but not its own (OR within a facet, AND across).
"""

from elasticsearch.dsl import A, Q, Search

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
FUZZY_BELOW = 3  # retry with typo tolerance when there are fewer hits than this
SOURCE = [
    "slug",
    "title",
    "summary",
    "body",
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
    search = Search(using=client, index=alias_name()).extra(track_total_hits=True)
    text, analysed = text_query(query.q, fuzzy=fuzzy)
    search = search.query(text)
    filters = {
        facet: Q("terms", **{f"f_{facet}": values})
        for facet, values in query.filters.items()
    }
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
            values = query.filters[facet]
            search.aggs.bucket(
                f"known_{facet}",
                "terms",
                field=f"f_{facet}",
                include=values,
                size=len(values),
            )
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
    search = search.source(SOURCE)
    return search[query.offset : query.offset + query.page_size], analysed


def run(client, query, fuzzy=False):
    search, analysed = build_search(client, query, fuzzy=fuzzy)
    response = search.execute()
    if not fuzzy and query.q and response.hits.total.value < FUZZY_BELOW:
        return run(client, query, fuzzy=True)
    aggs = response.aggregations.to_dict() if "aggregations" in response else {}
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
    results = [
        result_item(
            slug=hit.slug,
            title=hit.title,
            summary=hit.summary,
            body=getattr(hit, "body", ""),
            words=words,
            url=hit.url,
            host_region=hit.host_region,
            host_region_name=(list(hit.f_host) or [""])[0],
            province=(list(hit.f_province) or [""])[0],
            year_launched=hit.year_launched,
            replication_count=hit.replication_count,
            score=hit.meta.score,
        )
        for hit in response.hits
    ]
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
        count=response.hits.total.value,
        results=results,
        facets=facets,
        backend="elasticsearch",
        query=query,
        suggestion=_suggestion(response, query.q),
        took_ms=response.took,
    )


def _suggestion(response, q):
    entries = (
        response.suggest.to_dict().get("did_you_mean", [])
        if "suggest" in response
        else []
    )
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
