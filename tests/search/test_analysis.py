"""search/analysis.py: the Indonesian analysis both search backends share.

Pure Python, no database. Stems are what PySastrawi 1.2.1 actually returns
(checked by hand): "pelayanan" -> "layan", not "pelayan".
"""

import pytest

from search import analysis
from search.analysis import (
    MAX_VARIANTS,
    STOPWORDS,
    analyze_document,
    analyze_query,
    expand,
    expansion_terms,
    index_synonyms,
    normalize,
    stem,
    stems,
    tokens,
)

# -- normalize / tokens ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Café", "cafe"),
        ("Pelayanan Prima à la carte", "pelayanan prima a la carte"),
        ("Jalan Ahmad Yani Ñ Ü Ø ç", "jalan ahmad yani n u ø c"),
        ("PELAYANAN Perizinan", "pelayanan perizinan"),
        ("Straße", "strasse"),
        ("İzin", "izin"),
        ("ＰＥＬＡＹＡＮＡＮ ２０２４", "pelayanan 2024"),
        ("ﬁle", "file"),
    ],
)
def test_normalize_folds_accents_case_and_width(text, expected):
    assert normalize(text) == expected


def test_normalize_turns_punctuation_into_single_spaces():
    assert (
        normalize("  Antrean,  puskesmas!!\n(daring)\t— 24/7 ")
        == "antrean puskesmas daring 24 7"
    )


def test_normalize_keeps_intra_word_hyphens_only():
    assert (
        normalize("Anak-anak, -awal akhir- sehari‑hari")
        == "anak-anak awal akhir sehari-hari"
    )
    assert normalize("KTP-el e-KTP LAPOR!") == "ktp-el e-ktp lapor"


def test_normalize_joins_apostrophes_soft_hyphens_and_splits_zero_width_space():
    assert normalize("Jum'at Jum’at") == "jumat jumat"
    assert normalize("ad\u00administrasi desa\u200bkota") == "administrasi desa kota"


@pytest.mark.parametrize(
    "text",
    [
        "Café KTP-el",
        "Straße ﬁle İ",
        "anak-anak Jum’at",
        "中文 العربية 😀 ＡＢＣ",
        "a\u0301\u0327 ß ǅ",
    ],
)
def test_normalize_is_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once


def test_tokens_keep_stopwords():
    assert tokens("Layanan yang ada di desa") == [
        "layanan",
        "yang",
        "ada",
        "di",
        "desa",
    ]


# -- stopwords ---------------------------------------------------------------


def test_stopwords_are_loaded_from_the_data_file():
    assert isinstance(STOPWORDS, frozenset)
    assert 150 <= len(STOPWORDS) <= 300
    assert {
        "yang",
        "dan",
        "di",
        "ke",
        "dari",
        "untuk",
        "dengan",
        "pada",
        "adalah",
        "ini",
        "itu",
        "dalam",
        "oleh",
        "atau",
        "juga",
    } <= STOPWORDS


@pytest.mark.parametrize(
    "word",
    [
        "satu",
        "sama",
        "umum",
        "baik",
        "cukup",
        "kurang",
        "layanan",
        "data",
        "daerah",
        "desa",
    ],
)
def test_domain_words_are_not_stopwords(word):
    assert word not in STOPWORDS


# -- stemming ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "root"),
    [
        ("pelayanan", "layan"),
        ("perizinan", "izin"),
        ("kependudukan", "duduk"),
        ("mempercepat", "cepat"),
        ("pencatatan", "catat"),
        ("pengaduan", "adu"),
        # not "perintah" (an order): data/protected_id.txt gives the root
        ("pemerintahan", "pemerintah"),
        ("diterbitkan", "terbit"),
        ("anak-anak", "anak"),
        ("anak-anaknya", "anak"),
        ("sehari-hari", "hari"),
    ],
)
def test_stem_gives_sastrawi_roots(word, root):
    assert stem(word) == root


@pytest.mark.parametrize(
    "word",
    ["2024", "sp4n", "covid19", "32-11", "tte", "perbup", "ktp-el", "中文", "x" * 60],
)
def test_stem_leaves_digits_acronyms_and_non_latin_alone(word):
    assert stem(word) == word


@pytest.mark.parametrize(("acronym", "cut"), [("dispora", "spora"), ("pemilu", "milu")])
def test_acronyms_of_the_synonym_file_are_never_stemmed(acronym, cut):
    assert analysis._stemmer().stem_word(acronym) == cut  # what Sastrawi alone does
    assert stem(acronym) == acronym
    assert stems(f"Program {acronym.upper()} daerah") == ["program", acronym, "daerah"]


