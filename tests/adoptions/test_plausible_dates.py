"""Dates of adoption records are plausible (1990 to 2100) and a target date
is not before the interest: a newcomer registered interest on 0001-01-01,
which then showed publicly as "1 Jan 0001" and topped the stalled list."""

import datetime

from django.urls import reverse

import pytest

from livinglab.adoptions.models import Adoption, StageEvent

from .test_workspace import pdf

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today().isoformat()


def _interest(client, garut, innovation, **fields):
    Adoption.objects.filter(region=garut, innovation=innovation).delete()
    data = {
        "innovation": innovation.slug,
        "date": TODAY,
        "responsible_opd": "Diskominfo",
        "letter_of_intent": pdf("surat minat.pdf"),
        **fields,
    }
    return client.post(reverse("adoptions:interest", args=[garut.code]), data)


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"date": "0001-01-01"}, "date"),
        ({"date": "1989-12-31"}, "date"),
        ({"target_date": "0001-01-01"}, "target_date"),
        ({"target_date": "2101-01-01"}, "target_date"),
        ({"date": TODAY, "target_date": "2020-01-01"}, "target_date"),
    ],
)
def test_implausible_interest_dates_are_refused_and_nothing_saved(
    client, team_member, garut, sumedang_innovation, fields, field
):
    client.force_login(team_member)
    response = _interest(client, garut, sumedang_innovation, **fields)
    assert response.status_code in (200, 400)
    assert response.context["form"].errors[field]
    assert not Adoption.objects.filter(
        region=garut, innovation=sumedang_innovation
    ).exists()


def test_a_plausible_interest_still_goes_through(
    client, team_member, garut, sumedang_innovation
):
    client.force_login(team_member)
    response = _interest(
        client, garut, sumedang_innovation, date="2024-03-01", target_date="2027-01-01"
    )
    assert response.status_code == 302


def test_an_implausible_step_date_is_refused(client, team_member, adoption):
    client.force_login(team_member)
    before = StageEvent.objects.filter(adoption=adoption).count()
    response = client.post(
        reverse("adoptions:record-step", args=[adoption.pk]),
        {"to_stage": "studi_tiru", "date": "0001-01-01", "version": adoption.version},
    )
    assert response.status_code == 400
    assert response.context["step_form"].errors["date"]
    assert StageEvent.objects.filter(adoption=adoption).count() == before


def test_the_adaptation_form_refuses_a_target_before_the_interest(
    client, team_member, adoption
):
    client.force_login(team_member)
    response = client.post(
        reverse("adoptions:adaptation", args=[adoption.pk]),
        {"target_date": "0001-01-01", "version": adoption.version},
    )
    adoption.refresh_from_db()
    assert adoption.target_date != datetime.date(1, 1, 1)
    assert response.status_code in (200, 302, 400)
