"""The public search on the database: the fallback behind the same interface.

It reads SearchDocument rows, whose text search/analysis.py already
normalised, stemmed and expanded, so Indonesian word forms and acronyms match
as they do on Elasticsearch. Matching is whole-token, on the same terms and
with the same rules as Elasticsearch (docs/SEARCH.md): a number of terms
that grows with the query, each as typed, by stem or by an alternative
(synonym, translation, typo correction from search/vocabulary.py), and the
same partial second pass.

Matching, ranking, paging and facet counting happen in SQL, over full-text
structures the database keeps in step with SearchDocument by itself
(migration search 0003):

* PostgreSQL: the stored ``search_vector`` (title A, summary B, synonyms C,
  body and extra D) and its GIN index; ``@@`` matches, ``ts_rank`` ranks
  (and the share of terms matched, for the best CANDIDATES). A query with
  words ranks, pages and counts at most CANDIDATE_CAP matching documents,
  title and summary matches first (``_candidates``); above that the count
  is the planner's estimate and the result says it is approximate.
* SQLite: the FTS5 table ``search_searchdocument_fts``; ``MATCH`` matches,
  ``bm25()`` ranks, with Elasticsearch's field boosts as column weights.

Either score is multiplied when the query as typed occurs as a phrase in the
title or the summary. User text only ever reaches SQL as bound parameters,
and on SQLite each token is also a quoted FTS5 string, so no input can be
read as FTS5 syntax. Facets count like Elasticsearch's: each facet's counts
apply every other facet's filter but not its own. Python handles only the
page of results (snippets, search/snippets.py).
"""

import json
from dataclasses import dataclass, field
from itertools import combinations
from math import comb

from django.core.cache import cache
from django.db import connection
from django.db.models import Max

from innovations.search import FACETS

from . import vocabulary
from .analysis import WEAK_WEIGHT, analyze_query
from .backend import search_in_two_passes
from .models import SearchDocument
from .query import MAX_RESULTS, SearchResult
from .snippets import highlight_words, result_item, shown_text

TABLE = SearchDocument._meta.db_table
FTS = f"{TABLE}_fts"
# the English columns' FTS5 table (SQLite, migration search 0008)
FTS_EN = f"{TABLE}_fts_en"
# bm25() weights, in the FTS5 column order of migration 0003: title_norm,
# title_stemmed, summary_norm, summary_stemmed, body_norm, body_stemmed,
# extra_norm, extra_stemmed, synonyms (es_backend's TEXT and STEMMED boosts)
BM25_WEIGHTS = "6, 3.6, 3, 1.8, 1, 0.6, 1, 0.6, 2.4"
# ts_rank weights {D, C, B, A}: body and extra, synonyms, summary, title.
# ts_rank, not ts_rank_cd: at 7,000 matching documents of 10,000 the cover
# density ranking of the OR-ed phrase queries cost 270 ms, ts_rank 105 ms
# (docs/BENCHMARKS.md), for the same order on the relevance benchmark.
TS_RANK_WEIGHTS = "{0.05, 0.2, 0.4, 1}"
# ts_rank normalisation: 1 divides by 1 + log(document length)
RANK_NORMALIZATION = 1
COORDINATION = True
CANDIDATES = (
    200  # PostgreSQL: documents the full score re-ranks (at least a page's end)
)
# PostgreSQL: at most this many matching documents are ranked and counted
# (facets included); a query matching more says its counts are approximate.
# Not below MAX_RESULTS, so every page a visitor can reach is within them.
CANDIDATE_CAP = MAX_RESULTS
MAX_COMBINATIONS = 20  # "k of n terms" as a tsquery up to C(6, 3); beyond, counted
TITLE_PHRASE, SUMMARY_PHRASE = 1.0, 0.5  # score * (1 + this) for the phrase
RESULT_FIELDS = [
    "page_id",
    "slug",
    "title",
    "summary",
    "body_text",
    "url",
    "host_region",
    "year_launched",
    "replication_count",
    "stopped_on",
    "facets",
    "title_en",
    "summary_en",
    "body_text_en",
]


