"""Adoption dashboard benchmark: the national scale, in a throwaway database.

    DATABASE_URL=postgres://livinglab:livinglab@127.0.0.1:5433/livinglab \
        .venv/bin/python bench/adoptions.py [--innovations 2000] [--events 100000] \
        [--requests 60] [--keep]

Creates the database ``livinglab_bench_adoptions`` with Django's test-database
machinery (migrations, then ``load_initial_data``), so nothing touches the
database ``DATABASE_URL`` names; it is dropped at the end unless ``--keep``
(then a second run reuses the data and only measures).

The data, deterministic (seeded):

* all 514 kabupaten/kota join the pilot (the dashboard counts pilot regions,
  so this is its national worst case), each with SPBE indices for the two
  latest years;
* 2,000 live case studies created through the page tree (``add_child``
  under the library, Wagtail's search and reference-index signal handlers
  muted while loading), tagged with one or two dimensions and a theme;
* adoptions with 1-7 steps each until 100,000 events exist (about 25,000
  adoptions), dated over three years, with stops and steps back, written
  with ``bulk_create`` (``record_step`` would take an hour for this many:
  its row lock and search re-sync are per step by design).

It then measures, with Django's test client as a signed-in Kemendagri
analyst, alternating: the dashboard (unfiltered, filtered, another matrix
page) and the summary API (unfiltered and filtered): p50/p95/mean render
time and queries per request. Settings are ``livinglab.settings.test``
(DEBUG off, local-memory cache, two-factor not enforced).
"""

import argparse
import gc
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "livinglab.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
)

BENCH_DB = "livinglab_bench_adoptions"
SLUG_PREFIX = "bench-"
OPDS = ["Diskominfo", "Disdukcapil", "Dinkes", "Disdik", "Bappeda", "DPMPTSP"]
WORDS = [
    "Layanan",
    "Perizinan",
    "Antrean",
    "Kependudukan",
    "Pengaduan",
    "Kearsipan",
    "Kinerja",
    "Bansos",
    "UMKM",
    "Desa",
    "Puskesmas",
    "Sekolah",
]


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def load(args, rng):
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from innovations.models import InnovationIndexPage, InnovationPage
    from livinglab.adoptions.models import PIPELINE, Adoption, Stage, StageEvent
    from livinglab.regions.models import Participation, Region, SpbeScore
    from livinglab.taxonomy.models import SmartCityDimension, Theme

    started = time.perf_counter()
    call_command("load_initial_data", verbosity=0)
    regions = list(Region.objects.order_by("code"))
    have = set(Participation.objects.values_list("region_id", flat=True))
    Participation.objects.bulk_create(
        [
            Participation(region=r, cohort="study_visit", joined_on=date(2024, 3, 1))
            for r in regions
            if r.pk not in have
        ]
    )
    years = sorted(set(SpbeScore.objects.values_list("year", flat=True)))[-2:]
    SpbeScore.objects.bulk_create(
        [
            SpbeScore(
                region=r,
                year=year,
                index=Decimal(rng.randint(120, 420)) / 100,
            )
            for r in regions
            for year in years
        ],
        ignore_conflicts=True,
    )
    print(
        f"regions: {len(regions)} in the pilot ({time.perf_counter() - started:.0f} s)"
    )

    started = time.perf_counter()
    library = InnovationIndexPage.objects.get(slug="inovasi")
    dimensions = list(SmartCityDimension.objects.all())
    themes = list(Theme.objects.all())
    backends = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {
        name: {**config, "AUTO_UPDATE": False} for name, config in backends.items()
    }
    dimension_links, theme_links = [], []
    DimensionLink = InnovationPage.dimensions.through
    ThemeLink = InnovationPage.themes.through
    try:
        with disable_reference_index_auto_update():
            for i in range(args.innovations):
                page = library.add_child(
                    instance=InnovationPage(
                        title=f"{rng.choice(WORDS)} {rng.choice(WORDS)} Daring {i}",
                        slug=f"{SLUG_PREFIX}{i}",
                        host_region=rng.choice(regions),
                        opd=rng.choice(OPDS),
                        year_launched=rng.randint(2016, 2025),
                        maturity="operational",
                        summary="Inovasi sintetis untuk pengukuran dasbor.",
                    )
                )
                for d in rng.sample(dimensions, rng.randint(1, 2)):
                    dimension_links.append(
                        DimensionLink(
                            innovationpage_id=page.pk, smartcitydimension_id=d.pk
                        )
                    )
                theme_links.append(
                    ThemeLink(innovationpage_id=page.pk, theme_id=rng.choice(themes).pk)
                )
    finally:
        settings.WAGTAILSEARCH_BACKENDS = backends
    DimensionLink.objects.bulk_create(dimension_links)
    ThemeLink.objects.bulk_create(theme_links)
    print(
        f"innovations: {args.innovations} pages through add_child "
        f"({time.perf_counter() - started:.0f} s)"
    )

    started = time.perf_counter()
    innovation_ids = list(
        InnovationPage.objects.filter(slug__startswith=SLUG_PREFIX).values_list(
            "pk", flat=True
        )
    )
    taken = set(Adoption.objects.values_list("region_id", "innovation_id"))
    today = date.today()
    plans, total = [], StageEvent.objects.count()
    while total < args.events:
        pair = (rng.choice(regions).pk, rng.choice(innovation_ids))
        if pair in taken:
            continue
        taken.add(pair)
        steps = []
        day = today - timedelta(days=rng.randint(0, 3 * 365))
        stage, rank = Stage.INTEREST, 0
        steps.append(("", stage, day))
        for _ in range(rng.randint(0, 6)):
            day = day + timedelta(days=rng.randint(3, 120))
            if day > today:
                break
            roll = rng.random()
            if roll < 0.05:
                new = Stage.STOPPED
            elif roll < 0.10 and rank > 0:
                rank = rng.randint(0, rank - 1)
                new = PIPELINE[rank]
            elif rank < len(PIPELINE) - 1:
                rank = min(len(PIPELINE) - 1, rank + rng.choice([1, 1, 1, 2]))
                new = PIPELINE[rank]
            else:
                break
            if new == stage:
                continue
            steps.append((stage, new, day))
            stage = new
            if stage == Stage.STOPPED:
                break
        plans.append((pair, steps))
        total += len(steps)
    adoptions = Adoption.objects.bulk_create(
        [
            Adoption(
                region_id=region_id,
                innovation_id=innovation_id,
                stage=steps[-1][1],
                stopped_reason="Anggaran dialihkan."
                if steps[-1][1] == Stage.STOPPED
                else "",
                started_on=steps[0][2],
                last_event_on=steps[-1][2],
            )
            for (region_id, innovation_id), steps in plans
        ],
        batch_size=2000,
    )
    StageEvent.objects.bulk_create(
        [
            StageEvent(
                adoption_id=adoption.pk,
                from_stage=from_stage,
                to_stage=to_stage,
                date=day,
                note="Alasan tercatat."
                if from_stage == Stage.STOPPED or to_stage == Stage.STOPPED
                else "",
            )
            for adoption, (_pair, steps) in zip(adoptions, plans, strict=True)
            for from_stage, to_stage, day in steps
        ],
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"adoptions: {Adoption.objects.count()}, events: {StageEvent.objects.count()} "
        f"({time.perf_counter() - started:.0f} s)"
    )


