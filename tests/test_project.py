"""Project-wide checks that CI also relies on."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "livinglab.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789abcdef",
        "ALLOWED_HOSTS": "livinglab.example.go.id",
        "TRUSTED_PROXIES": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout


@pytest.mark.django_db
def test_load_initial_data_is_idempotent():
    from livinglab.regions.models import Participation, Region, SpbeScore

    before = (
        Region.objects.count(),
        Participation.objects.count(),
        SpbeScore.objects.count(),
    )
    call_command("load_initial_data", verbosity=0)
    after = (
        Region.objects.count(),
        Participation.objects.count(),
        SpbeScore.objects.count(),
    )
    # 62 pilot regions + the host; 4 SPBE years each.
    assert before == after == (514, 63, 252)


def test_indonesian_translations_are_compiled():
    po = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists()
    assert mo.stat().st_mtime >= po.stat().st_mtime - 1, "run make messages"


# Dependencies: one hash-checked lock (issue 12, finding 11).


def _check_lock():
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "check_lock", ROOT / "scripts" / "check_lock.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_lock_pins_every_dependency_of_pyproject():
    """Every requirement of pyproject.toml (runtime and every extra) is in
    requirements.lock at the same version, with hashes. If this fails after
    adding a dependency: `make lock`, then commit both files."""
    check_lock = _check_lock()
    assert check_lock.problems() == []
    pins, hashed = check_lock.locked()
    assert hashed
    declared = check_lock.declared()
    assert {"django", "wagtail", "pytest", "pip-audit", "uv"} <= set(declared)
    for name, (_text, version) in declared.items():
        assert pins[name] == version


def test_the_lock_check_notices_a_missing_or_different_pin(tmp_path):
    check_lock = _check_lock()
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\ndependencies = ["Django==5.2.19", "pypdf==7.1.0"]\n'
        '[project.optional-dependencies]\ndev = ["pytest>=9"]\n'
    )
    lock = tmp_path / "requirements.lock"
    lock.write_text(
        "django==5.2.18 \\\n    --hash=sha256:00\n    # via x\npytest==9.2.0\n"
    )
    found = check_lock.problems(pyproject, lock)
    assert any("pypdf==7.1.0 is missing" in p for p in found)
    assert any("django==5.2.18" in p for p in found)
    assert any("'pytest>=9' is not pinned exactly" in p for p in found)
    assert any("has no --hash" in p for p in found)


def test_make_install_uses_the_lock_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    rule = makefile.split("$(VENV)/.installed:", 1)[1].split("\n\n", 1)[0]
    assert "$(LOCK)" in rule.splitlines()[0]
    assert "--require-hashes -r $(LOCK)" in rule
    assert "--no-deps -e ." in rule
    assert "\nlock:" in makefile and "\naudit:" in makefile


def test_check_deploy_warns_when_no_proxy_is_trusted(tmp_path):
    """Production behind a TLS proxy with TRUSTED_PROXIES unset would count
    every visitor as the proxy: `check --deploy` says so."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "livinglab.settings.production",
        "SECRET_KEY": "a-long-random-production-secret-key-for-the-check-0123456789abcdef",
        "ALLOWED_HOSTS": "livinglab.example.go.id",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    env.pop("TRUSTED_PROXIES", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode != 0
    assert "livinglab.W011" in done.stdout + done.stderr


def test_sqlite_is_set_for_a_web_server_and_a_worker_side_by_side(tmp_path):
    """Newcomer finding (session 5): under `make run` the web server and the
    job worker share db.sqlite3 and admin saves answered 503 "database is
    locked". SQLite now runs in WAL mode, takes the write lock when a
    transaction starts (IMMEDIATE: no lock-upgrade deadlock between two
    writers) and waits 20 s for it."""
    import sqlite3

    from livinglab.settings import base

    if base.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        import pytest

        pytest.skip("the SQLite options apply to the embedded default only")
    options = base.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    connection = sqlite3.connect(tmp_path / "x.sqlite3")
    connection.executescript(options["init_command"])
    mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    connection.close()
    assert mode == "wal"
    assert sqlite3.sqlite_version_info >= (3, 7, 0)
