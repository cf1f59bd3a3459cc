"""What happens to questions and answers (issue 18.1), for the views, the
API and the template tag alike.

* ``ask`` / ``answer`` store a cleaned text and notify (in-app, and e-mail
  per preference through the notifications app's job): a question goes to
  the host's publishers and the mentors with an account (matched by
  e-mail); an answer to the asker, or, when the asker follows up, back to
  the host side;
* ``rate_limited(user)``: whether the person has asked
  ``settings.QUESTIONS_PER_HOUR`` questions in the last hour (counted in
  the database, so every app server counts the same);
* ``faq(page)``: the FAQ of a case study; ``visible_questions(user, page)``;
* ``add_sides(answers)``: who wrote each answer, as the public may read it
  (the host, a mentor, the asking region, a moderator, an administrator),
  in a constant number of queries;
* ``unanswered(user)``: questions nobody but the asker answered yet, those
  open ``settings.QUESTIONS_UNANSWERED_DAYS`` days or more marked overdue;
* ``response_times()``: the median response time per host region.
"""

import datetime
import statistics

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from innovations.models import InnovationPage, Mentor
from livinglab.accounts import policy
from livinglab.accounts.models import RegionRole
from livinglab.accounts.policy import MODERATORS
from livinglab.base.html import clean_text
from livinglab.notifications import events
from livinglab.notifications.events import host_side_ids
from livinglab.notifications.models import Notification
from livinglab.regions.models import Region

from .models import Answer, Question


def thread_url(question):
    """The path of a question's thread."""
    return reverse("questions:thread", args=[question.pk])


def rate_limited(user, now=None):
    """Whether ``user`` has already asked ``settings.QUESTIONS_PER_HOUR``
    questions in the hour before ``now``."""
    now = now or timezone.now()
    recent = Question.objects.filter(
        author=user, created_at__gte=now - datetime.timedelta(hours=1)
    ).count()
    return recent >= settings.QUESTIONS_PER_HOUR


def team_region_of(user):
    """The region a person asks for: their first team region (member or
    coordinator), or None (an administrator)."""
    return (
        RegionRole.objects.filter(
            user=user,
            role__in=[RegionRole.Role.MEMBER, RegionRole.Role.COORDINATOR],
        )
        .order_by("region_id")
        .values_list("region_id", flat=True)
        .first()
    )


def _short(text):
    return Truncator(" ".join(text.split())).chars(80)


@transaction.atomic
def ask(question):
    """Store an unsaved, authorised ``Question`` (its text cleaned again
    here) and notify the host side; returns the question."""
    question.text = clean_text(question.text)
    question.save()
    page = question.innovation
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Question about %(title)s: %(text)s") % {
            "title": page.title,
            "text": _short(question.text),
        }
    events.notify(
        host_side_ids(page),
        Notification.Kind.QUESTION,
        title,
        thread_url(question),
        exclude=question.author_id,
    )
    return question


@transaction.atomic
def answer(question, author, text):
    """Add ``author``'s answer (cleaned) to ``question``'s thread and notify:
    the asker, or the host side when the asking region's team writes (the
    asker or a teammate following up). Sets the question's first response
    time when someone outside the asking team answers first: a teammate's
    reply does not answer the question. Returns the answer."""
    reply = Answer.objects.create(
        question=question, author=author, text=clean_text(text)
    )
    by_asker = author is not None and (
        author.pk == question.author_id or policy.is_asking_team(author, question)
    )
    if not by_asker and question.first_response_at is None:
        Question.objects.filter(pk=question.pk, first_response_at__isnull=True).update(
            first_response_at=reply.created_at
        )
        question.first_response_at = reply.created_at
    page = question.innovation
    with translation.override(settings.LANGUAGE_CODE):
        title = _("Answer about %(title)s: %(text)s") % {
            "title": page.title,
            "text": _short(reply.text),
        }
    if by_asker:
        recipients, kind = host_side_ids(page), Notification.Kind.QUESTION
    else:
        recipients = [question.author_id] if question.author_id else []
        kind = Notification.Kind.ANSWER
    events.notify(
        recipients,
        kind,
        title,
        thread_url(question),
        exclude=author.pk if author else None,
    )
    return reply


def _faq_questions(page, to_attr):
    public = Answer.objects.filter(public=True, hidden=False)
    return (
        Question.objects.filter(innovation=page, hidden=False)
        .filter(pk__in=public.values("question_id"))
        .select_related("region")
        .prefetch_related(Prefetch("answers", public, to_attr=to_attr))
    )


def faq(page):
    """The FAQ of a case study: its non-hidden questions with at least one
    public, non-hidden answer, oldest first, each with ``faq_answers`` (those
    public answers)."""
    return list(_faq_questions(page, "faq_answers").order_by("created_at", "pk"))


def visible_questions(user, page):
    """A queryset of the questions of a case study ``user`` may read, newest
    first, each with ``shown_answers``: the FAQ (public answers only) for
    the public; every non-hidden question and answer for people signed in;
    everything for moderators."""
    if not user.has_perm("questions.view"):
        return _faq_questions(page, "shown_answers").order_by("-created_at", "-pk")
    questions = Question.objects.filter(innovation=page).select_related("region")
    answers = Answer.objects.all()
    if not user.has_perm("questions.moderate"):
        questions = questions.filter(hidden=False)
        answers = answers.filter(hidden=False)
    return questions.prefetch_related(
        Prefetch("answers", answers, to_attr="shown_answers")
    ).order_by("-created_at", "-pk")


