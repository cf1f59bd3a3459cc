"""Impact follow-up after replication (issue 18.6): six and twelve months
after "Implementasi" the region's team is asked for its figures, once per
adoption and milestone (the delivery log), by the daily job."""

import datetime
from io import StringIO

from django.core.management import call_command

import pytest

from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption
from livinglab.notifications import impact
from livinglab.notifications.models import EmailDelivery, Notification

IMPLEMENTED_ON = datetime.date(2026, 2, 10)


@pytest.fixture
def implemented(adoption, coordinator):
    """Garut's adoption, implemented on 10 Feb 2026; the only adoption."""
    Adoption.objects.exclude(pk=adoption.pk).delete()
    pipeline.record_step(
        adoption=adoption,
        to_stage="implementasi",
        date=IMPLEMENTED_ON,
        actor=None,
        note="",
    )
    return adoption


def _asked():
    return list(
        Notification.objects.filter(kind="impact_followup")
        .order_by("recipient__email")
        .values_list("recipient__email", "link")
    )


@pytest.mark.parametrize(
    ("day", "months"),
    [
        (datetime.date(2026, 8, 9), None),
        (datetime.date(2026, 8, 10), 6),
        (datetime.date(2027, 2, 9), 6),
        (datetime.date(2027, 2, 10), 12),
        (datetime.date(2029, 1, 1), 12),
    ],
)
def test_due_milestone(day, months):
    assert impact.due_milestone(IMPLEMENTED_ON, day) == months


def test_add_months_clamps_to_the_month_end():
    assert impact.add_months(datetime.date(2026, 8, 31), 6) == datetime.date(
        2027, 2, 28
    )


def test_team_is_asked_once_per_milestone(implemented, team_member, coordinator):
    assert impact.ask_for_figures(today=datetime.date(2026, 8, 9))["due"] == 0
    assert _asked() == []

    six = impact.ask_for_figures(today=datetime.date(2026, 8, 10))
    assert six["asked"] == 1
    link = f"/adopsi/{implemented.pk}/#figures-heading"
    assert _asked() == [
        ("koordinator@garutkab.go.id", link),
        ("tim@garutkab.go.id", link),
    ]
    title = Notification.objects.filter(kind="impact_followup").first().title
    assert title.startswith("6 bulan")

    # The same day again, or a month later: nothing new.
    again = impact.ask_for_figures(today=datetime.date(2026, 9, 10))
    assert again["asked"] == 0 and again["already"] == 1
    assert len(_asked()) == 2

    twelve = impact.ask_for_figures(today=datetime.date(2027, 2, 10))
    assert twelve["asked"] == 1
    assert len(_asked()) == 4
    assert set(
        EmailDelivery.objects.filter(kind=impact.KIND).values_list("period", flat=True)
    ) == {"6m", "12m"}


def test_stopped_adoptions_are_not_asked(implemented, team_member):
    pipeline.record_step(
        adoption=implemented,
        to_stage="dihentikan",
        date=datetime.date(2026, 3, 1),
        actor=None,
        note="Anggaran tidak tersedia.",
    )
    assert impact.ask_for_figures(today=datetime.date(2026, 9, 1))["due"] == 0
    assert _asked() == []


def test_the_daily_schedule_runs_the_follow_up(implemented, team_member, settings):
    assert (
        "livinglab.notifications.tasks.ask_for_impact_figures"
        in settings.JOB_SCHEDULES["daily"]
    )
    call_command("enqueue_jobs", "daily", stdout=StringIO())
    # Implemented in February 2026, more than six months ago: the member and
    # the coordinator are asked.
    assert len(_asked()) == 2


def test_the_request_is_e_mailed_to_who_wants_it_now(
    implemented, team_member, django_capture_on_commit_callbacks
):
    from django.core import mail

    from livinglab.notifications.models import EmailPreference

    EmailPreference.objects.create(
        user=team_member, kind="impact_followup", frequency="immediately"
    )
    with django_capture_on_commit_callbacks(execute=True):
        impact.ask_for_figures(today=datetime.date(2026, 8, 10))
    assert [m.to for m in mail.outbox] == [["tim@garutkab.go.id"]]
    assert mail.outbox[0].subject.startswith("6 bulan")
    assert "/adopsi/" in mail.outbox[0].body
