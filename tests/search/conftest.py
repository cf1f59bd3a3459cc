"""A small corpus for the search contract, marked with the token "xylofon" so
assertions can ignore the demonstration content sharing the database."""

import uuid

import pytest

from innovations.importer import import_innovations
from innovations.models import InnovationPage

MARK = "xylofon"


def _record(slug, title, summary, **extra):
    record = {
        "slug": slug,
        "title": title,
        "summary": summary,
        "host_region": "32.11",
        "opd": "Diskominfo",
        "year_launched": 2022,
        "maturity": "operational",
        "dimensions": ["Smart Governance"],
        "themes": ["Administrasi Pemerintahan"],
        "spbe_indicators": [15],
    }
    record.update(extra)
    return record


CORPUS = [
    _record(
        "uji-pelayanan-perizinan",
        "Pelayanan Perizinan Xylofon",
        "Perizinan usaha memakai tanda tangan elektronik, tanpa tatap muka.",
        body="<p>Izin diterbitkan dalam satu hari.</p>",
        tech=["Laravel"],
        source_code=[{"url": "https://git.example.go.id/izin", "license": "MIT"}],
        training=[
            {
                "title": "Rekaman bimtek perizinan",
                "kind": "bimtek_recording",
                "url": "https://v.example.go.id/1",
            }
        ],
    ),
    _record(
        "uji-tte-surat",
        "Surat Dinas dengan TTE Xylofon",
        "Naskah dinas ditandatangani dengan TTE dari BSrE.",
        dimensions=["Smart Governance", "Smart Society"],
        tech=["Python"],
        source_code=[
            {"url": "https://git.example.go.id/surat", "license": "Apache-2.0"}
        ],
    ),
    _record(
        "uji-antrean-puskesmas",
        "Antrean Puskesmas Xylofon",
        "Warga mengambil nomor antrean dari rumah.",
        dimensions=["Smart Living"],
        spm_sectors=["Kesehatan"],
        themes=["Pengentasan Kemiskinan"],
        host_region="35.10",
        year_launched=2019,
    ),
    _record(
        "uji-data-kependudukan",
        "Layanan Xylofon untuk Kependudukan dan Pencatatan Sipil",
        "Cetak dokumen kependudukan mandiri di kecamatan; puskesmas ikut memakai antrean datanya.",
        dimensions=["Smart Society"],
        host_region="33.74",
        year_launched=2024,
    ),
    _record(
        "uji-pasar-umkm",
        "Pasar Daring UMKM Xylofon",
        "Etalase daring untuk pelaku usaha mikro; harga < Rp10.000 & ongkir gratis.",
        dimensions=["Smart Economy"],
        themes=["Pertumbuhan Ekonomi"],
        host_region="35.78",
        year_launched=2021,
    ),
]


@pytest.fixture
def corpus(db):
    import_innovations({"innovations": CORPUS})
    return {
        p.slug: p
        for p in InnovationPage.objects.filter(slug__in=[r["slug"] for r in CORPUS])
    }


@pytest.fixture
def es_settings(settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"livinglab-test-{uuid.uuid4().hex[:8]}"
    prefix = settings.ELASTICSEARCH_INDEX_PREFIX
    yield settings
    from elasticsearch import Elasticsearch

    # The test may have pointed settings at a dead port: clean up through the real one.
    Elasticsearch(elasticsearch_url).indices.delete(
        index=f"{prefix}-innovations-*", ignore_unavailable=True, allow_no_indices=True
    )


@pytest.fixture(
    params=["database", pytest.param("elasticsearch", marks=pytest.mark.elasticsearch)]
)
def backend(request, settings, corpus):
    """Run a contract test on each backend, with the same corpus."""
    if request.param == "elasticsearch":
        request.getfixturevalue("es_settings")
        from search import indexer

        indexer.rebuild()
    else:
        settings.ELASTICSEARCH_URL = ""
    return request.param


@pytest.fixture(autouse=True)
def _fresh_vocabulary():
    """Typo correction caches the indexed vocabulary per process for a few
    seconds; each test starts from its own documents."""
    from search import vocabulary

    vocabulary.clear_caches()
    yield
    vocabulary.clear_caches()
