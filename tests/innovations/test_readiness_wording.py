"""The readiness checklist: neutral for the public, advice for the authors."""

import pytest

pytestmark = pytest.mark.django_db

HINT = "Lampirkan bukti dukung"  # the Indonesian hint of the evidence check


def _unverified_page(sumedang_innovation):
    sumedang_innovation.evidence.update(verification_status="unverified")
    return sumedang_innovation


def test_public_sees_no_to_do_and_no_red_cross(client, sumedang_innovation):
    page = _unverified_page(sumedang_innovation)
    body = client.get(page.url).content.decode()
    assert 'class="pending"' in body
    assert HINT not in body
    assert 'class="unmet"' not in body


def test_a_team_member_sees_the_neutral_wording_too(
    client, team_member, sumedang_innovation
):
    page = _unverified_page(sumedang_innovation)
    client.force_login(team_member)
    body = client.get(page.url).content.decode()
    assert HINT not in body


@pytest.mark.parametrize("role", ["sumedang_host", "moderator_user", "superuser"])
def test_authors_and_moderators_see_what_to_do(
    client, request, role, sumedang_innovation
):
    page = _unverified_page(sumedang_innovation)
    client.force_login(request.getfixturevalue(role))
    body = client.get(page.url).content.decode()
    assert HINT in body
    assert 'class="unmet"' in body