@dataclass
class _Dialect:
    """What differs between the two databases, besides the text matching."""

    postgres: bool
    json_each: str  # a JSON object's (key, value) rows
    json_elements: str  # a JSON array's value rows
    strpos: str


def _dialect():
    if connection.vendor == "postgresql":
        return _Dialect(True, "jsonb_each", "jsonb_array_elements_text", "strpos")
    if connection.vendor == "sqlite":
        return _Dialect(False, "json_each", "json_each", "instr")
    raise NotImplementedError(
        f"The database search supports PostgreSQL and SQLite, not {connection.vendor}."
    )


@dataclass
class _Text:
    """The text part of the search: FROM (the documents as ``d``), WHERE, score."""

    source: str
    where: str = "TRUE"
    params: list = field(default_factory=list)
    score: str = ""
    score_params: list = field(default_factory=list)
    # PostgreSQL: a cheaper score choosing the candidates the full score ranks
    prescore: str = ""
    prescore_params: list = field(default_factory=list)
    # PostgreSQL: true when the title or summary match a strong term (the
    # GIN index of head_vector, migration search 0006): candidates come first
    # from these documents
    head: str = ""
    head_params: list = field(default_factory=list)


def _fts_string(text):
    """An FTS5 string: whatever is inside is text to tokenize, never syntax."""
    return '"' + text.replace('"', '""') + '"'


def _term_tsquery(term):
    """A term's tsquery: any of its phrases or stemmed phrases (PostgreSQL)."""
    alternatives = _unique([*term.phrases, *term.stemmed])
    sql = " || ".join(["phraseto_tsquery('simple'::regconfig, %s)"] * len(alternatives))
    return f"({sql})", alternatives


def _term_match(term):
    """A term's FTS5 query: any of its phrases or stemmed phrases (SQLite)."""
    alternatives = _unique([*term.phrases, *term.stemmed])
    return "(" + " OR ".join(_fts_string(a) for a in alternatives) + ")"


def _unique(items):
    return list(dict.fromkeys(items))


def _english_alternatives(term):
    return _unique([*term.en_phrases, *term.en_stemmed])


