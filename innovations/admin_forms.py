"""Forms of the Wagtail page editor (no imports of this app's models:
models.py uses them)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from livinglab.taxonomy.models import SpbeIndicator


class InnovationPageForm(WagtailAdminPageForm):
    """The case-study editor: a page written in a host's own section belongs to
    that host, so the host region is filled in and cannot be another region."""

    def _section_region(self):
        parent = getattr(self.parent_page, "specific", None)
        return getattr(parent, "host_region", None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region = self._section_region()
        adding = self.instance._state.adding
        if region is not None and adding and not self.initial.get("host_region"):
            self.initial["host_region"] = region.pk
        indicators = self.fields.get("spbe_indicators")
        if indicators is not None:
            # The active framework's indicators (a draft framework's would
            # repeat the numbers), plus any the page is already tagged with.
            tagged = [] if adding else list(self.initial.get("spbe_indicators") or [])
            tagged_ids = [getattr(t, "pk", t) for t in tagged]
            indicators.queryset = SpbeIndicator.objects.filter(
                Q(pk__in=SpbeIndicator.objects.current().values("pk"))
                | Q(pk__in=tagged_ids)
            )

    def clean(self):
        cleaned = super().clean()
        region = self._section_region()
        chosen = cleaned.get("host_region")
        if region is not None and chosen is not None and chosen != region:
            self.add_error(
                "host_region",
                _("Case studies in the section of %(region)s belong to %(region)s.")
                % {"region": region.name},
            )
        return cleaned
