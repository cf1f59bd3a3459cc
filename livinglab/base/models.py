from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

# Apps above this core layer (case studies, adoptions) add sections to the
# home page through this Wagtail hook instead of being imported here
# (docs/ARCHITECTURE.md "Layers"). A hook is ``fn(request)`` returning None or a dict with
# ``template`` (rendered with the dict as ``section``) and what it reads.
HOME_PAGE_SECTIONS_HOOK = "home_page_sections"


class HomePage(Page):
    """The site root: introduces the programme and points to its parts."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = RichTextField(
        _("body"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul", "h2", "h3"],
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """Adds ``sections``: what other apps contribute (latest and most
        replicated case studies), in hook order."""
        context = super().get_context(request, *args, **kwargs)
        sections = (fn(request) for fn in hooks.get_hooks(HOME_PAGE_SECTIONS_HOOK))
        context["sections"] = [section for section in sections if section]
        return context
