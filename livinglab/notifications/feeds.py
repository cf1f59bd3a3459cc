"""Atom feeds (issue 18.4), with Django's syndication framework.

* ``/umpan/studi-kasus/``: new case studies;
* ``/umpan/wilayah/<code>/``: case studies hosted in a region and the steps
  of the adoptions there;
* ``/umpan/indikator/<number>/``: case studies that lift an SPBE indicator
  of the current framework;
* ``/umpan/studi-kasus/<slug>/``: one case study's changes (each publication
  of a new revision, each region that registers interest) and the entries
  the apps above add by answering the Wagtail hook ``case_study_feed_items``
  (``fn(page)`` -> a list of ``Entry``; the questions app gives one per
  public FAQ answer), without notifications importing them.

Every case study comes from ``InnovationPage.objects.published()``: never a
draft, an unpublished page or one under a view restriction (a restricted or
unpublished case study's own feed is a 404). Only what the public pages show
is written: titles, summaries, region names, stages and dates (never an
adoption's notes). Under ``/en/`` the feed's own words are English, and each
case study's title and summary are its live English translation's
(``livinglab.base.translation.show_in``; never a draft); an untranslated
case study's entry stays Indonesian and says so with ``xml:lang="id"`` (an
entry's ``xml:lang`` is written only where it differs from the feed's). The
Indonesian feeds are the originals'.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import PageLogEntry

from innovations.models import InnovationPage
from livinglab.adoptions.models import Stage, StageEvent
from livinglab.base.translation import reader_language, show_in
from livinglab.regions.models import Region
from livinglab.taxonomy.models import SpbeIndicator

LIMIT = 50
# fn(page) -> [Entry]: more entries of a published case study's own feed
CASE_STUDY_FEED_ITEMS_HOOK = "case_study_feed_items"


@dataclass(frozen=True)
class Entry:
    """One feed entry: ``link`` a path on this site, ``date`` aware;
    ``language`` the language of its text when it may differ from the
    feed's (``"id"``/``"en"``; empty: the feed's)."""

    title: str
    description: str
    link: str
    date: datetime.datetime
    guid: str
    language: str = ""


def _at_midnight(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _shown(pages):
    """``pages`` (originals) shown in the reader's language (the URL
    prefix): their live translation's text where one exists."""
    return show_in(pages, reader_language())


def _case_study_entries(pages):
    pages = list(pages)
    _shown(pages)
    return [
        Entry(
            title=page.title,
            description=page.summary,
            link=page.url or "/",
            date=page.first_published_at or page.last_published_at or timezone.now(),
            guid=f"case-study:{page.pk}",
            language=page.content_language,
        )
        for page in pages
    ]


def _step_entries(events, with_region=True, with_innovation=True):
    events = list(events)
    if with_innovation:
        _shown([event.adoption.innovation for event in events])
    entries = []
    for event in events:
        adoption = event.adoption
        parts = []
        if with_region:
            parts.append(adoption.region.name)
        if with_innovation:
            parts.append(adoption.innovation.title)
        entries.append(
            Entry(
                title=_("%(who)s: %(stage)s")
                % {"who": " · ".join(parts), "stage": Stage(event.to_stage).label},
                description=_("Replication step recorded on %(date)s.")
                % {"date": event.date.isoformat()},
                link=adoption.innovation.url or "/",
                date=_at_midnight(event.date),
                guid=f"adoption-step:{event.pk}",
            )
        )
    return entries


def _published_events():
    """Steps of adoptions whose case study is published."""
    return StageEvent.objects.filter(
        adoption__innovation__in=InnovationPage.objects.published()
    ).select_related("adoption__region", "adoption__innovation")


def _newest(entries):
    return sorted(entries, key=lambda e: (e.date, e.guid), reverse=True)[:LIMIT]


