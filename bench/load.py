"""Load and faults (issue 8): the app as deployed, under a bounded load,
with Elasticsearch or PostgreSQL stopped and started in the middle.

    .venv/bin/python bench/load.py --users 50 --duration 60 \
        --fault none|elasticsearch|postgres [--json out.json]

What it runs, all on loopback, all its own:

* PostgreSQL and Elasticsearch started by scripts/postgres.sh and
  scripts/elasticsearch.sh on their own ports and state directory
  (``--pg-port 5444 --es-port 9244 --run-dir /tmp/livinglab-load``; the
  shared test services on 5433/9201 are refused), stopped at the end unless
  ``--keep-services``;
* a database of its own (``livinglab_load``, cloned from a template built
  once: migrations + ``load_initial_data``) and an index prefix of its own
  (``livinglab-load``), rebuilt each run;
* gunicorn serving the production settings (plain HTTP on 127.0.0.1,
  ``SECURE_SSL_REDIRECT=False``, database cache as in production, the API
  write rate limit raised: this measures capacity, not the limiter), and the
  outbox worker ``search_index drain --watch`` beside it;
* ``--users`` virtual users, each a thread with its own ``requests.Session``
  and, like a regency team, its own account, region membership, adoption
  and personal API token. Each loops until ``--duration`` is over: a
  request, then a think time (uniform, mean ``--think`` seconds). The mix:
  browse ~50% (home, the library ``/inovasi/``, a case study, a region page
  ``/wilayah/<code>/``), search ~35% (``/cari/?q=`` and
  ``/api/v1/search/?q=`` with Indonesian queries), adoption updates ~15%
  (``POST /api/v1/adoptions/<id>/events/``, alternating between
  ``alih_teknologi`` and ``kesepakatan`` with a note, so every POST is valid;
  each one changes the case study's replication count, so it also re-syncs
  search through the outbox).

``--fault`` stops the service at 1/3 of the run and starts it again at 2/3:

* ``elasticsearch``: no 5xx; the search API must answer ``"backend":
  "database"`` during the outage; afterwards the outbox must drain (the time
  is reported) and ``search_index check`` must pass, and every document's
  replication count in the index must equal the database's.
* ``postgres``: no 500s; while it is down requests fail fast with 503 (no
  request may hit the client timeout); afterwards requests succeed again
  with the same gunicorn (no restart, no worker timeout) and the outbox
  worker still running.

Every run checks that no adoption event was lost or duplicated: the events
the client saw answered 201 (by id) against the StageEvent rows written in
the database during the run. A write without a 201 (an answer lost), a 201
without a row, or a POST refused because an earlier unanswered POST had in
fact been applied is reported by adoption and event id.

Exits 1 if a property fails. Prints a summary; ``--json`` writes it all.
"""

import argparse
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
SHARED_PORTS = {"PostgreSQL": 5433, "Elasticsearch": 9201}
DB_NAME = "livinglab_load"
TEMPLATE_DB = "livinglab_load_template"
INDEX_PREFIX = "livinglab-load"
JAKARTA = ZoneInfo("Asia/Jakarta")
STAGES = ("alih_teknologi", "kesepakatan")  # forward, and back (with a note)

QUERIES = [
    "tanda tangan elektronik",
    "antrean puskesmas",
    "antrian online puskesmas",
    "pengaduan masyarakat",
    "perizinan terpadu",
    "izin usaha online",
    "stunting posyandu",
    "peringatan dini bencana",
    "administrasi kependudukan",
    "akta kelahiran daring",
    "UMKM",
    "lapak umkm desa",
    "desa digital bumdes",
    "layanan darurat 112",
    "SPBE",
    "kinerja pegawai tpp",
    "anak tidak sekolah",
    "jdih peraturan daerah",
    "data bansos dtks",
    "integrasi layanan publik",
    "perencanaan pembangunan musrenbang",
    "aplikasi tte bsre",
]