def measure(args, rng):
    from django.contrib.auth.models import Group
    from django.test import Client

    from livinglab.accounts.models import User
    from livinglab.accounts.policy import ANALYSTS
    from livinglab.taxonomy.models import SmartCityDimension

    analyst, _created = User.objects.get_or_create(
        email="bench-analis@kemendagri.go.id"
    )
    analyst.groups.add(Group.objects.get_or_create(name=ANALYSTS)[0])
    client = Client()
    client.force_login(analyst)
    economy = SmartCityDimension.objects.get(name="Smart Economy").pk
    cases = {
        "dashboard": "/adopsi/dasbor/",
        "dashboard, filtered": f"/adopsi/dasbor/?province=32&dimension={economy}&stalled_days=30",
        "dashboard, matrix page 4 × 50": "/adopsi/dasbor/?rows=4&cols=50",
        "summary API": "/api/v1/adoptions/summary/",
        "summary API, filtered": "/api/v1/adoptions/summary/?province=32&theme=Pertumbuhan+Ekonomi",
    }
    for url in cases.values():  # warm up
        for _ in range(3):
            status = client.get(url).status_code
            if status != 200:
                sys.exit(f"{url} answered {status}")
    if args.gc_freeze:
        # What a prefork server can do once the app is loaded: move the
        # long-lived objects out of the collector's sight, so a full
        # collection no longer walks the whole of Django and Wagtail.
        gc.collect()
        gc.freeze()
    timings = {name: [] for name in cases}
    queries = {}
    sizes = {}
    for _ in range(args.requests):
        for name, url in cases.items():
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                timings[name].append(1000 * (time.perf_counter() - started))
            queries.setdefault(name, set()).add(len(captured))
            sizes[name] = len(response.content)
    load_average = os.getloadavg()[0]
    print(
        f"\nrequests: {args.requests} of each, alternating "
        f"(load average {load_average:.1f} on {os.cpu_count()} cores"
        f"{', gc.freeze()' if args.gc_freeze else ''})"
    )
    print(
        f"{'':34} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8} {'queries':>8} {'KiB':>6}"
    )
    for name, values in timings.items():
        print(
            f"{name:34} {percentile(values, 50):8.1f} {percentile(values, 95):8.1f} "
            f"{statistics.mean(values):8.1f} {'/'.join(map(str, sorted(queries[name]))):>8} "
            f"{sizes[name] / 1024:6.0f}"
        )

    print("\nexports (one run each, streamed to the end):")
    for name in ("matriks.csv", "matriks.xlsx", "peristiwa.csv", "peristiwa.xlsx"):
        started = time.perf_counter()
        response = client.get("/adopsi/dasbor/ekspor/" + name)
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        print(
            f"  {name:16} {time.perf_counter() - started:6.2f} s  {len(body) / 1024 / 1024:6.1f} MiB"
        )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--innovations", type=int, default=2000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument(
        "--keep", action="store_true", help="keep (and reuse) the bench database"
    )
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() after the warm-up (as a server's post-fork hook can)",
    )
    args = parser.parse_args()
    rng = random.Random(2026)
    if connection.vendor != "postgresql":
        print("warning: not PostgreSQL; set DATABASE_URL for the figures that count")
    setup_test_environment()
    settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = BENCH_DB
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=args.keep)
    try:
        from innovations.models import InnovationPage

        if InnovationPage.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            print(f"reusing the data in {BENCH_DB}")
        else:
            load(args, rng)
        measure(args, rng)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=args.keep)


if __name__ == "__main__":
    main()
