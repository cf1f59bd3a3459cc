"""Browser journeys against the app as deployed: gunicorn serving the
production settings (livinglab/settings/e2e.py) with PostgreSQL and
Elasticsearch, the outbox worker running beside it, and Debian's Chromium
driven by Playwright (no browser download).

The server gets its own database (``<test database>_e2e``, created fresh and
dropped afterwards) and its own index prefix, so it never touches the data of
the other tests. Screenshots go to test-artifacts/e2e/.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "e2e"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(pytest.mark.elasticsearch)


def _unavailable(reason):
    if IN_CI:
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer within {timeout}s")


@pytest.fixture(scope="session")
def e2e_server(elasticsearch_url):
    from django.conf import settings

    import psycopg

    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        _unavailable("browser journeys run against PostgreSQL (set DATABASE_URL)")
    if not Path(CHROMIUM).exists():
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    name = f"{db['NAME']}_e2e"
    admin_dsn = (
        f"host={db['HOST']} port={db['PORT']} user={db['USER']} "
        f"password={db['PASSWORD']} dbname=postgres"
    )
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="livinglab-e2e-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "livinglab.settings.e2e",
        "DATABASE_URL": (
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"
        ),
        "ELASTICSEARCH_URL": elasticsearch_url,
        # Own indexes per caller's prefix, so two runs never share them.
        "ELASTICSEARCH_INDEX_PREFIX": (
            os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "livinglab") + "-e2e"
        ),
        "SECRET_KEY": "e2e-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "CACHE_URL": "dbcache://livinglab_cache",
        "MEDIA_ROOT": str(work / "media"),
        "STATIC_ROOT": str(work / "static"),
        "E2E_MAIL_DIR": str(work / "mail"),
        "WAGTAILADMIN_BASE_URL": base_url,
        "CI": "",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]

    def run(*args):
        subprocess.run([*manage, *args], env=env, cwd=ROOT, check=True)  # noqa: S603

    run("migrate", "--noinput", "-v0")
    run("createcachetable")
    run("collectstatic", "--noinput", "-v0")
    run("load_initial_data", "-v0")
    run("search_index", "rebuild", "-v0")
    subprocess.run(
        [sys.executable, "-m", "tests.e2e.seed"], env=env, cwd=ROOT, check=True
    )
    logs = open(work / "server.log", "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(  # noqa: S603
        [
            sys.executable,
            "-m",
            "gunicorn",
            "livinglab.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "60",
        ],
        env=env,
        cwd=ROOT,
        stdout=logs,
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(  # noqa: S603
        [*manage, "search_index", "drain", "--watch"],
        env=env,
        cwd=ROOT,
        stdout=logs,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait(f"{base_url}/healthz")
        yield {"url": base_url, "mail_dir": work / "mail", "env": env, "work": work}
    finally:
        for process in (server, worker):
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
        logs.close()
        if IN_CI or os.environ.get("E2E_KEEP_LOG"):
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shutil.copy(work / "server.log", ARTIFACTS / "server.log")
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser, e2e_server, request):
    context = browser.new_context(
        base_url=e2e_server["url"], locale="id-ID", accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        # What the browser showed when the journey failed, for the CI record.
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        stem = ARTIFACTS / f"FAILED-{request.node.name}"
        page.screenshot(path=f"{stem}.png", full_page=True)
        (ARTIFACTS / f"FAILED-{request.node.name}.html").write_text(
            page.content(), encoding="utf-8"
        )
    context.close()


@pytest.fixture
def shot(request):
    """``shot(page, "name")`` saves a full-page screenshot for the record."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(page, name):
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
