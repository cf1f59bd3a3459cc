"""What a case study contributes to search, declared by its owner (as
models declare ``search_fields`` for Wagtail's own search): which pages are
indexable, their text, and their facets. ``search`` (the generic layer
above) reads these; it walks no relation of ``InnovationPage`` itself.

* ``indexable()``: the published, public case studies with what the
  document needs prefetched;
* ``page_text(page)``: ``{"title", "summary", "body", "extra"}`` (plain text);
  the apps above add their text of a case study to ``extra`` by answering
  the Wagtail hook ``innovation_search_text`` (``fn(page)`` -> plain text:
  the questions app gives the public FAQ) without innovations importing them;
* ``translated_text(translation)``: the same keys for a case study's live
  English translation (its translated prose only: title, summary, body,
  problem and solution), searched by English queries (issue 20);
* ``FACETS`` (name → label) and ``facet_values(page, replication_count)``:
  ``{facet: [values]}``; a value is what the address carries and is shown.
"""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks

from livinglab.base.html import html_to_text
from livinglab.taxonomy.models import SpbeIndicator

from .models import InnovationPage

# fn(page) -> plain text searched with the case study (in its "extra" text)
INNOVATION_SEARCH_TEXT_HOOK = "innovation_search_text"


def indexable():
    """The case studies search may show (``InnovationPage.objects.published()``:
    live, no view restriction) with the relations their document reads."""
    return (
        InnovationPage.objects.published()
        .with_taxonomy()
        .prefetch_related("source_code_links", "training_materials", "evidence")
    )


def _body_text(page):
    return " ".join(
        html_to_text(block.render())
        if block.block_type != "rich_text"
        else html_to_text(block.value.source)
        for block in page.body
    )


def translated_text(translation):
    """The plain text search indexes of a case study's translation (a page
    of ``livinglab.base.translation.live_translations``): ``{"title",
    "summary", "body", "extra"}``, ``extra`` being its problem and solution.
    Names, technologies and the FAQ stay with the original's text."""
    return {
        "title": translation.title,
        "summary": translation.summary,
        "body": _body_text(translation),
        "extra": " ".join([translation.problem, translation.solution]),
    }


def page_text(page):
    """The plain text search indexes of a case study: title, summary, the
    body (block by block) and the rest (problem, solution, OPD, names of its
    training, evidence, technologies and repositories, and what the apps
    answering ``INNOVATION_SEARCH_TEXT_HOOK`` add: the public FAQ)."""
    body = _body_text(page)
    extra = " ".join(
        [page.problem, page.solution, page.opd]
        + [m.title for m in page.training_materials.all()]
        + [e.title for e in page.evidence.all()]
        + [t.name for t in page.technologies.all()]
        + [link.name for link in page.source_code_links.all()]
        + [link.description_id for link in page.source_code_links.all()]
        + [fn(page) for fn in hooks.get_hooks(INNOVATION_SEARCH_TEXT_HOOK)]
    )
    return {"title": page.title, "summary": page.summary, "body": body, "extra": extra}


FACETS = {
    "dimension": _("Smart City dimension"),
    "spbe_domain": _("SPBE domain"),
    "spbe_indicator": _("SPBE indicator"),
    "spm": _("SPM basic service"),
    "theme": _("Theme"),
    "province": _("Province"),
    "host": _("Host region"),
    "technology": _("Technology"),
    "licence": _("Licence"),
    "has_source_code": _("Source code"),
    "has_training": _("Training material"),
    "replication": _("Replications"),
    "year": _("Year launched"),
}
YES, NO = "ya", "tidak"


def replication_bucket(count):
    if count <= 0:
        return "0"
    if count <= 2:
        return "1-2"
    if count <= 5:
        return "3-5"
    return "6+"


def facet_values(page, replication_count=0):
    """Facet values of a live case study (relations should be prefetched)."""
    links = list(page.source_code_links.all())
    # The SPBE facets speak the active framework: a page may also carry
    # indicators of another (a draft's aspects have no domain, and its
    # numbers repeat the active one's).
    current = set(
        SpbeIndicator.objects.current().values_list("framework_id", flat=True)[:1]
    )
    indicators = [i for i in page.spbe_indicators.all() if i.framework_id in current]
    return {
        "dimension": sorted(d.name for d in page.dimensions.all()),
        "spbe_domain": sorted(
            {i.aspect.domain.name for i in indicators if i.aspect.domain_id}
        ),
        "spbe_indicator": sorted(
            {f"{i.number}. {i.name}" for i in indicators},
            key=lambda v: int(v.split(".")[0]),
        ),
        "spm": sorted(s.name for s in page.spm_sectors.all()),
        "theme": sorted(t.name for t in page.themes.all()),
        "province": [page.host_region.province.name],
        "host": [page.host_region.name],
        "technology": sorted({t.name for t in page.technologies.all()}),
        "licence": sorted({link.license for link in links if link.license}),
        "has_source_code": [YES if links else NO],
        "has_training": [YES if page.training_materials.all() else NO],
        "replication": [replication_bucket(replication_count)],
        "year": [str(page.year_launched)],
    }
