"""``{% case_study_questions page %}``: the questions-and-answers section
of a case-study page (FAQ for everyone; the threads for people signed in;
the ask form for those who may ask). A template tag, so the case study's
template shows it without ``innovations`` importing this app (the layers,
docs/ARCHITECTURE.md)."""

from django import template

from .. import services
from ..forms import AskForm
from ..models import Question

register = template.Library()


@register.inclusion_tag("questions/faq_section.html", takes_context=True)
def case_study_questions(context, page):
    """The context of ``questions/faq_section.html`` for ``page`` (an
    InnovationPage) and the request's user."""
    request = context.get("request")
    user = getattr(request, "user", None)
    faq = services.faq(page)
    services.add_sides(a for question in faq for a in question.faq_answers)
    result = {"page": page, "faq": faq, "request": request}
    if user is None or not user.is_authenticated:
        return result
    if user.has_perm("questions.view"):
        threads = list(services.visible_questions(user, page))
        result.update(may_view=True, threads=threads, question_count=len(threads))
    draft = Question(
        innovation=page, region_id=services.team_region_of(user), author=user
    )
    if user.has_perm("questions.ask", draft):
        result["form"] = AskForm(user=user)
    result["csrf_token"] = context.get("csrf_token")
    return result
