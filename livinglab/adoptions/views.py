"""The regency workspace ("my region") and the host view.

Every view asks ``livinglab.accounts.policy`` through ``require``; the writes
go through ``pipeline``. Forms post back to the page they were drawn on, so a
refused entry is shown again with its message and nothing is lost.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innovations.models import ImpactFigure, InnovationPage
from livinglab.accounts.policy import host_region_ids, require, team_region_ids
from livinglab.base.errors import field_messages
from livinglab.base.translation import show_in
from livinglab.regions.models import Region

from . import pipeline
from .forms import AdaptationForm, FigureFormSet, InterestForm, StepForm
from .models import Adoption, AdoptionFigure, Stage, StageEvent
from .recommendations import recommend
from .self_assessment.views import workspace_links as self_assessment_links


def _region(request, code, **kwargs):
    return get_object_or_404(Region.objects.select_related("province"), code=code)


def _adoption(request, pk, **kwargs):
    return get_object_or_404(
        Adoption.objects.select_related("region", "innovation", "letter_of_intent"),
        pk=pk,
    )


def _adoptions():
    return Adoption.objects.select_related(
        "region__province", "innovation", "innovation__host_region"
    ).prefetch_related(
        Prefetch(
            "innovation__source_code_links",
        ),
        "innovation__training_materials",
    )


@require("adoptions.use_workspace")
def workspace(request):
    """Send a team to its region; list the regions of someone with several."""
    user = request.user
    if request.GET.get("konfirmasi"):
        return _reconfirm(request, request.GET["konfirmasi"])
    regions = Region.objects.filter(pk__in=team_region_ids(user))
    if user.has_perm("accounts.act_for_every_region") and not regions:
        regions = Region.objects.filter(participation__isnull=False)
    regions = list(regions.select_related("province").order_by("code"))
    if len(regions) == 1:
        return redirect("adoptions:region", code=regions[0].code)
    return render(request, "adoptions/workspace_index.html", {"regions": regions})


def _reconfirm(request, token):
    """The link of a stalled-adoption reminder: open that adoption, so the
    team records where it stands (or that it stopped)."""
    from django.core import signing

    from .reminders import read_reminder_token

    try:
        adoption_id, _region_id = read_reminder_token(token)
    except signing.BadSignature:
        messages.error(
            request,
            _("This reminder link is not valid or is older than 30 days."),
        )
        return redirect("adoptions:workspace")
    adoption = Adoption.objects.filter(pk=adoption_id).first()
    if adoption is None or not request.user.has_perm("adoptions.record_step", adoption):
        raise Http404
    messages.info(
        request,
        _(
            "No step has been recorded here for a while. Record where the "
            "adoption stands now, or stop it with a reason."
        ),
    )
    return redirect("adoptions:detail", pk=adoption.pk)


@require("adoptions.view_records", fn=_region)
def region_workspace(request, code):
    region = request.authorized_object
    adoptions = list(_adoptions().filter(region=region).order_by("innovation__title"))
    can_record = request.user.has_perm("adoptions.record_step", region)
    recommendations = recommend(region) if can_record else []
    # the case studies in the reader's language (two queries more)
    show_in(
        [
            *(adoption.innovation for adoption in adoptions),
            *(item.innovation for item in recommendations),
        ]
    )
    context = {
        "region": region,
        "adoptions": adoptions,
        "can_record": can_record,
        "recommendations": recommendations,
        "interest_form": (
            InterestForm(region=region, user=request.user) if can_record else None
        ),
        "self_assessments": self_assessment_links(region, request.user),
    }
    return render(request, "adoptions/region_workspace.html", context)


@require("adoptions.record_step", fn=_region)
def register_interest(request, code):
    region = request.authorized_object
    initial = {}
    if request.method == "GET" and request.GET.get("innovation"):
        initial["innovation"] = request.GET["innovation"]
        existing = (
            Adoption.objects.filter(
                region=region, innovation__slug=request.GET["innovation"][:255]
            )
            .select_related("innovation")
            .first()
        )
        if existing is not None:
            # The form offers only innovations the region has no record of;
            # say where the existing one is instead of an empty choice.
            messages.info(
                request,
                _(
                    "%(region)s already has a record for “%(title)s”: its "
                    "steps are on its adoption page."
                )
                % {"region": region.name, "title": existing.innovation.title},
            )
            return redirect("adoptions:detail", pk=existing.pk)
    form = InterestForm(
        request.POST or None,
        request.FILES or None,
        region=region,
        user=request.user,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                adoption = form.start(request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Interest in “%(title)s” registered. The host will acknowledge it.")
                % {"title": adoption.innovation.title},
            )
            return redirect("adoptions:detail", pk=adoption.pk)
    return render(
        request, "adoptions/register_interest.html", {"region": region, "form": form}
    )


def _detail_context(request, adoption, step_form=None, adaptation_form=None):
    events = (
        StageEvent.objects.filter(adoption=adoption)
        .select_related("actor")
        .prefetch_related("evidence__indicators", "evidence__file")
        .order_by("date", "created_at", "pk")
    )
    host_figures = list(
        ImpactFigure.objects.filter(page=adoption.innovation).order_by("sort_order")
    )
    own = {f.measure: f for f in adoption.figures.all()}
    figure_forms = FigureFormSet(
        prefix="figures",
        initial=[
            {
                "measure": f.measure,
                "unit": f.unit,
                "before": getattr(own.get(f.measure), "before", None),
                "after": getattr(own.get(f.measure), "after", None),
            }
            for f in host_figures
        ],
    )
    can_record = request.user.has_perm("adoptions.record_step", adoption)
    return {
        "adoption": adoption,
        "region": adoption.region,
        # shown in the reader's language (two queries; never saved)
        "innovation": show_in([adoption.innovation])[0],
        "events": events,
        "can_record": can_record,
        "can_confirm": request.user.has_perm("adoptions.confirm_as_host", adoption),
        "can_confirm_figures": request.user.has_perm(
            "adoptions.confirm_figures", adoption
        ),
        "figures_waiting": [
            f
            for f in own.values()
            if f.confirmed_at is None and f.before is not None and f.after is not None
        ],
        "step_form": step_form or (StepForm(adoption=adoption) if can_record else None),
        "adaptation_form": adaptation_form
        or (AdaptationForm(instance=adoption) if can_record else None),
        "figure_forms": figure_forms if can_record else None,
        "figure_rows": [
            (host, own.get(host.measure), form if can_record else None)
            for host, form in zip(host_figures, figure_forms.forms, strict=True)
        ],
        "show_contacts": request.user.has_perm("accounts.view_contact_data"),
    }


@require("adoptions.view_records", fn=_adoption)
def adoption_detail(request, pk):
    adoption = request.authorized_object
    return render(
        request, "adoptions/adoption_detail.html", _detail_context(request, adoption)
    )


def _add_errors(form, exc):
    for name, texts in field_messages(exc).items():
        form.add_error(name if name in form.fields else None, texts)


@require_POST
@require("adoptions.record_step", fn=_adoption)
def record_step(request, pk):
    adoption = request.authorized_object
    form = StepForm(request.POST, request.FILES, adoption=adoption)
    if form.is_valid():
        try:
            with transaction.atomic():
                event = form.record(adoption, request.user)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Step recorded: %(stage)s.")
                % {"stage": event.get_to_stage_display()},
            )
            return redirect("adoptions:detail", pk=adoption.pk)
    adoption.refresh_from_db()
    return render(
        request,
        "adoptions/adoption_detail.html",
        _detail_context(request, adoption, step_form=form),
        status=400,
    )


@require_POST
@require("adoptions.record_step", fn=_adoption)
def update_adaptation(request, pk):
    adoption = request.authorized_object
    form = AdaptationForm(request.POST, instance=adoption)
    if form.is_valid():
        with transaction.atomic():
            updated = Adoption.objects.filter(
                pk=adoption.pk, version=form.cleaned_data["version"]
            ).update(
                **{name: form.cleaned_data[name] for name in form.Meta.fields},
                version=form.cleaned_data["version"] + 1,
            )
        if updated:
            messages.success(request, _("Details saved."))
            return redirect("adoptions:detail", pk=adoption.pk)
        form.add_error(
            None,
            _(
                "Someone else changed this adoption meanwhile. Your entry was not "
                "saved: it is shown below; check the current details and save again."
            ),
        )
    adoption.refresh_from_db()
    return render(
        request,
        "adoptions/adoption_detail.html",
        _detail_context(request, adoption, adaptation_form=form),
        status=400,
    )


@require_POST
@require("adoptions.record_step", fn=_adoption)
def update_figures(request, pk):
    adoption = request.authorized_object
    formset = FigureFormSet(request.POST, prefix="figures")
    measures = set(
        ImpactFigure.objects.filter(page=adoption.innovation).values_list(
            "measure", flat=True
        )
    )
    if not formset.is_valid() or any(
        f.cleaned_data.get("measure") not in measures for f in formset.forms
    ):
        messages.error(
            request,
            _("The figures were not saved: use numbers, on the host's measures."),
        )
        return redirect("adoptions:detail", pk=adoption.pk)
    with transaction.atomic():
        own = {
            f.measure: f
            for f in AdoptionFigure.objects.select_for_update().filter(
                adoption=adoption
            )
        }
        for form in formset.forms:
            data = form.cleaned_data
            values = {
                "unit": data.get("unit", ""),
                "before": data.get("before"),
                "after": data.get("after"),
            }
            old = own.get(data["measure"])
            if old is not None and all(
                getattr(old, name) == value for name, value in values.items()
            ):
                continue  # unchanged: a host's confirmation stays
            # A new or changed figure waits for the host's confirmation again.
            AdoptionFigure.objects.update_or_create(
                adoption=adoption,
                measure=data["measure"],
                defaults={**values, "confirmed_at": None, "confirmed_by": None},
            )
    messages.success(request, _("Figures saved."))
    return redirect("adoptions:detail", pk=adoption.pk)


@require_POST
@require("adoptions.confirm_figures", fn=_adoption)
def confirm_figures(request, pk):
    """The host's publishers confirm the adopter's before/after figures
    (issue 18.6): every figure with both values that is not confirmed yet
    gets the time and the confirming person; confirmed figures show on the
    case study as "results in replicating regions". ``next=host`` returns to
    the host view."""
    adoption = request.authorized_object
    count = AdoptionFigure.objects.filter(
        adoption=adoption,
        confirmed_at__isnull=True,
        before__isnull=False,
        after__isnull=False,
    ).update(confirmed_at=timezone.now(), confirmed_by=request.user)
    if count:
        messages.success(request, _("Figures confirmed: %(count)s.") % {"count": count})
    else:
        messages.info(request, _("There are no figures waiting for confirmation."))
    if request.POST.get("next", "") == "host":
        return redirect("adoptions:host")
    return redirect("adoptions:detail", pk=adoption.pk)


HOST_INTEREST_PAGE_SIZE = 25


@require("adoptions.use_host_view")
def host_view(request):
    """Which regions replicate each of the host's innovations; new interest."""
    hosts = host_region_ids(request.user)
    # the originals: an English translation is not a case study of its own
    pages = InnovationPage.objects.originals().live().order_by("title")
    if not request.user.has_perm("accounts.act_for_every_region") or hosts:
        pages = pages.filter(host_region__in=hosts)
    pages = pages.annotate(
        adoption_count=Count("adoptions"),
        waiting=Count(
            "adoptions",
            filter=Q(adoptions__interest_acknowledged_at__isnull=True),
        ),
    ).prefetch_related(
        Prefetch(
            "adoptions",
            queryset=Adoption.objects.select_related("region").order_by("region__code"),
        )
    )
    pages = list(pages)
    # "New interest to answer": adoptions still at the interest stage that the
    # host has not acknowledged, the oldest first, 25 a page (a count and the
    # page: two queries however many wait).
    waiting = (
        Adoption.objects.filter(
            innovation__in=[page.pk for page in pages],
            stage=Stage.INTEREST,
            interest_acknowledged_at__isnull=True,
        )
        .select_related("region__province", "innovation", "letter_of_intent")
        .order_by("started_on", "created_at", "pk")
    )
    waiting_page = Paginator(waiting, HOST_INTEREST_PAGE_SIZE).get_page(
        request.GET.get("minat")
    )
    waiting_list = list(waiting_page.object_list)
    figures_waiting = _figures_waiting(request.user, pages)
    # every case study in the reader's language (two queries more)
    show_in(
        [
            *pages,
            *(adoption.innovation for adoption in waiting_list),
            *(adoption.innovation for adoption in figures_waiting),
        ]
    )
    return render(
        request,
        "adoptions/host_view.html",
        {
            "pages": pages,
            "waiting": waiting_list,
            "waiting_page": waiting_page,
            "figures_waiting": figures_waiting,
        },
    )


