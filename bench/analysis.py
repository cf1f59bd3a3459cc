"""Benchmark of search/analysis.py alone: no Django, no database, no cluster.

    cd /work/main && .venv/bin/python bench/analysis.py [--seed 7]

Generates Indonesian public-service text deterministically from a built-in
vocabulary (root words, their affixed forms, reduplications, acronyms and
function words) and measures, with time.perf_counter:

* stemming throughput: Sastrawi itself (each distinct word once, our LRU
  cache cleared), then a 20,000-word stream from a cleared cache (first
  sight of a word misses, repeats hit) and again warm (all cached);
* analyze_document per document, mean and p95, over 1,000 documents of about
  300 words (title, summary, body), cache warm as in a running worker;
* analyze_query per query, mean and p95, over 1,000 queries of 1-5 words.

Figures go to docs/BENCHMARKS.md with this command.
"""

import argparse
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search import analysis  # noqa: E402


def words_of(text):
    return list(dict.fromkeys(text.split()))


VOCABULARY = words_of("""
layanan pelayanan melayani dilayani pelayan izin perizinan mengizinkan diizinkan
penduduk kependudukan kependudukannya catat pencatatan mencatat tercatat catatan
cepat mempercepat percepatan dipercepat mudah mempermudah kemudahan dipermudah
data pendataan mendata terdata basis berbasis integrasi mengintegrasikan terintegrasi
aplikasi sistem informasi teknologi komunikasi digital digitalisasi mendigitalkan
elektronik daring luring tanda tangan menandatangani ditandatangani penandatanganan
pemerintah pemerintahan memerintah daerah kabupaten kota provinsi desa kelurahan
kecamatan camat lurah bupati walikota gubernur warga masyarakat kemasyarakatan
rakyat penduduk publik umum sosial bantuan membantu dibantu bantu kesejahteraan
sejahtera miskin kemiskinan pengentasan ekonomi perekonomian pertumbuhan tumbuh
usaha pengusaha berusaha usaha-usaha mikro kecil menengah pasar pemasaran
memasarkan produk produksi kesehatan sehat puskesmas rumah sakit pasien antrean
mengantre pendidikan mendidik pendidik sekolah sekolah-sekolah siswa guru belajar
pembelajaran pelatihan melatih terlatih latihan bimbingan membimbing teknis
pengaduan mengadu aduan laporan melaporkan pelaporan dilaporkan keluhan tanggapan
menanggapi ditanggapi arsip kearsipan pengarsipan dokumen dokumentasi naskah surat
persuratan anggaran penganggaran keuangan uang belanja pendapatan pajak retribusi
pengadaan barang jasa kinerja pegawai kepegawaian aparatur aparat perencanaan
rencana merencanakan pembangunan membangun bangunan jalan jembatan air bersih
sampah lingkungan kebersihan ketertiban keamanan aman keamanannya pengawasan
mengawasi diawasi pemantauan memantau dipantau evaluasi mengevaluasi penilaian
menilai indeks nilai inovasi berinovasi inovator inovasi-inovasi replikasi
mereplikasi direplikasi adopsi mengadopsi studi tiru meniru kesepakatan sepakat
perjanjian kerja sama bekerja pekerjaan kolaborasi berkolaborasi kerjasama
peraturan mengatur diatur aturan kebijakan regulasi penerapan menerapkan diterapkan
pengembangan mengembangkan dikembangkan kembang kode sumber terbuka pelatihannya
penyelenggaraan menyelenggarakan penyelenggara keterbukaan transparansi akuntabilitas
partisipasi berpartisipasi pemberdayaan memberdayakan berdaya perangkat organisasi
kantor dinas badan satuan unit petugas operator pengguna menggunakan penggunaan
dashboard dasbor peta pemetaan lokasi wilayah kewilayahan administrasi
administratif terpadu keterpaduan pintu satu loket antar-instansi lintas-sektor
anak-anak ibu-ibu hari sehari-hari tahunan bulanan mingguan 2023 2024 2025 24/7
SPBE OPD TTE TIK Diskominfo Disdukcapil KTP-el NIK SIPD e-Kinerja LAPOR! PPID
SKPD Perbup Perwal PKS MoU bimtek RPJMD Bappeda DPMPTSP UMKM BUMDes bansos APBD
""")

