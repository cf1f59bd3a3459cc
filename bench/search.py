"""Search benchmark: 10,000 synthetic case studies, both backends side by side.

    DATABASE_URL=postgres://… ELASTICSEARCH_URL=http://127.0.0.1:9201 \
        .venv/bin/python bench/search.py [--docs 10000] [--queries 300]

Generates realistic Indonesian text deterministically, analyses it with
search/analysis.py into SearchDocument rows (page ids from 10,000,000, removed
afterwards; on PostgreSQL followed by VACUUM ANALYZE, as autovacuum would do),
bulk-indexes them into a separate index (prefix
``livinglab-bench``), then runs the same query mix against Elasticsearch and
the database fallback, in alternation, and reports:

* analysis cost per document, bulk indexing throughput (docs/s);
* end-to-end search latency p50/p95 per backend (SearchQuery -> SearchResult);
* Elasticsearch's own ``took`` and our overhead (end-to-end minus took);
* for the database fallback, the share of answers whose count is an
  estimate (more matches than ``db_backend.CANDIDATE_CAP``) and the latency
  by kind of query (relevance, sorted by date, with a facet filter).

``--baseline path/to/old/search/db_backend.py`` also runs that version of
the database fallback (loaded as a module of this search package: the same
analysis, vocabulary and models) in the same alternation, so a change is
compared with the code before it under the same load.

Figures go to docs/BENCHMARKS.md with the command that produced them.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "livinglab.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

from innovations.search import replication_bucket  # noqa: E402
from search import db_backend, es_backend, indexer  # noqa: E402
from search.analysis import analyze_document  # noqa: E402
from search.client import get_client  # noqa: E402
from search.models import SearchDocument  # noqa: E402
from search.query import SearchQuery  # noqa: E402
from search.sync import analysed_fields  # noqa: E402

FIRST_ID = 10_000_000
SUBJECTS = [
    "pelayanan perizinan",
    "antrean puskesmas",
    "tanda tangan elektronik",
    "data kependudukan",
    "bantuan sosial",
    "pengaduan masyarakat",
    "kearsipan dinamis",
    "pengadaan barang dan jasa",
    "kinerja pegawai",
    "perencanaan pembangunan",
    "pendidikan anak usia dini",
    "pasar daring UMKM",
    "badan usaha milik desa",
    "pemetaan jalan rusak",
    "sampah dan lingkungan",
    "air bersih",
    "ketertiban umum",
    "informasi hukum",
    "satu data daerah",
    "layanan kesehatan ibu dan anak",
]
VERBS = [
    "mempercepat",
    "mempermudah",
    "mengintegrasikan",
    "memantau",
    "mendigitalkan",
    "menyederhanakan",
    "melayani",
    "mencatat",
]
OBJECTS = [
    "warga",
    "pelaku usaha",
    "aparatur sipil negara",
    "perangkat daerah",
    "kecamatan",
    "desa",
    "sekolah",
    "puskesmas",
    "OPD",
    "Diskominfo",
    "Disdukcapil",
    "Bappeda",
]
TAILS = [
    "tanpa tatap muka",
    "melalui aplikasi seluler",
    "dengan sistem penghubung layanan",
    "secara terpadu",
    "berbasis data NIK",
    "dengan dasbor pimpinan",
    "melalui WhatsApp",
    "yang diatur Perbup",
]
DIMENSIONS = [
    "Smart Governance",
    "Smart Branding",
    "Smart Economy",
    "Smart Living",
    "Smart Society",
    "Smart Environment",
]
THEMES = ["Pengentasan Kemiskinan", "Pertumbuhan Ekonomi", "Administrasi Pemerintahan"]
PROVINCES = [
    "Jawa Barat",
    "Jawa Tengah",
    "Jawa Timur",
    "Bali",
    "Sulawesi Selatan",
    "Sumatera Utara",
    "Kalimantan Timur",
    "Papua",
]
TECH = [
    "Laravel",
    "Django",
    "Flutter",
    "PostgreSQL",
    "MySQL",
    "Vue.js",
    "Android",
    "Node.js",
]
QUERIES = [
    "tanda tangan elektronik",
    "TTE",
    "antrean puskesmas",
    "perizinan",
    "pelayanan perizinan usaha",
    "bansos",
    "pengaduan",
    "disdukcapil",
    "umkm pasar",
    "kinerja pegawai",
    "arsip",
    "perizinnan",
    "data kependudukan desa",
    "sampah",
    "bumdes",
    "layanan kesehatan ibu",
]


GENERIC = [
    "Inovasi ini dikembangkan bersama perangkat daerah terkait",
    "Tim teknis menyiapkan server dan jaringan",
    "Warga memberi masukan melalui survei kepuasan",
    "Anggaran berasal dari APBD dan dukungan mitra",
    "Pelatihan operator dilakukan di setiap kecamatan",
    "Hasilnya dievaluasi setiap triwulan oleh inspektorat",
    "Regulasi pendukung ditetapkan oleh kepala daerah",
    "Data dibagikan kepada OPD lain sesuai kebutuhan",
]


def sentence(rng, subject=None):
    """A sentence about ``subject`` (or, now and then, another topic), so a
    document is about one thing, as a real case study is."""
    roll = rng.random()
    if subject is None or roll < 0.1:
        subject = rng.choice(SUBJECTS)
    elif roll < 0.45:
        return f"{rng.choice(GENERIC)} {rng.choice(TAILS)}."
    return f"{rng.choice(VERBS).capitalize()} {subject} bagi {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def make_documents(n, rng):
    documents = []
    analysis_seconds = 0.0
    for i in range(n):
        subject = rng.choice(SUBJECTS)
        title = f"{subject.title()} {rng.choice(['Terpadu', 'Digital', 'Daring', 'Cerdas', 'Mandiri'])} {i}"
        summary = sentence(rng, subject)
        body = " ".join(sentence(rng, subject) for _ in range(rng.randint(12, 30)))
        extra = " ".join(sentence(rng, subject) for _ in range(3))
        started = time.perf_counter()
        analysed = analyze_document(
            {"title": title, "summary": summary, "body": body, "extra": extra}
        )
        analysis_seconds += time.perf_counter() - started
        replications = rng.choice([0, 0, 0, 1, 2, 3, 5, 8])
        documents.append(
            SearchDocument(
                page_id=FIRST_ID + i,
                slug=f"bench-{i}",
                title=title,
                summary=summary,
                url=f"/inovasi/bench-{i}/",
                host_region="32.11",
                year_launched=rng.randint(2016, 2025),
                replication_count=replications,
                body_text=body,
                extra_text=extra,
                **analysed_fields(analysed),
                facets={
                    "dimension": sorted(rng.sample(DIMENSIONS, rng.randint(1, 2))),
                    "theme": [rng.choice(THEMES)],
                    "province": [rng.choice(PROVINCES)],
                    "host": [f"Kabupaten Bench {rng.randint(1, 60)}"],
                    "technology": sorted(rng.sample(TECH, rng.randint(1, 3))),
                    "has_source_code": [rng.choice(["ya", "tidak"])],
                    "has_training": [rng.choice(["ya", "tidak"])],
                    "replication": [replication_bucket(replications)],
                    "year": [str(rng.randint(2016, 2025))],
                    "licence": [rng.choice(["MIT", "Apache-2.0", "GPL-3.0-or-later"])],
                },
            )
        )
    return documents, analysis_seconds


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


class Params(dict):
    def getlist(self, key):
        value = self.get(key)
        return [value] if value else []


def load_baseline(path):
    """Another version of search/db_backend.py, as ``search._baseline``
    (its relative imports resolve in this search package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("search._baseline", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument(
        "--baseline", help="another search/db_backend.py to compare, side by side"
    )
    args = parser.parse_args()
    baseline = load_baseline(args.baseline) if args.baseline else None
    if not settings.ELASTICSEARCH_URL:
        sys.exit(
            "Set ELASTICSEARCH_URL (scripts/elasticsearch.sh start) to compare both backends."
        )
    settings.ELASTICSEARCH_INDEX_PREFIX = os.environ.get(
        "BENCH_INDEX_PREFIX", "livinglab-bench"
    )
    rng = random.Random(2026)
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(
        f"database: {database}; elasticsearch: {settings.ELASTICSEARCH_URL}; documents: {args.docs}"
    )

    SearchDocument.objects.filter(page_id__gte=FIRST_ID).delete()
    documents, analysis_seconds = make_documents(args.docs, rng)
    print(
        f"analysis: {1000 * analysis_seconds / args.docs:.2f} ms/document ({args.docs / analysis_seconds:.0f} docs/s)"
    )
    SearchDocument.objects.bulk_create(documents, batch_size=500)
    if connection.vendor == "postgresql":
        # What autovacuum would do soon after such a load. Without it the
        # planner's choices change in the middle of the run, and the dead
        # rows of a previous run make sequential scans twice as long.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {SearchDocument._meta.db_table}")
    try:
        # Only the bench documents: rebuild reads every SearchDocument row.
        result = indexer.rebuild()
        print(
            f"bulk indexing: {result['indexed']} docs in {result['seconds']:.1f} s = {result['indexed'] / result['seconds']:.0f} docs/s"
        )
        client = get_client()
        mix = []
        for i in range(args.queries):
            params = Params(q=QUERIES[i % len(QUERIES)])
            if i % 3 == 0:
                params["dimension"] = rng.choice(DIMENSIONS)
            if i % 5 == 0:
                params["sort"] = "newest"
            mix.append(params)
        for params in mix[:20]:  # warm both
            es_backend.run(client, SearchQuery.from_params(params))
            db_backend.run(SearchQuery.from_params(params))
            if baseline:
                baseline.run(SearchQuery.from_params(params))
        timings = {
            "elasticsearch": [],
            "database": [],
            "baseline": [],
            "took": [],
            "raw": [],
            "raw_took": [],
        }
        kinds = {"relevance": [], "newest": [], "filtered": []}
        approximate = 0
        for params in mix:
            # the same request through the bare client: HTTP and JSON only
            body, _analysed = es_backend.build_search(
                client, SearchQuery.from_params(params)
            )
            started = time.perf_counter()
            raw = client.search(index=es_backend.alias_name(), body=body)
            timings["raw"].append(1000 * (time.perf_counter() - started))
            timings["raw_took"].append(raw["took"])
            started = time.perf_counter()
            result = es_backend.run(client, SearchQuery.from_params(params))
            timings["elasticsearch"].append(1000 * (time.perf_counter() - started))
            timings["took"].append(result.took_ms)
            started = time.perf_counter()
            answer = db_backend.run(SearchQuery.from_params(params))
            elapsed = 1000 * (time.perf_counter() - started)
            timings["database"].append(elapsed)
            approximate += bool(getattr(answer, "approximate", False))
            if "dimension" in params:
                kinds["filtered"].append(elapsed)
            if params.get("sort") == "newest":
                kinds["newest"].append(elapsed)
            elif "dimension" not in params:
                kinds["relevance"].append(elapsed)
            if baseline:
                started = time.perf_counter()
                baseline.run(SearchQuery.from_params(params))
                timings["baseline"].append(1000 * (time.perf_counter() - started))
        overhead = [
            e - t
            for e, t in zip(timings["elasticsearch"], timings["took"], strict=True)
        ]
        transport = [
            r - t for r, t in zip(timings["raw"], timings["raw_took"], strict=True)
        ]
        print(
            f"\nqueries: {len(mix)} (16 phrasings, 1/3 with a facet filter, 1/5 sorted by date), alternating backends"
        )
        print(f"{'':32} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}")
        for label, values in [
            ("elasticsearch end-to-end", timings["elasticsearch"]),
            ("elasticsearch took", timings["took"]),
            ("our overhead over took", overhead),
            ("  of which bare client round trip", transport),
            ("database fallback end-to-end", timings["database"]),
            ("  relevance, no filter", kinds["relevance"]),
            ("  sorted by date", kinds["newest"]),
            ("  with a facet filter", kinds["filtered"]),
            ("database fallback, --baseline", timings["baseline"]),
        ]:
            if not values:
                continue
            print(
                f"{label:32} {percentile(values, 50):8.1f} {percentile(values, 95):8.1f} {statistics.mean(values):8.1f}"
            )
        print(
            f"database answers with an estimated count: {approximate}/{len(mix)} "
            f"(cap {getattr(db_backend, 'CANDIDATE_CAP', '-')})"
        )
    finally:
        SearchDocument.objects.filter(page_id__gte=FIRST_ID).delete()
        client = get_client()
        client.indices.delete(
            index=f"{settings.ELASTICSEARCH_INDEX_PREFIX}-innovations-*",
            ignore_unavailable=True,
            allow_no_indices=True,
        )


if __name__ == "__main__":
    main()
