"""Fixtures shared by the translation tests (issue 20): the Indonesian
original of tte-sumedang (demo data), a translator and a moderator."""

import pytest

from innovations.models import InnovationPage
from livinglab.accounts.policy import MODERATORS, TRANSLATORS
from tests.roles import make_user

SLUG = "tte-sumedang"


@pytest.fixture
def original(db):
    return InnovationPage.objects.get(slug=SLUG, locale__language_code="id")


@pytest.fixture
def translator(django_user_model):
    return make_user(
        django_user_model, "penerjemah@kemendagri.go.id", groups=[TRANSLATORS]
    )


@pytest.fixture
def moderator(django_user_model):
    return make_user(
        django_user_model, "moderator3@kemendagri.go.id", groups=[MODERATORS]
    )
