"""The search vocabulary in the Wagtail admin: one "Search vocabulary" menu
with the synonym sets (acronyms, long forms, spelling variants) and the
English -> Indonesian glossary. Saving one re-analyses the case studies it
concerns (search/vocabulary.py) and says how many."""

from django.contrib import messages
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy, ngettext

from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from innovations.models import InnovationPage
from livinglab.base.translation import ORIGINAL_LANGUAGE, reader_language, show_in

from . import service
from .models import GlossaryEntry, QueryWeek, SynonymSet


class SynonymSetCreateView(CreateView):
    """The add form, prefilled from ``?phrases=`` (the "add as synonym" link
    of a searched query)."""

    def get_initial_form_instance(self):
        phrases = " ".join(self.request.GET.get("phrases", "").split())[:200]
        if phrases:
            return SynonymSet(phrases=f"{phrases}, ")
        return super().get_initial_form_instance()


class SynonymSetViewSet(SnippetViewSet):
    model = SynonymSet
    add_view_class = SynonymSetCreateView
    icon = "list-ul"
    list_display = ["phrases", "language", "note", "updated_at"]
    list_filter = ["language"]
    search_fields = ["phrases", "note"]
    ordering = ["phrases"]
    list_per_page = 50


class GlossaryEntryViewSet(SnippetViewSet):
    model = GlossaryEntry
    icon = "openquote"
    list_display = ["english", "indonesian", "updated_at"]
    search_fields = ["english", "indonesian"]
    ordering = ["english"]
    list_per_page = 50


class AddAsSynonymColumn(Column):
    """A link to a new synonym set starting with the query."""

    cell_template_name = "search/admin/add_as_synonym_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["href"] = (
            reverse("wagtailsnippets_search_synonymset:add")
            + "?"
            + urlencode({"phrases": instance.query})
        )
        return context


class QueryWeekViewSet(SnippetViewSet):
    """Searched queries per week, those that found nothing first, and beside
    them how many found something but got no click (QueryWeek.no_click);
    read by moderators, written only by the public search page and its
    result links."""

    model = QueryWeek
    icon = "view"
    list_display = [
        "week",
        "query",
        "searches",
        "zero_results",
        Column("no_click", label=gettext_lazy("No click")),
        AddAsSynonymColumn("add", label=gettext_lazy("Add as synonym")),
    ]
    list_filter = ["week"]
    search_fields = ["query"]
    ordering = ["-week", "-zero_results", "-searches"]
    list_per_page = 50


class SearchVocabularyGroup(SnippetViewSetGroup):
    menu_label = gettext_lazy("Search vocabulary")
    menu_icon = "search"
    menu_name = "search-vocabulary"
    items = (SynonymSetViewSet, GlossaryEntryViewSet, QueryWeekViewSet)


register_snippet(SearchVocabularyGroup)


def _report(request, instance):
    count = getattr(instance, "_reanalysed", None)
    if isinstance(instance, SynonymSet) and count is not None:
        messages.info(
            request,
            ngettext(
                "%(n)s case study using these words was re-analysed for search.",
                "%(n)s case studies using these words were re-analysed for search.",
                count,
            )
            % {"n": count},
        )


@hooks.register("after_create_snippet")
def after_create(request, instance):
    _report(request, instance)


@hooks.register("after_edit_snippet")
def after_edit(request, instance):
    _report(request, instance)


@hooks.register("innovation_page_context")
def related_case_studies(page, request):
    """Related case studies on the case-study page (``innovations.library``
    asks this hook; innovations does not import search). For an English
    reader each is shown as the library shows it: its English title where a
    translation is live, else its Indonesian title with ``text_lang``
    ("id"), and its ``/en/`` address (issue 20; newcomer finding)."""
    related = service.related(page.pk)
    language = reader_language(request)
    if not related or language == ORIGINAL_LANGUAGE:
        return {"related": related}
    pages = {
        shown.slug: shown
        for shown in show_in(
            InnovationPage.objects.published().filter(
                slug__in=[item["slug"] for item in related]
            ),
            language,
        )
    }
    shown_items = []
    for item in related:
        shown = pages.get(item["slug"])
        if shown is None:
            continue
        shown_items.append(
            {
                **item,
                "title": shown.title,
                "url": shown.get_url(request),
                "text_lang": "" if shown.content_language == language else "id",
            }
        )
    return {"related": shown_items}
