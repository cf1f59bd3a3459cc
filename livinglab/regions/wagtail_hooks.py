"""The register in the Wagtail admin: one "Wilayah" menu with its parts."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    NationalSpbeAverage,
    Participation,
    Province,
    Region,
    RegisterAct,
    SpbePredicate,
)


class ProvinceViewSet(SnippetViewSet):
    model = Province
    icon = "site"
    list_display = ["code", "name"]
    search_fields = ["code", "name"]
    ordering = ["code"]


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "home"
    list_display = ["code", "name", "kind", "province"]
    list_filter = ["kind", "province"]
    search_fields = ["code", "name"]
    ordering = ["code"]
    list_per_page = 50


class ParticipationViewSet(SnippetViewSet):
    model = Participation
    icon = "group"
    list_display = ["region", "cohort", "is_host", "joined_on", "is_demonstration"]
    list_filter = ["cohort", "is_host", "is_demonstration"]
    search_fields = ["region__name", "region__code"]


class NationalSpbeAverageViewSet(SnippetViewSet):
    model = NationalSpbeAverage
    icon = "pick"
    list_display = ["year", "index"]


class SpbePredicateViewSet(SnippetViewSet):
    model = SpbePredicate
    icon = "list-ul"
    list_display = ["min_index", "name", "name_en"]


class RegisterActViewSet(SnippetViewSet):
    model = RegisterAct
    icon = "doc-full"
    list_display = ["number", "title", "issued_on"]


class RegisterViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Regions")
    menu_icon = "site"
    menu_order = 300
    items = (
        RegionViewSet,
        ProvinceViewSet,
        ParticipationViewSet,
        NationalSpbeAverageViewSet,
        SpbePredicateViewSet,
        RegisterActViewSet,
    )


register_snippet(RegisterViewSetGroup)
