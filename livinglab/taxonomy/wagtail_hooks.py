from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    SmartCityDimension,
    SpbeAspect,
    SpbeDomain,
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


class TaxonomyViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Taxonomies")
    menu_icon = "tag"
    menu_order = 310
    items = (
        _viewset(SmartCityDimension, "tag", ["name", "name_en"]),
        _viewset(SpbeDomain, "list-ol", ["number", "name", "weight"]),
        _viewset(SpbeAspect, "list-ol", ["number", "name", "domain"], ["domain"]),
        _viewset(SpbeIndicator, "list-ol", ["number", "name", "aspect"], ["aspect"]),
        _viewset(SpmSector, "tag", ["name", "name_en"]),
        _viewset(Theme, "tag", ["name", "name_en"]),
        _viewset(TechnologyTag, "code", ["name"]),
    )


register_snippet(TaxonomyViewSetGroup)
