"""The admin's Reports menu links to the link checker's broken links (for
moderators, administrators and host publishers: ``freshness.view_broken_links``)."""

from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem


class BrokenLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("freshness.view_broken_links")


@hooks.register("register_reports_menu_item")
def register_broken_links_menu_item():
    return BrokenLinksMenuItem(
        _("Broken links"),
        reverse_lazy("freshness:broken-links"),
        icon_name="warning",
        order=900,
    )