def log(message):
    print(f"[load {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------
# Seeding, run inside Django (``--internal-seed``) with the server's settings


def seed(users, out_path):
    import django

    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from django.utils import timezone

    from innovations.models import InnovationPage
    from livinglab.accounts import roles
    from livinglab.accounts.models import RegionRole
    from livinglab.adoptions import pipeline
    from livinglab.adoptions.models import Adoption, Stage
    from livinglab.api.models import ApiToken
    from livinglab.regions.models import Region

    User = get_user_model()
    innovations = list(InnovationPage.objects.live().public().order_by("pk"))
    pilot = list(
        Region.objects.filter(participation__isnull=False).order_by(
            "participation__is_host", "code"
        )
    )
    others = list(Region.objects.filter(participation__isnull=True).order_by("code"))
    regions = (pilot + others)[:users]
    taken = set(Adoption.objects.values_list("region_id", "innovation_id"))
    today = timezone.localdate()
    people = []
    for i, region in enumerate(regions):
        turn = i % len(innovations)
        candidates = [
            page
            for page in innovations[turn:] + innovations[:turn]
            if page.host_region_id != region.pk and (region.pk, page.pk) not in taken
        ]
        innovation = candidates[0]
        user = User.objects.create_user(
            email=f"tim{i:03d}@beban.livinglab.test",
            password=None,
            first_name=f"Tim uji beban {i}",
        )
        roles.grant_role(user, region, RegionRole.Role.MEMBER, None)
        with transaction.atomic():
            adoption = pipeline.start_adoption(
                region=region,
                innovation=innovation,
                date=today - timedelta(days=30),
                actor=user,
                note="Surat minat replikasi (uji beban).",
                responsible_opd="Diskominfo",
            )
            pipeline.record_step(
                adoption=adoption,
                to_stage=Stage.AGREEMENT,
                date=today - timedelta(days=29),
                actor=user,
                note="PKS ditandatangani (uji beban).",
            )
        _token, raw = ApiToken.issue(user=user, region=region, name="Uji beban")
        people.append(
            {
                "adoption": adoption.pk,
                "region": region.code,
                "innovation": innovation.slug,
                "token": raw,
                "stage": Stage.AGREEMENT.value,
                "events_before": list(adoption.events.values_list("pk", flat=True)),
            }
        )
    data = {
        "users": people,
        "case_studies": [page.url for page in innovations],
        "regions": [region.code for region in pilot],
    }
    Path(out_path).write_text(json.dumps(data), encoding="utf-8")


# --------------------------------------------------------------------------
# Services, database, app server


class Services:
    """scripts/postgres.sh and scripts/elasticsearch.sh on our own ports."""

    def __init__(self, pg_port, es_port, run_dir, es_heap=None):
        self.env = {
            **os.environ,
            "PG_PORT": str(pg_port),
            "ES_PORT": str(es_port),
            "LIVINGLAB_RUN": str(run_dir),
        }
        if es_heap:
            self.env["ES_HEAP"] = es_heap
        self.pg_port, self.es_port = pg_port, es_port

    def _script(self, name, action, timeout=300):
        result = subprocess.run(  # noqa: S603
            ["bash", str(ROOT / "scripts" / f"{name}.sh"), action],  # noqa: S607
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"scripts/{name}.sh {action} failed:\n{result.stderr[-2000:]}"
            )
        return result.stdout.strip()

    def postgres(self, action):
        return self._script("postgres", action)

    def elasticsearch(self, action):
        return self._script("elasticsearch", action)


def admin_connect(pg_port, dbname="postgres"):
    import psycopg

    return psycopg.connect(
        host="127.0.0.1",
        port=pg_port,
        user="livinglab",
        password="livinglab",  # noqa: S106 - the throwaway cluster's password
        dbname=dbname,
        autocommit=True,
        connect_timeout=5,
    )


def database_exists(pg_port, name):
    with admin_connect(pg_port) as conn:
        return bool(
            conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
        )


def app_env(args, es_url, work, dbname):
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": args.settings,
        "DATABASE_URL": f"postgres://livinglab:livinglab@127.0.0.1:{args.pg_port}/{dbname}",
        "ELASTICSEARCH_URL": es_url,
        "ELASTICSEARCH_INDEX_PREFIX": INDEX_PREFIX,
        "SECRET_KEY": "load-test-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CACHE_URL": "dbcache://livinglab_cache",
        "SECURE_SSL_REDIRECT": "False",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(Path(args.run_dir) / "static"),
        "API_WRITE_RATE": "1000000/hour",
        "CI": "",
        "PYTHONUNBUFFERED": "1",
    }


def manage(env, *args, timeout=900):
    subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        check=True,
        timeout=timeout,
    )


