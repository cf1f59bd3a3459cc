"""What the questions app adds to the layers below it, through their hooks
(innovations and notifications may not import this app):

* ``innovation_search_text``: the public FAQ of a case study (each question
  with its public answers, none hidden) as plain text searched with it;
* ``case_study_feed_items``: one Atom entry per public FAQ answer in the case
  study's own feed, linked to the question on the page (``#faq-<id>``) and
  dated when the answer was published as FAQ.

Both read ``services.faq``: a hidden question or answer, or one not public,
is never included. The feed itself serves published, unrestricted case
studies only (``notifications.feeds.CaseStudyFeed``).
"""

from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail import hooks

from innovations.search import INNOVATION_SEARCH_TEXT_HOOK
from livinglab.notifications.feeds import CASE_STUDY_FEED_ITEMS_HOOK, Entry

from . import services


@hooks.register(INNOVATION_SEARCH_TEXT_HOOK)
def faq_search_text(page):
    """The public FAQ of ``page`` (an InnovationPage) as one plain text:
    questions and their public answers, oldest first ("" when none)."""
    return " ".join(
        " ".join([question.text, *(a.text for a in question.faq_answers)])
        for question in services.faq(page)
    )


def faq_anchor(question):
    """The id of a FAQ question on the case-study page (faq_section.html)."""
    return f"faq-{question.pk}"


@hooks.register(CASE_STUDY_FEED_ITEMS_HOOK)
def faq_feed_entries(page):
    """One ``Entry`` per public, non-hidden answer of a non-hidden question
    of ``page``: the question as title, the answer as text, the page's FAQ
    anchor as link, the time it was published as FAQ as date."""
    base = page.url or "/"
    return [
        Entry(
            title=_("FAQ: %(question)s")
            % {"question": Truncator(" ".join(question.text.split())).chars(100)},
            description=answer.text,
            link=f"{base}#{faq_anchor(question)}",
            date=answer.public_at or answer.created_at,
            guid=f"faq-answer:{answer.pk}",
        )
        for question in services.faq(page)
        for answer in question.faq_answers
    ]
