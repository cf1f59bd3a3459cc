"""Relevance rules of issue 14, on every backend (the database one, and
Elasticsearch where it runs): recall with ranking, stemming that keeps
meaning, vocabulary (acronyms, spelling variants, English), typos.

Each test writes its own SearchDocument rows (slugs ``rv-*``) and only
looks at those, so demonstration content in the database does not matter.
The measured picture is bench/relevance.py (docs/BENCHMARKS.md).
"""

from datetime import UTC, datetime

import pytest

from search import analysis, db_backend, indexer, service
from search.analysis import analyze_document, analyze_query, stem
from search.models import SearchDocument
from search.query import SearchQuery
from search.sync import analysed_fields

from .test_contract import Params

pytestmark = pytest.mark.django_db

FIRST_ID = 91_000_000


def document(i, title, summary="", body="", extra=""):
    analysed = analyze_document(
        {"title": title, "summary": summary, "body": body, "extra": extra}
    )
    return SearchDocument(
        page_id=FIRST_ID + i,
        slug=f"rv-{i}",
        title=title,
        summary=summary,
        url=f"/rv-{i}/",
        host_region="32.11",
        published_at=datetime(2026, 11, 1, tzinfo=UTC),
        body_text=body,
        extra_text=extra,
        **analysed_fields(analysed),
        facets={"host": ["Kabupaten Sumedang"]},
    )


CORPUS = [
    document(
        1,
        "Antrean Daring Puskesmas",
        "Pasien mengambil nomor antrean puskesmas dari rumah melalui WhatsApp.",
        "Rekam medis elektronik terhubung dengan pendaftaran pasien.",
    ),
    document(
        2,
        "Peta Kawasan Rawan Longsor",
        "Peta daerah rawan bencana untuk tata ruang.",
        "Lereng rawan longsor dipetakan.",
    ),
    document(
        3,
        "Pendaftaran Relawan Bencana",
        "Relawan mendaftar dan dikerahkan ke posko.",
        "Basis data relawan dengan keahlian.",
    ),
    document(
        4,
        "Bank Sampah dan Pasar Barang Bekas",
        "Warga menjual barang bekas layak pakai.",
        "Setoran sampah dicatat.",
    ),
    document(
        5,
        "Aktivasi Identitas Kependudukan Digital Kota Bekasi",
        "Gerai aktivasi IKD di kelurahan Kota Bekasi.",
        "Warga Bekasi memakai KTP digital di ponsel.",
    ),
    document(
        6,
        "Laporan Jalan Berlubang",
        "Warga melaporkan kerusakan jalan kabupaten.",
        "Foto dan koordinat kerusakan jalan dikirim ke dinas.",
    ),
    document(
        7,
        "Aplikasi e-Kinerja Pegawai",
        "Kinerja ASN dinilai dari rencana hasil kerja.",
        "Kinerja dihitung bulanan.",
    ),
    document(
        8,
        "Bursa Lowongan Pekerjaan",
        "Pencari kerja mencari pekerjaan di kawasan industri.",
        "Warga bekerja di pabrik.",
    ),
    document(
        9,
        "Persuratan Dinas Seluruh OPD",
        "Surat masuk dan disposisi memakai Sistem Informasi Kearsipan Dinamis Terintegrasi.",
        "Naskah dinas terarsip otomatis.",
    ),
    document(
        10,
        "Verifikasi Data Tunggal Sosial dan Ekonomi Nasional",
        "Operator desa memutakhirkan data penerima bantuan sosial.",
        "",
    ),
    document(
        11,
        "Persetujuan Bangunan Gedung Daring",
        "Pemohon mengajukan persetujuan bangunan gedung pengganti IMB.",
        "",
    ),
    document(
        12,
        "Surat Keterangan Desa Bertanda Tangan Elektronik",
        "Kepala desa menandatangani surat dengan tanda tangan elektronik.",
        "",
    ),
    document(
        13,
        "Pemantauan Kesehatan Lansia",
        "Kader mencatat pemeriksaan kesehatan warga lanjut usia.",
        "",
    ),
    document(
        14,
        "Pelatihan Pelayanan Prima",
        "Petugas layanan dilatih melayani warga.",
        "Pelayanan di loket kecamatan.",
    ),
    document(
        15,
        "Pusat Data Layanan",
        "Server aplikasi dipindahkan ke pusat data.",
        "Pelayanan jaringan untuk perangkat daerah.",
    ),
    document(
        16,
        "Layanan Kota Malang",
        "Pengaduan warga Kota Malang dihimpun dalam satu dasbor.",
        "",
    ),
]


def mine(result):
    return [r["slug"] for r in result.results if r["slug"].startswith("rv-")]


