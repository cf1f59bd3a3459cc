"""The public search on the database: the fallback behind the same interface.

It reads SearchDocument rows, whose text search/analysis.py already
normalised, stemmed and expanded, so Indonesian word forms and acronyms match
as they do on Elasticsearch. Matching is whole-token (every query stem must
occur; an acronym expansion is an alternative), ranking weighs title over
summary over the rest and rewards the exact phrase. There is no typo
tolerance and no "did you mean" here: that is what Elasticsearch adds.
"""

import re

from django.core.cache import cache
from django.db.models import Max, Q
from django.utils.html import escape

from .analysis import analyze_query, normalize
from .facets import FACETS
from .models import SearchDocument
from .query import SearchResult

SNIPPET = 160


def _token_q(token):
    return Q(search_text__contains=f" {token} ")


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


def _passes(facets, filters, exclude=None):
    return all(
        any(value in facets.get(facet, ()) for value in values)
        for facet, values in filters.items()
        if facet != exclude
    )


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


def highlight(text, words, length=SNIPPET):
    """An escaped snippet around the first query word, words in <mark>."""
    if not text:
        return ""
    words = [w for w in words if len(w) > 1]
    folded = normalize(text)
    start = 0
    if len(folded) == len(text):
        positions = [folded.find(w) for w in words if folded.find(w) >= 0]
        start = max(0, min(positions) - 40) if positions else 0
    snippet = text[start : start + length]
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    escaped = escape(snippet)
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.sub(
            rf"(?i)\b({re.escape(escape(word))}\w*)", r"<mark>\1</mark>", escaped
        )
    return prefix + escaped + suffix


def run(query):
    analysed = analyze_query(query.q)
    rows = SearchDocument.objects.all()
    if analysed["normalized"]:
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
    matched = [row for row in candidates if _passes(row["facets"], query.filters)]
    facets = {}
    for facet in FACETS:
        counts = {}
        for row in candidates:
            if _passes(row["facets"], query.filters, exclude=facet):
                for value in row["facets"].get(facet, ()):
                    counts[value] = counts.get(value, 0) + 1
        selected = set(query.filters.get(facet, []))
        facets[facet] = [
            {"value": value, "count": count, "selected": value in selected}
            for value, count in sorted(
                counts.items(), key=lambda item: (-item[1], item[0])
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
    words = analysed["normalized"].split() + analysed["stems"]
    results = []
    for row in window:
        document = documents[row["page_id"]]
        source = (
            document.summary
            if any(w in normalize(document.summary) for w in words)
            else (document.body_text or document.summary)
        )
        results.append(
            {
                "slug": document.slug,
                "title": document.title,
                "title_highlight": highlight(document.title, words, 500)
                if words
                else escape(document.title),
                "summary": document.summary,
                "highlight": highlight(source, words)
                if words
                else escape(document.summary),
                "url": document.url,
                "host_region": document.host_region,
                "host_region_name": (document.facets.get("host") or [""])[0],
                "province": (document.facets.get("province") or [""])[0],
                "year_launched": document.year_launched,
                "replication_count": document.replication_count,
                "score": row.get("score"),
            }
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
