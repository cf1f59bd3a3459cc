from django.shortcuts import get_list_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.views.pages.bulk_actions import (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
)

from livinglab.accounts.policy import admin_visible_pages

from . import admin_views
from .admin_forms import slug_taken_message
from .models import InnovationPage


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "innovations/<int:page_id>/publiccode/",
            admin_views.import_publiccode,
            name="innovations_import_publiccode",
        )
    ]


class ImportPubliccodeMenuItem(ActionMenuItem):
    label = _("Import publiccode.yml")
    name = "import-publiccode"
    icon_name = "code"

    def is_shown(self, context):
        page = context.get("page")
        return (
            context["view"] == "edit"
            and isinstance(page.specific if page else None, InnovationPage)
            and page.permissions_for_user(context["request"].user).can_edit()
        )

    def get_url(self, context):
        return reverse("innovations_import_publiccode", args=[context["page"].pk])


@hooks.register("register_page_action_menu_item")
def register_import_publiccode_menu_item():
    return ImportPubliccodeMenuItem(order=900)


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_only_visible_pages(pages, request):
    """The page chooser (browse and search) lists published pages and the
    user's own sections, never another host's drafts."""
    return admin_visible_pages(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def explorer_shows_only_visible_pages(parent_page, pages, request):
    """The explorer listing and its search: as the chooser."""
    return admin_visible_pages(request.user, pages)


class VisiblePagesOnly:
    """A page bulk action that shows and acts on only the pages the user
    may see: Wagtail's own lists every id in ``?id=`` with its title, even
    the pages the user has no access to."""

    def get_queryset(self, model, object_ids):
        pages = model.objects.filter(pk__in=list(object_ids))
        return get_list_or_404(admin_visible_pages(self.request.user, pages))


# Registered after Wagtail's (order 100), so these replace its page bulk actions.
for _action in (
    DeleteBulkAction,
    MoveBulkAction,
    PublishBulkAction,
    UnpublishBulkAction,
):
    hooks.register(
        "register_bulk_action",
        type(_action.__name__, (VisiblePagesOnly, _action), {}),
        order=100,
    )


@hooks.register("before_copy_page")
def copy_keeps_case_study_slugs_unique(request, page):
    """Copying (or aliasing) a page with its subpages would repeat its case
    studies' slugs, which are unique across the site (review finding 2):
    refused with a message, nothing copied. A single case study's copy is
    checked by ``InnovationCopyForm``."""
    if request.method != "POST" or not request.POST.get("copy_subpages"):
        return None
    if not InnovationPage.objects.descendant_of(page).exists():
        return None
    messages.error(
        request,
        _(
            "Copying this page with its subpages would repeat the slugs of "
            "its case studies; copy the case studies one by one with new slugs."
        ),
    )
    return redirect("wagtailadmin_pages:copy", page.pk)


@hooks.register("before_move_page")
def move_keeps_case_study_slugs_unique(request, page, destination):
    """A case study whose slug another one also uses (written before the
    site-wide rule) cannot be saved, so its move is refused with the rule's
    message instead of failing (review finding 2)."""
    specific = getattr(page, "specific", page)
    if isinstance(specific, InnovationPage) and specific.slug_taken():
        messages.error(request, slug_taken_message(specific.slug))
        return redirect("wagtailadmin_pages:move", page.pk)
    return None