def test_stem_cache_makes_repeats_cheap():
    stem("penyelenggaraan")
    before = stem.cache_info()
    for _ in range(5):
        assert stem("penyelenggaraan") == "selenggara"
    after = stem.cache_info()
    assert after.hits == before.hits + 5
    assert after.misses == before.misses
    assert after.maxsize >= 10_000


def test_stems_drop_stopwords_and_reduce_reduplication():
    assert stems("Pelayanan perizinan yang ada di desa dan kota") == [
        "layan",
        "izin",
        "desa",
        "kota",
    ]
    assert stems("Anak-anak mempercepat kependudukan") == ["anak", "cepat", "duduk"]


def test_stems_split_hyphenated_words_that_are_not_reduplication():
    assert stems("e-government 2019-2020") == ["e", "government", "2019", "2020"]
    assert stems("KTP-el") == ["ktp-el"]


# -- synonyms ----------------------------------------------------------------

DOMAIN_ACRONYMS = [
    ("spbe", "sistem pemerintahan berbasis elektronik"),
    ("opd", "organisasi perangkat daerah"),
    ("opd", "perangkat daerah"),
    ("tte", "tanda tangan elektronik"),
    ("tik", "teknologi informasi dan komunikasi"),
    ("diskominfo", "dinas komunikasi dan informatika"),
    ("disdukcapil", "dinas kependudukan dan pencatatan sipil"),
    ("disdukcapil", "kependudukan dan pencatatan sipil"),
    ("ktp-el", "ktp elektronik"),
    ("ktp-el", "kartu tanda penduduk elektronik"),
    ("ktp-el", "e-ktp"),
    ("nik", "nomor induk kependudukan"),
    ("sipd", "sistem informasi pemerintahan daerah"),
    ("e-kinerja", "ekinerja"),
    ("e-kinerja", "kinerja elektronik"),
    ("lapor", "layanan aspirasi dan pengaduan online rakyat"),
    ("ppid", "pejabat pengelola informasi dan dokumentasi"),
    ("skpd", "satuan kerja perangkat daerah"),
    ("perbup", "peraturan bupati"),
    ("perwal", "peraturan wali kota"),
    ("perwal", "peraturan walikota"),
    ("pks", "perjanjian kerja sama"),
    ("mou", "nota kesepahaman"),
    ("mou", "memorandum of understanding"),
    ("bimtek", "bimbingan teknis"),
    ("rpjmd", "rencana pembangunan jangka menengah daerah"),
    ("rpjpd", "rencana pembangunan jangka panjang daerah"),
    ("bappeda", "badan perencanaan pembangunan daerah"),
    ("dpmptsp", "dinas penanaman modal dan pelayanan terpadu satu pintu"),
    ("dpmptsp", "pelayanan terpadu satu pintu"),
    ("dpmptsp", "ptsp"),
    ("umkm", "usaha mikro kecil dan menengah"),
    ("bumdes", "badan usaha milik desa"),
    ("bansos", "bantuan sosial"),
    ("puskesmas", "pusat kesehatan masyarakat"),
]


@pytest.mark.parametrize(("acronym", "phrase"), DOMAIN_ACRONYMS)
def test_every_domain_acronym_expands_both_ways(acronym, phrase):
    group = next(g for g in analysis.SYNONYMS if acronym in g)
    assert phrase in group
    assert phrase in expansion_terms(acronym)
    assert acronym in expansion_terms(phrase)


@pytest.mark.parametrize(
    "acronym",
    [
        "Diskominfo",
        "Disdukcapil",
        "Dinkes",
        "Disdik",
        "Dinsos",
        "BKPSDM",
        "BPKAD",
        "JDIH",
        "DTKS",
        "APBD",
        "APBN",
    ],
)
def test_other_acronyms_have_a_long_form(acronym):
    alternatives = expansion_terms(acronym)
    assert any(" " in phrase for phrase in alternatives)


def test_no_phrase_belongs_to_two_groups():
    keys = [analysis._parts(p) for group in analysis.SYNONYMS for p in group]
    assert len(keys) == len(set(keys))


def test_lines_sharing_a_phrase_are_merged():
    table = analysis._load_synonyms(
        ["a1, alpha one", "b2, beta two", "alpha one, b2, Alpha-One"]
    )
    assert table.groups == (("a1", "alpha one", "b2", "beta two"),)


