"""``GET /api/v1/adoptions/summary/``: public counts with the dashboard's filters."""

import json

from django.urls import Resolver404, resolve

import pytest
from rest_framework.test import APIRequestFactory

from innovations.models import InnovationPage
from livinglab.adoptions.summary_api import AdoptionSummary
from livinglab.regions.models import Participation
from livinglab.taxonomy.models import SmartCityDimension

from .conftest import EXPECTED_STAGES

URL = "/api/v1/adoptions/summary/"


@pytest.fixture
def get(client):
    """GET the summary: through the project's URL once it is routed there,
    straight to the view until then."""
    try:
        routed = resolve(URL).func.view_class is AdoptionSummary
    except (Resolver404, AttributeError):
        routed = False

    def call(params=None):
        if routed:
            response = client.get(URL, params or {})
            return response.status_code, response.json()
        request = APIRequestFactory().get(URL, params or {})
        response = AdoptionSummary.as_view()(request)
        response.render()
        return response.status_code, json.loads(response.content)

    return call


def test_shape_and_numbers(get, dashboard_scenario):
    status, data = get()
    assert status == 200
    assert set(data) >= {
        "by_stage",
        "regions",
        "innovations",
        "adoptions",
        "implemented",
        "replicating",
        "regions_adopting",
        "stalled",
        "filters",
    }
    assert data["by_stage"] == EXPECTED_STAGES
    assert data["regions"] == 62
    assert data["innovations"] == InnovationPage.objects.originals().live().count()
    assert data["adoptions"] == 7
    assert data["implemented"] == 2
    # technology transfer or later, stopped excluded: 4, 6, 7, 8
    assert data["replicating"] == 4
    assert data["regions_adopting"] == 5
    assert data["stalled"] == {"days": 60, "count": 2}
    assert data["filters"] == {
        "province": None,
        "cohort": None,
        "dimension": None,
        "theme": None,
    }


def test_filters(get, dashboard_scenario):
    status, data = get({"province": "32", "cohort": "study_visit"})
    assert status == 200
    assert data["regions"] == 10  # Jawa Barat's 12 pilot regions but 2 top SPBE
    assert (
        data["regions"]
        == Participation.objects.filter(
            region__province__code="32", cohort="study_visit"
        ).count()
    )
    assert data["adoptions"] == 4
    assert data["filters"]["province"] == "32"

    economy = SmartCityDimension.objects.get(name="Smart Economy")
    by_id = get({"dimension": str(economy.pk)})[1]
    by_name = get({"dimension": "smart economy"})[1]
    assert by_id["by_stage"] == by_name["by_stage"]
    assert by_id["adoptions"] == 2
    assert by_id["innovations"] == (
        InnovationPage.objects.originals().live().filter(dimensions=economy).count()
    )
    assert by_name["filters"]["dimension"] == "Smart Economy"

    status, data = get({"theme": "poverty alleviation"})  # the English name
    assert status == 200
    assert data["adoptions"] == 2
    assert data["filters"]["theme"] == "Pengentasan Kemiskinan"
    assert get({"stalled_days": "90"})[1]["stalled"] == {"days": 90, "count": 1}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"province": "99"}, "province"),
        ({"cohort": "semua"}, "cohort"),
        ({"dimension": "Smart Nothing"}, "dimension"),
        ({"dimension": "999999"}, "dimension"),
        ({"theme": "x"}, "theme"),
        ({"stalled_days": "0"}, "stalled_days"),
        ({"stalled_days": "9999"}, "stalled_days"),
    ],
)
def test_invalid_filters_are_400_in_our_error_shape(get, no_adoptions, params, field):
    status, data = get(params)
    assert status == 400
    error = data["error"]
    assert error["status"] == 400
    assert error["message"].startswith(f"{field}:")
    assert field in error["detail"]


def test_url_name():
    from django.urls import reverse

    assert reverse("api:adoption-summary") == URL


def test_anonymous_may_read_it(get, no_adoptions):
    status, data = get()
    assert status == 200
    assert data["adoptions"] == 0
    assert data["by_stage"] == dict.fromkeys(EXPECTED_STAGES, 0)
