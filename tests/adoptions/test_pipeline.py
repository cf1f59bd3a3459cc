"""The pipeline rules: skipping, steps back, stops, dates, versions, locking."""

import datetime
import threading
import time

from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction

import pytest

from livinglab.adoptions import pipeline
from livinglab.adoptions.models import Adoption, Stage, StageEvent, replication_count
from search.models import SearchDocument

D = datetime.date


def step(adoption, stage, date, note="", **kwargs):
    return pipeline.record_step(
        adoption=adoption, to_stage=stage, date=date, actor=None, note=note, **kwargs
    )


def test_interest_is_the_first_event(adoption):
    event = adoption.events.get()
    assert (event.from_stage, event.to_stage) == ("", Stage.INTEREST)
    assert adoption.stage == Stage.INTEREST
    assert adoption.started_on == adoption.last_event_on == D(2026, 1, 5)


def test_one_adoption_per_region_and_innovation(adoption, team_member):
    with pytest.raises(ValidationError):
        pipeline.start_adoption(
            region=adoption.region,
            innovation=adoption.innovation,
            date=D(2026, 2, 1),
            actor=team_member,
        )
    assert (
        Adoption.objects.filter(region=adoption.region)
        .filter(innovation=adoption.innovation)
        .count()
        == 1
    )


def test_stages_may_be_skipped(adoption):
    event = step(adoption, Stage.TRANSFER, D(2026, 2, 1))
    adoption.refresh_from_db()
    assert adoption.stage == Stage.TRANSFER
    assert event.from_stage == Stage.INTEREST
    assert not event.is_step_back


def test_step_back_needs_a_reason_and_is_recorded(adoption):
    step(adoption, Stage.TRAINING, D(2026, 2, 1))
    with pytest.raises(ValidationError) as refused:
        step(adoption, Stage.AGREEMENT, D(2026, 2, 2))
    assert "note" in refused.value.message_dict
    adoption.refresh_from_db()
    assert adoption.stage == Stage.TRAINING
    event = step(adoption, Stage.AGREEMENT, D(2026, 2, 2), note="PKS direvisi.")
    assert event.is_step_back
    assert adoption.events.count() == 3


def test_stop_needs_a_reason_and_keeps_it(adoption):
    with pytest.raises(ValidationError):
        step(adoption, Stage.STOPPED, D(2026, 3, 1), note="   ")
    step(adoption, Stage.STOPPED, D(2026, 3, 1), note="Anggaran tidak disetujui.")
    adoption.refresh_from_db()
    assert adoption.is_stopped
    assert adoption.stopped_reason == "Anggaran tidak disetujui."
    # Restarting a stopped adoption is a recorded decision too.
    with pytest.raises(ValidationError):
        step(adoption, Stage.STUDY, D(2026, 4, 1))
    step(adoption, Stage.STUDY, D(2026, 4, 1), note="Anggaran perubahan disetujui.")
    adoption.refresh_from_db()
    assert adoption.stage == Stage.STUDY and adoption.stopped_reason == ""


@pytest.mark.parametrize(
    ("date", "field"),
    [(D(2030, 1, 1), "date"), (D(2026, 1, 4), "date")],
    ids=["future", "before-previous"],
)
def test_dates_are_checked_and_nothing_changes(adoption, date, field):
    version = adoption.version
    with pytest.raises(ValidationError) as refused:
        step(adoption, Stage.STUDY, date)
    assert field in refused.value.message_dict
    adoption.refresh_from_db()
    assert adoption.version == version
    assert adoption.stage == Stage.INTEREST
    assert adoption.events.count() == 1


def test_same_stage_is_refused(adoption):
    with pytest.raises(ValidationError):
        step(adoption, Stage.INTEREST, D(2026, 1, 6))


def test_stage_by_label_or_code(adoption):
    step(adoption, "Studi tiru", D(2026, 1, 7))
    step(adoption, "AGREEMENT", D(2026, 1, 8))
    step(adoption, "alih_teknologi", D(2026, 1, 9))
    with pytest.raises(ValidationError):
        step(adoption, "selesai", D(2026, 1, 10))
    assert list(adoption.events.values_list("to_stage", flat=True)) == [
        "minat",
        "studi_tiru",
        "kesepakatan",
        "alih_teknologi",
    ]


def test_notes_are_cleaned(adoption):
    event = step(
        adoption,
        Stage.STUDY,
        D(2026, 1, 10),
        note='Kunjungan <script>alert(1)</script><b onclick="x()">selesai</b>',
    )
    assert "<script" not in event.note and "onclick" not in event.note
    assert "selesai" in event.note


def test_outdated_version_is_refused(adoption):
    drawn = adoption.version
    step(adoption, Stage.STUDY, D(2026, 1, 10), expected_version=drawn)
    with pytest.raises(pipeline.StaleAdoption):
        step(adoption, Stage.AGREEMENT, D(2026, 1, 11), expected_version=drawn)
    assert adoption.events.count() == 2


def test_replication_count_reaches_search(adoption):
    page = adoption.innovation
    before = replication_count(page)
    step(adoption, Stage.TRANSFER, D(2026, 2, 1))
    assert replication_count(page) == before + 1
    document = SearchDocument.objects.get(page_id=page.pk)
    assert document.replication_count == before + 1
    step(adoption, Stage.STOPPED, D(2026, 2, 2), note="Dihentikan.")
    document.refresh_from_db()
    assert document.replication_count == before


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL (SQLite serialises all writers anyway)",
)
def test_two_people_at_once_lose_nothing(django_db_blocker):
    """Someone holds the adoption's row lock while a second person records a
    step: the second waits, then is applied on top; both events are kept."""
    from innovations.models import InnovationPage
    from livinglab.regions.models import Region

    with django_db_blocker.unblock():
        region = Region.objects.get(code="32.06")
        page = InnovationPage.objects.originals().live().order_by("pk").last()
        Adoption.objects.filter(region=region, innovation=page).delete()
        adoption = pipeline.start_adoption(
            region=region, innovation=page, date=D(2026, 1, 5), actor=None
        )
        errors, done = [], threading.Event()

        def second_person():
            try:
                step(adoption, Stage.AGREEMENT, D(2026, 1, 7), note="PKS")
            except Exception as exc:
                errors.append(exc)
            finally:
                connections.close_all()
                done.set()

        try:
            with transaction.atomic():
                Adoption.objects.select_for_update().get(pk=adoption.pk)
                worker = threading.Thread(target=second_person)
                worker.start()
                time.sleep(0.5)
                assert not done.is_set(), "the second writer did not wait for the lock"
                step(adoption, Stage.STUDY, D(2026, 1, 6))
            worker.join(10)
            assert not errors, errors
            adoption.refresh_from_db()
            stages = list(
                StageEvent.objects.filter(adoption=adoption).values_list(
                    "from_stage", "to_stage"
                )
            )
            assert stages == [
                ("", "minat"),
                ("minat", "studi_tiru"),
                ("studi_tiru", "kesepakatan"),
            ]
            assert adoption.version == 3
            assert adoption.stage == Stage.AGREEMENT
        finally:
            Adoption.objects.filter(pk=adoption.pk).delete()


def test_next_step_follows_the_pipeline(adoption):
    assert adoption.next_step == Stage.STUDY
    step(adoption, Stage.INSTITUTIONALISED, D(2026, 2, 1))
    adoption.refresh_from_db()
    assert adoption.next_step is None
    step(adoption, Stage.STOPPED, D(2026, 2, 2), note="Selesai dipakai.")
    adoption.refresh_from_db()
    assert adoption.next_step is None
