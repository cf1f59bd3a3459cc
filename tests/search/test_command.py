"""The search_index command as an operator runs it."""

from django.core.management import CommandError, call_command

import pytest

from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_refresh_documents_rebuilds_the_table(corpus, capsys):
    SearchDocument.objects.filter(slug="uji-tte-surat").delete()
    call_command("search_index", "refresh-documents", verbosity=1)
    assert SearchDocument.objects.filter(slug="uji-tte-surat").exists()
    assert "dokumen" in capsys.readouterr().out


def test_without_elasticsearch_the_index_actions_say_why(settings):
    settings.ELASTICSEARCH_URL = ""
    for action in ("rebuild", "check", "drain"):
        with pytest.raises(CommandError) as excinfo:
            call_command("search_index", action, verbosity=0)
        assert "ELASTICSEARCH_URL" in str(excinfo.value)


@pytest.mark.elasticsearch
def test_rebuild_check_and_drain(es_settings, corpus, capsys):
    call_command("search_index", "rebuild", verbosity=1)
    call_command("search_index", "check", verbosity=1)
    call_command("search_index", "drain", verbosity=1)
    out = capsys.readouterr().out
    assert "sesuai" in out or "matches" in out


@pytest.mark.elasticsearch
def test_check_fails_when_the_index_differs(es_settings, corpus):
    call_command("search_index", "rebuild", verbosity=0)
    SearchDocument.objects.filter(slug="uji-tte-surat").delete()
    with pytest.raises(CommandError):
        call_command("search_index", "check", verbosity=0)


def test_the_drain_worker_outlives_a_database_restart(monkeypatch, caplog):
    """``drain --watch`` logs and polls again when the database is down
    (issue 8: it used to die with the first OperationalError)."""
    from django.db import OperationalError

    from search import indexer

    class Stop(Exception):
        pass

    calls = []

    def drain():
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("connection failed: Connection refused")
        raise Stop

    closed = []
    monkeypatch.setattr(indexer, "drain", drain)
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    # Not the test's own connection (it holds the test transaction).
    monkeypatch.setattr(
        "search.management.commands.search_index.connection",
        type("Conn", (), {"close": lambda self: closed.append(1)})(),
    )
    with pytest.raises(Stop):
        call_command("search_index", "drain", "--watch")
    assert len(calls) == 2
    assert closed == [1]  # the broken connection is dropped before retrying
    assert "database unavailable, retrying" in caplog.text


def test_a_single_drain_still_fails_loudly_without_the_database(monkeypatch):
    from django.db import OperationalError

    from search import indexer

    def drain():
        raise OperationalError("connection failed")

    monkeypatch.setattr(indexer, "drain", drain)
    with pytest.raises(OperationalError):
        call_command("search_index", "drain")
