"""People in each role, and adoption records built through the pipeline.

Registered as a pytest plugin by tests/conftest.py so every test folder can
use them: ``team_member`` (Kabupaten Garut, 32.05), ``other_team_member``
(Kota Bandung, 32.73), ``coordinator``, ``sumedang_host`` (host publisher of
32.11), ``analyst``, ``moderator_user``, ``superuser``; ``sumedang_innovation``
and ``adoption`` (Garut's record of a Sumedang innovation).
"""

import datetime

from django.contrib.auth.models import Group

import pytest

from innovations.models import InnovationPage
from livinglab.accounts.models import RegionRole
from livinglab.accounts.policy import ANALYSTS, MODERATORS
from livinglab.adoptions import pipeline
from livinglab.regions.models import Region

PASSWORD = "kata-sandi-uji-2026"


def make_user(django_user_model, email, *, region=None, role=None, groups=()):
    user = django_user_model.objects.create_user(email=email, password=PASSWORD)
    if region is not None:
        RegionRole.objects.create(user=user, region=region, role=role)
    for name in groups:
        group, _created = Group.objects.get_or_create(name=name)
        user.groups.add(group)
    return user


@pytest.fixture
def garut(db):
    return Region.objects.get(code="32.05")


@pytest.fixture
def bandung(db):
    return Region.objects.get(code="32.73")


@pytest.fixture
def sumedang(db):
    return Region.objects.get(code="32.11")


@pytest.fixture
def team_member(django_user_model, garut):
    return make_user(
        django_user_model,
        "tim@garutkab.go.id",
        region=garut,
        role=RegionRole.Role.MEMBER,
    )


@pytest.fixture
def coordinator(django_user_model, garut):
    return make_user(
        django_user_model,
        "koordinator@garutkab.go.id",
        region=garut,
        role=RegionRole.Role.COORDINATOR,
    )


@pytest.fixture
def other_team_member(django_user_model, bandung):
    return make_user(
        django_user_model,
        "tim@bandung.go.id",
        region=bandung,
        role=RegionRole.Role.MEMBER,
    )


@pytest.fixture
def sumedang_host(django_user_model, sumedang):
    return make_user(
        django_user_model,
        "penerbit@sumedangkab.go.id",
        region=sumedang,
        role=RegionRole.Role.HOST_PUBLISHER,
    )


@pytest.fixture
def analyst(django_user_model):
    return make_user(django_user_model, "analis@kemendagri.go.id", groups=[ANALYSTS])


@pytest.fixture
def moderator_user(django_user_model):
    return make_user(
        django_user_model, "moderator2@kemendagri.go.id", groups=[MODERATORS]
    )


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(
        email="root@livinglab.test", password=PASSWORD
    )


@pytest.fixture
def sumedang_innovation(db, sumedang):
    return (
        InnovationPage.objects.live()
        .originals()
        .filter(host_region=sumedang)
        .order_by("title")
        .first()
    )


@pytest.fixture
def adoption(garut, sumedang_innovation, team_member):
    """Garut's fresh record (interest only) of a Sumedang innovation; any demo
    record for the pair is removed first so the test starts from a known state."""
    from livinglab.adoptions.models import Adoption

    Adoption.objects.filter(region=garut, innovation=sumedang_innovation).delete()
    return pipeline.start_adoption(
        region=garut,
        innovation=sumedang_innovation,
        date=datetime.date(2026, 1, 5),
        actor=team_member,
        note="Surat minat dikirim.",
    )
