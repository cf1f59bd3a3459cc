from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem

from . import admin_views
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
