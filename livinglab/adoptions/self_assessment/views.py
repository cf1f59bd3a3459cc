"""The self-assessment pages under the regency workspace.

``/adopsi/wilayah/<code>/spbe/<year>/``: the form (for those who may edit)
and the figures; ``.../terbitkan/`` publishes; ``.../lembar-kerja.xlsx``
exports; ``/adopsi/spbe-berkas/<token>/`` serves an uploaded document. Every
view asks ``livinglab.accounts.policy``; ``service`` writes.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from livinglab.accounts.policy import require
from livinglab.base.private_files import attachment_response
from livinglab.regions.models import Region

from . import figures, service, worksheet
from .forms import SelfAssessmentForm
from .models import SelfAssessment, SelfAssessmentFile


def _assessment(request, code, year, **kwargs):
    """The region-year's assessment, or an unsaved one (version 0) when none
    is stored yet; 404 for an unknown or administrative region or a year no
    framework covers."""
    region = get_object_or_404(
        Region.objects.autonomous().select_related("province"), code=code
    )
    assessment = (
        SelfAssessment.objects.select_related("framework", "region")
        .filter(region=region, year=year)
        .first()
    )
    if assessment is None:
        try:
            framework = service.framework_for(region, year)
        except service.SelfAssessmentError:
            raise Http404 from None
        assessment = SelfAssessment(
            region=region, year=year, framework=framework, version=0
        )
    return assessment


def _labels():
    return {"index": _("SPBE index"), "domain": _("Domain"), "aspect": _("Aspect")}


def _answers(assessment):
    if assessment.pk is None:
        return {}
    return {
        a.indicator_id: a
        for a in assessment.answers.select_related("evidence_file").prefetch_related(
            "adoption_evidence__file"
        )
    }


def _initial(assessment, indicators, answers):
    initial = {"version": assessment.version}
    for ind in indicators:
        answer = answers.get(ind.pk)
        if answer is not None:
            initial[f"level_{ind.number}"] = answer.level or ""
            initial[f"url_{ind.number}"] = answer.evidence_url
    return initial


@require("regions.view_self_assessment", fn=_assessment)
def page(request, code, year):
    """Show the self-assessment; a team member saves, submits or attaches."""
    assessment = request.authorized_object
    user = request.user
    can_edit = user.has_perm("regions.edit_self_assessment", assessment) and (
        not assessment.is_published
    )
    indicators = service.indicators_of(assessment.framework)
    answers = _answers(assessment)
    form = None
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        form = SelfAssessmentForm(
            request.POST,
            request.FILES,
            framework=assessment.framework,
            indicators=indicators,
        )
        if form.is_valid():
            try:
                result = service.save(
                    region=assessment.region,
                    year=assessment.year,
                    version=form.cleaned_data["version"],
                    answers=form.answers(
                        request.POST.get("attach", ""), request.POST.get("detach", "")
                    ),
                    user=user,
                    submit=request.POST.get("action") == "submit",
                )
            except service.SelfAssessmentError as error:
                form.add_error(None, str(error))
            else:
                if request.POST.get("action") == "submit" and result.missing:
                    # Saved as a draft; the form comes back with one error
                    # per indicator still without a level.
                    data = request.POST.copy()
                    data["version"] = str(result.assessment.version)
                    form = SelfAssessmentForm(
                        data,
                        framework=assessment.framework,
                        indicators=indicators,
                    )
                    form.is_valid()
                    count = len(result.missing)
                    form.add_error(
                        None,
                        ngettext(
                            "Your draft was saved, but it was not submitted: "
                            "%(count)s indicator still needs a level.",
                            "Your draft was saved, but it was not submitted: "
                            "%(count)s indicators still need a level.",
                            count,
                        )
                        % {"count": count},
                    )
                    for ind in result.missing:
                        form.add_error(
                            f"level_{ind.number}",
                            _("Choose a level for indicator %(number)s. %(name)s.")
                            % {"number": ind.number, "name": ind.label},
                        )
                    assessment = result.assessment
                    answers = _answers(assessment)
                else:
                    if result.submitted:
                        messages.success(request, _("Self-assessment submitted."))
                    else:
                        messages.success(request, _("Draft saved."))
                    return redirect(
                        "adoptions:self-assessment", code=code, year=assessment.year
                    )
    elif can_edit:
        form = SelfAssessmentForm(
            initial=_initial(assessment, indicators, answers),
            framework=assessment.framework,
            indicators=indicators,
        )
    levels = {i: a.level for i, a in answers.items() if a.level}
    summary = figures.summarise(assessment, indicators, levels, _labels())
    candidates = (
        service.candidate_evidence(assessment.region, assessment.framework)
        if can_edit
        else {}
    )
    context = {
        "region": assessment.region,
        "assessment": assessment,
        "saved": assessment.pk is not None,
        "form": form,
        "can_edit": can_edit,
        "can_publish": (
            assessment.status == SelfAssessment.Status.SUBMITTED
            and user.has_perm("regions.publish_self_assessment", assessment)
        ),
        "can_see_files": user.has_perm(
            "regions.view_self_assessment_files", assessment
        ),
        "aspects": _by_aspect(indicators, answers, form, candidates, assessment),
        "summary": summary,
        "chart": figures.bar_chart(summary.parts),
        "error_items": _error_items(form),
    }
    return render(request, "adoptions/self_assessment/page.html", context)


# The error summary lists this many field problems; the rest are folded.
SUMMARY_SHOWN = 3


def _error_items(form):
    """The field problems of ``form`` for the error summary, as
    ``[(field id, message), ...]`` in the form's order, with a request to
    choose again each file that was chosen (browsers drop it). Up to 47
    indicators can lack a level: the template shows the first
    ``SUMMARY_SHOWN`` and folds the rest (issue 16: the summary was ~2,800 px
    tall on a phone)."""
    if form is None or not form.errors:
        return []
    items = []
    for field in form:
        if field.is_hidden:
            continue
        target = field.id_for_label or field.auto_id
        items += [(target, error) for error in field.errors]
        if getattr(field.field.widget, "input_type", None) == "file" and field.data:
            items.append(
                (
                    target,
                    _(
                        "Choose the file for “%(label)s” again: browsers cannot "
                        "keep a chosen file when a form is shown again."
                    )
                    % {"label": field.label},
                )
            )
    return items


def _by_aspect(indicators, answers, form, candidates, assessment):
    """``[(aspect, [row, ...])]`` where a row holds the indicator, its
    answer, its form fields and its candidate evidence (not yet attached)."""
    fields = {}
    if form is not None:
        fields = {row[0].pk: row[1:] for row in form.bound_rows()}
    groups = {}
    for ind in indicators:
        answer = answers.get(ind.pk)
        attached = list(answer.adoption_evidence.all()) if answer else []
        taken = {e.pk for e in attached}
        level = answer.level if answer else None
        groups.setdefault(ind.aspect, []).append(
            {
                "indicator": ind,
                "answer": answer,
                "level": level,
                "level_name": assessment.framework.level_name(level) if level else "",
                "weighted": figures.weighted_value(ind.weight, level),
                "fields": fields.get(ind.pk),
                "attached": attached,
                "candidates": [
                    e for e in candidates.get(ind.pk, []) if e.pk not in taken
                ],
            }
        )
    return list(groups.items())


@require_POST
@require("regions.publish_self_assessment", fn=_assessment)
def publish(request, code, year):
    """The coordinator publishes a submitted self-assessment."""
    assessment = request.authorized_object
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        service.publish(
            region=assessment.region,
            year=assessment.year,
            version=version,
            user=request.user,
        )
    except service.SelfAssessmentError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Self-assessment published."))
    return redirect("adoptions:self-assessment", code=code, year=year)


@require_safe
@require("regions.view_self_assessment", fn=_assessment)
def export(request, code, year):
    """The worksheet as XLSX."""
    assessment = request.authorized_object
    indicators = service.indicators_of(assessment.framework)
    answers = _answers(assessment)
    levels = {i: a.level for i, a in answers.items() if a.level}
    summary = figures.summarise(assessment, indicators, levels, _labels())
    if not request.user.has_perm("regions.view_self_assessment_files", assessment):
        for answer in answers.values():
            answer.evidence_file_id = None
    return worksheet.response(
        assessment, indicators, answers, summary, request.build_absolute_uri("/")[:-1]
    )


def _file_assessment(request, token, **kwargs):
    record = get_object_or_404(
        SelfAssessmentFile.objects.select_related("assessment"), token=token
    )
    request.private_file = record
    return record.assessment


@require_safe
@require("regions.view_self_assessment_files", fn=_file_assessment)
def serve_file(request, token):
    """Stream an uploaded bukti-dukung document as an attachment."""
    return attachment_response(request.private_file)


def workspace_links(region, user):
    """The self-assessments the region workspace links to: every stored one
    ``user`` may see, and the latest year a framework covers (up to this
    year) if not stored yet; ``[{"year", "status", "url"}]``, newest first."""
    from django.urls import reverse
    from django.utils import timezone

    if region.is_administrative:
        return []
    stored = {
        a.year: a
        for a in SelfAssessment.objects.filter(region=region).select_related("region")
        if user.has_perm("regions.view_self_assessment", a)
    }
    year = timezone.localdate().year
    while year > 2000 and year not in stored:
        try:
            framework = service.framework_for(region, year)
        except service.SelfAssessmentError:
            year -= 1
            continue
        candidate = SelfAssessment(region=region, year=year, framework=framework)
        if user.has_perm("regions.view_self_assessment", candidate):
            stored[year] = candidate
        break
    return [
        {
            "year": y,
            "status": a.get_status_display() if a.pk else _("Not started"),
            "url": reverse(
                "adoptions:self-assessment", kwargs={"code": region.code, "year": y}
            ),
        }
        for y, a in sorted(stored.items(), reverse=True)
    ]
