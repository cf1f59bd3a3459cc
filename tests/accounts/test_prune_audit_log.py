"""The privacy notice promises the audit log is kept two years, then deleted."""

import datetime
from io import StringIO

from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from livinglab.accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def _event(days_ago):
    event = AuditEvent.objects.create(action=AuditEvent.Action.LOGIN, subject="x")
    AuditEvent.objects.filter(pk=event.pk).update(
        at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return event.pk


def test_events_past_the_retention_are_deleted(settings):
    settings.AUDIT_LOG_RETENTION_DAYS = 730
    old, recent = _event(731), _event(729)
    call_command("prune_audit_log", stdout=StringIO())
    assert not AuditEvent.objects.filter(pk=old).exists()
    assert AuditEvent.objects.filter(pk=recent).exists()


def test_dry_run_deletes_nothing():
    old = _event(800)
    out = StringIO()
    call_command("prune_audit_log", "--dry-run", stdout=out)
    assert AuditEvent.objects.filter(pk=old).exists()
    assert "dry run" in out.getvalue()


def test_nonsense_retention_is_refused():
    with pytest.raises(CommandError):
        call_command("prune_audit_log", "--days", "-5", stdout=StringIO())
