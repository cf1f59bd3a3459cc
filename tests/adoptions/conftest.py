"""Adoption records for the dashboard tests, built through the pipeline.

``dashboard_scenario`` removes the demonstration adoptions (inside the
test's transaction, so they are back afterwards) and records seven
adoptions whose figures the tests know by heart:

=====  ======================  ===================  =================  =======
 #      region                  innovation           stage now          last
=====  ======================  ===================  =================  =======
 1      32.04 (Jawa Barat)      tte-sumedang         implementasi       -30 d
 2      32.05 Garut (JB)        dtks-desa-sumedang   kesepakatan        -100 d
 3      32.05 Garut (JB)        tte-sumedang         dilembagakan       -200 d
 4      32.04 (JB)              lapak-umkm-…         dihentikan         -80 d
 5      35.07 (Jawa Timur)      antrean-puskesmas-…  minat              -10 d
 6      51.03 (Bali, top SPBE)  tte-sumedang         uji_coba (back)    -5 d
 7      33.02 (Jawa Tengah)     perizinan-terpadu-…  alih_teknologi     -70 d
=====  ======================  ===================  =================  =======

16 events. Stalled at 60 days: #2 and #7; at 90 days: #2 only.
"""

import datetime

from django.utils import timezone

import pytest

from innovations.models import InnovationPage
from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption
from livinglab.regions.models import Region

SCENARIO = [
    # (region, innovation slug, [(stage, days ago, note)], details)
    (
        "32.04",
        "tte-sumedang",
        [("minat", 200, ""), ("kesepakatan", 150, ""), ("implementasi", 30, "")],
        {"contact_email": "pic@bandungkab.go.id", "contact_name": "Ibu PIC"},
    ),
    ("32.05", "dtks-desa-sumedang", [("minat", 160, ""), ("kesepakatan", 100, "")], {}),
    (
        "32.05",
        "tte-sumedang",
        [("minat", 300, ""), ("alih_teknologi", 250, ""), ("dilembagakan", 200, "")],
        {},
    ),
    (
        "32.04",
        "lapak-umkm-banyuwangi",
        [("minat", 90, ""), ("dihentikan", 80, '=HYPERLINK("http://contoh.test")')],
        {},
    ),
    ("35.07", "antrean-puskesmas-banyuwangi", [("minat", 10, "")], {}),
    (
        "51.03",
        "tte-sumedang",
        [
            ("minat", 120, ""),
            ("implementasi", 40, ""),
            ("uji_coba", 5, "Server pindah, uji coba ulang."),
        ],
        {},
    ),
    (
        "33.02",
        "perizinan-terpadu-semarang",
        [("minat", 130, ""), ("alih_teknologi", 70, "")],
        {"contact_email": "kontak@pemda33-02.go.id"},
    ),
]

EXPECTED_STAGES = {
    "minat": 1,
    "studi_tiru": 0,
    "kesepakatan": 1,
    "alih_teknologi": 1,
    "pelatihan": 0,
    "uji_coba": 1,
    "implementasi": 1,
    "dilembagakan": 1,
    "dihentikan": 1,
}
EXPECTED_EVENTS = 16


@pytest.fixture
def no_adoptions(db):
    """No adoption at all (the demonstration ones come back after the test)."""
    Adoption.objects.all().delete()


@pytest.fixture
def adopt(no_adoptions):
    """``adopt(region_code, slug, [(stage, days_ago, note)], **details)``:
    an adoption recorded step by step through the pipeline."""
    today = timezone.localdate()
    regions, pages = {}, {}

    def make(region_code, slug, steps, **details):
        region = regions.get(region_code) or Region.objects.get(code=region_code)
        regions[region_code] = region
        page = pages.get(slug) or InnovationPage.objects.originals().get(slug=slug)
        pages[slug] = page
        (first_stage, first_days, first_note), *rest = steps
        assert first_stage == "minat"
        adoption = pipeline.start_adoption(
            region=region,
            innovation=page,
            date=today - datetime.timedelta(days=first_days),
            actor=None,
            note=first_note,
            **details,
        )
        for stage, days_ago, note in rest:
            pipeline.record_step(
                adoption=adoption,
                to_stage=stage,
                date=today - datetime.timedelta(days=days_ago),
                actor=None,
                note=note,
            )
        return adoption

    return make


@pytest.fixture
def dashboard_scenario(adopt):
    return [
        adopt(region, slug, steps, **details)
        for region, slug, steps, details in SCENARIO
    ]


@pytest.fixture
def fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()
