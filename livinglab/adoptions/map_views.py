"""``/peta/``: the public tile map (docs/MAP.md), a GET form and a page.

The form chooses what colours the map: the SPBE predicate (the default) or
the adoption stage of one published case study, named by its slug. A value
the form does not offer (an unknown slug, a draft or view-restricted case
study, an unknown mode) comes back as a message in the error summary with
status 400 and the default map, never a 500 and never a hidden page's data.
"""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innovations.models import InnovationPage
from livinglab.base.translation import show_in

from .map import MODE_SPBE, MODE_STAGE, build_map


class MapForm(forms.Form):
    """``mode`` (``spbe`` or ``stage``) and ``innovation`` (a published case
    study's slug). Without a mode, a chosen case study means the stage map.
    ``innovations`` is the list of published ``InnovationPage`` offered; a
    slug outside it is refused with a message."""

    mode = forms.ChoiceField(
        label=gettext_lazy("Colour the regions by"),
        choices=[
            (MODE_SPBE, gettext_lazy("SPBE predicate (latest index)")),
            (MODE_STAGE, gettext_lazy("Adoption stage of a case study")),
        ],
        required=False,
        initial=MODE_SPBE,  # what the map shows on first load, checked
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": gettext_lazy(
                "Choose what colours the map: the SPBE predicate or the "
                "adoption stage of a case study."
            )
        },
    )
    innovation = forms.ChoiceField(
        label=gettext_lazy("Case study"),
        required=False,
        error_messages={
            "invalid_choice": gettext_lazy(
                "There is no published case study with that address: choose "
                "one from the list."
            )
        },
    )

    def __init__(self, *args, innovations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pages = {}
        for page in innovations:
            self.pages.setdefault(page.slug, page)
        self.fields["innovation"].choices = [
            ("", _("— Choose a case study —")),
            *((slug, page.title) for slug, page in self.pages.items()),
        ]

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        mode = data.get("mode") or (MODE_STAGE if data.get("innovation") else "")
        data["mode"] = mode or MODE_SPBE
        data["page"] = self.pages.get(data.get("innovation"))
        if data["mode"] == MODE_STAGE and data["page"] is None:
            self.add_error(
                "innovation",
                _("Choose the case study whose adoption stages colour the map."),
            )
        return data


def tile_map(request):
    """The map page. Public; only published case studies are offered or
    shown (``InnovationPage.objects.published()``)."""
    # in the reader's language, ordered by the title shown (two queries more)
    published = sorted(
        show_in(InnovationPage.objects.published().order_by("title", "pk")),
        key=lambda page: (page.title.casefold(), page.pk),
    )
    form = MapForm(request.GET or None, innovations=published)
    mode, page, status = MODE_SPBE, None, 200
    if form.is_bound:
        if form.is_valid():
            mode, page = form.cleaned_data["mode"], form.cleaned_data["page"]
        else:
            status = 400
    tile_map = build_map(mode, page)
    if mode == MODE_STAGE:
        title = _("Map: who replicates “%(title)s”") % {"title": page.title}
    else:
        title = _("Map: SPBE predicate of the regions")
    return render(
        request,
        "adoptions/map.html",
        {
            "form": form,
            "map": tile_map,
            "map_title": title,
            "page_title": _("Map of the regions"),
        },
        status=status,
    )
