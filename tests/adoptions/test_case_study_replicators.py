"""The case study's "regions replicating this innovation": the most recent
step first (issue 16, item 11), shown with that step's date."""

import re

from django.test import RequestFactory
from django.utils.formats import date_format

import pytest

from livinglab.adoptions.sections import case_study_adoptions


@pytest.fixture
def three(adopt):
    # Region codes ascending 32.04 < 32.05 < 35.07; latest steps the other way
    # round, and the oldest interest (32.05) is not the most recent step.
    return [
        adopt("32.04", "tte-sumedang", [("minat", 50, ""), ("kesepakatan", 40, "")]),
        adopt("32.05", "tte-sumedang", [("minat", 400, ""), ("pelatihan", 20, "")]),
        adopt("35.07", "tte-sumedang", [("minat", 3, "")]),
    ]


def test_section_orders_by_latest_step_newest_first(three, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    page = three[0].innovation
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    rows = case_study_adoptions(page, request)["adoptions"]
    assert [a.region.code for a in rows] == ["35.07", "32.05", "32.04"]


def test_page_shows_the_order_and_the_date(client, three):
    page = three[0].innovation
    html = client.get(page.url).content.decode()
    section = re.search(r'id="replicating-h".*?</table>', html, re.S).group(0)
    newest_first = sorted(three, key=lambda a: a.last_event_on, reverse=True)
    names = [a.region.name for a in newest_first]
    positions = [section.index(name) for name in names]
    assert positions == sorted(positions)
    assert 'aria-sort="descending"' in section
    for adoption in three:
        assert date_format(adoption.last_event_on) in section


def test_the_caption_says_how_many_replicate_as_search_counts(client, three):
    """The case study counted every adoption ("3 regions have taken it up")
    while search and the home page count those replicating (technology
    transfer or later): the caption now says both (a newcomer saw 11 vs 5)."""
    from livinglab.adoptions.models import REPLICATING, replication_count

    page = three[0].innovation
    html = client.get(page.url).content.decode()
    caption = re.search(r"<caption>(.*?)</caption>", html, re.S).group(1)
    replicating = replication_count(page)
    assert replicating == sum(a.stage in REPLICATING for a in three) == 1
    assert "3 daerah" in caption
    assert f"{replicating} di antaranya mereplikasinya" in caption