def test_query_acronym_expands_to_phrase_and_back():
    assert expand("TTE")[0] == "tte"
    assert "tanda tangan elektronik" in expand("TTE")
    assert expand("Tanda Tangan Elektronik")[0] == "tanda tangan elektronik"
    assert "tte" in expand("Tanda Tangan Elektronik")
    assert "kependudukan dan pencatatan sipil" in expand("disdukcapil")
    assert "disdukcapil" in expand("kependudukan dan pencatatan sipil")


def test_expansion_keeps_the_rest_of_the_query():
    variants = expand("surat dengan TTE di desa")
    assert variants[0] == "surat dengan tte di desa"
    assert "surat dengan tanda tangan elektronik di desa" in variants


def test_longest_multiword_match_wins():
    assert "skpd" in expand("satuan kerja perangkat daerah")
    assert not any("opd" in v.split() for v in expand("satuan kerja perangkat daerah"))
    assert "opd" in expand("perangkat daerah")
    assert "dpmptsp" in expand("dinas penanaman modal dan pelayanan terpadu satu pintu")


@pytest.mark.parametrize(
    "query", ["KTP-el", "ktp el", "e-KTP", "E KTP", "ktp elektronik"]
)
def test_ktp_el_spellings_meet(query):
    variants = set(expand(query)) | set(expansion_terms(query))
    assert {"ktp-el", "ktp elektronik"} & variants
    assert "kartu tanda penduduk elektronik" in variants


def test_lapor_punctuation_is_dropped():
    assert expand("LAPOR!")[0] == "lapor"
    assert "layanan aspirasi dan pengaduan online rakyat" in expand("LAPOR!")


def test_matching_is_on_whole_tokens():
    assert expand("tteh stte opdx pelaporan") == ["tteh stte opdx pelaporan"]
    assert expansion_terms("pelaporan") == []


def test_variants_are_bounded_and_every_match_gets_a_turn():
    query = "tte opd skpd ktp-el bimtek umkm dpmptsp rpjmd bansos"
    variants = expand(query)
    assert len(variants) == MAX_VARIANTS
    assert len(set(variants)) == len(variants)
    rewritten = [
        next(
            i
            for i, (a, b) in enumerate(zip(v.split(), query.split(), strict=False))
            if a != b
        )
        for v in variants[1:]
    ]
    assert rewritten == list(range(MAX_VARIANTS - 1))


def test_expansion_terms_are_only_what_the_query_lacks():
    terms = expansion_terms("TTE untuk OPD")
    assert "tanda tangan elektronik" in terms
    assert "organisasi perangkat daerah" in terms
    assert "tte" not in terms and "opd" not in terms
    assert expansion_terms("tte atau tanda tangan elektronik") == [
        "tanda tangan digital",
        "ttd",
    ]
    assert expansion_terms("antrean puskesmas") == [
        "antrian",
        "antre",
        "antri",
        "pusat kesehatan masyarakat",
    ]
    assert expansion_terms("") == []


def test_index_synonyms_give_documents_both_forms():
    assert "tte" in index_synonyms("Surat dinas memakai Tanda Tangan Elektronik.")
    assert "tanda tangan elektronik" in index_synonyms(
        "Naskah dinas ditandatangani dengan TTE dari BSrE."
    )
    found = index_synonyms("Layanan Kependudukan dan Pencatatan Sipil di kecamatan")
    assert "disdukcapil" in found
    assert "kependudukan dan pencatatan sipil" in found
    assert index_synonyms("Warga mengambil nomor antrean dari rumah.") == [
        "antrean",
        "antrian",
        "antre",
        "antri",
    ]
    assert index_synonyms("Warga mengambil nomor urut dari rumah.") == []


# -- analyze_document / analyze_query ------------------------------------------


def test_analyze_document_returns_normalised_stemmed_and_synonyms():
    analysed = analyze_document(
        {
            "title": "Pelayanan Perizinan dengan TTE",
            "summary": "Anak-anak sekolah mempercepat pencatatan kependudukan.",
            "body": "",
        }
    )
    assert analysed == {
        "title": "pelayanan perizinan dengan tte",
        "title_stemmed": "layan izin tte",
        "summary": "anak-anak sekolah mempercepat pencatatan kependudukan",
        "summary_stemmed": "anak sekolah cepat catat duduk",
        "body": "",
        "body_stemmed": "",
        "synonyms": "tte tanda tangan elektronik tanda tangan digital ttd",
    }


