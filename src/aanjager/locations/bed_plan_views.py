"""Bed-voor-bed plans: list, plan page with timeline and register checks, and the forms for plans and steps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from aanjager.accounts import scoping
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.locations import bed_plan_services as services
from aanjager.locations import charts, selectors
from aanjager.locations.forms import BedPlanForm, BedPlanStepForm
from aanjager.locations.models import BedPlan, BedPlanStep


def _plan_or_404(user, pk) -> BedPlan:
    try:
        return selectors.bed_plans(user=user).get(pk=pk)
    except BedPlan.DoesNotExist:
        raise Http404 from None


def _step_or_404(user, pk) -> BedPlanStep:
    try:
        return BedPlanStep.objects.select_related("plan").get(
            pk=pk, plan__in=selectors.bed_plans(user=user).values("pk")
        )
    except BedPlanStep.DoesNotExist:
        raise Http404 from None


@login_required
def plan_list(request):
    user = request.user
    if not scoping.allows(user, "bed_plan", "view"):
        raise PermissionDenied
    today = timezone.localdate()
    plans = list(selectors.bed_plans(user=user))
    overviews = selectors.bed_plan_overviews(plans=plans, today=today)
    rows = [{"plan": plan, **overviews[plan.pk]} for plan in plans]
    return render(
        request,
        "locations/bed_plan_list.html",
        {"rows": rows, "can_create": scoping.allows(user, "bed_plan", "create")},
    )


@login_required
def plan_detail(request, pk, step_form=None):
    user = request.user
    plan = _plan_or_404(user, pk)
    today = timezone.localdate()
    overview = selectors.bed_plan_overview(plan=plan, today=today)
    can_change = scoping.allows(user, "bed_plan", "change", plan)
    if can_change and step_form is None:
        step_form = BedPlanStepForm(actor=user, plan=plan)
    return render(
        request,
        "locations/bed_plan_detail.html",
        {
            "plan": plan,
            "today": today,
            "chart": charts.transition_timeline(overview["balance"], today),
            "can_change": can_change,
            "can_delete": scoping.allows(user, "bed_plan", "delete", plan),
            "step_form": step_form if can_change else None,
            **overview,
        },
        status=400 if step_form is not None and step_form.is_bound else 200,
    )


@login_required
def plan_create(request):
    if not scoping.allows(request.user, "bed_plan", "create"):
        raise PermissionDenied
    form = BedPlanForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        plan = call_service(form, services.create_bed_plan, actor=request.user, **form.cleaned_data)
        if plan:
            messages.success(request, _("The plan was created. Add its steps below."))
            return redirect(plan)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New bed-for-bed plan"), "cancel_url": "locations:bed_plans"},
    )


@login_required
def plan_edit(request, pk):
    plan = _plan_or_404(request.user, pk)
    if not scoping.allows(request.user, "bed_plan", "change", plan):
        raise PermissionDenied
    form = BedPlanForm(request.POST or None, instance=plan, actor=request.user)
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form, services.update_bed_plan, actor=request.user, plan=plan, **form.cleaned_data
        )
        if updated:
            messages.success(request, _("The plan was saved."))
            return redirect(updated)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": plan.name},
            "cancel_url": "locations:bed_plans",
        },
    )


@login_required
def plan_delete(request, pk):
    plan = _plan_or_404(request.user, pk)
    if not scoping.allows(request.user, "bed_plan", "delete", plan):
        raise PermissionDenied
    return confirm_delete(
        request,
        plan,
        delete=lambda: services.delete_bed_plan(actor=request.user, plan=plan),
        success_message=_("The plan was deleted."),
        cancel_url="locations:bed_plans",
        success_url="locations:bed_plans",
    )


@login_required
def step_create(request, pk):
    plan = _plan_or_404(request.user, pk)
    if not scoping.allows(request.user, "bed_plan", "change", plan):
        raise PermissionDenied
    if request.method != "POST":
        return redirect(plan)
    form = BedPlanStepForm(request.POST, actor=request.user, plan=plan)
    if form.is_valid():
        step = call_service(form, services.add_step, actor=request.user, plan=plan, **form.cleaned_data)
        if step:
            messages.success(request, _("The step was added."))
            return redirect(plan)
    return plan_detail(request, pk, step_form=form)


@login_required
def step_edit(request, pk):
    step = _step_or_404(request.user, pk)
    plan = step.plan
    if not scoping.allows(request.user, "bed_plan", "change", plan):
        raise PermissionDenied
    form = BedPlanStepForm(request.POST or None, instance=step, actor=request.user, plan=plan)
    if request.method == "POST" and form.is_valid():
        updated = call_service(form, services.update_step, actor=request.user, step=step, **form.cleaned_data)
        if updated:
            messages.success(request, _("The step was saved."))
            return redirect(plan)
    return render(
        request,
        "locations/bed_plan_step_form.html",
        {"form": form, "plan": plan, "title": _("Edit step of %(name)s") % {"name": plan.name}},
    )


@login_required
def step_delete(request, pk):
    step = _step_or_404(request.user, pk)
    if not scoping.allows(request.user, "bed_plan", "change", step.plan):
        raise PermissionDenied
    return confirm_delete(
        request,
        step,
        delete=lambda: services.delete_step(actor=request.user, step=step),
        success_message=_("The step was deleted."),
        cancel_url="locations:bed_plans",
        success_url=step.plan,  # back to the plan
    )
