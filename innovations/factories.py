"""Test factories for case studies (wagtail-factories / factory_boy)."""

import datetime

import factory
import wagtail_factories

from livinglab.regions.models import Region

from .models import InnovationPage, SourceCodeLink, SpbeEvidence, TrainingMaterial


class InnovationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Inovasi Uji {n}")
    slug = factory.Sequence(lambda n: f"inovasi-uji-{n}")
    host_region = factory.LazyFunction(lambda: Region.objects.get(code="32.11"))
    opd = "Diskominfo"
    year_launched = 2022
    maturity = InnovationPage.Maturity.OPERATIONAL
    summary = "Ringkasan inovasi uji."
    last_confirmed = factory.LazyFunction(datetime.date.today)

    class Meta:
        model = InnovationPage


class SourceCodeLinkFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(InnovationPageFactory)
    url = "https://git.example.go.id/app"
    license = "MIT"

    class Meta:
        model = SourceCodeLink


class TrainingMaterialFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(InnovationPageFactory)
    title = "Rekaman bimtek"
    kind = TrainingMaterial.Kind.BIMTEK
    url = "https://video.example.go.id/bimtek"

    class Meta:
        model = TrainingMaterial


class SpbeEvidenceFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(InnovationPageFactory)
    title = "Perbup"
    url = "https://jdih.example.go.id/perbup.pdf"
    year = 2024

    class Meta:
        model = SpbeEvidence
