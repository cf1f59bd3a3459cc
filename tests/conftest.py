"""Test-wide fixtures.

* The register and demonstration cohort are loaded once per session (the
  loaders are idempotent, so --reuse-db is safe); tests roll back around it.
* Elasticsearch: ``ELASTICSEARCH_URL`` when set, otherwise the local server of
  scripts/elasticsearch.sh (fetched with mvn on first use). When neither is
  possible the tests that need it are skipped with one loud reason, except
  under ``CI=true``, where that fails the run. Under ``CI=true`` the database
  must be named explicitly by ``DATABASE_URL`` too.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command

import pytest

pytest_plugins = ["tests.roles"]

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() == "true"


def pytest_configure(config):
    if IN_CI and not os.environ.get("DATABASE_URL"):
        raise pytest.UsageError(
            "CI=true but DATABASE_URL is not set: CI must run against a real "
            "database (start one with scripts/postgres.sh start)."
        )


def pytest_report_header(config):
    from django.conf import settings

    db = settings.DATABASES["default"]
    return [
        f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('HOST') or db.get('NAME')}",
        f"elasticsearch: {os.environ.get('ELASTICSEARCH_URL') or 'started on demand'}",
    ]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's default language: Django keeps the
    language a request activated in the thread, so an English page or an
    ``Accept-Language: en`` API call would otherwise leak into the next
    test (``reverse()`` answering /en/...)."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters and caches must not leak from one test to the next
    (ids are reused after each rollback)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.test import override_settings

    # The demo data writes files (private adoption files, the published open
    # data export): into the session's temporary folder, never the checkout.
    media = tmp_path_factory.mktemp("session-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            MEDIA_ROOT=media / "media", PRIVATE_MEDIA_ROOT=media / "private-media"
        ),
    ):
        call_command("load_initial_data", verbosity=0)


def _es_answers(url):
    from elasticsearch import Elasticsearch
    from elasticsearch.exceptions import ApiError, TransportError

    try:
        client = Elasticsearch(url, request_timeout=5)
        return client.cluster.health(wait_for_status="yellow", timeout="10s")["status"]
    except (TransportError, ApiError):
        return None


@pytest.fixture(scope="session")
def elasticsearch_url():
    """URL of a live Elasticsearch, or skip (fail under CI=true)."""
    url = os.environ.get("ELASTICSEARCH_URL", "")
    why = ""
    if not url:
        script = ROOT / "scripts" / "elasticsearch.sh"
        try:
            done = subprocess.run(  # noqa: S603
                ["/bin/bash", str(script), "start"],
                capture_output=True,
                text=True,
                timeout=900,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            done, why = None, f"scripts/elasticsearch.sh start failed: {exc}"
        if done is not None and done.returncode == 0:
            url = done.stdout.strip().splitlines()[-1]
        elif done is not None:
            why = "scripts/elasticsearch.sh start failed: " + " | ".join(
                done.stderr.strip().splitlines()[-3:]
            )
    if url and not _es_answers(url):
        why = f"Elasticsearch at {url} does not answer"
    if why:
        message = f"ELASTICSEARCH UNAVAILABLE, its tests cannot run: {why}"
        sys.stderr.write(f"\n*** {message} ***\n")
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return url
