"""Background jobs (issue 18.7): django-tasks with its database backend.

The reminder runs as a job; each e-mail is claimed in the delivery log first,
so the job enqueued twice, or run by two workers at the same moment (on
PostgreSQL), sends each e-mail once."""

import datetime
import threading
from io import StringIO

from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import timezone
from django.utils.crypto import get_random_string

import pytest

from livinglab.notifications import delivery, tasks
from livinglab.notifications.models import EmailDelivery

DB_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_claim_is_granted_once(db):
    assert delivery.claim("k", "a@x.go.id", "adoption:1", "2026-11-29")
    assert not delivery.claim("k", "a@x.go.id", "adoption:1", "2026-11-29")
    assert delivery.claim("k", "a@x.go.id", "adoption:1", "2026-11-30")
    delivery.release("k", "a@x.go.id", "adoption:1", "2026-11-29")
    assert delivery.claim("k", "a@x.go.id", "adoption:1", "2026-11-29")


def test_the_reminder_job_enqueued_twice_sends_each_email_once(dashboard_scenario):
    first = tasks.remind_stalled_adoptions.enqueue()
    second = tasks.remind_stalled_adoptions.enqueue()
    # Only #7 (33.02) has someone to write to: its contact address.
    assert first.return_value["emails"] == 1
    assert second.return_value["emails"] == 0
    assert second.return_value["already"] == 1
    assert [m.to for m in mail.outbox] == [["kontak@pemda33-02.go.id"]]
    assert EmailDelivery.objects.filter(kind="adoptions.stalled").count() == 1


def test_enqueue_jobs_runs_the_daily_schedule(dashboard_scenario):
    out = StringIO()
    call_command("enqueue_jobs", "daily", stdout=out)
    assert "remind_stalled_adoptions" in out.getvalue()
    assert len(mail.outbox) == 1


def test_enqueue_jobs_refuses_an_unknown_schedule(db):
    with pytest.raises(CommandError, match="Unknown schedule"):
        call_command("enqueue_jobs", "hourly", stdout=StringIO())


def test_remind_stalled_can_hand_the_job_to_the_worker(dashboard_scenario, settings):
    settings.TASKS = DB_BACKEND
    from django_tasks_db.models import DBTaskResult

    out = StringIO()
    call_command("remind_stalled", "--enqueue", stdout=out)
    assert "Enqueued" in out.getvalue()
    assert mail.outbox == []
    job = DBTaskResult.objects.get()
    assert job.task_path.endswith("remind_stalled_adoptions")


def test_search_drain_job_without_elasticsearch_does_nothing(db, settings):
    from search.tasks import drain_search_outbox

    settings.ELASTICSEARCH_URL = ""
    result = drain_search_outbox.enqueue()
    assert result.return_value["pushed"] == 0


def _worker(errors):
    from django_tasks_db.management.commands.db_worker import Worker

    try:
        Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(20),
            excluded_queue_names=[],
        ).run()
    except BaseException as exc:  # pragma: no cover - reported below
        errors.append(exc)
    finally:
        connections.close_all()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two workers at once need PostgreSQL (row locks, concurrent inserts)",
)
@pytest.mark.django_db(
    transaction=True, available_apps=["livinglab.notifications", "django_tasks_db"]
)
def test_two_workers_never_send_the_same_email_twice(settings):
    """Six copies of the reminder job, two db_worker loops in two threads on
    PostgreSQL: every job finishes, and each e-mail goes out once. Three
    stalled adoptions with a contact address are committed for the test (no
    signal: bulk_create) and removed afterwards; the delivery log and the job
    table are emptied by the test's flush (available_apps)."""
    from django_tasks_db.models import DBTaskResult

    from innovations.models import InnovationPage
    from livinglab.adoptions.models import Adoption
    from livinglab.regions.models import Region

    settings.TASKS = DB_BACKEND
    mail.outbox = []
    page = InnovationPage.objects.live().first()
    taken = Adoption.objects.filter(innovation=page).values("region")
    regions = list(Region.objects.exclude(pk__in=taken).order_by("code")[:3])
    long_ago = timezone.localdate() - datetime.timedelta(days=100)
    made = Adoption.objects.bulk_create(
        Adoption(
            region=region,
            innovation=page,
            stage="minat",
            started_on=long_ago,
            last_event_on=long_ago,
            contact_email=f"pic{i}@pemda.go.id",
        )
        for i, region in enumerate(regions)
    )
    try:
        for _ in range(6):
            tasks.remind_stalled_adoptions.enqueue()
        errors = []
        workers = [threading.Thread(target=_worker, args=(errors,)) for _ in range(2)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=120)
        assert not errors
        results = list(DBTaskResult.objects.all())
        assert len(results) == 6
        assert {r.status for r in results} == {"SUCCESSFUL"}, [
            r.traceback for r in results
        ]
        sent_to = sorted(tuple(m.to) for m in mail.outbox)
        ours = [t for t in sent_to if t[0].endswith("@pemda.go.id")]
        # Each contact written to exactly once, whatever the interleaving.
        assert ours == [(f"pic{i}@pemda.go.id",) for i in range(3)]
        assert len(sent_to) == len(set(sent_to))
        assert sum(r.return_value["emails"] for r in results) == len(mail.outbox)
        assert (
            EmailDelivery.objects.filter(
                object_key__in=[f"adoption:{a.pk}" for a in made]
            ).count()
            == 3
        )
    finally:
        Adoption.objects.filter(pk__in=[a.pk for a in made]).delete()
