"""The accounts that answer for a case study is decided once, in
``accounts.policy.answering_user_ids`` (review finding 9): the host-side
notifications (interest, questions) reach exactly the active accounts that
the answering rules (``is_host_publisher_of``, ``is_mentor_of``) name."""

import pytest

from innovations.models import Mentor
from livinglab.accounts import policy
from livinglab.notifications import events

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentors(django_user_model, sumedang_innovation):
    """A mentor with an account (e-mail in other case), an inactive one,
    a mentor without an account and one without an e-mail."""
    active = django_user_model.objects.create_user(
        email="mentor.aktif@sumedangkab.go.id", password="x"
    )
    inactive = django_user_model.objects.create_user(
        email="mentor.pensiun@sumedangkab.go.id", password="x", is_active=False
    )
    for name, email in [
        ("Aktif", "Mentor.Aktif@SumedangKab.go.id"),
        ("Pensiun", "mentor.pensiun@sumedangkab.go.id"),
        ("Tanpa akun", "tanpa.akun@sumedangkab.go.id"),
        ("Tanpa surel", ""),
    ]:
        Mentor.objects.create(page=sumedang_innovation, name=name, email=email)
    return active, inactive


def test_the_rule_lives_in_policy_and_events_use_it(
    sumedang_innovation, sumedang_host, mentors
):
    active, inactive = mentors
    ids = policy.answering_user_ids(sumedang_innovation)
    assert ids == {sumedang_host.pk, active.pk}
    assert inactive.pk not in ids
    assert events.host_side_ids(sumedang_innovation) == ids


def test_the_ids_agree_with_the_answering_predicates(
    django_user_model, sumedang_innovation, sumedang_host, team_member, mentors
):
    ids = policy.answering_user_ids(sumedang_innovation)
    for user in django_user_model.objects.all():
        answers = user.is_active and (
            policy.is_host_publisher_of(user, sumedang_innovation)
            or policy.is_mentor_of(user, sumedang_innovation)
        )
        assert (user.pk in ids) == bool(answers), user.email
