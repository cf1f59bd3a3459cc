from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    SmartCityDimension,
    SpbeAspect,
    SpbeCrosswalk,
    SpbeDomain,
    SpbeFramework,
    SpbeIndicator,
    SpmSector,
    TechnologyTag,
    Theme,
)


def _viewset(model_, icon_, columns, filters=()):
    return type(
        f"{model_.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": model_,
            "icon": icon_,
            "list_display": columns,
            "list_filter": list(filters),
            "search_fields": ["name", "name_en"]
            if hasattr(model_, "name_en")
            else ["name"],
        },
    )


class SpbeFrameworkViewSet(SnippetViewSet):
    """Frameworks with the values still to be confirmed in view; an
    administrator activates a draft by setting its status."""

    model = SpbeFramework
    icon = "list-ol"
    list_display = ["code", "name", "valid_from", "valid_to", "status", "unconfirmed"]
    list_filter = ["status"]
    search_fields = ["code", "name", "regulation"]


def _part_viewset(model_, columns, filters):
    """SPBE parts of every framework (the default manager sees them all),
    filtered by framework, with their unconfirmed values shown."""
    return type(
        f"{model_.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": model_,
            "icon": "list-ol",
            "list_display": [*columns, "unconfirmed"],
            "list_filter": ["framework", *filters],
            "search_fields": ["name", "name_en"],
        },
    )


class SpbeCrosswalkViewSet(SnippetViewSet):
    model = SpbeCrosswalk
    icon = "link"
    list_display = ["source", "target", "relation", "to_be_confirmed"]
    list_filter = ["relation", "to_be_confirmed"]


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 310
    items = (
        _viewset(SmartCityDimension, "tag", ["name", "name_en"]),
        SpbeFrameworkViewSet,
        _part_viewset(SpbeDomain, ["number", "name", "weight", "framework"], []),
        _part_viewset(
            SpbeAspect, ["number", "name", "domain", "weight", "framework"], []
        ),
        _part_viewset(
            SpbeIndicator, ["number", "name", "aspect", "weight", "framework"], []
        ),
        SpbeCrosswalkViewSet,
        _viewset(SpmSector, "tag", ["name", "name_en"]),
        _viewset(Theme, "tag", ["name", "name_en"]),
        _viewset(TechnologyTag, "code", ["name"]),
    )


register_snippet(TaxonomyViewSetGroup)