def test_analyze_document_does_not_match_phrases_across_fields():
    analysed = analyze_document(
        {"title": "Aplikasi tanda tangan", "summary": "elektronik"}
    )
    assert analysed["synonyms"] == ""


def test_analyze_query_shape_and_content():
    analysed = analyze_query("  Pelayanan TTE untuk anak-anak ")
    assert analysed["normalized"] == "pelayanan tte untuk anak-anak"
    assert analysed["stems"] == ["layan", "tte", "anak"]
    assert "pelayanan tanda tangan elektronik untuk anak-anak" in analysed["expansions"]
    assert "layan tanda tangan elektronik anak" in analysed["stemmed_expansions"]


def test_analyze_query_stemmed_expansions_cross_acronyms():
    assert "duduk catat sipil" in analyze_query("Disdukcapil")["stemmed_expansions"]
    assert (
        "disdukcapil"
        in analyze_query("kependudukan dan pencatatan sipil")["stemmed_expansions"]
    )


HOSTILE = [
    "",
    " ",
    "\t\n\r \u3000\u00a0",
    '"tanda tangan',
    "((perizinan]",
    "{[(<>)]}",
    'AND OR NOT + - && || ! ( ) { } [ ] ^ " ~ * ? : \\ /',
    "title:tte AND body:(a OR b)^3~2",
    'perizinan* ?ayanan~ "umkm"~5 /regex.*/',
    "-",
    "--",
    "- - -anak- -",
    "'",
    "''''",
    "tte " * 2500,
    "a" * 10_000,
    "ab-" * 3000,
    "😀🎉👩‍👩‍👧 🇮🇩",
    "layanan 中文 العربية ภาษาไทย Русский ꦗꦮ",
    "\x00\x01\x02\x1b[31m\x7f",
    "tte\x00opd",
    "\ud800",
    "x\udfffy\ud83d",
    "\u200b\u200c\u200d\ufeff\u00ad",
    "\u0301\u0327",
    "%00 %s {0} ${jndi:ldap://x} <script>alert(1)</script>",
    "'; DROP TABLE search_searchdocument; --",
    "🧑‍💻 LAPOR!!! ??? ...",
]


@pytest.mark.parametrize("query", HOSTILE, ids=range(len(HOSTILE)))
def test_analyze_query_survives_hostile_input(query):
    analysed = analyze_query(query)
    assert set(analysed) == {
        "normalized",
        "stems",
        "expansions",
        "stemmed_expansions",
        "terms",
        "required",
        "corrected",
    }
    assert isinstance(analysed["normalized"], str)
    for key in ("stems", "expansions", "stemmed_expansions"):
        assert isinstance(analysed[key], list)
        assert all(isinstance(item, str) and item for item in analysed[key])
    assert len(analysed["expansions"]) < MAX_VARIANTS
    text = " ".join(
        [
            analysed["normalized"],
            *analysed["stems"],
            *analysed["expansions"],
            *analysed["stemmed_expansions"],
        ]
    )
    text.encode("utf-8")  # no lone surrogates reach the database or Elasticsearch
    assert not set(text) & set('"+&|!(){}[]^~*?:\\/<>;%$\x00\x1b')
    if not analysed["normalized"]:
        assert (
            analysed["stems"]
            == analysed["expansions"]
            == analysed["stemmed_expansions"]
            == []
        )


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_analyze_document_survives_hostile_input(text):
    analysed = analyze_document({"title": text, "body": text})
    assert set(analysed) == {
        "title",
        "title_stemmed",
        "body",
        "body_stemmed",
        "synonyms",
    }
    " ".join(analysed.values()).encode("utf-8")


def test_analyze_query_accepts_none_and_non_strings():
    assert analyze_query(None) == {
        "normalized": "",
        "stems": [],
        "expansions": [],
        "stemmed_expansions": [],
        "terms": [],
        "required": 0,
        "corrected": "",
    }
    assert analyze_query(2024)["stems"] == ["2024"]


@pytest.mark.parametrize("length", [60, 80, 120])
def test_snippets_begin_and_end_at_word_boundaries(length):
    """A snippet never cuts a word in two at either end (it used to stop at
    a fixed character count, mid-word)."""
    from search.snippets import highlight

    words = [f"kata{i:02d}panjang" for i in range(60)]
    text = " ".join(words)
    snippet = highlight(text, ["kata30panjang"], length=length)
    assert snippet.startswith("… ") and snippet.endswith(" …")
    inner = snippet[2:-2].replace("<mark>", "").replace("</mark>", "")
    assert all(token in words for token in inner.split()), inner
    assert "kata30panjang" in inner
