from django.db import router
from django.db.models.deletion import Collector, ProtectedError
from django.shortcuts import redirect
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    NationalApplication,
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


class NationalApplicationViewSet(SnippetViewSet):
    """National applications (Perpres 82/2023) with their legal basis and
    what is still to be confirmed in view."""

    model = NationalApplication
    icon = "globe"
    list_display = ["name", "owner", "legal_basis", "to_be_confirmed"]
    search_fields = ["name", "owner", "purpose", "legal_basis"]


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
        NationalApplicationViewSet,
    )


register_snippet(TaxonomyViewSetGroup)


def _protected_by(instances):
    """The objects (e.g. a case study's link to a national application)
    whose ``on_delete=PROTECT`` keeps ``instances`` from being deleted;
    empty when they may be deleted. Nothing is deleted."""
    if not instances:
        return []
    collector = Collector(using=router.db_for_write(type(instances[0])))
    try:
        collector.collect(list(instances))
    except ProtectedError as exc:
        return list(exc.protected_objects)
    return []


@hooks.register("before_delete_snippet")
def refuse_deleting_terms_in_use(request, instances):
    """Deleting a taxonomy term that case studies still use (e.g. a national
    application, ``on_delete=PROTECT``) is refused with a message naming
    them, instead of a ProtectedError (500); nothing is deleted (review
    finding 3). Asked before the single and the bulk delete."""
    instances = [i for i in instances if i._meta.app_label == "taxonomy"]
    protected = _protected_by(instances)
    if not protected:
        return None
    # A link row names its case study through ``page``: this app does not
    # import the case studies' app (layers).
    users = sorted({str(getattr(obj, "page", obj)) for obj in protected})
    messages.error(
        request,
        gettext_now(
            "“%(term)s” cannot be deleted: case studies still use it "
            "(%(users)s). Remove it from them first."
        )
        % {"term": ", ".join(str(i) for i in instances), "users": "; ".join(users)},
    )
    meta = instances[0]._meta
    return redirect(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:list")