def _figures_waiting(user, pages):
    """Adoptions of ``pages`` with before/after figures the host has not
    confirmed, each with ``unconfirmed`` (their number), for the host view's
    confirm buttons (the same ``confirm_figures`` view, ``next=host``); only
    those ``adoptions.confirm_figures`` allows ``user`` (one query for the
    list, then the policy per adoption)."""
    unconfirmed = Q(
        figures__confirmed_at__isnull=True,
        figures__before__isnull=False,
        figures__after__isnull=False,
    )
    adoptions = (
        Adoption.objects.filter(innovation__in=[page.pk for page in pages])
        .annotate(unconfirmed=Count("figures", filter=unconfirmed))
        .filter(unconfirmed__gt=0)
        .select_related("region", "innovation")
        .order_by("innovation__title", "region__code")
    )
    return [a for a in adoptions if user.has_perm("adoptions.confirm_figures", a)]


@require_POST
@require("adoptions.confirm_as_host", fn=_adoption)
def confirm(request, pk, what):
    adoption = request.authorized_object
    if what not in pipeline.CONFIRMATIONS:
        raise Http404
    pipeline.confirm_as_host(adoption=adoption, what=what)
    messages.success(request, _("Confirmed."))
    next_url = request.POST.get("next", "")
    if next_url == "host":
        return redirect("adoptions:host")
    return redirect(reverse("adoptions:detail", kwargs={"pk": adoption.pk}))
