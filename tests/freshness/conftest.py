import pytest

from innovations.models import InnovationIndexPage


@pytest.fixture
def library(db):
    return InnovationIndexPage.objects.get(slug="inovasi", locale__language_code="id")
