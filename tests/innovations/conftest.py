from django.contrib.auth.models import Group

import pytest

from innovations.models import InnovationIndexPage


@pytest.fixture
def library(db):
    return InnovationIndexPage.objects.get(slug="inovasi", locale__language_code="id")


@pytest.fixture
def host_publisher(django_user_model):
    """A host team member: may write and submit pages, not publish them."""
    user = django_user_model.objects.create_user(
        email="penulis@sumedangkab.go.id", password="x"
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user(
        email="moderator@kemendagri.go.id", password="x"
    )
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


@pytest.fixture
def admin_user(django_user_model):
    return django_user_model.objects.create_superuser(
        email="admin@example.test", password="x"
    )
