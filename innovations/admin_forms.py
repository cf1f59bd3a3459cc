"""Forms of the Wagtail page editor (no imports of this app's models:
models.py uses them)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm

from livinglab.taxonomy.models import SpbeIndicator

# Who may verify bukti dukung (a Wagtail group permission of moderators): the
# evidence's verification panel (models.SpbeEvidence) and the editor's form
# below both read it.
VERIFY_EVIDENCE = "innovations.verify_evidence"


def slug_taken_message(slug):
    """The model's, copy form's and move guard's message when a case-study
    slug is already in use (``models.InnovationPage.slug_taken``)."""
    return _(
        "Another case study already uses the slug “%(slug)s”: a case "
        "study's slug must be unique across the whole site."
    ) % {"slug": slug}


class InnovationCopyForm(CopyForm):
    """Wagtail's copy form checks the new slug only among the new parent's
    children; a case study's slug is unique across the site, so a copy (or
    alias) with a slug another case study uses is a form error."""

    def clean(self):
        cleaned = super().clean()
        slug = cleaned.get("new_slug")
        if slug and self.page.specific_class.objects.filter(slug=slug).exists():
            self.add_error("new_slug", slug_taken_message(slug))
        return cleaned


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
        self._keep_verification_to_moderators()
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

    def _keep_verification_to_moderators(self):
        """Wagtail hides the evidence's verification panel from those without
        ``innovations.verify_evidence`` (``SpbeEvidence.panels``) but an
        InlinePanel's child forms keep the field: it then came back empty and
        required, so a host publisher could not submit a page with evidence,
        and a forged POST could mark its own evidence verified. Without the
        permission the field leaves every evidence form, so the stored status
        stays as it is (new evidence: not yet verified)."""
        user = self.for_user
        formset = self.formsets.get("evidence")
        if formset is None or (user is not None and user.has_perm(VERIFY_EVIDENCE)):
            return
        for form in [*formset.forms, formset.empty_form]:
            form.fields.pop("verification_status", None)

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

    def is_valid(self):
        # The inline formsets are cleaned after the page's own ``clean()``.
        valid = super().is_valid()
        return self._check_levels_reached() and valid

    def _check_levels_reached(self):
        """Each SPBE level the host states (the ``spbe_levels`` inline) must be
        on an indicator the page is tagged with: otherwise the page is not
        saved and the tags field says which indicator is wrong (a second row
        for one indicator is the inline formset's own uniqueness error).
        Returns False when it added an error."""
        formset = self.formsets.get("spbe_levels")
        cleaned = getattr(self, "cleaned_data", None)
        if formset is None or cleaned is None or "spbe_indicators" not in self.fields:
            return True
        if "spbe_indicators" not in cleaned:
            return True  # the tags field has its own error already
        tagged = {i.pk for i in cleaned["spbe_indicators"]}
        untagged = []
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            indicator = data.get("indicator")
            if indicator is None or data.get("DELETE"):
                continue
            if indicator.pk not in tagged:
                untagged.append(indicator.number)
        if untagged:
            self.add_error(
                "spbe_indicators",
                _(
                    "A level reached is stated for indicator %(numbers)s, but this "
                    "case study is not tagged with it: tag the indicator or remove "
                    "the level."
                )
                % {"numbers": ", ".join(str(n) for n in sorted(set(untagged)))},
            )
        return not untagged
