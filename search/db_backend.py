"""The public search on the database: the fallback behind the same interface.

It reads SearchDocument rows, whose text search/analysis.py already
normalised, stemmed and expanded, so Indonesian word forms and acronyms match
as they do on Elasticsearch. Matching is whole-token (every query stem must
occur; an acronym expansion is an alternative), ranking weighs title over
summary over the rest and rewards the exact phrase. There is no typo
tolerance and no "did you mean" here: that is what Elasticsearch adds.
"""

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.core.cache import cache
from django.db import connection
from django.db.models import Max, Q

from .analysis import analyze_query
from .facets import FACETS
from .models import SearchDocument
from .query import SearchResult
from .snippets import highlight_words, result_item


def _token_q(token):
    return Q(search_text__contains=f" {token} ")


def _postgres_match(rows, analysed):
    """Full-text match on PostgreSQL, served by the GIN index of migration 0002."""
    groups = [analysed["stems"]] + [e.split() for e in analysed["stemmed_expansions"]]
    tsquery = None
    for stems in groups:
        if not stems:
            continue
        group = None
        for stem in stems:
            term = SearchQuery(stem, search_type="phrase", config="simple")
            group = term if group is None else group & term
        tsquery = group if tsquery is None else tsquery | group
    if tsquery is None:
        return rows.filter(search_text__contains=f" {analysed['normalized']} ")
    return rows.annotate(fts=SearchVector("search_text", config="simple")).filter(
        fts=tsquery
    )


def _match(analysed):
    groups = [analysed["stems"]] + [e.split() for e in analysed["stemmed_expansions"]]
    condition = Q()
    for stems in groups:
        if stems:
            group = Q()
            for stem in stems:
                group &= _token_q(stem)
            condition |= group
    if not condition and analysed["normalized"]:
        condition = Q(search_text__contains=f" {analysed['normalized']} ")
    return condition


def known_values():
    """Every facet value of the collection (cached until a document changes)."""
    stamp = SearchDocument.objects.aggregate(m=Max("updated_at"))["m"]
    key = f"search-known-{SearchDocument.objects.count()}-{stamp.timestamp() if stamp else 0}"
    values = cache.get(key)
    if values is None:
        values = {facet: set() for facet in FACETS}
        for facets in SearchDocument.objects.values_list("facets", flat=True).iterator(
            chunk_size=2000
        ):
            for facet, items in facets.items():
                values.setdefault(facet, set()).update(items)
        cache.set(key, values, 300)
    return values


def _score(row, analysed):
    stems = set(analysed["stems"]) or set(analysed["normalized"].split())
    title = set(row["title_stemmed"].split()) | set(row["title_norm"].split())
    summary = set(row["summary_stemmed"].split()) | set(row["summary_norm"].split())
    score = 4 * len(stems & title) + 2 * len(stems & summary) + 1
    phrase = analysed["normalized"]
    if phrase and f" {phrase} " in f" {row['title_norm']} ":
        score += 8
    elif phrase and f" {phrase} " in f" {row['summary_norm']} ":
        score += 4
    return score


def run(query):
    analysed = analyze_query(query.q)
    rows = SearchDocument.objects.all()
    if analysed["normalized"] and connection.vendor == "postgresql":
        rows = _postgres_match(rows, analysed)
    elif analysed["normalized"]:
        condition = _match(analysed)
        rows = rows.filter(condition) if condition else rows.none()
    if query.filters:
        known = known_values()
        for facet, values in list(query.filters.items()):
            unknown = [v for v in values if v not in known.get(facet, set())]
            if unknown:
                query.ignore_values(facet, unknown)
    fields = ["page_id", "facets", "published_at", "replication_count"]
    if analysed["normalized"]:
        fields += ["title_stemmed", "title_norm", "summary_stemmed", "summary_norm"]
    candidates = list(rows.values(*fields))
    # One pass: a row failing no filter counts for every facet and is a
    # result; a row failing exactly one facet's filter counts for that facet
    # only (multi-select counts); any other row counts for nothing.
    counts = {facet: {} for facet in FACETS}
    matched = []
    for row in candidates:
        failed = [
            f
            for f, values in query.filters.items()
            if not any(v in row["facets"].get(f, ()) for v in values)
        ]
        if len(failed) > 1:
            continue
        if not failed:
            matched.append(row)
        for facet in failed or FACETS:
            bucket = counts[facet]
            for value in row["facets"].get(facet, ()):
                bucket[value] = bucket.get(value, 0) + 1
    facets = {}
    for facet in FACETS:
        selected = set(query.filters.get(facet, []))
        facets[facet] = [
            {"value": value, "count": count, "selected": value in selected}
            for value, count in sorted(
                counts[facet].items(), key=lambda item: (-item[1], item[0])
            )
        ]
    oldest = "0000"
    if query.sort == "newest" or not analysed["normalized"]:
        matched.sort(
            key=lambda r: (
                r["published_at"].isoformat() if r["published_at"] else oldest
            ),
            reverse=True,
        )
    elif query.sort == "replicated":
        matched.sort(
            key=lambda r: (
                r["replication_count"],
                r["published_at"].isoformat() if r["published_at"] else oldest,
            ),
            reverse=True,
        )
    else:
        for row in matched:
            row["score"] = _score(row, analysed)
        matched.sort(
            key=lambda r: (
                r["score"],
                r["published_at"].isoformat() if r["published_at"] else oldest,
            ),
            reverse=True,
        )
    window = matched[query.offset : query.offset + query.page_size]
    documents = SearchDocument.objects.in_bulk([r["page_id"] for r in window])
    words = highlight_words(analysed) if analysed["normalized"] else []
    results = []
    for row in window:
        document = documents[row["page_id"]]
        results.append(
            result_item(
                slug=document.slug,
                title=document.title,
                summary=document.summary,
                body=document.body_text,
                words=words,
                url=document.url,
                host_region=document.host_region,
                host_region_name=(document.facets.get("host") or [""])[0],
                province=(document.facets.get("province") or [""])[0],
                year_launched=document.year_launched,
                replication_count=document.replication_count,
                score=row.get("score"),
            )
        )
    return SearchResult(
        count=len(matched),
        results=results,
        facets=facets,
        backend="database",
        query=query,
    )


def related(page_id, size=3):
    """Documents sharing the most stems of the title and facets (no index needed)."""
    document = SearchDocument.objects.filter(page_id=page_id).first()
    if document is None:
        return []
    words = set(document.title_stemmed.split())
    tags = {
        (f, v)
        for f in ("dimension", "theme", "spbe_indicator")
        for v in document.facets.get(f, [])
    }
    scored = []
    for other in SearchDocument.objects.exclude(page_id=page_id).only(
        "page_id", "slug", "title", "url", "title_stemmed", "facets"
    ):
        shared = len(words & set(other.title_stemmed.split())) + len(
            tags
            & {
                (f, v)
                for f in ("dimension", "theme", "spbe_indicator")
                for v in other.facets.get(f, [])
            }
        )
        if shared:
            scored.append((shared, other))
    scored.sort(key=lambda item: (-item[0], item[1].title))
    return [
        {
            "slug": o.slug,
            "title": o.title,
            "url": o.url,
            "host_region_name": (o.facets.get("host") or [""])[0],
        }
        for _s, o in scored[:size]
    ]
