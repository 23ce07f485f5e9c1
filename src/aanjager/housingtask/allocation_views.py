"""The distribution page: share a scenario's regional gap by a key or the optimiser, compare, save and choose."""

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanjager.accounts import scoping
from aanjager.estimates.models import EstimateRun
from aanjager.housingtask import allocation as service
from aanjager.housingtask import calculation, distribution, selectors
from aanjager.housingtask.models import Allocation
from aanjager.housingtask.views import _scenario_or_404, parameters


def _may_allocate(user, scenario) -> bool:
    return scoping.allows(user, "estimate_run", "create", EstimateRun(region=scenario.run.region))


def _number(text, default=None):
    try:
        value = float((text or "").replace(",", ".")) if (text or "").strip() else default
    except ValueError:
        return default
    return value if value is None or math.isfinite(value) else default


def _form(request, members) -> dict:
    data = request.POST if request.method == "POST" else request.GET
    weights = {b: _number(data.get(f"gewicht_{b}"), 1.0 if b == "jobs" else 0.0) for b in distribution.BASES}
    bounds = {}
    for m in members:
        own = {
            "min": _number(data.get(f"min_{m.code}")),
            "max": _number(data.get(f"max_{m.code}")),
            "capacity": _number(data.get(f"cap_{m.code}")),
        }
        own = {k: (v / 100 if k in ("min", "max") and v is not None else v) for k, v in own.items()}
        if any(v is not None for v in own.values()):
            bounds[m.code] = own
    method = data.get("methode", Allocation.Method.OPTIMISER)
    variant = data.get("scenario", "central")
    return {
        "method": method if method in Allocation.Method.values else Allocation.Method.OPTIMISER,
        "variant": variant if variant in calculation.SCENARIOS else "central",
        "weights": weights,
        "bounds": bounds,
        "year": data.get("jaar", ""),
        "name": data.get("naam", ""),
    }


@login_required
def distribution_page(request, pk):
    scenario = _scenario_or_404(request.user, pk)
    if not scoping.allows(request.user, "estimate_run", "view", scenario.run):
        raise Http404  # the keys and the optimiser work on every municipality's workers, small cells included
    task = selectors.housing_task(scenario=scenario, params=parameters(request.GET))
    members = service.members(scenario)
    form = _form(request, members)
    try:
        year = int(form["year"])
    except ValueError:
        year = task["years"][-1]
    form["year"] = year if year in task["years"] else task["years"][-1]
    result, error, gap = None, None, None
    if "methode" in request.GET or request.method == "POST":
        try:
            result, gap, gaps, members = service.compute(
                scenario=scenario, task=task, method=form["method"], variant=form["variant"], year=form["year"],
                weights=form["weights"], bounds=form["bounds"],
            )  # fmt: skip
        except ValueError as exc:
            error = str(exc)
    if request.method == "POST" and result is not None:
        if not _may_allocate(request.user, scenario):
            raise PermissionDenied
        try:
            saved = service.save_allocation(
                actor=request.user, scenario=scenario, name=form["name"], method=form["method"],
                variant=form["variant"], year=form["year"], gap=gap, weights=form["weights"],
                bounds=form["bounds"], result=result, gaps=gaps,
            )  # fmt: skip
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The allocation %(name)s was saved.") % {"name": saved.name})
            return redirect("housingtask:distribution", pk=scenario.pk)
    saved = list(scenario.allocations.all())
    names = {m.code: m.name for m in members}
    return render(
        request,
        "housingtask/distribution.html",
        {
            "scenario": scenario,
            "members": members,
            "form": form,
            "years": task["years"],
            "variants": calculation.SCENARIOS,
            "bases": distribution.BASES,
            "methods": Allocation.Method.choices,
            "result": result,
            "gap": gap,
            "error": error,
            "rows": [
                {
                    "member": m,
                    "bounds": form["bounds"].get(m.code, {}),
                    "beds": result.beds.get(m.code) if result else None,
                    "saved": [a.beds.get(m.code) for a in saved],
                }
                for m in members
            ],
            "saved": saved,
            "names": names,
            "can_allocate": _may_allocate(request.user, scenario),
            # The calculation's inputs again, for the save form (a POST with the same fields plus the name).
            "hidden_fields": [
                (key, value)
                for key, value in (request.POST if request.method == "POST" else request.GET).items()
                if key not in ("naam", "csrfmiddlewaretoken")
            ],
        },
        status=400 if error else 200,
    )


def _allocation_or_404(user, pk) -> Allocation:
    try:
        allocation = Allocation.objects.select_related("scenario__run__region").get(pk=pk)
    except Allocation.DoesNotExist:
        raise Http404 from None
    if not selectors.scenarios(user=user).filter(pk=allocation.scenario_id).exists():
        raise Http404
    return allocation


@login_required
@require_POST
def allocation_choose(request, pk):
    allocation = _allocation_or_404(request.user, pk)
    if not _may_allocate(request.user, allocation.scenario):
        raise PermissionDenied
    service.choose(actor=request.user, allocation=allocation)
    messages.success(request, _("%(name)s is now the programme target.") % {"name": allocation.name})
    return redirect("housingtask:distribution", pk=allocation.scenario_id)


@login_required
@require_POST
def allocation_delete(request, pk):
    allocation = _allocation_or_404(request.user, pk)
    if not _may_allocate(request.user, allocation.scenario):
        raise PermissionDenied
    service.delete(actor=request.user, allocation=allocation)
    messages.success(request, _("The allocation was deleted."))
    return redirect("housingtask:distribution", pk=allocation.scenario_id)
