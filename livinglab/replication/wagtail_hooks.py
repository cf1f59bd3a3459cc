"""Wagtail hooks of the replication app: the kit button on the case-study
page (``innovation_page_context``; innovations cannot import this app) and
the admin's replaceable document templates (a snippet)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import service
from .forms import TemplateUploadForm
from .models import ReplicationDocumentTemplate


@hooks.register("innovation_page_context")
def replication_kit_button(page, request):
    """``replication_kit``: the include and the regions the signed-in person
    may download the kit for (none: no button)."""
    if not request.user.is_authenticated:
        return {}
    regions = service.offered_regions(request.user, page)
    if not regions:
        return {}
    return {
        "replication_kit": {
            "template": "replication/includes/kit_button.html",
            "regions": regions,
        }
    }


class DocumentTemplateViewSet(SnippetViewSet):
    """Administrators replace a kit document's DOCX template; without a row
    for a kind the default shipped in the repository is used."""

    model = ReplicationDocumentTemplate
    icon = "doc-full"
    menu_label = _("Replication kit templates")
    list_display = ["kind", "file_name", "size", "updated_at"]
    edit_handler = ObjectList(
        [FieldPanel("kind"), FieldPanel("upload")],
        base_form_class=TemplateUploadForm,
    )


register_snippet(DocumentTemplateViewSet)
