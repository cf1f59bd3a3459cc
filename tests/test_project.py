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
    assert before == after == (514, 62, 248)


def test_indonesian_translations_are_compiled():
    po = ROOT / "locale" / "id" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    assert mo.exists()
    assert mo.stat().st_mtime >= po.stat().st_mtime - 1, "run make messages"