def prepare_database(args, es_url, work):
    """A fresh ``livinglab_load`` cloned from the template (built if missing)."""
    if args.fresh or not database_exists(args.pg_port, TEMPLATE_DB):
        log(f"building the template database {TEMPLATE_DB} (once)")
        with admin_connect(args.pg_port) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{TEMPLATE_DB}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{TEMPLATE_DB}"')
        env = app_env(args, "", work, TEMPLATE_DB)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "createcachetable")
        manage(env, "load_initial_data", "-v0")
    with admin_connect(args.pg_port) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}" TEMPLATE "{TEMPLATE_DB}"')
    env = app_env(args, es_url, work, DB_NAME)
    manage(env, "collectstatic", "--noinput", "-v0")
    seed_file = work / "seed.json"
    subprocess.run(  # noqa: S603
        [
            sys.executable,
            str(Path(__file__).resolve()),
            "--internal-seed",
            str(args.users),
            "--internal-out",
            str(seed_file),
        ],
        env=env,
        cwd=ROOT,
        check=True,
    )
    # After seeding: the seeded adoptions queued outbox rows; the rebuild
    # indexes everything, then the worker empties the (redundant) queue.
    manage(env, "search_index", "rebuild", "-v0")
    return env, json.loads(seed_file.read_text(encoding="utf-8"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def gunicorn_command(args, port):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "livinglab.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(args.workers),
        "--worker-class",
        args.worker_class,
        "--timeout",
        "30",
        "--graceful-timeout",
        "10",
    ]
    if args.worker_class == "gthread":
        command += ["--threads", str(args.threads)]
    return command


def children(pid):
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return set()
    return {int(p) for p in text.split()}


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _process_cpu(pid, reaped=True):
    """CPU seconds of ``pid`` (with its waited-for children), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    ticks = [int(x) for x in fields[11:15]]  # utime stime cutime cstime
    return sum(ticks if reaped else ticks[:2]) / CLOCK_TICKS


def _tree_cpu(pid):
    if pid is None:
        return None
    own = _process_cpu(pid)
    if own is None:
        return None
    return own + sum(_process_cpu(c, reaped=False) or 0 for c in children(pid))


def _pid_file(path):
    try:
        return int(Path(path).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def cpu_snapshot(args, server_pid, worker_pid):
    """Where the machine's CPU goes: the whole machine (/proc/stat) and each
    of our processes, so a run disturbed by other sessions shows it."""
    import resource

    values = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    busy = (sum(values) - values[3] - values[4]) / CLOCK_TICKS  # minus idle, iowait
    run_dir = Path(args.run_dir)
    pids = {
        "gunicorn": server_pid,
        "outbox_worker": worker_pid,
        "postgres": _pid_file(run_dir / f"postgres-{args.pg_port}/data/postmaster.pid"),
        "elasticsearch": _pid_file(run_dir / f"elasticsearch-{args.es_port}/es.pid"),
    }
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "machine_busy": (busy, None),
        "driver": (usage.ru_utime + usage.ru_stime, None),
        **{name: (_tree_cpu(pid), pid) for name, pid in pids.items()},
    }


def cpu_used(before, after, seconds):
    """Cores used on average during the run, by whom ("others": the rest of
    the machine). None for a process that was restarted meanwhile."""
    used = {}
    for name, (value, pid) in before.items():
        end, end_pid = after[name]
        if value is None or end is None or pid != end_pid:
            used[name] = None
        else:
            used[name] = round((end - value) / seconds, 2)
    ours = [v for k, v in used.items() if k != "machine_busy" and v is not None]
    if used["machine_busy"] is not None and None not in used.values():
        used["others"] = round(used["machine_busy"] - sum(ours), 2)
    return used


def wait_for(url, timeout=90):
    import requests

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if requests.get(url, timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer 200 within {timeout}s")


# --------------------------------------------------------------------------
# The virtual users


class Run:
    def __init__(self, args, base_url, seed_data):
        self.args = args
        self.base = base_url
        self.seed = seed_data
        self.records = []  # list.append is atomic: shared by the threads
        self.t0 = None
        self.end = None
        self.marks = {}
        self.outbox = []  # (seconds, rows queued or None while unreadable)

    def now(self):
        return time.monotonic() - self.t0


class VirtualUser(threading.Thread):
    def __init__(self, run, index, person, rng):
        super().__init__(name=f"user-{index}", daemon=True)
        self.run_ = run
        self.person = person
        self.rng = rng
        self.next_stage = STAGES[0] if person["stage"] == STAGES[1] else STAGES[1]
        self.created = []  # event ids answered 201
        self.already = []  # POSTs refused because the stage was already set
        self.attempts = 0

    def request(self, kind, name, method, path, **kwargs):
        import requests

        run = self.run_
        started = time.monotonic()
        body = error = None
        try:
            response = self.session.request(
                method,
                run.base + path,
                timeout=(3, run.args.timeout),
                allow_redirects=False,
                **kwargs,
            )
            status = response.status_code
            body = response
        except requests.Timeout as exc:
            status, error = "timeout", exc
        except requests.ConnectionError as exc:
            status, error = "connection", exc
        record = {
            "t": started - run.t0,
            "kind": kind,
            "name": name,
            "status": status,
            "latency": time.monotonic() - started,
        }
        if error is not None:
            record["error"] = f"{type(error).__name__}: {error}"[:300]
        run.records.append(record)
        return record, body

    def browse(self):
        seed, rng = self.run_.seed, self.rng
        choice = rng.randrange(4)
        if choice == 0:
            self.request("browse", "home", "GET", "/")
        elif choice == 1:
            self.request("browse", "library", "GET", "/inovasi/")
        elif choice == 2:
            self.request(
                "browse", "case_study", "GET", rng.choice(seed["case_studies"])
            )
        else:
            code = rng.choice(seed["regions"])
            self.request("browse", "region", "GET", f"/wilayah/{code}/")

    def search(self):
        params = {"q": self.rng.choice(QUERIES)}
        if self.rng.random() < 0.2:
            params["sort"] = "replicated"
        if self.rng.random() < 0.5:
            self.request("search", "search_page", "GET", "/cari/", params=params)
            return
        record, response = self.request(
            "search", "search_api", "GET", "/api/v1/search/", params=params
        )
        if record["status"] == 200:
            try:
                record["backend"] = response.json().get("backend")
            except ValueError:
                record["backend"] = "invalid-json"

    def adopt(self):
        person = self.person
        self.attempts += 1
        payload = {
            "to_stage": self.next_stage,
            "date": datetime.now(JAKARTA).date().isoformat(),
            "note": f"Uji beban: langkah {self.attempts} oleh tim {person['region']}.",
        }
        record, response = self.request(
            "adopt",
            "adoption_post",
            "POST",
            f"/api/v1/adoptions/{person['adoption']}/events/",
            json=payload,
            headers={"Authorization": f"Bearer {person['token']}"},
        )
        record["adoption"] = person["adoption"]
        if record["status"] == 201:
            event_id = response.json()["id"]
            record["event"] = event_id
            self.created.append(event_id)
            self.flip()
        elif record["status"] == 400:
            detail = (response.json().get("error") or {}).get("detail") or {}
            if "to_stage" in detail:
                # Already at this stage: an earlier POST was applied although
                # this client never saw its 201. Counted, then carry on.
                self.already.append(record["t"])
                self.flip()

    def flip(self):
        self.next_stage = STAGES[1] if self.next_stage == STAGES[0] else STAGES[0]

    def run(self):
        import requests

        self.session = requests.Session()
        self.session.headers["User-Agent"] = "livinglab-load/1 (bench/load.py)"
        run, rng = self.run_, self.rng
        time.sleep(rng.uniform(0, 1.0))  # do not all start in the same instant
        while time.monotonic() < run.end:
            draw = rng.random()
            if draw < 0.50:
                self.browse()
            elif draw < 0.85:
                self.search()
            else:
                self.adopt()
            pause = rng.uniform(0, 2 * run.args.think)
            time.sleep(max(0.0, min(pause, run.end - time.monotonic())))
        self.session.close()


def monitor_outbox(run, pg_port, stop):
    """Sample the outbox length twice a second (None while PostgreSQL is down)."""
    conn = None
    while not stop.is_set():
        try:
            if conn is None:
                conn = admin_connect(pg_port, DB_NAME)
            count = conn.execute("SELECT count(*) FROM search_searchoutbox").fetchone()
            run.outbox.append((run.now(), count[0]))
        except Exception:  # the database may be the fault
            run.outbox.append((run.now(), None))
            if conn is not None:
                conn.close()
            conn = None
        stop.wait(0.5)
    if conn is not None:
        conn.close()


def inject_fault(run, services, fault):
    """Stop the service at 1/3 of the run, start it again at 2/3."""
    duration = run.args.duration
    action = services.postgres if fault == "postgres" else services.elasticsearch
    time.sleep(max(0.0, run.t0 + duration / 3 - time.monotonic()))
    run.marks["fault_start"] = run.now()
    log(f"fault: stopping {fault}")
    action("stop")
    run.marks["fault_down"] = run.now()
    time.sleep(max(0.0, run.t0 + 2 * duration / 3 - time.monotonic()))
    run.marks["heal_start"] = run.now()
    log(f"fault: starting {fault} again")
    action("start")
    run.marks["heal_done"] = run.now()
    log(
        f"fault: {fault} is back ({run.marks['heal_done'] - run.marks['heal_start']:.1f}s)"
    )


# --------------------------------------------------------------------------
# Figures


def percentile(values, p):
    if not values:
        return None
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return values[k]


def stats(records, seconds):
    latencies = [r["latency"] * 1000 for r in records]
    statuses = Counter(str(r["status"]) for r in records)
    return {
        "requests": len(records),
        "rps": round(len(records) / seconds, 1) if seconds else None,
        "p50_ms": _round(percentile(latencies, 50)),
        "p95_ms": _round(percentile(latencies, 95)),
        "p99_ms": _round(percentile(latencies, 99)),
        "max_ms": _round(max(latencies) if latencies else None),
        "statuses": dict(sorted(statuses.items())),
    }


def _round(value):
    return None if value is None else round(value, 1)


def is_ok(status):
    return isinstance(status, int) and 200 <= status < 400


def phase_of(run, record):
    """before: answered before the stop began; outage: in flight at or
    started after the stop, until ``--grace`` s after the service is back;
    after: started later than that."""
    marks, t = run.marks, record["t"]
    if "fault_start" not in marks or t + record["latency"] < marks["fault_start"]:
        return "before"
    heal = marks.get("heal_done")
    if heal is None or t < heal + run.args.grace:
        return "outage"
    return "after"


def event_check(args, users, seed_data):
    """The 201s the client saw against the StageEvent rows in the database."""
    ids = [p["adoption"] for p in seed_data["users"]]
    with admin_connect(args.pg_port, DB_NAME) as conn:
        rows = conn.execute(
            "SELECT adoption_id, id FROM adoptions_stageevent WHERE adoption_id = ANY(%s)",
            [ids],
        ).fetchall()
    in_db = defaultdict(set)
    for adoption_id, event_id in rows:
        in_db[adoption_id].add(event_id)
    problems = []
    total_201 = total_rows = 0
    for user in users:
        adoption = user.person["adoption"]
        written = in_db[adoption] - set(user.person["events_before"])
        answered = Counter(user.created)
        total_201 += sum(answered.values())
        total_rows += len(written)
        duplicated_answers = sorted(e for e, n in answered.items() if n > 1)
        without_row = sorted(set(answered) - written)
        without_201 = sorted(written - set(answered))
        if duplicated_answers or without_row or without_201 or user.already:
            problems.append(
                {
                    "adoption": adoption,
                    "region": user.person["region"],
                    "answered_201": sum(answered.values()),
                    "rows_written": len(written),
                    "rows_without_201": without_201,
                    "201_without_row": without_row,
                    "201_twice": duplicated_answers,
                    "refused_as_already_applied_at_s": [
                        round(t, 2) for t in user.already
                    ],
                }
            )
    return {
        "adoptions": len(users),
        "answered_201": total_201,
        "rows_written": total_rows,
        "mismatches": problems,
    }


def es_replication_counts(es_url):
    import requests

    response = requests.get(
        f"{es_url}/{INDEX_PREFIX}-innovations/_search",
        json={"size": 1000, "_source": ["replication_count"]},
        timeout=30,
    )
    response.raise_for_status()
    return {
        int(hit["_id"]): hit["_source"].get("replication_count")
        for hit in response.json()["hits"]["hits"]
    }


def search_consistency(args, env, es_url, run):
    """Wait for the outbox to empty, then check the index against the database.

    The drain time is read from the outbox samples: from the moment the
    service was back (Elasticsearch healthy, PostgreSQL ready) to the first
    sample with an empty queue."""
    import requests

    started = time.monotonic()
    remaining = None
    while time.monotonic() - started < args.drain_timeout:
        with admin_connect(args.pg_port, DB_NAME) as conn:
            remaining = conn.execute(
                "SELECT count(*) FROM search_searchoutbox"
            ).fetchone()[0]
        if remaining == 0:
            break
        time.sleep(0.5)
    waited = time.monotonic() - started
    time.sleep(0.6)  # one more sample from the monitor
    heal = run.marks.get("heal_done")
    drained = None
    if heal is not None:
        drained = next((t for t, n in run.outbox if t >= heal and n == 0), None)
    queued = [n for _t, n in run.outbox if n is not None]
    requests.post(f"{es_url}/{INDEX_PREFIX}-innovations/_refresh", timeout=30)
    check = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "manage.py"), "search_index", "check"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    with admin_connect(args.pg_port, DB_NAME) as conn:
        in_db = dict(
            conn.execute(
                "SELECT page_id, replication_count FROM search_searchdocument"
            ).fetchall()
        )
    in_index = es_replication_counts(es_url)
    differing = {
        page: {"database": count, "index": in_index.get(page)}
        for page, count in in_db.items()
        if in_index.get(page) != count
    }
    return {
        "outbox_remaining": remaining,
        "outbox_max": max(queued, default=None),
        "outbox_at_heal": next((n for t, n in run.outbox if heal and t >= heal), None),
        "drain_seconds_after_service_back": (
            round(drained - heal, 1) if drained is not None else None
        ),
        "drain_wait_seconds_after_run": round(waited, 1),
        "check_exit": check.returncode,
        "check_output": check.stdout.strip().splitlines(),
        "documents": len(in_db),
        "replication_count_differs": differing,
    }


# --------------------------------------------------------------------------
# Main


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument(
        "--fault", choices=["none", "elasticsearch", "postgres"], default="none"
    )
    parser.add_argument("--think", type=float, default=1.0, help="mean think time, s")
    parser.add_argument(
        "--timeout", type=float, default=10.0, help="client read timeout, s"
    )
    parser.add_argument(
        "--grace",
        type=float,
        default=2.0,
        help="seconds after the heal still counted as outage",
    )
    parser.add_argument(
        "--settings",
        default="livinglab.settings.production",
        help="settings module of the server (e.g. a variant to compare)",
    )
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--worker-class", choices=["sync", "gthread"], default="sync")
    parser.add_argument("--threads", type=int, default=4, help="gthread only")
    parser.add_argument("--pg-port", type=int, default=5444)
    parser.add_argument("--es-port", type=int, default=9244)
    parser.add_argument(
        "--es-heap", default=None, help="e.g. 512m (default: services.env)"
    )
    parser.add_argument(
        "--run-dir", default=os.path.join(tempfile.gettempdir(), "livinglab-load")
    )
    parser.add_argument("--drain-timeout", type=float, default=180.0)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--fresh", action="store_true", help="rebuild the template db")
    parser.add_argument("--keep-services", action="store_true")
    parser.add_argument("--json", help="write the results here")
    parser.add_argument("--internal-seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--internal-out", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    if args.internal_seed:
        seed(args.internal_seed, args.internal_out)
        return 0
    for service, port in (
        ("PostgreSQL", args.pg_port),
        ("Elasticsearch", args.es_port),
    ):
        if port == SHARED_PORTS[service]:
            sys.exit(
                f"{service} on {port} is the shared test instance: this script "
                "stops and starts its services; give it its own port."
            )
    import requests

    services = Services(args.pg_port, args.es_port, args.run_dir, args.es_heap)
    Path(args.run_dir).mkdir(parents=True, exist_ok=True)
    work = Path(args.run_dir) / f"run-{os.getpid()}"
    work.mkdir(parents=True, exist_ok=True)
    processes = []
    server = None
    failures = []
    result = {}
    records_for_json = []
    try:
        log(f"starting PostgreSQL :{args.pg_port} and Elasticsearch :{args.es_port}")
        services.postgres("start")
        es_url = services.elasticsearch("start").splitlines()[-1]
        env, seed_data = prepare_database(args, es_url, work)
        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        server_log = open(work / "gunicorn.log", "w")  # noqa: SIM115 - closed below
        worker_log = open(work / "worker.log", "w")  # noqa: SIM115
        server = subprocess.Popen(  # noqa: S603
            gunicorn_command(args, port),
            env=env,
            cwd=ROOT,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        worker = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                str(ROOT / "manage.py"),
                "search_index",
                "drain",
                "--watch",
            ],
            env=env,
            cwd=ROOT,
            stdout=worker_log,
            stderr=subprocess.STDOUT,
        )
        processes = [server, worker]
        wait_for(f"{base_url}/healthz")
        warm_up(base_url, seed_data, args.workers * max(1, args.threads))
        workers_before = children(server.pid)

        run = Run(args, base_url, seed_data)
        rng = random.Random(args.seed)
        users = [
            VirtualUser(run, i, person, random.Random(rng.random()))
            for i, person in enumerate(seed_data["users"])
        ]
        load_before = os.getloadavg()
        cpu_before = cpu_snapshot(args, server.pid, worker.pid)
        run.t0 = time.monotonic()
        run.end = run.t0 + args.duration
        stop_monitor = threading.Event()
        threading.Thread(
            target=monitor_outbox, args=(run, args.pg_port, stop_monitor), daemon=True
        ).start()
        fault_thread = None
        if args.fault != "none":
            fault_thread = threading.Thread(
                target=inject_fault, args=(run, services, args.fault), daemon=True
            )
            fault_thread.start()
        log(
            f"{len(users)} users for {args.duration:.0f}s, fault: {args.fault}, "
            f"gunicorn {args.workers} x {args.worker_class}"
        )
        for user in users:
            user.start()
        for user in users:
            user.join(args.duration + args.timeout + 30)
        elapsed = time.monotonic() - run.t0
        load_after = os.getloadavg()
        cpu = cpu_used(cpu_before, cpu_snapshot(args, server.pid, worker.pid), elapsed)
        if fault_thread is not None:
            fault_thread.join(300)
            if fault_thread.is_alive():
                failures.append(f"{args.fault} did not come back within 300 s")
        log(f"load done: {len(run.records)} requests in {elapsed:.1f}s")

        # After the run: does the app answer again, with the same processes?
        recovered = probe_recovery(base_url, run)
        events = event_check(args, users, seed_data)
        consistency = search_consistency(args, env, es_url, run)
        stop_monitor.set()
        workers_after = children(server.pid)
        server_log.flush()
        log_text = (work / "gunicorn.log").read_text(errors="replace")
        worker_text = (work / "worker.log").read_text(errors="replace")
        server_side = {
            "gunicorn_master_alive": server.poll() is None,
            "workers_replaced": len(workers_before - workers_after),
            "worker_timeouts": log_text.count("WORKER TIMEOUT"),
            "tracebacks": log_text.count("Traceback (most recent call last)"),
            "internal_server_error_lines": log_text.count("Internal Server Error"),
            "database_unavailable_503_lines": log_text.count(
                "database unavailable, answered 503"
            ),
            "search_fallback_lines": log_text.count("fell back to the database"),
            "outbox_worker_alive": worker.poll() is None,
            "outbox_worker_tracebacks": worker_text.count("Traceback"),
            "outbox_worker_database_retries": worker_text.count(
                "database unavailable, retrying"
            ),
            "outbox_worker_es_refusals": worker_text.count("Elasticsearch refused"),
        }
        result = summarise(args, run, elapsed, load_before, load_after)
        result.update(
            {
                "cpu_cores_used": cpu,
                "recovery": recovered,
                "events": events,
                "search_consistency": consistency,
                "server": server_side,
                "work_dir": str(work),
            }
        )
        failures += properties(args, run, result)
        records_for_json = [
            {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items()}
            for r in run.records
        ]
    except (RuntimeError, subprocess.SubprocessError, requests.RequestException) as exc:
        failures.append(f"setup or run failed: {exc}")
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    process.kill()
        try:
            with admin_connect(args.pg_port) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        except Exception as exc:
            log(f"could not drop {DB_NAME}: {exc}")
        if not args.keep_services:
            for action in (services.elasticsearch, services.postgres):
                try:
                    action("stop")
                except (RuntimeError, subprocess.SubprocessError) as exc:
                    log(str(exc))
        shutil.rmtree(work / "media", ignore_errors=True)
    result["failures"] = failures
    print_summary(result)
    if args.json:
        result["records"] = records_for_json
        Path(args.json).write_text(
            json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8"
        )
    return 1 if failures else 0


def warm_up(base_url, seed_data, concurrency):
    """Every URL a few times in parallel, so each worker has loaded its code."""
    from concurrent.futures import ThreadPoolExecutor

    import requests

    paths = [
        "/",
        "/inovasi/",
        seed_data["case_studies"][0],
        f"/wilayah/{seed_data['regions'][0]}/",
        "/cari/?q=antrean+puskesmas",
        "/api/v1/search/?q=antrean+puskesmas",
    ]

    def get(path):
        response = requests.get(base_url + path, timeout=60, allow_redirects=False)
        if response.status_code != 200:
            raise RuntimeError(f"warm-up: {path} answered {response.status_code}")

    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(get, paths * concurrency))


def probe_recovery(base_url, run):
    """After the run: /healthz and a search answer, and which backend."""
    import requests

    started = time.monotonic()
    out = {}
    while time.monotonic() - started < 60:
        try:
            health = requests.get(f"{base_url}/healthz", timeout=10)
            search = requests.get(
                f"{base_url}/api/v1/search/", params={"q": "antrean"}, timeout=10
            )
            out = {
                "healthz": health.status_code,
                "search": search.status_code,
                "backend": search.json().get("backend")
                if search.status_code == 200
                else None,
            }
            if out["healthz"] == 200 and out["backend"] == "elasticsearch":
                break
        except (requests.RequestException, ValueError) as exc:
            out = {"error": type(exc).__name__}
        time.sleep(1)
    out["seconds"] = round(time.monotonic() - started, 1)
    return out


def summarise(args, run, elapsed, load_before, load_after):
    records = run.records
    by_kind = defaultdict(list)
    by_name = defaultdict(list)
    by_phase = defaultdict(list)
    for record in records:
        by_kind[record["kind"]].append(record)
        by_name[record["name"]].append(record)
        by_phase[phase_of(run, record)].append(record)
    backends = Counter(
        (phase_of(run, r), r.get("backend"))
        for r in records
        if r["name"] == "search_api" and r["status"] == 200
    )
    return {
        "config": {
            "users": args.users,
            "duration_s": args.duration,
            "think_mean_s": args.think,
            "fault": args.fault,
            "gunicorn": f"{args.workers} workers, {args.worker_class}"
            + (f", {args.threads} threads" if args.worker_class == "gthread" else ""),
            "client_timeout_s": args.timeout,
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
            "command": " ".join(sys.argv),
        },
        "elapsed_s": round(elapsed, 1),
        "overall": stats(records, elapsed),
        "by_kind": {k: stats(v, elapsed) for k, v in sorted(by_kind.items())},
        "by_name": {k: stats(v, elapsed) for k, v in sorted(by_name.items())},
        "answers_503": stats([r for r in records if r["status"] == 503], None),
        "marks_s": {k: round(v, 1) for k, v in run.marks.items()},
        "by_phase": {
            phase: stats(by_phase[phase], None)
            for phase in ("before", "outage", "after")
            if by_phase.get(phase)
        },
        "client_errors": dict(
            Counter(
                re.sub(r"0x[0-9a-f]+", "0x…", r["error"])
                for r in records
                if "error" in r
            ).most_common(10)
        ),
        "search_api_backends": {
            f"{phase}:{backend}": n for (phase, backend), n in sorted(backends.items())
        },
    }


def properties(args, run, result):
    failures = []
    records = run.records
    statuses = Counter(r["status"] for r in records)
    five_hundreds = {
        s: n for s, n in statuses.items() if isinstance(s, int) and s >= 500
    }
    timeouts = statuses.get("timeout", 0)
    refused = statuses.get("connection", 0)
    if timeouts:
        failures.append(f"{timeouts} request(s) got no answer within {args.timeout}s")
    if refused:
        failures.append(f"{refused} request(s) could not connect")
    if args.fault == "postgres":
        if five_hundreds.get(500):
            failures.append(f"{five_hundreds[500]} answer(s) 500 (expected 503)")
        others = {s: n for s, n in five_hundreds.items() if s not in (500, 503)}
        if others:
            failures.append(f"unexpected 5xx: {others}")
        outside = [
            r for r in records if r["status"] == 503 and phase_of(run, r) != "outage"
        ]
        if outside:
            failures.append(f"{len(outside)} 503(s) outside the outage")
        after = result["by_phase"].get("after")
        if not after or after["requests"] == 0:
            failures.append("no request after PostgreSQL came back: recovery not shown")
        elif any(not is_ok(int(s) if s.isdigit() else s) for s in after["statuses"]):
            failures.append(f"errors after PostgreSQL came back: {after['statuses']}")
        outage_503 = [r["latency"] for r in records if r["status"] == 503]
        if outage_503 and percentile(outage_503, 95) > 1.0:
            failures.append(
                f"503s are slow: p95 {percentile(outage_503, 95):.2f}s (want < 1 s)"
            )
    elif five_hundreds:
        failures.append(f"5xx answers: {five_hundreds}")
    if args.fault == "elasticsearch":
        during = result["search_api_backends"]
        if not any(k.startswith("outage:database") for k in during):
            failures.append("no search API answer from the database during the outage")
    server = result["server"]
    if not server["gunicorn_master_alive"]:
        failures.append("gunicorn died")
    if server["worker_timeouts"]:
        failures.append(f"{server['worker_timeouts']} gunicorn worker timeout(s)")
    if not server["outbox_worker_alive"]:
        failures.append("the outbox worker (search_index drain --watch) died")
    if result["recovery"].get("healthz") != 200:
        failures.append(f"/healthz after the run: {result['recovery']}")
    if result["recovery"].get("backend") != "elasticsearch":
        failures.append(f"search did not return to Elasticsearch: {result['recovery']}")
    events = result["events"]
    if events["mismatches"]:
        failures.append(
            f"adoption events: {len(events['mismatches'])} adoption(s) where the "
            "201s and the rows differ (see events.mismatches)"
        )
    consistency = result["search_consistency"]
    if consistency["outbox_remaining"]:
        failures.append(f"outbox not drained: {consistency['outbox_remaining']} rows")
    if consistency["check_exit"] != 0:
        failures.append(
            "search_index check failed: " + " | ".join(consistency["check_output"])
        )
    if consistency["replication_count_differs"]:
        failures.append(
            f"replication counts differ: {consistency['replication_count_differs']}"
        )
    return failures


def print_summary(result):
    if "overall" in result:
        config = result["config"]
        print(
            f"\nLoad: {config['users']} users, {result['elapsed_s']}s, think "
            f"{config['think_mean_s']}s, fault {config['fault']}, gunicorn "
            f"{config['gunicorn']}; load average {config['load_average_before']} -> "
            f"{config['load_average_after']}"
        )
        header = f"{'':16} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}  statuses"
        print(header)
        print("-" * len(header))
        rows = [("overall", result["overall"])]
        rows += [(k, v) for k, v in result["by_kind"].items()]
        rows += [(f"  {k}", v) for k, v in result["by_name"].items()]
        rows += [(f"phase {k}", v) for k, v in result["by_phase"].items()]
        if result["answers_503"]["requests"]:
            rows.append(("503 answers", result["answers_503"]))
        for name, s in rows:
            print(
                f"{name:16} {s['requests']:>8} {s['rps'] if s['rps'] is not None else '':>7} "
                f"{s['p50_ms']:>8} {s['p95_ms']:>8} {s['p99_ms']:>8} {s['max_ms']:>8}  "
                + " ".join(f"{k}:{v}" for k, v in s["statuses"].items())
            )
        if result["marks_s"]:
            print(f"fault marks (s): {result['marks_s']}")
        print(f"search API backends (phase:backend): {result['search_api_backends']}")
        for error, count in result["client_errors"].items():
            print(f"client error x{count}: {error}")
        events = result["events"]
        print(
            f"adoption events: {events['answered_201']} answered 201, "
            f"{events['rows_written']} rows written, "
            f"{len(events['mismatches'])} mismatch(es)"
        )
        for mismatch in events["mismatches"]:
            print(f"  {mismatch}")
        consistency = result["search_consistency"]
        drained = consistency["drain_seconds_after_service_back"]
        print(
            f"search: outbox max {consistency['outbox_max']} rows"
            + (
                f", {consistency['outbox_at_heal']} when the service was back, "
                f"empty {drained}s later"
                if drained is not None
                else ""
            )
            + f"; {consistency['outbox_remaining']} left "
            f"{consistency['drain_wait_seconds_after_run']}s after the run; "
            f"check exit {consistency['check_exit']}: "
            + " | ".join(consistency["check_output"])
        )
        print(
            f"CPU cores used on average (2 on this machine): {result['cpu_cores_used']}"
        )
        print(f"recovery probe: {result['recovery']}")
        print(f"server: {result['server']}")
    if result["failures"]:
        print("\nFAILED:")
        for failure in result["failures"]:
            print(f"  - {failure}")
    else:
        print("\nAll properties hold.")


if __name__ == "__main__":
    sys.exit(main())