@pytest.fixture(
    params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]
)
def search(request, settings):
    """``search(q)`` on one backend, over CORPUS."""
    SearchDocument.objects.bulk_create(CORPUS)
    if request.param == "elasticsearch":
        request.getfixturevalue("es_settings")
        indexer.rebuild()
    else:
        settings.ELASTICSEARCH_URL = ""

    def run(q, **params):
        result = service.search(
            SearchQuery.from_params(Params({"q": q, "page_size": 50, **params}))
        )
        assert result.backend == request.param
        return result

    return run


# --- recall with ranking ---------------------------------------------------


@pytest.mark.parametrize(
    "q", ["antrian puskesmas", "puskesmas xyz", "aplikasi antrian", "puskesmas"]
)
def test_one_word_the_documents_lack_does_not_empty_the_result(search, q):
    assert mine(search(q))[0] == "rv-1"


def test_required_words_grow_with_the_query(search):
    # four terms: two must match. rv-6 has jalan, rusak (kerusakan), warga;
    # rv-4 only "warga"
    found = mine(search("warga lapor jalan rusak"))
    assert found[0] == "rv-6"
    assert "rv-4" not in found


def test_exact_word_ranks_above_its_stem(search):
    # rv-14 says "pelayanan"; rv-15's title says "layanan" (same stem)
    found = mine(search("pelayanan"))
    assert found.index("rv-14") < found.index("rv-15")


def test_title_ranks_above_summary_above_body(search):
    found = mine(search("relawan"))
    assert found == ["rv-3"]  # and "rawan" (rv-2) is not a match
    found = mine(search("bekas"))
    assert found[0] == "rv-4"


def test_too_many_unknown_words_give_partial_results_said_so(search):
    result = search("puskesmas zyqqa wobbex flurp")
    assert mine(result) == ["rv-1"]
    assert result.partial
    assert search("puskesmas antrean").partial is False


# --- stemming that keeps meaning --------------------------------------------


def test_a_word_the_stemmer_damages_keeps_its_meaning(search):
    # Sastrawi: relawan -> rawan (an infix guess), kerusakan -> rusa
    assert stem("relawan") == "relawan"
    assert stem("kerusakan") == "rusak"
    assert "rv-2" not in mine(search("relawan"))
    assert mine(search("rusak"))[0] == "rv-6"


def test_region_names_are_never_stemmed(search):
    # Sastrawi: bekasi -> bekas, pemalang -> malang, kediri -> diri
    assert stem("bekasi") == "bekasi"
    assert stem("pemalang") == "pemalang"
    assert stem("kediri") == "kediri"
    assert mine(search("Bekasi")) == ["rv-5"]
    assert mine(search("Pemalang")) == []


def test_application_names_are_never_stemmed(search):
    # "kinerja" (e-Kinerja) is not "kerja": no job vacancies for it
    assert stem("kinerja") == "kinerja"
    found = mine(search("kinerja"))
    assert found == ["rv-7"]


def test_every_protected_word_stays_as_written():
    protected, overrides = analysis._protected_lines()
    assert "relawan" in protected and overrides["kerusakan"] == "rusak"
    for word in protected | set(analysis._synonyms().protected):
        assert stem(word) == word, word
    for word, root in overrides.items():
        assert stem(word) == root, word


# --- vocabulary ----------------------------------------------------------------


@pytest.mark.parametrize(
    "q, slug",
    [
        ("SRIKANDI", "rv-9"),
        ("DTSEN", "rv-10"),
        ("PBG", "rv-11"),
        ("TTD", "rv-12"),
        ("IKD", "rv-5"),
        ("antrian", "rv-1"),
        ("antre", "rv-1"),
    ],
)
def test_acronyms_and_spelling_variants(search, q, slug):
    assert mine(search(q))[0] == slug


@pytest.mark.parametrize(
    "q, slug",
    [
        ("health", "rv-13"),
        ("signature", "rv-12"),
        ("electronic signature", "rv-12"),
        ("building permit", "rv-11"),
        ("volunteers", "rv-3"),
    ],
)
def test_english_finds_the_indonesian_case_study(search, q, slug):
    assert mine(search(q))[0] == slug


# --- typos -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "q, slug, corrected",
    [
        ("pusksmas", "rv-1", "puskesmas"),
        ("relawn", "rv-3", "relawan"),
        ("lowongn pekerjaan", "rv-8", "lowongan pekerjaan"),
    ],
)
def test_typos_are_corrected_and_said(search, q, slug, corrected):
    result = search(q)
    assert mine(result)[0] == slug
    assert result.corrected == corrected
    assert result.as_json()["corrected"] == corrected


def test_known_words_are_not_corrected(search):
    result = search("puskesmas")
    assert result.corrected == ""


def test_database_matching_is_or_of_terms_with_its_ranking_function():
    analysed = analyze_query("antrian puskesmas")
    pg = db_backend._text(analysed, db_backend._Dialect(True, "", "", "strpos"))
    assert "ts_rank(" in pg.score and " || " in pg.where
    lite = db_backend._text(analysed, db_backend._Dialect(False, "", "", "instr"))
    assert "bm25" in lite.score and ") OR (" in lite.params[0]
