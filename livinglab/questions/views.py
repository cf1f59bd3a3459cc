"""Questions and answers pages (issue 18.1): ask, read and answer a thread,
publish an answer as FAQ, hide an entry, the unanswered list and the median
response times. Forms work without JavaScript (POST with CSRF); every
decision is a rule of ``livinglab.accounts.policy``."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innovations.models import InnovationPage
from livinglab.accounts.policy import require
from livinglab.base.translation import show_in

from . import services
from .forms import AnswerForm, AskForm
from .models import Answer, Question


def _new_question(request, slug):
    page = get_object_or_404(InnovationPage.objects.published(), slug=slug)
    region_id = (
        services.team_region_of(request.user) if request.user.is_authenticated else None
    )
    author = request.user if request.user.is_authenticated else None
    return Question(innovation=page, region_id=region_id, author=author)


def _question(request, pk):
    question = get_object_or_404(
        Question.objects.select_related("innovation", "region"), pk=pk
    )
    if question.hidden and not request.user.has_perm("questions.moderate"):
        raise Http404
    if (
        not InnovationPage.objects.published()
        .filter(pk=question.innovation_id)
        .exists()
    ):
        raise Http404
    return question


def _answer(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("question"), pk=pk)
    _question(request, answer.question_id)
    return answer


def _answer_question(request, pk):
    return _answer(request, pk).question


@require("questions.ask", _new_question)
def ask(request, slug):
    """The ask form (GET) and asking (POST): a refused form comes back with
    its error summary (status 400, or 429 when asking too often)."""
    question = request.authorized_object
    form = AskForm(request.POST or None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            question.text = form.cleaned_data["text"]
            services.ask(question)
            messages.success(
                request, _("Your question was sent to the host and the mentors.")
            )
            return redirect("questions:thread", question.pk)
        status = 429 if form.is_rate_limited() else 400
    else:
        status = 200
    return render(
        request,
        "questions/ask.html",
        # the case study in the reader's language (never saved from here)
        {"form": form, "page": show_in([question.innovation])[0]},
        status=status,
    )


@require("questions.view", _question)
def thread(request, pk):
    """A question with its answers (GET); answer it (POST)."""
    question = request.authorized_object
    may_answer = request.user.has_perm("questions.answer", question)
    form = AnswerForm(request.POST or None) if may_answer else None
    status = 200
    if request.method == "POST":
        if not may_answer:
            raise PermissionDenied
        if form.is_valid():
            services.answer(question, request.user, form.cleaned_data["text"])
            messages.success(request, _("Your answer was added."))
            return redirect("questions:thread", question.pk)
        status = 400
    answers = question.answers.all()
    if not request.user.has_perm("questions.moderate"):
        answers = answers.filter(hidden=False)
    answers = services.add_sides(answers)
    return render(
        request,
        "questions/thread.html",
        {
            "question": question,
            "page": show_in([question.innovation])[0],
            "answers": answers,
            "form": form,
            "may_publish": request.user.has_perm("questions.publish_answer", question),
            "may_moderate": request.user.has_perm("questions.moderate"),
        },
        status=status,
    )


@require_POST
@require("questions.publish_answer", _answer_question)
def publish(request, pk):
    """Mark an answer public (FAQ) or not (``public`` = "1" or "0")."""
    answer = get_object_or_404(Answer, pk=pk)
    answer.public = request.POST.get("public", "1") == "1"
    answer.save(update_fields=["public"])
    messages.success(
        request,
        _("The answer is shown in the FAQ.")
        if answer.public
        else _("The answer is no longer in the FAQ."),
    )
    return redirect("questions:thread", answer.question_id)


@require_POST
@require("questions.moderate", _question)
def hide_question(request, pk):
    """Hide a question (``hidden`` = "1") or show it again ("0")."""
    question = request.authorized_object
    question.hidden = request.POST.get("hidden", "1") == "1"
    question.save(update_fields=["hidden"])
    messages.success(request, _("Saved."))
    return redirect("questions:thread", question.pk)


@require_POST
@require("questions.moderate", _answer)
def hide_answer(request, pk):
    """Hide an answer (``hidden`` = "1") or show it again ("0")."""
    answer = request.authorized_object
    answer.hidden = request.POST.get("hidden", "1") == "1"
    answer.save(update_fields=["hidden"])
    messages.success(request, _("Saved."))
    return redirect("questions:thread", answer.question_id)


@require("questions.view_unanswered")
def unanswered(request):
    """Every question nobody answered yet, the oldest first (the host's own
    for a host publisher, all for moderators), those open
    ``settings.QUESTIONS_UNANSWERED_DAYS`` days or more marked overdue;
    ``?lewat=1`` lists the overdue ones only (any other value: all)."""
    overdue_only = request.GET.get("lewat") == "1"
    questions = services.unanswered(request.user, overdue_only=overdue_only)
    show_in([question.innovation for question in questions])
    return render(
        request,
        "questions/unanswered.html",
        {
            "questions": questions,
            "days": settings.QUESTIONS_UNANSWERED_DAYS,
            "overdue_only": overdue_only,
        },
    )


@require("questions.view_response_times")
def response_times(request):
    """The median response time per host (linked from the dashboard)."""
    return render(
        request, "questions/response_times.html", {"rows": services.response_times()}
    )