def add_sides(answers):
    """Set ``answer.side`` (a translated str, "" when unknown) on each of
    ``answers`` (an iterable of Answer whose ``question`` is loaded or
    cached, e.g. by ``prefetch_related``) and return them as a list: who
    wrote the answer, as the public may read it. In this order: "Host
    (<host region>)" for a publisher of the case study's host region,
    "Mentor" for one of its mentors (by e-mail), the asking region's name
    for its team, "Moderator", "Administrator"; never the person's name or
    e-mail. Roles are read as they are now, in five queries whatever the
    number of answers (none when there is no answer)."""
    answers = list(answers)
    author_ids = {a.author_id for a in answers if a.author_id}
    if not author_ids:
        for a in answers:
            a.side = ""
        return answers
    page_ids = {a.question.innovation_id for a in answers}
    hosts = dict(
        InnovationPage.objects.filter(pk__in=page_ids).values_list(
            "pk", "host_region_id"
        )
    )
    region_ids = {*hosts.values(), *(a.question.region_id for a in answers)}
    names = dict(
        Region.objects.filter(pk__in=region_ids - {None}).values_list("pk", "name")
    )
    mentors = {
        (page_id, email.lower())
        for page_id, email in Mentor.objects.filter(page_id__in=page_ids)
        .exclude(email="")
        .values_list("page_id", "email")
    }
    moderators = get_user_model().groups.through.objects.filter(
        user_id=OuterRef("pk"), group__name=MODERATORS
    )
    people = {
        pk: (email.lower(), is_superuser, is_moderator)
        for pk, email, is_superuser, is_moderator in get_user_model()
        .objects.filter(pk__in=author_ids)
        .annotate(is_moderator=Exists(moderators))
        .values_list("pk", "email", "is_superuser", "is_moderator")
    }
    roles = set(
        RegionRole.objects.filter(user_id__in=author_ids).values_list(
            "user_id", "region_id", "role"
        )
    )
    team = (RegionRole.Role.MEMBER, RegionRole.Role.COORDINATOR)
    for a in answers:
        a.side = ""
        if a.author_id not in people:
            continue
        email, is_superuser, is_moderator = people[a.author_id]
        page_id, asking = a.question.innovation_id, a.question.region_id
        host = hosts.get(page_id)
        if (a.author_id, host, RegionRole.Role.HOST_PUBLISHER) in roles:
            a.side = _("Host (%(region)s)") % {"region": names.get(host, "")}
        elif email and (page_id, email) in mentors:
            a.side = _("Mentor")
        elif asking is not None and any(
            (a.author_id, asking, role) in roles for role in team
        ):
            a.side = names.get(asking, "")
        elif is_moderator:
            a.side = _("Moderator")
        elif is_superuser:
            a.side = _("Administrator")
    return answers


def unanswered(user, days=None, now=None, overdue_only=False):
    """Non-hidden questions about published case studies that nobody but the
    asker answered yet, the oldest first: all of them for moderators, the
    host's own for a host publisher, none for others. Each has
    ``overdue_days``: None while it is younger than ``days`` (default
    ``settings.QUESTIONS_UNANSWERED_DAYS``), else the whole days past that
    limit (at least 1). ``overdue_only``: only the overdue ones."""
    days = settings.QUESTIONS_UNANSWERED_DAYS if days is None else days
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=days)
    questions = Question.objects.filter(
        hidden=False,
        first_response_at__isnull=True,
        innovation__in=InnovationPage.objects.published().values("pk"),
    )
    if overdue_only:
        questions = questions.filter(created_at__lte=limit)
    if not user.has_perm("questions.view_all_unanswered"):
        hosts = RegionRole.objects.filter(
            user=user, role=RegionRole.Role.HOST_PUBLISHER
        ).values("region_id")
        questions = questions.filter(innovation__host_region_id__in=hosts)
    questions = list(
        questions.select_related("innovation", "region").order_by("created_at", "pk")
    )
    for question in questions:
        question.overdue_days = (
            max(1, (limit - question.created_at).days)
            if question.created_at <= limit
            else None
        )
    return questions


def response_times():
    """The median response time per host region: a list of dicts ``{"host":
    region name, "answered": count, "unanswered": count, "median_hours":
    float or None}`` sorted by host name. The response time of a question
    is from its asking to the first answer by someone else (hours); hidden
    questions do not count."""
    rows = Question.objects.filter(hidden=False).values_list(
        "innovation__host_region__name", "created_at", "first_response_at"
    )
    hosts = {}
    for host, asked, first in rows:
        entry = hosts.setdefault(host or "—", {"hours": [], "unanswered": 0})
        if first is None:
            entry["unanswered"] += 1
        else:
            entry["hours"].append((first - asked).total_seconds() / 3600)
    return [
        {
            "host": host,
            "answered": len(entry["hours"]),
            "unanswered": entry["unanswered"],
            "median_hours": round(statistics.median(entry["hours"]), 1)
            if entry["hours"]
            else None,
        }
        for host, entry in sorted(hosts.items())
    ]