FUNCTION_WORDS = words_of(
    "yang dan di ke dari untuk dengan pada adalah ini itu dalam oleh atau juga "
    "akan sudah telah bagi secara agar serta karena sehingga tersebut melalui"
)

QUERY_PHRASES = [
    "tanda tangan elektronik",
    "kependudukan dan pencatatan sipil",
    "pelayanan terpadu satu pintu",
    "perjanjian kerja sama",
    "bimbingan teknis",
    "usaha mikro kecil dan menengah",
    "bantuan sosial",
    "KTP elektronik",
    "e-KTP",
]


def sentence(rng, length):
    words = []
    for _ in range(length):
        pool = FUNCTION_WORDS if rng.random() < 0.3 else VOCABULARY
        words.append(rng.choice(pool))
    return " ".join(words).capitalize() + "."


def text_of(rng, n_words):
    parts, total = [], 0
    while total < n_words:
        length = rng.randint(8, 20)
        parts.append(sentence(rng, length))
        total += length
    return " ".join(parts)


def document(rng):
    return {
        "title": " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 7))),
        "summary": text_of(rng, 25),
        "body": text_of(rng, 270),
    }


def query(rng):
    words = [rng.choice(QUERY_PHRASES)] if rng.random() < 0.3 else []
    words += [rng.choice(VOCABULARY) for _ in range(rng.randint(1, 5 - len(words)))]
    rng.shuffle(words)
    return " ".join(words)


def timed(function, items):
    times = []
    for item in items:
        started = time.perf_counter()
        function(item)
        times.append(time.perf_counter() - started)
    return times


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def seconds(function, items):
    started = time.perf_counter()
    for item in items:
        function(item)
    return time.perf_counter() - started


def stemming_rows(stream):
    """Sastrawi alone (each distinct word once, cache cleared), the stream
    from a cleared cache (first sight misses, repeats hit), the stream warm."""
    distinct = list(dict.fromkeys(stream))
    analysis.stem.cache_clear()
    sastrawi = seconds(analysis.stem, distinct)
    analysis.stem.cache_clear()
    cold = seconds(analysis.stem, stream)
    warm = seconds(analysis.stem, stream)
    return [
        ("stem, distinct words uncached, words/s", f"{len(distinct) / sastrawi:,.0f}"),
        (
            "stem, distinct words uncached, us/word",
            f"{1e6 * sastrawi / len(distinct):.1f}",
        ),
        ("stem, stream from cleared cache, words/s", f"{len(stream) / cold:,.0f}"),
        ("stem, stream warm (cached), words/s", f"{len(stream) / warm:,.0f}"),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--docs", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=1_000)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    started = time.perf_counter()
    analysis._stemmer()
    analysis._synonyms()
    setup = time.perf_counter() - started

    stream = analysis.tokens(text_of(rng, args.words))
    rows = stemming_rows(stream)
    documents = [document(rng) for _ in range(args.docs)]
    doc_words = statistics.mean(len(" ".join(d.values()).split()) for d in documents)
    doc_times = timed(analysis.analyze_document, documents)
    queries = [query(rng) for _ in range(args.queries)]
    query_times = timed(analysis.analyze_query, queries)
    rows += [
        (
            f"analyze_document ({doc_words:.0f} words), mean ms",
            f"{1000 * statistics.mean(doc_times):.3f}",
        ),
        ("analyze_document, p95 ms", f"{1000 * percentile(doc_times, 95):.3f}"),
        ("analyze_document, documents/s", f"{len(doc_times) / sum(doc_times):,.0f}"),
        ("analyze_query, mean ms", f"{1000 * statistics.mean(query_times):.3f}"),
        ("analyze_query, p95 ms", f"{1000 * percentile(query_times, 95):.3f}"),
    ]

    info = analysis.stem.cache_info()
    print(f"search/analysis.py (seed {args.seed}, Python {platform.python_version()})")
    print(f"Sastrawi stemmer and synonym table load: {1000 * setup:.1f} ms")
    print(f"stream: {len(stream):,} tokens, {len(set(stream))} distinct")
    print(f"stem cache at the end: {info.currsize:,} entries, {info.hits:,} hits")
    print()
    print(f"{'measure':<46} {'value':>12}")
    print("-" * 59)
    for name, value in rows:
        print(f"{name:<46} {value:>12}")


if __name__ == "__main__":
    main()
