"""Editor panels of the case study in the Wagtail admin."""

from wagtail.admin.panels import Panel

from .readiness import readiness_for


class ReadinessPanel(Panel):
    """The readiness checklist at the top of the editor, where the host
    submits the case study and a moderator approves it (both act from the
    edit view), so neither sends or approves 0/5 without seeing it. Renders
    ``innovations/panels/readiness.html`` with ``readiness`` (a
    ``readiness.Readiness``) of the page as edited."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "innovations/panels/readiness.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["readiness"] = readiness_for(self.instance)
            return context
