"""The self-assessment's error summary stays short when many indicators lack
a level (issue 16, newcomer finding: ~2,800 px tall at 390 px with 45 links).
The count comes first, then the first three indicators as links, and the
rest folded in <details> (no JavaScript needed); every link still reaches
its field."""

import pytest
from bs4 import BeautifulSoup

from tests.adoptions.test_self_assessment import URL, levels_post
from tests.error_summary import assert_error_summary

pytestmark = pytest.mark.django_db


def test_many_missing_levels_make_a_short_summary(client, team_member):
    client.force_login(team_member)
    response = client.post(URL, levels_post({1: 4, 44: 2}, 0, action="submit"))
    assert response.status_code == 200
    links = assert_error_summary(response)
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    summary = soup.select_one(".error-summary")
    top = summary.select(".error-summary-list > li")
    # The count, three indicators, and the fold.
    assert len(top) == 5, [li.get_text(" ", strip=True)[:60] for li in top]
    assert "45 indikator" in top[0].get_text(" ", strip=True)
    assert "indikator 2." in top[1].get_text(" ", strip=True).lower()
    fold = top[-1].select_one("details")
    assert fold is not None and fold.get("open") is None
    assert fold.select_one("summary").get_text(strip=True) == "42 masalah lainnya"
    assert len(fold.select("li a")) == 42
    # Every missing indicator is still reachable from the summary.
    targets = {target for _text, target in links}
    assert {f"id_level_{n}" for n in range(2, 48) if n != 44} <= targets


def test_a_few_missing_levels_are_listed_without_a_fold(client, team_member):
    client.force_login(team_member)
    levels = dict.fromkeys(range(1, 48), 3)
    del levels[5], levels[6]
    response = client.post(URL, levels_post(levels, 0, action="submit"))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    summary = soup.select_one(".error-summary")
    assert summary.select_one("details") is None
    assert len(summary.select("li a")) == 3
