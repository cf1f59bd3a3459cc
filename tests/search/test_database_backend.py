"""The database backend's SQL: full-text structures kept in sync by the
database, ranking, facet counts, and hostile input reaching FTS5.

Documents are SearchDocument rows written directly (as bench/search.py does),
each carrying a made-up token so demonstration content never matches.
"""

import random
from datetime import UTC, datetime, timedelta

from django.db import connection

import pytest

from innovations.search import FACETS
from search import db_backend, indexer, service
from search.analysis import analyze_document, analyze_query
from search.models import SearchDocument
from search.query import SearchQuery
from search.sync import analysed_fields

from .test_bad_input import HOSTILE
from .test_contract import Params

pytestmark = pytest.mark.django_db

TOKEN = "qorvex"  # in every document of this module
OTHER = "zelvorin"  # another word no demonstration page has
FIRST_ID = 90_000_000
DIMENSIONS = ["Smart Governance", "Smart Living", "Smart Economy", "Smart Society"]
THEMES = ["Pengentasan Kemiskinan", "Pertumbuhan Ekonomi", "Administrasi Pemerintahan"]
PROVINCES = ["Jawa Barat", "Bali", "Papua"]
TECH = ["Django", "Flutter", "Laravel", "PostgreSQL"]


def make_document(i, title, summary="", body="", facets=None, days_ago=0):
    analysed = analyze_document(
        {"title": title, "summary": summary, "body": body, "extra": ""}
    )
    return SearchDocument(
        page_id=FIRST_ID + i,
        slug=f"ft-{i}",
        title=title,
        summary=summary,
        url=f"/ft-{i}/",
        host_region="32.11",
        published_at=datetime(2026, 11, 1, tzinfo=UTC) - timedelta(days=days_ago),
        body_text=body,
        **analysed_fields(analysed),
        facets=facets or {},
    )


def database_search(**params):
    params.setdefault("page_size", 50)
    return db_backend.run(SearchQuery.from_params(Params(params)))


def slugs(result):
    return [r["slug"] for r in result.results]


@pytest.fixture(
    params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]
)
def on_backend(request, settings):
    """Run a test on each backend; call it once the documents are written."""

    def ready():
        if request.param == "elasticsearch":
            request.getfixturevalue("es_settings")
            indexer.rebuild()
        else:
            settings.ELASTICSEARCH_URL = ""

        def search(**params):
            params.setdefault("page_size", 50)
            result = service.search(SearchQuery.from_params(Params(params)))
            assert result.backend == request.param
            return result

        return search

    return ready


# --- the full-text structures follow every write -------------------------


def test_insert_update_and_delete_reach_the_full_text_index():
    SearchDocument.objects.bulk_create(
        [make_document(1, f"Layanan {TOKEN} pertama"), make_document(2, "Layanan")]
    )
    assert slugs(database_search(q=TOKEN)) == ["ft-1"]

    # queryset update (no save(), no signal): the database updates the index
    SearchDocument.objects.filter(page_id=FIRST_ID + 1).update(
        title_norm="layanan", title_stemmed="layan"
    )
    assert database_search(q=TOKEN).count == 0

    # save() of a changed row, as refresh_document's update_or_create does
    moved = make_document(2, f"Layanan {TOKEN} {OTHER}")
    SearchDocument.objects.update_or_create(
        page_id=moved.page_id,
        defaults={
            f.name: getattr(moved, f.name)
            for f in SearchDocument._meta.fields
            if f.name not in ("page_id", "updated_at")
        },
    )
    assert slugs(database_search(q=TOKEN)) == ["ft-2"]
    assert slugs(database_search(q=OTHER)) == ["ft-2"]

    SearchDocument.objects.filter(page_id__gte=FIRST_ID).delete()
    assert database_search(q=TOKEN).count == 0
    assert database_search(q=OTHER).count == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 table")
def test_fts5_index_agrees_with_its_content_table():
    SearchDocument.objects.bulk_create(
        [make_document(i, f"Judul {TOKEN} {i}") for i in range(5)]
    )
    SearchDocument.objects.filter(page_id=FIRST_ID).delete()
    SearchDocument.objects.filter(page_id=FIRST_ID + 1).update(summary_norm="ubah")
    with connection.cursor() as cursor:
        # raises when the index and search_searchdocument differ
        cursor.execute(
            f"INSERT INTO {db_backend.FTS}({db_backend.FTS}, rank) "  # noqa: S608 - a constant
            "VALUES ('integrity-check', 1)"
        )
        cursor.execute(f"SELECT count(*) FROM {db_backend.FTS}")  # noqa: S608
        assert cursor.fetchone()[0] == SearchDocument.objects.count()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers")