def _text_english(analysed, dialect, need):
    """An English query (issue 20): a term matches when its English words or
    stems are in the English columns (a live translation) or its Indonesian
    alternatives (the glossary's, the words as typed) in the Indonesian
    ones; a document must match ``need`` strong terms. The score adds both
    sides' ranking (PostgreSQL ``ts_rank`` of ``search_vector`` and
    ``en_vector``; SQLite ``bm25`` of both FTS5 tables), times the weighted
    terms matched squared and the phrase bonus (title or summary, either
    language). Candidates are not bounded (``head`` empty): English queries
    take the unbounded path of SQLite."""
    terms = analysed["terms"]
    strong = [t for t in terms if t.weight > WEAK_WEIGHT] or terms
    phrase = f" {analysed['normalized']} "
    bonus = (
        f"(1 + CASE WHEN {dialect.strpos}(' ' || d.title_norm || ' | ' || d.title_en_norm || ' ', %s) > 0 "
        f"THEN {TITLE_PHRASE} WHEN {dialect.strpos}(' ' || d.summary_norm || ' | ' || d.summary_en_norm || ' ', %s) > 0 "
        f"THEN {SUMMARY_PHRASE} ELSE 0 END)"
    )
    if dialect.postgres:

        def condition(term):
            id_sql, id_params = _term_tsquery(term)
            alternatives = _english_alternatives(term)
            en_sql = " || ".join(
                ["phraseto_tsquery('simple'::regconfig, %s)"] * len(alternatives)
            )
            return (
                f"(d.search_vector @@ {id_sql} OR d.en_vector @@ ({en_sql}))",
                [*id_params, *alternatives],
            )

        def rank(chosen):
            id_parts = [_term_tsquery(t) for t in chosen]
            alternatives = _unique(a for t in chosen for a in _english_alternatives(t))
            id_sql = " || ".join(sql for sql, _p in id_parts)
            en_sql = " || ".join(
                ["phraseto_tsquery('simple'::regconfig, %s)"] * len(alternatives)
            )
            sql = (
                f"(ts_rank('{TS_RANK_WEIGHTS}', d.search_vector, ({id_sql}), {RANK_NORMALIZATION}) "
                f"+ ts_rank('{TS_RANK_WEIGHTS}', d.en_vector, ({en_sql}), {RANK_NORMALIZATION}))"
            )
            return sql, [*(p for _s, ps in id_parts for p in ps), *alternatives]

    else:

        def condition(term):
            inside = (
                f"(d.page_id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s) "  # noqa: S608 - constants only; values are bound parameters
                f"OR d.page_id IN (SELECT rowid FROM {FTS_EN} WHERE {FTS_EN} MATCH %s))"
            )
            english = (
                "("
                + " OR ".join(_fts_string(a) for a in _english_alternatives(term))
                + ")"
            )
            return inside, [_term_match(term), english]

        def rank(chosen):
            id_match = " OR ".join(_term_match(t) for t in chosen)
            en_match = " OR ".join(
                _fts_string(a)
                for a in _unique(a for t in chosen for a in _english_alternatives(t))
            )
            sql = (
                f"(coalesce((SELECT -bm25({FTS}, {BM25_WEIGHTS}) FROM {FTS} "  # noqa: S608 - constants only; values are bound parameters
                f"WHERE {FTS} MATCH %s AND {FTS}.rowid = d.page_id), 0) "
                f"+ coalesce((SELECT -bm25({FTS_EN}, {BM25_WEIGHTS}) FROM {FTS_EN} "
                f"WHERE {FTS_EN} MATCH %s AND {FTS_EN}.rowid = d.page_id), 0))"
            )
            return sql, [id_match, en_match]

    conditions = {id(t): condition(t) for t in terms}
    any_strong = " OR ".join(conditions[id(t)][0] for t in strong)
    where_params = [p for t in strong for p in conditions[id(t)][1]]
    where = f"({any_strong})"
    if need > 1:
        count = " + ".join(
            f"(CASE WHEN {conditions[id(t)][0]} THEN 1 ELSE 0 END)" for t in strong
        )
        where += f" AND ({count}) >= {int(need)}"
        where_params += [p for t in strong for p in conditions[id(t)][1]]
    matched = " + ".join(
        f"(CASE WHEN {conditions[id(t)][0]} THEN {t.weight:g} ELSE 0 END)"
        for t in terms
    )
    matched_params = [p for t in terms for p in conditions[id(t)][1]]
    ranking, ranking_params = rank(terms)
    return _Text(
        source=f"{TABLE} d",
        where=where,
        params=where_params,
        score=f"{ranking} * ({matched}) * ({matched}) * {bonus}",
        score_params=[
            *ranking_params,
            *matched_params,
            *matched_params,
            phrase,
            phrase,
        ],
    )