class _LanguageAtom1Feed(Atom1Feed):
    """Atom with ``xml:lang`` on an entry whose text is not in the feed's
    language (an untranslated case study in an English feed)."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        language = item.get("content_language")
        if language and language != self.feed["language"]:
            attributes["xml:lang"] = language
        return attributes


class _AtomFeed(Feed):
    feed_type = _LanguageAtom1Feed

    def item_extra_kwargs(self, item):
        return {"content_language": item.language}

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_pubdate(self, item):
        return item.date

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False


class NewCaseStudiesFeed(_AtomFeed):
    """The newest published case studies."""

    def title(self):
        return _("New case studies · Digital Service Living Lab")

    def subtitle(self):
        return _("Case studies newly published on the Living Lab.")

    def link(self):
        return "/"

    def items(self):
        pages = InnovationPage.objects.published().order_by(
            "-first_published_at", "-pk"
        )[:LIMIT]
        return _case_study_entries(pages)


class RegionFeed(_AtomFeed):
    """A region: the case studies it hosts and its adoptions' steps."""

    def get_object(self, request, code):
        return get_object_or_404(Region, code=code)

    def title(self, region):
        return _("%(region)s · Digital Service Living Lab") % {"region": region.name}

    def subtitle(self, region):
        return _("Case studies hosted in %(region)s and its replication steps.") % {
            "region": region.name
        }

    def link(self, region):
        return reverse("regions:detail", args=[region.code])

    def items(self, region):
        hosted = InnovationPage.objects.published().filter(host_region=region)
        hosted = hosted.order_by("-first_published_at")[:LIMIT]
        events = _published_events().filter(adoption__region=region)
        events = events.order_by("-date", "-pk")[:LIMIT]
        return _newest(
            _case_study_entries(hosted) + _step_entries(events, with_region=False)
        )


class IndicatorFeed(_AtomFeed):
    """Case studies tagged with one indicator of the current SPBE framework."""

    def get_object(self, request, number):
        return get_object_or_404(SpbeIndicator.objects.current(), number=number)

    def title(self, indicator):
        return _("SPBE indicator %(indicator)s · Digital Service Living Lab") % {
            "indicator": str(indicator)
        }

    def subtitle(self, indicator):
        return _("Case studies that lift SPBE indicator %(indicator)s.") % {
            "indicator": str(indicator)
        }

    def link(self, indicator):
        return reverse("spbe:indicator", args=[indicator.number])

    def items(self, indicator):
        pages = (
            InnovationPage.objects.published()
            .filter(spbe_indicators=indicator)
            .order_by("-first_published_at", "-pk")[:LIMIT]
        )
        return _case_study_entries(pages)


class CaseStudyFeed(_AtomFeed):
    """One published case study's changes: new revisions published,
    regions registering interest, and the entries of the apps answering
    ``CASE_STUDY_FEED_ITEMS_HOOK`` (its public FAQ)."""

    def get_object(self, request, slug):
        page = get_object_or_404(InnovationPage.objects.published(), slug=slug)
        _shown([page])
        return page

    def title(self, page):
        return _("Changes to %(title)s · Digital Service Living Lab") % {
            "title": page.title
        }

    def subtitle(self, page):
        return page.summary

    def link(self, page):
        return page.url or "/"

    def items(self, page):
        published = list(
            PageLogEntry.objects.filter(page=page, action="wagtail.publish")
            .order_by("timestamp", "pk")
            .values_list("pk", "timestamp")
        )
        entries = [
            Entry(
                title=(_("Published: %(title)s") if i == 0 else _("Updated: %(title)s"))
                % {"title": page.title},
                description=page.summary,
                link=page.url or "/",
                date=timestamp,
                guid=f"case-study:{page.pk}:publish:{pk}",
                language=page.content_language,
            )
            for i, (pk, timestamp) in enumerate(published)
        ]
        adopters = (
            _published_events()
            .filter(adoption__innovation=page, to_stage=Stage.INTEREST)
            .order_by("-date", "-pk")[:LIMIT]
        )
        entries += [
            Entry(
                title=_("New adopter: %(region)s") % {"region": e.adoption.region.name},
                description=_("%(region)s registered interest on %(date)s.")
                % {"region": e.adoption.region.name, "date": e.date.isoformat()},
                link=page.url or "/",
                date=_at_midnight(e.date),
                guid=f"adoption-step:{e.pk}",
            )
            for e in adopters
        ]
        for fn in hooks.get_hooks(CASE_STUDY_FEED_ITEMS_HOOK):
            entries += fn(page)
        return _newest(entries)
