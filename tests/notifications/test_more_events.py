"""The remaining notification events of issue 18.2: the host confirmed my
step, my region's adoption stalled, a new case study lifts one of my
region's weakest indicators."""

import pytest

from innovations.models import InnovationPage
from livinglab.adoptions import pipeline
from livinglab.notifications import events, stalled
from livinglab.notifications.models import Follow, Notification
from livinglab.regions.models import SpbeIndicatorScore
from livinglab.taxonomy.models import SpbeIndicator


def _notes(kind):
    return list(
        Notification.objects.filter(kind=kind)
        .order_by("recipient__email", "pk")
        .values_list("recipient__email", "title")
    )


def test_the_team_hears_the_host_confirmed_its_step(adoption, team_member, coordinator):
    pipeline.confirm_as_host(adoption=adoption, what="interest")
    notes = _notes("host_confirmed")
    assert [email for email, _title in notes] == [
        "koordinator@garutkab.go.id",
        "tim@garutkab.go.id",
    ]
    assert notes[0][1].startswith("Tuan rumah menanggapi minat Kabupaten Garut")
    link = Notification.objects.filter(kind="host_confirmed").first().link
    assert link == f"/adopsi/{adoption.pk}/"

    # Confirming again changes nothing and says nothing.
    pipeline.confirm_as_host(adoption=adoption, what="interest")
    assert len(_notes("host_confirmed")) == 2

    pipeline.confirm_as_host(adoption=adoption, what="transfer")
    assert len(_notes("host_confirmed")) == 4
    assert any("alih kode sumber" in title for _e, title in _notes("host_confirmed"))


def test_a_step_is_not_a_host_confirmation(adoption, team_member):
    pipeline.record_step(
        adoption=adoption, to_stage="kesepakatan", date=adoption.started_on, actor=None
    )
    assert _notes("host_confirmed") == []


def test_the_stalled_reminder_also_writes_to_the_inbox(dashboard_scenario, team_member):
    # #2: Garut's agreement, 100 days without a step; Garut has a team.
    summary = stalled.remind_stalled()
    assert summary["emails"] == 2  # Garut's team, and #7's contact address
    notes = Notification.objects.filter(kind="region_stalled")
    assert [(n.recipient.email, n.emailed_at is not None) for n in notes] == [
        ("tim@garutkab.go.id", True)
    ]
    assert notes[0].title.startswith("Terhenti: ")
    assert "Kabupaten Garut" in notes[0].title and "100 hari" in notes[0].title
    # The same day again: no new reminder, no new notification.
    stalled.remind_stalled()
    assert Notification.objects.filter(kind="region_stalled").count() == 1


@pytest.fixture
def weak_world(garut, bandung, team_member, other_team_member):
    """Garut's weakest indicator in its latest year (2025) is the first one
    (level 1); an older year (2023) has the second at level 1, which no longer
    counts. Bandung's weakest is the second."""
    first, second, third = SpbeIndicator.objects.order_by("pk")[:3]
    SpbeIndicatorScore.objects.filter(region__in=[garut, bandung]).delete()
    for region, year, indicator, level in [
        (garut, 2025, first, 1),
        (garut, 2025, second, 3),
        (garut, 2025, third, 2),
        (garut, 2023, second, 1),
        (bandung, 2025, first, 4),
        (bandung, 2025, second, 2),
    ]:
        SpbeIndicatorScore.objects.create(
            region=region, year=year, indicator=indicator, level=level
        )
    page = (
        InnovationPage.objects.live()
        .exclude(host_region__in=[garut, bandung])
        .order_by("title")
        .first()
    )
    return {"page": page, "first": first, "second": second, "third": third}


def test_weakest_indicators_in_one_query(
    weak_world, garut, bandung, django_assert_num_queries
):
    with django_assert_num_queries(1):
        weakest = events.weakest_indicators([garut.pk, bandung.pk])
    assert weakest == {
        garut.pk: {weak_world["first"].pk},
        bandung.pk: {weak_world["second"].pk},
    }


def test_teams_whose_weakest_indicator_it_lifts_hear_of_it(
    weak_world, django_assert_max_num_queries
):
    page = weak_world["page"]
    page.spbe_indicators.set([weak_world["first"], weak_world["third"]])
    with django_assert_max_num_queries(6):
        events.notify_weak_indicator_teams(page)
    notes = _notes("weak_indicator")
    assert [email for email, _title in notes] == ["tim@garutkab.go.id"]
    assert "indikator terlemah Kabupaten Garut" in notes[0][1]
    assert page.title in notes[0][1]


def test_those_who_follow_something_hear_of_what_they_follow(weak_world, team_member):
    Follow.objects.create(user=team_member, innovation=weak_world["page"])
    page = weak_world["page"]
    page.spbe_indicators.set([weak_world["first"]])
    events.notify_weak_indicator_teams(page)
    assert _notes("weak_indicator") == []


def test_only_a_first_publication_is_a_new_case_study(weak_world):
    page = weak_world["page"]
    page.spbe_indicators.set([weak_world["first"]])
    page.save_revision().publish()  # a new revision of a published page
    assert _notes("weak_indicator") == []

    InnovationPage.objects.filter(pk=page.pk).update(first_published_at=None)
    page = InnovationPage.objects.get(pk=page.pk)
    page.save_revision().publish()
    assert [e for e, _t in _notes("weak_indicator")] == ["tim@garutkab.go.id"]