def _text(analysed, dialect, required=None, language="id"):
    """Match on the meaningful terms: a document must match ``required`` of
    them (analysis.required_terms by default), ranked by the database's
    ranking function times the share of terms matched, with the phrase bonus.
    PostgreSQL: OR of the terms' tsqueries, ``ts_rank``; SQLite: FTS5 OR,
    ``bm25``. An English query (``language="en"``): ``_text_english``."""
    if not analysed["normalized"]:
        return _Text(source=f"{TABLE} d")
    terms = analysed["terms"]
    if terms and language == "en":
        need = analysed["required"] if required is None else required
        return _text_english(analysed, dialect, min(need, len(terms)))
    need = analysed["required"] if required is None else required
    need = min(need, len(terms))
    phrase = f" {analysed['normalized']} "
    bonus = (
        f"(1 + CASE WHEN {dialect.strpos}(' ' || d.title_norm || ' ', %s) > 0 "
        f"THEN {TITLE_PHRASE} WHEN {dialect.strpos}(' ' || d.summary_norm || ' ', %s) > 0 "
        f"THEN {SUMMARY_PHRASE} ELSE 0 END)"
    )
    if dialect.postgres:
        if not terms:  # only stopwords: the words as a phrase
            tsquery = "phraseto_tsquery('simple'::regconfig, %s)"
            params = [analysed["normalized"]]
            return _Text(
                source=f"{TABLE} d",
                where=f"d.search_vector @@ ({tsquery})",
                params=params,
                score=f"ts_rank_cd('{TS_RANK_WEIGHTS}', d.search_vector, ({tsquery})) * {bonus}",
                score_params=[*params, phrase, phrase],
            )
        parts = [_term_tsquery(t) for t in terms]
        combined = " || ".join(sql for sql, _p in parts)
        combined_params = [p for _sql, ps in parts for p in ps]
        strong = [i for i, t in enumerate(terms) if t.weight > WEAK_WEIGHT] or list(
            range(len(terms))
        )
        count = " + ".join(
            f"(CASE WHEN d.search_vector @@ {parts[i][0]} THEN 1 ELSE 0 END)"
            for i in strong
        )
        count_params = [p for i in strong for p in parts[i][1]]
        matched = " + ".join(
            f"(CASE WHEN d.search_vector @@ {sql} THEN {t.weight:g} ELSE 0 END)"
            for (sql, _p), t in zip(parts, terms, strict=True)
        )
        if len(terms) > 1 and COORDINATION:  # more terms (weighted) rank higher
            coordination, coordination_params = f"power({matched}, 2)", combined_params
        else:
            coordination, coordination_params = "1", []
        # only the strong terms select documents (weak words only add score)
        selecting = " || ".join(parts[i][0] for i in strong)
        selecting_params = [p for i in strong for p in parts[i][1]]
        where = f"d.search_vector @@ ({selecting})"
        params = list(selecting_params)
        if need > 1 and comb(len(strong), need) <= MAX_COMBINATIONS:
            # "at least k of the terms" as one tsquery: OR of the ANDs of
            # every k terms, one @@ per row, the GIN index still usable
            groups = list(combinations(strong, need))
            where = (
                "d.search_vector @@ ("
                + " || ".join(
                    "(" + " && ".join(parts[i][0] for i in group) + ")"
                    for group in groups
                )
                + ")"
            )
            params = [p for group in groups for i in group for p in parts[i][1]]
        elif need > 1:
            where += f" AND ({count}) >= {int(need)}"
            params += count_params
        return _Text(
            source=f"{TABLE} d",
            where=where,
            params=params,
            score=(
                f"ts_rank('{TS_RANK_WEIGHTS}', d.search_vector, ({combined}), {RANK_NORMALIZATION}) "
                f"* {coordination} * {bonus}"
            ),
            score_params=[*combined_params, *coordination_params, phrase, phrase],
            prescore=f"ts_rank('{TS_RANK_WEIGHTS}', d.search_vector, ({combined}), {RANK_NORMALIZATION})",
            prescore_params=list(combined_params),
            head=f"d.head_vector @@ ({selecting})",
            head_params=list(selecting_params),
        )
    if not terms:
        match = _fts_string(analysed["normalized"])
        return _Text(
            source=f"{FTS} JOIN {TABLE} d ON d.page_id = {FTS}.rowid",
            where=f"{FTS} MATCH %s",
            params=[match],
            score=f"-bm25({FTS}, {BM25_WEIGHTS}) * {bonus}",
            score_params=[phrase, phrase],
        )
    matches = [_term_match(t) for t in terms]
    inside = f"d.page_id IN (SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s)"  # noqa: S608 - constants only; values are bound parameters
    matched = " + ".join(
        f"(CASE WHEN {inside} THEN {t.weight:g} ELSE 0 END)" for t in terms
    )
    strong = [
        m for m, t in zip(matches, terms, strict=True) if t.weight > WEAK_WEIGHT
    ] or matches
    count = " + ".join(f"(CASE WHEN {inside} THEN 1 ELSE 0 END)" for _m in strong)
    where = f"{FTS} MATCH %s"
    params = [" OR ".join(matches)]
    if need > 1 or len(strong) < len(matches):
        # enough strong terms (weak words only add score)
        where += f" AND ({count}) >= {max(int(need), 1)}"
        params += strong
    return _Text(
        source=f"{FTS} JOIN {TABLE} d ON d.page_id = {FTS}.rowid",
        where=where,
        params=params,
        # not power(): SQLite's math functions are a compile-time option
        score=f"-bm25({FTS}, {BM25_WEIGHTS}) * ({matched}) * ({matched}) * {bonus}",
        score_params=[*matches, *matches, phrase, phrase],
    )


