"""The case-study editor in a host's section: its host region is given."""

from django.urls import reverse

from wagtail.models import Page

from innovations import hosts
from innovations.models import InnovationIndexPage
from livinglab.regions.models import Region

from .test_moderation import _admin_form


def test_host_section_fills_and_guards_the_host_region(client, superuser):
    sumedang = Region.objects.get(code="32.11")
    section = hosts.host_section(sumedang)
    client.force_login(superuser)
    url = reverse(
        "wagtailadmin_pages:add", args=["innovations", "innovationpage", section.pk]
    )
    form = client.get(url).context["form"]
    assert form.initial["host_region"] == sumedang.pk
    other = Region.objects.get(code="35.78")
    response = client.post(
        url,
        _admin_form(slug="inovasi-uji-admin-form", host_region=str(other.pk)),
    )
    assert response.status_code == 200
    assert "host_region" in response.context["form"].errors
    assert not Page.objects.filter(slug="inovasi-uji-admin-form").exists()
    assert InnovationIndexPage.objects.filter(pk=section.pk).exists()
