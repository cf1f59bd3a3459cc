"""Indicator numbers repeat across frameworks (the draft Indeks Pemerintah
Digital also has an indicator 1): tagging and filtering use the active one."""

import pytest

from livinglab.taxonomy.models import SpbeIndicator

pytestmark = pytest.mark.django_db


def test_the_api_filter_reads_the_active_frameworks_indicator(
    client, sumedang_innovation
):
    draft = SpbeIndicator.objects.exclude(
        pk__in=SpbeIndicator.objects.current().values("pk")
    ).first()
    assert draft is not None, "the draft framework ships indicators"
    active = SpbeIndicator.objects.current().get(number=draft.number)
    sumedang_innovation.spbe_indicators.set([draft])
    sumedang_innovation.save_revision().publish()
    slugs = {
        r["slug"]
        for r in client.get(
            f"/api/v1/innovations/?indicator={active.number}&page_size=100"
        ).json()["results"]
    }
    assert sumedang_innovation.slug not in slugs


def test_the_editor_offers_the_active_frameworks_indicators(
    admin_client, sumedang_innovation
):
    response = admin_client.get(f"/admin/pages/{sumedang_innovation.pk}/edit/")
    assert response.status_code == 200
    field = response.context["form"].fields["spbe_indicators"]
    offered = set(field.queryset.values_list("pk", flat=True))
    current = set(SpbeIndicator.objects.current().values_list("pk", flat=True))
    assert current <= offered
    others = offered - current
    tagged = set(sumedang_innovation.spbe_indicators.values_list("pk", flat=True))
    assert others <= tagged
