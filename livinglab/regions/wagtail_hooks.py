"""The register in the Wagtail admin: one "Wilayah" menu with its parts."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    NationalSpbeAverage,
    Participation,
    Province,
    Region,
    RegisterAct,
    SpbePredicate,
    SpbeScore,
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
    list_display = ["code", "name", "kind", "province", "is_administrative"]
    list_filter = ["kind", "province", "is_administrative"]
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
    list_display = ["year", "index", "source"]


class SpbeScoreViewSet(SnippetViewSet):
    """Official indices beside the ones computed from the levels; a
    difference above 0.01 is flagged for analysts (``is_flagged``)."""

    model = SpbeScore
    icon = "pick"
    list_display = [
        "region",
        "year",
        Column("index", label=_("official index")),
        Column("computed_index", label=_("computed index")),
        Column("difference", label=_("difference")),
        BooleanColumn("is_flagged", label=_("differs by more than 0.01")),
    ]
    list_filter = ["year"]
    search_fields = ["region__name", "region__code"]
    list_per_page = 50

    def get_queryset(self, request):
        return (
            SpbeScore.objects.with_computed_index()
            .select_related("region")
            .order_by("region__code", "year")
        )


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
        SpbeScoreViewSet,
        NationalSpbeAverageViewSet,
        SpbePredicateViewSet,
        RegisterActViewSet,
    )


register_snippet(RegisterViewSetGroup)
