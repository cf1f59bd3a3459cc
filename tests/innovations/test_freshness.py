"""A case study's freshness: publishing counts as the host confirming it."""

import datetime

from django.utils import timezone

import pytest

from innovations.factories import InnovationPageFactory

pytestmark = pytest.mark.django_db


def test_a_just_published_case_study_is_not_out_of_date(library, client):
    page = InnovationPageFactory(parent=library, last_confirmed=None)
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.confirmed_on == timezone.localdate()
    assert not page.is_stale
    body = client.get(page.url).content.decode()
    assert "Mungkin sudah tidak mutakhir" not in body


def test_a_publication_long_ago_without_confirmation_is_stale(library):
    page = InnovationPageFactory(parent=library, last_confirmed=None)
    page.save_revision().publish()
    page.last_published_at = timezone.now() - datetime.timedelta(days=400)
    assert page.is_stale


def test_the_later_of_confirmation_and_publication_counts(library):
    page = InnovationPageFactory(parent=library)
    page.last_published_at = timezone.now() - datetime.timedelta(days=400)
    page.last_confirmed = timezone.localdate() - datetime.timedelta(days=10)
    assert page.confirmed_on == page.last_confirmed
    assert not page.is_stale
