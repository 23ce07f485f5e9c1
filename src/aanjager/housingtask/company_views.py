"""Company plans: list, the effect report (printable), and the forms for the plan, its status and its phases."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanjager.accounts import scoping
from aanjager.core.forms import call_service
from aanjager.core.pdf import pdf_response
from aanjager.core.views import confirm_delete
from aanjager.estimates import selectors as estimate_selectors
from aanjager.estimates.models import EstimateRun
from aanjager.housingtask import company, selectors, services
from aanjager.housingtask.forms import CompanyPlanForm, PhaseForm
from aanjager.housingtask.models import TRANSITIONS, CompanyPlan, CompanyPlanPhase

HORIZON = 10


def _plan_or_404(user, pk) -> CompanyPlan:
    try:
        return selectors.company_plans(user=user).get(pk=pk)
    except CompanyPlan.DoesNotExist:
        raise Http404 from None


def _residents(user, plan) -> dict[str, float]:
    """Labour migrants living per municipality, from the latest finished estimate of the plan's region that the
    user may see; empty when there is none."""
    run = (
        # Runs the user sees by the policy table, not only as published: the weights would show small cells.
        scoping.filter_queryset(user, "estimate_run", "view", EstimateRun.objects.all())
        .filter(region=plan.region, status=EstimateRun.Status.DONE)
        .order_by("-year", "-finished_at")
        .first()
    )
    if run is None:
        return {}
    return {
        r.municipality.code: float(r.estimate_central or 0)
        for r in estimate_selectors.region_rows(run=run)
        if not getattr(r, "not_in_table", False)
    }


@login_required
def plan_list(request):
    user = request.user
    if not scoping.allows(user, "company_plan", "view"):
        raise PermissionDenied
    return render(
        request,
        "housingtask/company_list.html",
        {
            "plans": selectors.company_plans(user=user),
            "can_create": scoping.allows(user, "company_plan", "create"),
        },
    )


def _report(user, plan) -> dict:
    first = min((p.starts_on.year for p in plan.phases.all()), default=timezone.localdate().year)
    years = list(range(first, first + HORIZON + 1))
    result = selectors.plan_beds(plan, years, _residents(user, plan))
    peak_year = max(years, key=lambda y: sum(result["years"][y]["beds"].values()))
    names = {m.code: m.name for m in plan.region.municipalities.all()}
    return {
        "plan": plan,
        "years": [(y, result["years"][y]) for y in years],
        "peak_year": peak_year,
        "peak": result["years"][peak_year],
        "where": sorted(
            (
                (names.get(code, code), result["weights"][code], classes)
                for code, classes in result["years"][peak_year]["where"].items()
            ),
            key=lambda row: -row[1],
        ),
        "note": result["note"],
        "sector_label": company.SECTORS[plan.sector][0],
        "sector_range": company.SECTORS[plan.sector][1:],
        "sector_default": company.sector_default(plan.sector),
        "generated": timezone.localdate(),
    }


@login_required
def plan_detail(request, pk, phase_form=None):
    user = request.user
    plan = _plan_or_404(user, pk)
    can_change = scoping.allows(user, "company_plan", "change", plan)
    return render(
        request,
        "housingtask/company_detail.html",
        {
            **_report(user, plan),
            "can_change": can_change,
            "can_delete": scoping.allows(user, "company_plan", "delete", plan),
            "statuses": [(s, CompanyPlan.Status(s).label) for s in sorted(TRANSITIONS[plan.status])]
            if can_change
            else [],
            "phase_form": phase_form or (PhaseForm() if can_change else None),
            "today": timezone.localdate(),
        },
        status=400 if phase_form is not None else 200,
    )


@login_required
def plan_pdf(request, pk):
    plan = _plan_or_404(request.user, pk)
    return pdf_response(
        "housingtask/pdf_company.html",
        _report(request.user, plan),
        f"effectrapportage-{slugify(plan.name)}.pdf",
    )


@login_required
def plan_create(request):
    if not scoping.allows(request.user, "company_plan", "create"):
        raise PermissionDenied
    form = CompanyPlanForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        plan = call_service(
            form, services.create_company_plan, actor=request.user, **form.service_arguments()
        )
        if plan:
            messages.success(request, _("The company plan was saved."))
            return redirect(plan)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New company plan"), "cancel_url": "housingtask:companies"},
    )


@login_required
def plan_edit(request, pk):
    plan = _plan_or_404(request.user, pk)
    if not scoping.allows(request.user, "company_plan", "change", plan):
        raise PermissionDenied
    form = CompanyPlanForm(request.POST or None, instance=plan, actor=request.user)
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form, services.update_company_plan, actor=request.user, plan=plan, **form.service_arguments()
        )
        if updated:
            messages.success(request, _("The company plan was saved."))
            return redirect(updated)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": plan.name},
            "cancel_url": "housingtask:companies",
        },
    )


@login_required
@require_POST
def plan_status(request, pk):
    plan = _plan_or_404(request.user, pk)
    if not scoping.allows(request.user, "company_plan", "change", plan):
        raise PermissionDenied
    try:
        services.change_status(actor=request.user, plan=plan, status=request.POST.get("status", ""))
        messages.success(request, _("The status was changed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(plan)


@login_required
def plan_delete(request, pk):
    plan = _plan_or_404(request.user, pk)
    if not scoping.allows(request.user, "company_plan", "delete", plan):
        raise PermissionDenied
    return confirm_delete(
        request,
        plan,
        delete=lambda: services.delete_company_plan(actor=request.user, plan=plan),
        success_message=_("The company plan was deleted."),
        cancel_url="housingtask:companies",
        success_url="housingtask:companies",
    )


@login_required
@require_POST
def phase_add(request, pk):
    plan = _plan_or_404(request.user, pk)
    if not scoping.allows(request.user, "company_plan", "change", plan):
        raise PermissionDenied
    form = PhaseForm(request.POST)
    if form.is_valid():
        phase = call_service(form, services.add_phase, actor=request.user, plan=plan, **form.cleaned_data)
        if phase:
            messages.success(request, _("The phase was added."))
            return redirect(plan)
    return plan_detail(request, pk, phase_form=form)


@login_required
@require_POST
def phase_delete(request, pk):
    try:
        phase = CompanyPlanPhase.objects.select_related("plan").get(
            pk=pk, plan__in=selectors.company_plans(user=request.user).values("pk")
        )
    except CompanyPlanPhase.DoesNotExist:
        raise Http404 from None
    if not scoping.allows(request.user, "company_plan", "change", phase.plan):
        raise PermissionDenied
    try:
        services.delete_phase(actor=request.user, phase=phase)
        messages.success(request, _("The phase was removed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(phase.plan)