def _filters(filters, dialect):
    """Per filtered facet, SQL true when the document has one of the values."""
    conditions = {}
    for facet, values in filters.items():
        if dialect.postgres:
            conditions[facet] = ("(d.facets -> %s) ?| %s::text[]", [facet, values])
        else:
            marks = ", ".join(["%s"] * len(values))
            conditions[facet] = (
                f"EXISTS (SELECT 1 FROM json_each(d.facets, %s) WHERE value IN ({marks}))",  # noqa: S608 - placeholders only
                [f'$."{facet}"', *values],
            )
    return conditions


def _all(flags):
    return " AND ".join(flags) or "TRUE"


def _count_and_facets(text, filters, dialect):
    """The number of results and every facet's counts, in one query.

    A document counts for facet F when it passes the filters of every facet
    but F; the first row (key NULL) counts the documents passing them all.
    """
    names = list(filters)
    flags = [f"ok{i}" for i in range(len(names))]
    columns = "".join(
        f", {filters[name][0]} AS {flag}"
        for name, flag in zip(names, flags, strict=True)
    )
    counted = _all(flags)  # the facets nobody filters on
    if flags:
        whens = "".join(
            f" WHEN %s THEN {_all([f for f in flags if f != flag])}" for flag in flags
        )
        counted = f"CASE f.key{whens} ELSE {counted} END"
    keys = ", ".join(["%s"] * len(FACETS))
    sql = (
        f"WITH c AS (SELECT d.facets AS facets{columns} FROM {text.source} WHERE {text.where}) "  # noqa: S608 - constants only; values are bound parameters
        f"SELECT NULL, NULL, COUNT(*) FROM c WHERE {_all(flags)} "
        "UNION ALL "
        f"SELECT f.key, v.value, COUNT(*) FROM c, {dialect.json_each}(c.facets) f, "
        f"{dialect.json_elements}(f.value) v "
        f"WHERE f.key IN ({keys}) AND {counted} "
        "GROUP BY f.key, v.value"
    )
    params = [
        *(p for name in names for p in filters[name][1]),
        *text.params,
        *FACETS,
        *names,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    count, counts = 0, {facet: {} for facet in FACETS}
    for facet, value, n in rows:
        if facet is None:
            count = n
        else:
            counts[facet][value] = n
    return count, counts


def _order(sort):
    """The ORDER BY of the "newest" and "most replicated" sorts (and of
    relevance after the score); the indexes of migration search 0006."""
    order = "d.published_at DESC NULLS LAST, d.page_id"
    if sort == "replicated":
        order = f"d.replication_count DESC, {order}"
    return order


def _candidates(text, query, filters, limit):
    """PostgreSQL: SQL and parameters of at most ``limit`` documents matching
    the words and ``filters``, the likeliest results first, as rows
    ``(page_id, tier, published_at, replication_count)``. Reading them costs
    at most ``limit`` rows whatever the query, where ranking or counting
    every match grows with the corpus (docs/BENCHMARKS.md).

    Sorted by date or replications, they are the first ``limit`` matches in
    that order (an index walk, or the GIN index and a top-N sort), so every
    reachable page is exact. By relevance, the documents whose title or
    summary match a strong term (tier 1: head_vector's GIN index) come
    first, then the others (tier 2), each in storage order: a document
    matching only in its body scores far below one matching in its title or
    summary (ts_rank weights 0.05 against 1 and 0.4), so a cut set loses
    body-only matches only.
    """
    where = " AND ".join([text.where, *(c for c, _p in filters.values())])
    params = [*text.params, *(p for _c, bound in filters.values() for p in bound)]
    columns = "d.page_id, {tier} AS tier, d.published_at, d.replication_count"
    if query.sort not in ("newest", "replicated") and text.head:
        sql = (
            f"(SELECT {columns.format(tier=1)} FROM {TABLE} d WHERE {text.head} AND {where} LIMIT %s) "  # noqa: S608 - constants only; values are bound parameters
            f"UNION ALL (SELECT {columns.format(tier=2)} FROM {TABLE} d "
            f"WHERE {where} AND NOT ({text.head}) LIMIT %s) "
            "LIMIT %s"
        )
        params = [*text.head_params, *params, limit, *params, *text.head_params]
        return sql, [*params, limit, limit]
    sql = (
        f"SELECT {columns.format(tier=1)} FROM {TABLE} d WHERE {where} "  # noqa: S608 - constants only; values are bound parameters
        f"ORDER BY {_order(query.sort)} LIMIT %s"
    )
    return sql, [*params, limit]


def _estimate(text, filters):
    """PostgreSQL: the planner's estimate of the documents matching the words
    and ``filters`` (its statistics, nothing read): the count said to be
    approximate when there are more than CANDIDATE_CAP."""
    where = " AND ".join([text.where, *(c for c, _p in filters.values())])
    params = [*text.params, *(p for _c, bound in filters.values() for p in bound)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {TABLE} d WHERE {where}",  # noqa: S608 - constants only; values are bound parameters
            params,
        )
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def _approximately(n):
    """``n`` to two significant digits (7,412 -> 7,400)."""
    digits = max(len(str(n)) - 2, 0)
    return round(n, -digits) if digits else n


def _within(text, ids):
    """The text part restricted to the candidate ``ids``: the same score,
    any filter already applied."""
    return _Text(
        source=f"{TABLE} d",
        where="d.page_id = ANY(%s)",
        params=[ids],
        score=text.score,
        score_params=text.score_params,
        prescore=text.prescore,
        prescore_params=text.prescore_params,
    )


def _bounded_count_and_facets(text, filters, query, dialect):
    """PostgreSQL, a query with words: ``(count, facet counts, candidate
    text, (approximate count, approximate facets))``, in one query. The
    results come from at most CANDIDATE_CAP candidates (``_candidates``)
    passing the filters, the facet counts from as many candidates without
    the filters (each facet's counts apply the other facets' filters, as
    everywhere). When the first set was cut, the count is the planner's
    estimate (not below the cap); when the second was, the facet counts are
    the candidates' only."""
    cap = CANDIDATE_CAP
    chosen, chosen_params = _candidates(text, query, filters, cap + 1)
    ctes, pool, params = f"chosen AS MATERIALIZED ({chosen}), ", "chosen", chosen_params
    if filters:
        everything, everything_params = _candidates(text, query, {}, cap + 1)
        ctes += f"pool AS MATERIALIZED ({everything}), "
        pool, params = "pool", [*params, *everything_params]
    names = list(filters)
    flags = [f"ok{i}" for i in range(len(names))]
    columns = "".join(
        f", {filters[name][0]} AS {flag}"
        for name, flag in zip(names, flags, strict=True)
    )
    counted = _all(flags)
    if flags:
        whens = "".join(
            f" WHEN %s THEN {_all([f for f in flags if f != flag])}" for flag in flags
        )
        counted = f"CASE f.key{whens} ELSE {counted} END"
    keys = ", ".join(["%s"] * len(FACETS))
    order = _order(query.sort).replace("d.", "k.")
    sql = (
        f"WITH {ctes}c AS (SELECT d.facets AS facets{columns} FROM "  # noqa: S608 - constants only; values are bound parameters
        f"(SELECT k.page_id FROM {pool} k ORDER BY k.tier, {order} LIMIT %s) p "
        f"JOIN {TABLE} d ON d.page_id = p.page_id) "
        f"SELECT NULL, NULL, (SELECT COUNT(*) FROM {pool}), "
        f"(SELECT array_agg(k.page_id ORDER BY k.tier, {order}) FROM chosen k) "
        "UNION ALL "
        f"SELECT f.key, v.value, COUNT(*), NULL FROM c, {dialect.json_each}(c.facets) f, "
        f"{dialect.json_elements}(f.value) v "
        f"WHERE f.key IN ({keys}) AND {counted} "
        "GROUP BY f.key, v.value"
    )
    params = [
        *params,
        *(p for name in names for p in filters[name][1]),
        cap,
        *FACETS,
        *names,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    ids, pooled, counts = [], 0, {facet: {} for facet in FACETS}
    for facet, value, n, chosen_ids in rows:
        if facet is None:
            pooled, ids = n, chosen_ids or []
        else:
            counts[facet][value] = n
    approximate = len(ids) > cap
    ids = ids[:cap]
    count = len(ids)
    if approximate:
        count = max(_approximately(_estimate(text, filters)), cap)
    return count, counts, _within(text, ids), (approximate, pooled > cap)


def _page(text, filters, query):
    """(page_id, score) of the page of results, ranked and cut in SQL."""
    order = _order(query.sort)
    score, score_params = "", []
    if query.sort not in ("newest", "replicated") and text.score:
        score, score_params = f", {text.score} AS score", text.score_params
        order = f"score DESC, {order}"
    conditions = [text.where] + [condition for condition, _p in filters.values()]
    where = " AND ".join(conditions)
    filter_params = [p for _condition, bound in filters.values() for p in bound]
    if score and text.prescore:
        # The coordination factor costs one @@ per term and row: rank every
        # match by ts_rank alone, then only the best CANDIDATES fully.
        sql = (
            f"SELECT d.page_id{score} FROM (SELECT d.page_id FROM {text.source} WHERE {where} "  # noqa: S608 - constants only; values are bound parameters
            f"ORDER BY {text.prescore} DESC LIMIT %s) c JOIN {TABLE} d ON d.page_id = c.page_id "
            f"ORDER BY {order} LIMIT %s OFFSET %s"
        )
        params = [
            *score_params,
            *text.params,
            *filter_params,
            *text.prescore_params,
            max(CANDIDATES, query.offset + query.page_size),
            query.page_size,
            query.offset,
        ]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [(row[0], row[1]) for row in cursor.fetchall()]
    sql = (
        f"SELECT d.page_id{score} FROM {text.source} WHERE {where} "  # noqa: S608 - constants only; values are bound parameters
        f"ORDER BY {order} LIMIT %s OFFSET %s"
    )
    params = [
        *score_params,
        *text.params,
        *filter_params,
        query.page_size,
        query.offset,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(row[0], row[1] if score else None) for row in cursor.fetchall()]


def known_values():
    """Every facet value of the collection, cached until a document changes.

    The key is the newest ``updated_at`` (indexed, so this costs an index
    probe); a deletion need not change it, so a value gone with a deleted
    document may be "known" for up to five minutes: its filter then finds
    nothing instead of being dropped with a notice.
    """
    newest = SearchDocument.objects.aggregate(m=Max("updated_at"))["m"]
    key = f"search-known-{newest.timestamp() if newest else 0}"
    values = cache.get(key)
    if values is None:
        dialect = _dialect()
        values = {facet: set() for facet in FACETS}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT f.key, v.value FROM {TABLE} d, "  # noqa: S608 - constants only
                f"{dialect.json_each}(d.facets) f, {dialect.json_elements}(f.value) v"
            )
            for facet, value in cursor.fetchall():
                values.setdefault(facet, set()).add(value)
        cache.set(key, values, 300)
    return values


def run(query):
    """Search the database (PostgreSQL or SQLite) with
    ``backend.search_in_two_passes`` over ``search_pass``."""
    return search_in_two_passes(search_pass, query)


def search_pass(query, required):
    """One pass: ``(SearchResult, analysed)`` for ``query`` requiring
    ``required`` terms (None: the query's own share); facet values no case
    study has are dropped from the query first."""
    dialect = _dialect()
    analysed = analyze_query(
        query.q, correct=vocabulary.correct, language=query.language
    )
    if query.filters:
        known = known_values()
        for facet, values in list(query.filters.items()):
            unknown = [v for v in values if v not in known.get(facet, set())]
            if unknown:
                query = query.without_values(facet, unknown)
    text = _text(analysed, dialect, required, query.language)
    filters = _filters(query.filters, dialect)
    approximate = (False, False)
    if text.head:  # PostgreSQL, a query with words: bounded candidates
        count, counts, text, approximate = _bounded_count_and_facets(
            text, filters, query, dialect
        )
        filters = {}  # applied in choosing the candidates
    else:
        count, counts = _count_and_facets(text, filters, dialect)
    facets = {}
    for facet in FACETS:
        selected = set(query.filters.get(facet, []))
        facets[facet] = [
            {"value": value, "count": n, "selected": value in selected}
            for value, n in sorted(
                counts[facet].items(), key=lambda item: (-item[1], item[0])
            )
        ]
    window = _page(text, filters, query) if count > query.offset else []
    documents = (
        SearchDocument.objects.only(*RESULT_FIELDS)
        .order_by()
        .in_bulk([page_id for page_id, _score in window])
    )
    words = highlight_words(analysed) if analysed["normalized"] else []
    results = []
    for page_id, score in window:
        document = documents[page_id]
        title, summary, body, language = shown_text(
            query.language,
            (document.title, document.summary, document.body_text),
            (document.title_en, document.summary_en, document.body_text_en),
        )
        results.append(
            result_item(
                slug=document.slug,
                title=title,
                summary=summary,
                body=body,
                words=words,
                language=language,
                url=document.url,
                host_region=document.host_region,
                host_region_name=(document.facets.get("host") or [""])[0],
                province=(document.facets.get("province") or [""])[0],
                year_launched=document.year_launched,
                replication_count=document.replication_count,
                stopped_on=document.stopped_on,
                score=score,
            )
        )
    return SearchResult(
        count=count,
        results=results,
        facets=facets,
        backend="database",
        query=query,
        suggestion=analysed["corrected"],
        corrected=analysed["corrected"],
        approximate=approximate[0],
        approximate_facets=approximate[0] or approximate[1],
    ), analysed


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


def filter_pages(filters):
    """``(page ids, facet counts)`` of the live case studies matching the
    search facets ``filters`` (AND across facets, OR within one), without
    words: the innovations API offers the search's filters and facets on the
    plain list. Unknown facet values match nothing."""
    dialect = _dialect()
    text = _Text(source=f"{TABLE} d")
    conditions = _filters(filters, dialect)
    _count, counts = _count_and_facets(text, conditions, dialect)
    where = " AND ".join(c for c, _p in conditions.values()) or "TRUE"
    sql = f"SELECT d.page_id FROM {TABLE} d WHERE {where}"  # noqa: S608 - constants only; values are bound parameters
    params = [p for _c, bound in conditions.values() for p in bound]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        ids = [row[0] for row in cursor.fetchall()]
    facets = {
        facet: [
            {"value": value, "count": n, "selected": value in filters.get(facet, [])}
            for value, n in sorted(values.items(), key=lambda item: (-item[1], item[0]))
        ]
        for facet, values in counts.items()
    }
    return ids, facets


def autocomplete(prefix, size=8):
    """Up to ``size`` ``{"title", "url"}`` whose title contains ``prefix``
    (two characters at least), by title."""
    prefix = " ".join(prefix.split())[:60]
    if len(prefix) < 2:
        return []
    rows = (
        SearchDocument.objects.filter(title__icontains=prefix)
        .order_by("title")
        .values("title", "url")[:size]
    )
    return list(rows)


class DatabaseBackend:
    """``backend.SearchBackend`` on PostgreSQL full text or SQLite FTS5."""

    name = "database"

    def search(self, query):
        return run(query)

    def autocomplete(self, prefix, size=8):
        return autocomplete(prefix, size)

    def related(self, page_id, size=3):
        return related(page_id, size)

    def filter_pages(self, filters):
        return filter_pages(filters)
