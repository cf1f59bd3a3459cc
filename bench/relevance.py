"""Relevance benchmark: judged queries over a corpus with distractors, every backend side by side.

    ELASTICSEARCH_URL=http://127.0.0.1:9201 ELASTICSEARCH_INDEX_PREFIX=ll-relevance \
        .venv/bin/python bench/relevance.py \
        [--postgres postgres://livinglab:livinglab@127.0.0.1:5433/ll_relevance_bench] \
        [--backends elasticsearch,postgresql,sqlite] [--show-misses] [--json out.json]

Data (bench/relevance/): ``corpus.json`` (81 case studies: the 16 demo ones
and 65 written for the benchmark, many of them distractors: same words,
another problem; bench/relevance/make_corpus.py) and ``queries.json``
(174 queries written the way regency teams ask, each with graded relevant
slugs: 2 = the case study looked for, 1 = partly relevant; a kind:
paraphrase, official, acronym, opd_app, place, english, typo). Every third
query is ``"split": "heldout"``: set aside before any tuning. Only the
tuning part's misses are ever printed (``--show-misses``); tune on those.

How: each database backend runs in a child process of its own (SQLite in a
temporary file, PostgreSQL in the database named by ``--postgres``, created
if missing), which migrates the search app only, analyses the corpus with
search/analysis.py into SearchDocument rows (as publishing does) and asks
every query through the real backend code (search/db_backend.py,
search/es_backend.py). Elasticsearch runs in the PostgreSQL child, from an
index built from the same rows under ``<prefix>-innovations``. Also shown,
as a reference, ``es-plain``: BM25 over the raw text, no analysis at all.

English part (issue 20, ``bench/relevance/english.json``): English texts
for 22 of the case studies (what a live English translation puts in a
document's English fields) and 44 judged English queries, asked as an
English reader asks (``SearchQuery.language = "en"``): kind ``translated``
(the case study looked for has an English text: English analysis, Snowball
stems) and ``untranslated`` (it has none: found only through the
English -> Indonesian glossary). ``es-plain`` there is BM25 over the raw
Indonesian and English text. Same measures, same splits.

Measures (top 10 results of each query, relevance sort):
* MRR@10: mean of 1/rank of the first result with grade >= 1 (0 if none);
* recall@5: share of queries with a result of grade >= 1 in the top 5
  (the issue's "27/37");
* nDCG@10: graded gain 2^grade - 1, ideal ranking from all judged slugs.
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "relevance"
DEFAULT_PG = "postgres://livinglab:livinglab@127.0.0.1:5433/ll_relevance_bench"
KINDS = [
    "paraphrase",
    "official",
    "acronym",
    "opd_app",
    "place",
    "english",
    "typo",
    "translated",
    "untranslated",
]


def load():
    corpus = json.loads((DATA / "corpus.json").read_text("utf-8"))
    queries = json.loads((DATA / "queries.json").read_text("utf-8"))["queries"]
    return corpus, queries


def load_english():
    """``(texts, queries)`` of the English part: ``{slug: {"title",
    "summary", "body", "extra"}}`` and the judged English queries."""
    data = json.loads((DATA / "english.json").read_text("utf-8"))
    return data["texts"], data["queries"]


# ---------------------------------------------------------------- metrics


def reciprocal_rank(ranked, relevant, k=10):
    for i, slug in enumerate(ranked[:k]):
        if relevant.get(slug, 0) >= 1:
            return 1 / (i + 1)
    return 0.0


def hit_at(ranked, relevant, k=5):
    return 1.0 if any(relevant.get(s, 0) >= 1 for s in ranked[:k]) else 0.0


def ndcg(ranked, relevant, k=10):
    gains = [2 ** relevant.get(s, 0) - 1 for s in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sorted((2**g - 1 for g in relevant.values()), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def score(queries, rankings):
    """{(split, kind): {"mrr", "recall5", "ndcg", "n"}} for one backend."""
    sums = defaultdict(lambda: [0.0, 0.0, 0.0, 0])
    for query in queries:
        ranked = rankings[str(query["id"])]
        values = (
            reciprocal_rank(ranked, query["relevant"]),
            hit_at(ranked, query["relevant"]),
            ndcg(ranked, query["relevant"]),
        )
        for key in ((query["split"], query["kind"]), (query["split"], "all")):
            row = sums[key]
            for i, v in enumerate(values):
                row[i] += v
            row[3] += 1
    return {
        key: {"mrr": m / n, "recall5": r / n, "ndcg": g / n, "n": n, "hits5": int(r)}
        for key, (m, r, g, n) in sums.items()
    }


# ---------------------------------------------------------------- child


def _setup_django():
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "livinglab.settings.dev")
    import django

    django.setup()


def _ensure_postgres_database(url):
    from urllib.parse import urlparse

    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')


def _load_rows(corpus, english_texts=None):
    from django.db import connection

    from search.analysis import analyze_document
    from search.models import SearchDocument
    from search.sync import analysed_fields, english_fields

    SearchDocument.objects.all().delete()
    rows = []
    english_texts = english_texts or {}
    for i, case in enumerate(corpus, start=1):
        fields = {k: case[k] for k in ("title", "summary", "body", "extra")}
        analysed = analyze_document(fields)
        # the English fields as a live translation gives them (sync.py)
        shown, english = english_fields(english_texts.get(case["slug"]))
        rows.append(
            SearchDocument(
                page_id=i,
                slug=case["slug"],
                title=case["title"],
                summary=case["summary"],
                url=f"/inovasi/{case['slug']}/",
                host_region="00.00",
                year_launched=2022,
                replication_count=0,
                body_text=case["body"],
                extra_text=case["extra"],
                **shown,
                **analysed_fields(analysed, english),
                facets={"host": [case["host"]], "province": [case["province"]]},
            )
        )
    SearchDocument.objects.bulk_create(rows)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {SearchDocument._meta.db_table}")


def _build_es_index(client):
    from elasticsearch import helpers

    from search.documents import InnovationDocument, alias_name, to_source
    from search.models import SearchDocument

    alias = alias_name()
    client.indices.delete(
        index=f"{alias}-*", ignore_unavailable=True, allow_no_indices=True
    )
    name = f"{alias}-relevance"
    InnovationDocument.init(index=name, using=client)
    helpers.bulk(
        client,
        (
            {"_index": name, "_id": str(d.page_id), "_source": to_source(d)}
            for d in SearchDocument.objects.all()
        ),
    )
    client.indices.refresh(index=name)
    client.indices.put_alias(index=name, name=alias)
    return name


PLAIN_FIELDS = ["title", "summary", "body", "extra"]
PLAIN_FIELDS_EN = [*PLAIN_FIELDS, "title_en", "summary_en", "body_en", "extra_en"]


def _plain_bm25(client, index, q, fields=PLAIN_FIELDS):
    body = {
        "query": {"multi_match": {"query": q, "fields": fields}},
        "size": 10,
        "_source": ["slug"],
    }
    hits = client.search(index=index, body=body)["hits"]["hits"]
    return [h["_source"]["slug"] for h in hits]


def child(backends, out_path):
    _setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from search import db_backend, es_backend
    from search.client import get_client
    from search.query import SearchQuery

    corpus, queries = load()
    english_texts, english_queries = load_english()
    call_command("migrate", "search", verbosity=0)
    _load_rows(corpus, english_texts)
    # what the analysis may build from the stored documents (vocabulary etc.)
    try:
        from search import vocabulary

        vocabulary.clear_caches()
    except (ImportError, AttributeError):
        pass
    database = (
        "postgresql"
        if "postgres" in settings.DATABASES["default"]["ENGINE"]
        else "sqlite"
    )
    rankings, timings = defaultdict(dict), defaultdict(list)
    client = get_client() if "elasticsearch" in backends else None
    index = _build_es_index(client) if client else None
    for query in queries:
        qid = str(query["id"])
        if database in backends:
            started = time.perf_counter()
            result = db_backend.run(SearchQuery.from_params({"q": query["q"]}))
            timings[database].append(time.perf_counter() - started)
            rankings[database][qid] = [r["slug"] for r in result.results]
        if client:
            started = time.perf_counter()
            result = es_backend.run(client, SearchQuery.from_params({"q": query["q"]}))
            timings["elasticsearch"].append(time.perf_counter() - started)
            rankings["elasticsearch"][qid] = [r["slug"] for r in result.results]
            rankings["es-plain"][qid] = _plain_bm25(client, index, query["q"])
    # RELEVANCE_ENGLISH_AS=id asks the English queries as an Indonesian
    # search, as before issue 20 (glossary only, no English fields): the
    # "before" figures of docs/BENCHMARKS.md
    as_language = os.environ.get("RELEVANCE_ENGLISH_AS", "en")
    for query in english_queries:
        qid = str(query["id"])
        english = SearchQuery.from_params({"q": query["q"]}, language=as_language)
        if database in backends:
            result = db_backend.run(english)
            rankings[database][qid] = [r["slug"] for r in result.results]
        if client:
            result = es_backend.run(client, english)
            rankings["elasticsearch"][qid] = [r["slug"] for r in result.results]
            rankings["es-plain"][qid] = _plain_bm25(
                client, index, query["q"], PLAIN_FIELDS_EN
            )
    Path(out_path).write_text(
        json.dumps({"rankings": rankings, "timings": timings}), encoding="utf-8"
    )


# ---------------------------------------------------------------- parent


def run_children(backends, postgres_url):
    rankings, timings = {}, {}
    jobs = []
    if "postgresql" in backends or "elasticsearch" in backends:
        _ensure_postgres_database(postgres_url)
        jobs.append(("postgresql", {"DATABASE_URL": postgres_url}))
    if "sqlite" in backends:
        tmp = tempfile.mkdtemp(prefix="relevance-")
        jobs.append(("sqlite", {"DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3"}))
    for _name, env in jobs:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
            path = out.name
        child_env = {**os.environ, **env}
        if "elasticsearch" not in backends or env["DATABASE_URL"].startswith("sqlite"):
            child_env["ELASTICSEARCH_URL"] = ""
        child_env.setdefault("ELASTICSEARCH_INDEX_PREFIX", "ll-relevance")
        child_env.setdefault("ELASTICSEARCH_TIMEOUT", "30")
        subprocess.run(  # noqa: S603 - our own script, our arguments
            [sys.executable, __file__, "--child", ",".join(backends), "--out", path],
            env=child_env,
            check=True,
        )
        data = json.loads(Path(path).read_text("utf-8"))
        os.unlink(path)
        rankings.update(data["rankings"])
        timings.update(data["timings"])
    return rankings, timings


def report(queries, rankings, timings, show_misses=False, title=""):
    order = [
        b
        for b in ("elasticsearch", "postgresql", "sqlite", "es-plain")
        if b in rankings
    ]
    scores = {b: score(queries, rankings[b]) for b in order}
    for split in ("tuning", "heldout"):
        n = sum(1 for q in queries if q["split"] == split)
        print(f"\n{title}{split} ({n} queries) — MRR@10 / recall@5 / nDCG@10")
        header = f"{'kind':<11}{'n':>4}  " + "".join(f"{b:>24}" for b in order)
        print(header)
        for kind in [*KINDS, "all"]:
            key = (split, kind)
            if key not in scores[order[0]]:
                continue
            cells = "".join(
                "{:>24}".format(
                    f"{s[key]['mrr']:.3f} {s[key]['hits5']:>3}/{s[key]['n']:<3} {s[key]['ndcg']:.3f}"
                )
                for s in (scores[b] for b in order)
            )
            print(f"{kind:<11}{scores[order[0]][key]['n']:>4}  {cells}")
    for backend in order if timings else ():
        if timings.get(backend):
            values = sorted(1000 * t for t in timings[backend])
            print(
                f"{backend}: {len(values)} queries, p50 {values[len(values) // 2]:.1f} ms, "
                f"p95 {values[int(0.95 * (len(values) - 1))]:.1f} ms (end to end, 81 documents)"
            )
    if show_misses:
        print("\nmisses (tuning split only; held-out queries are never shown):")
        for query in queries:
            if query["split"] != "tuning":
                continue
            for backend in order:
                if backend == "es-plain":
                    continue
                ranked = rankings[backend][str(query["id"])]
                if reciprocal_rank(ranked, query["relevant"]) < 1:
                    print(
                        f"  [{backend}] #{query['id']} {query['kind']} {query['q']!r}: "
                        f"want {sorted(query['relevant'], key=lambda s: -query['relevant'][s])[:3]} "
                        f"got {ranked[:3]}"
                    )
    return scores


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="elasticsearch,postgresql,sqlite")
    parser.add_argument(
        "--postgres", default=os.environ.get("RELEVANCE_DATABASE_URL", DEFAULT_PG)
    )
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--json", help="write the scores here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child.split(","), args.out)
        return
    backends = args.backends.split(",")
    if "elasticsearch" in backends and not os.environ.get("ELASTICSEARCH_URL"):
        sys.exit("Set ELASTICSEARCH_URL, or leave elasticsearch out of --backends.")
    corpus, queries = load()
    english_texts, english_queries = load_english()
    print(
        f"corpus: {len(corpus)} case studies ({len(english_texts)} with English "
        f"texts); queries: {len(queries)} Indonesian, {len(english_queries)} English"
    )
    rankings, timings = run_children(backends, args.postgres)
    scores = report(queries, rankings, timings, args.show_misses)
    english_scores = report(
        english_queries, rankings, {}, args.show_misses, title="English, "
    )
    for backend, values in english_scores.items():
        scores[backend].update({(f"en-{s}", k): v for (s, k), v in values.items()})
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    b: {f"{s}/{k}": v for (s, k), v in sc.items()}
                    for b, sc in scores.items()
                },
                indent=1,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