def test_fts5_triggers_survive_every_migration():
    """A later migration that makes Django rebuild the SQLite table drops
    these triggers with the old table: recreate them in that migration."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
            [db_backend.TABLE],
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names >= {
        f"{db_backend.FTS}_insert",
        f"{db_backend.FTS}_update",
        f"{db_backend.FTS}_delete",
    }


# --- ranking ----------------------------------------------------------------


def test_title_match_ranks_before_summary_and_body_match(on_backend):
    SearchDocument.objects.bulk_create(
        [
            # newest first, so recency alone would give the reverse order
            make_document(1, "Catatan lapangan", body=f"{TOKEN} " * 5, days_ago=0),
            make_document(2, "Catatan kegiatan", f"Ringkasan {TOKEN}.", days_ago=1),
            make_document(3, f"Aplikasi {TOKEN}", "Ringkasan.", days_ago=2),
        ]
    )
    search = on_backend()
    assert slugs(search(q=TOKEN)) == ["ft-3", "ft-2", "ft-1"]
    assert slugs(search(q=TOKEN, sort="newest")) == ["ft-1", "ft-2", "ft-3"]


def test_exact_phrase_in_the_title_ranks_first(on_backend):
    SearchDocument.objects.bulk_create(
        [
            make_document(1, f"Pasar {TOKEN} ikan segar", days_ago=0),
            make_document(2, f"Ikan {TOKEN} pasar segar", days_ago=1),
            make_document(3, f"Pasar ikan segar {TOKEN}", days_ago=2),
        ]
    )
    search = on_backend()
    assert slugs(search(q=f"{TOKEN} pasar"))[0] == "ft-2"


def test_database_scores_are_returned_in_order():
    SearchDocument.objects.bulk_create(
        [
            make_document(1, f"Aplikasi {TOKEN}"),
            make_document(2, "Catatan", body=TOKEN),
        ]
    )
    scores = [r["score"] for r in database_search(q=TOKEN).results]
    assert len(scores) == 2 and scores[0] > scores[1] > 0


# --- facet counts -------------------------------------------------------------


def facet_corpus():
    rng = random.Random(4)  # noqa: S311 - reproducible test data
    documents = []
    for i in range(30):
        facets = {
            "dimension": sorted(rng.sample(DIMENSIONS, rng.randint(1, 2))),
            "theme": [rng.choice(THEMES)],
            "province": [rng.choice(PROVINCES)],
            "technology": sorted(rng.sample(TECH, rng.randint(0, 2))),
            "has_source_code": [rng.choice(["ya", "tidak"])],
            "year": [str(rng.randint(2019, 2024))],
        }
        documents.append(make_document(i, f"Inovasi {TOKEN} {i}", facets=facets))
    # one document without the token: it counts for nothing
    documents.append(
        make_document(99, "Inovasi lain", facets={"dimension": ["Smart Living"]})
    )
    return documents


def python_counts(documents, filters):
    """The previous, all-Python counting: the reference for the SQL."""
    counts = {facet: {} for facet in FACETS}
    matched = []
    for document in documents:
        facets = document.facets
        failed = [
            f
            for f, values in filters.items()
            if not any(v in facets.get(f, ()) for v in values)
        ]
        if len(failed) > 1:
            continue
        if not failed:
            matched.append(document.slug)
        for facet in failed or FACETS:
            for value in facets.get(facet, ()):
                counts[facet][value] = counts[facet].get(value, 0) + 1
    return sorted(matched), {
        facet: sorted(values.items(), key=lambda item: (-item[1], item[0]))
        for facet, values in counts.items()
    }


FILTERS = [
    {},
    {"dimension": ["Smart Living"]},
    {"dimension": ["Smart Living", "Smart Economy"]},
    {"dimension": ["Smart Living", "Smart Economy"], "theme": ["Pertumbuhan Ekonomi"]},
    {
        "dimension": ["Smart Governance"],
        "technology": ["Django", "Flutter"],
        "year": ["2021", "2022", "2023"],
    },
    {"province": ["Bali"], "has_source_code": ["ya"], "technology": ["Laravel"]},
]


@pytest.mark.parametrize("filters", FILTERS)
def test_sql_facet_counts_equal_the_python_reference(filters):
    documents = facet_corpus()
    SearchDocument.objects.bulk_create(documents)
    result = database_search(q=TOKEN, **filters)
    matched, counts = python_counts(documents[:-1], filters)
    assert result.count == len(matched)
    assert sorted(slugs(result)) == matched
    for facet in FACETS:
        assert [(f["value"], f["count"]) for f in result.facets[facet]] == counts[facet]
        shown = {f["value"] for f in result.facets[facet]}
        selected = {f["value"] for f in result.facets[facet] if f["selected"]}
        assert selected == shown & set(filters.get(facet, []))


@pytest.mark.elasticsearch
@pytest.mark.parametrize("filters", FILTERS)
def test_sql_facet_counts_equal_elasticsearch(filters, es_settings):
    SearchDocument.objects.bulk_create(facet_corpus())
    indexer.rebuild()
    from search import es_backend
    from search.client import get_client

    es = es_backend.run(
        get_client(), SearchQuery.from_params(Params(q=TOKEN, **filters, page_size=50))
    )
    db = database_search(q=TOKEN, **filters)
    assert (db.count, sorted(slugs(db))) == (es.count, sorted(slugs(es)))
    # the service lists years newest first whichever backend answered
    from search.service import ordered_facets

    assert ordered_facets(db.facets) == ordered_facets(es.facets)


def test_a_filtered_search_costs_a_handful_of_queries(django_assert_max_num_queries):
    SearchDocument.objects.bulk_create(facet_corpus())
    database_search(q=TOKEN, dimension="Smart Living")  # fills the known-values cache
    # newest change, facets with the count, the page, its documents
    with django_assert_max_num_queries(4):
        result = database_search(q=TOKEN, dimension="Smart Living", theme=THEMES[0])
    assert result.results


def test_browsing_without_words_counts_everything():
    SearchDocument.objects.bulk_create(facet_corpus())
    result = database_search(dimension="Smart Living")
    assert result.query.sort == "newest"
    assert result.count == sum(
        "Smart Living" in d.facets.get("dimension", [])
        for d in SearchDocument.objects.all()
    )


# --- hostile input reaching FTS5 (and tsquery) ---------------------------------

FTS_SYNTAX = [
    'NEAR("a" "b", 2)',
    "a NOT b",
    "tte OR OR",
    "AND",
    "title_norm:tte",
    "{title_norm summary_norm}: tte",
    "- tte",
    "^tte",
    "tte*",
    '"',
    '""',
    "'",
    "(",
    ")",
    "NEAR/3",
    "a:b:c",
    "e-government",
    "anak-anak-",
    "-",
    "ktp-el",
    "é́́́",
    "\u200b\u200b",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "x" * 10_240,
    ("tte " * 5000),
]


@pytest.mark.parametrize("q", HOSTILE + FTS_SYNTAX)
def test_hostile_text_never_raises(q):
    # bypass from_params' 200-character cut: analysis gets up to 1,000
    result = db_backend.run(SearchQuery(q=q, sort="relevance"))
    assert result.backend == "database"
    assert result.count >= 0


def test_random_text_never_raises():
    rng = random.Random(23)  # noqa: S311 - reproducible test data
    alphabet = list("\"'()[]{}:^*-+~!?\\/ NEARANDORNOTtte abc") + [
        "é",
        "ß",
        "你",
        "🙂",
        "\u0301",
        "\u200b",
        "\x00",
        "-",
    ]
    for _ in range(300):
        q = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        db_backend.run(SearchQuery(q=q, sort="relevance"))


def test_query_words_are_words_not_operators():
    SearchDocument.objects.bulk_create(
        [make_document(1, f"{TOKEN} near and or not"), make_document(2, TOKEN)]
    )
    assert slugs(database_search(q=f"{TOKEN} NEAR AND OR NOT")) == ["ft-1"]
    # two terms: one is enough to match, the document with both ranks first
    assert slugs(database_search(q=f"{TOKEN} near*"))[0] == "ft-1"


def test_fts_strings_are_quoted():
    assert db_backend._fts_string('a"b') == '"a""b"'
    analysed = analyze_query('tte "x')
    text = db_backend._text(analysed, db_backend._Dialect(False, "", "", "instr"))
    # every alternative one quoted FTS5 string (a phrase), terms ORed
    assert text.params[0].startswith('("tte" OR ')
    assert ' OR "tanda tangan elektronik"' in text.params[0]
    assert text.params[0].endswith(') OR ("x")')
