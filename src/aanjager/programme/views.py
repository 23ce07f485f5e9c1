"""Regional programmes: list, the programme with its structure, the matrix of who does what, measures and each
municipality's decision on them. The structure's add/edit/delete pages share one pair of helpers."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from aanjager.accounts import scoping
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.geo.models import Municipality
from aanjager.programme import selectors, services
from aanjager.programme.forms import (
    MeasureForm,
    PackageForm,
    ParticipationForm,
    PhaseForm,
    ProgrammeForm,
    SpearheadForm,
)
from aanjager.programme.models import Measure, MeasurePackage, Participation, Phase, Programme, Spearhead


def _programme_or_404(user, pk) -> Programme:
    try:
        return selectors.programmes(user=user).get(pk=pk)
    except Programme.DoesNotExist:
        raise Http404 from None


def _part_or_404(user, model, pk):
    """A phase, spearhead, package or measure of a programme the user may see, with that programme."""
    part = get_object_or_404(model, pk=pk)
    programme = services.programme_of(part)
    _programme_or_404(user, programme.pk)
    return part, programme


def _require_change(user, programme):
    if not scoping.allows(user, "programme", "change", programme):
        raise PermissionDenied


@login_required
def programme_list(request):
    user = request.user
    if not scoping.allows(user, "programme", "view"):
        raise PermissionDenied
    return render(
        request,
        "programme/list.html",
        {
            "programmes": selectors.programmes(user=user),
            "can_create": scoping.allows(user, "programme", "create"),
        },
    )


@login_required
def programme_detail(request, pk):
    user = request.user
    programme = _programme_or_404(user, pk)
    return render(
        request,
        "programme/detail.html",
        {
            "programme": programme,
            "phases": programme.phases.all(),
            "spearheads": selectors.programme_tree(programme),
            "can_change": scoping.allows(user, "programme", "change", programme),
            "can_delete": scoping.allows(user, "programme", "delete", programme),
        },
    )


@login_required
def programme_create(request):
    if not scoping.allows(request.user, "programme", "create"):
        raise PermissionDenied
    form = ProgrammeForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        programme = call_service(form, services.create_programme, actor=request.user, **form.service_fields())
        if programme:
            messages.success(request, _("The programme was created. Add its phases and spearheads below."))
            return redirect(programme)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New programme"), "cancel_url": "programme:list"},
    )


@login_required
def programme_edit(request, pk):
    programme = _programme_or_404(request.user, pk)
    _require_change(request.user, programme)
    form = ProgrammeForm(request.POST or None, instance=programme, actor=request.user)
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form,
            services.update_programme,
            actor=request.user,
            programme=programme,
            **form.service_fields(),
        )
        if updated:
            messages.success(request, _("The programme was saved."))
            return redirect(updated)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": programme.name},
            "cancel_url": programme.get_absolute_url(),
        },
    )


@login_required
def programme_delete(request, pk):
    programme = _programme_or_404(request.user, pk)
    if not scoping.allows(request.user, "programme", "delete", programme):
        raise PermissionDenied
    return confirm_delete(
        request,
        programme,
        delete=lambda: services.delete_programme(actor=request.user, programme=programme),
        success_message=_("The programme was deleted."),
        cancel_url=programme.get_absolute_url(),
        success_url="programme:list",
    )


# ------------------------------------------------------------------ structure
# kind → (model, form, add service + its parent keyword, update service + its keyword, delete service, title)
PARTS = {
    "phase": (Phase, PhaseForm, services.add_phase, services.update_phase, services.delete_phase),
    "spearhead": (
        Spearhead,
        SpearheadForm,
        services.add_spearhead,
        services.update_spearhead,
        services.delete_spearhead,
    ),
    "package": (
        MeasurePackage,
        PackageForm,
        services.add_package,
        services.update_package,
        services.delete_package,
    ),
    "measure": (Measure, MeasureForm, services.add_measure, services.update_measure, services.delete_measure),
}
PARENTS = {"phase": "programme", "spearhead": "programme", "package": "spearhead", "measure": "package"}


def _titles():
    return {
        "phase": (_("New phase"), _("Edit phase %(name)s")),
        "spearhead": (_("New spearhead"), _("Edit spearhead %(name)s")),
        "package": (_("New measure package"), _("Edit measure package %(name)s")),
        "measure": (_("New measure"), _("Edit measure %(name)s")),
    }


def _form(kind, programme, *args, **kwargs):
    form_class = PARTS[kind][1]
    if kind == "measure":
        return form_class(*args, programme=programme, **kwargs)
    return form_class(*args, **kwargs)


def _after(kind, part, programme):
    return redirect("programme:measure", part.pk) if kind == "measure" else redirect(programme)


@login_required
def part_create(request, kind, parent_pk):
    parent_model = {"programme": Programme, "spearhead": Spearhead, "package": MeasurePackage}[PARENTS[kind]]
    if parent_model is Programme:
        parent = programme = _programme_or_404(request.user, parent_pk)
    else:
        parent, programme = _part_or_404(request.user, parent_model, parent_pk)
    _require_change(request.user, programme)
    form = _form(kind, programme, request.POST or None)
    if request.method == "POST" and form.is_valid():
        add = PARTS[kind][2]
        part = call_service(form, add, actor=request.user, **{PARENTS[kind]: parent}, **form.service_fields())
        if part:
            messages.success(request, _("Saved."))
            return _after(kind, part, programme)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": f"{_titles()[kind][0]} – {parent}",
            "cancel_url": programme.get_absolute_url(),
        },
    )


@login_required
def part_edit(request, kind, pk):
    part, programme = _part_or_404(request.user, PARTS[kind][0], pk)
    _require_change(request.user, programme)
    form = _form(kind, programme, request.POST or None, instance=part)
    if request.method == "POST" and form.is_valid():
        update = PARTS[kind][3]
        updated = call_service(form, update, actor=request.user, **{kind: part}, **form.service_fields())
        if updated:
            messages.success(request, _("Saved."))
            return _after(kind, updated, programme)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _titles()[kind][1] % {"name": part},
            "cancel_url": programme.get_absolute_url(),
        },
    )


@login_required
def part_delete(request, kind, pk):
    part, programme = _part_or_404(request.user, PARTS[kind][0], pk)
    _require_change(request.user, programme)
    return confirm_delete(
        request,
        part,
        delete=lambda: PARTS[kind][4](actor=request.user, **{kind: part}),
        success_message=_("Deleted."),
        cancel_url=programme.get_absolute_url(),
        success_url=programme.get_absolute_url(),
    )


# ------------------------------------------------------------------ measures and participation
@login_required
def measure_detail(request, pk):
    user = request.user
    try:
        measure = selectors.measure_of(user=user, pk=pk)
    except Measure.DoesNotExist:
        raise Http404 from None
    programme = measure.programme
    view = selectors.matrix_view(programme)
    row = next(r for r in view.rows() if r[1].pk == measure.pk)
    cells = [
        (m, cell, p, _may_decide(user, measure, m, p), p is not None and _may_withdraw(user, p))
        for m, cell, p in row[2]
    ]
    from aanjager.businesscase import selectors as case_selectors
    from aanjager.policyscan.models import Recommendation

    return render(
        request,
        "programme/measure.html",
        {
            "measure": measure,
            "programme": programme,
            "cells": cells,
            "totals": row[3],
            "business_cases": case_selectors.cases(user=user).filter(measure_package=measure.package)
            if scoping.allows(user, "business_case", "view")
            else [],
            "recommendations": Recommendation.objects.filter(measure=measure).select_related(
                "scan__municipality"
            )
            if scoping.allows(user, "policy_scan", "view")
            else [],
            "can_change": scoping.allows(user, "programme", "change", programme),
        },
    )


def _may_withdraw(user, participation) -> bool:
    return scoping.allows(user, "participation", "delete", participation)


def _may_decide(user, measure, municipality, participation) -> bool:
    if participation is not None:
        return scoping.allows(user, "participation", "change", participation)
    return scoping.allows(
        user, "participation", "create", Participation(measure=measure, municipality=municipality)
    )


@login_required
def participation_edit(request, pk, code):
    user = request.user
    try:
        measure = selectors.measure_of(user=user, pk=pk)
    except Measure.DoesNotExist:
        raise Http404 from None
    municipality = get_object_or_404(
        Municipality, code=code, pk__in=measure.programme.region.municipalities.values("pk")
    )
    participation = Participation.objects.filter(measure=measure, municipality=municipality).first()
    if not _may_decide(user, measure, municipality, participation):
        raise PermissionDenied
    form = ParticipationForm(
        request.POST or None,
        instance=participation or Participation(measure=measure, municipality=municipality),
        measure=measure,
    )
    if request.method == "POST" and form.is_valid():
        saved = call_service(
            form,
            services.set_participation,
            actor=user,
            measure=measure,
            municipality=municipality,
            **form.service_fields(),
        )
        if saved:
            messages.success(
                request, _("The decision of %(municipality)s was saved.") % {"municipality": municipality}
            )
            return redirect("programme:measure", measure.pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("%(municipality)s on %(measure)s")
            % {"municipality": municipality, "measure": measure},
            "cancel_url": measure_url(measure),
        },
    )


@login_required
def participation_delete(request, pk, code):
    """Back to 'not decided yet'."""
    user = request.user
    try:
        measure = selectors.measure_of(user=user, pk=pk)
    except Measure.DoesNotExist:
        raise Http404 from None
    participation = get_object_or_404(Participation, measure=measure, municipality__code=code)
    if not scoping.allows(user, "participation", "delete", participation):
        raise PermissionDenied
    return confirm_delete(
        request,
        participation,
        delete=lambda: services.delete_participation(actor=user, participation=participation),
        success_message=_("The decision was withdrawn: not decided yet."),
        cancel_url=measure_url(measure),
        success_url=measure_url(measure),
    )


def measure_url(measure) -> str:
    from django.urls import reverse

    return reverse("programme:measure", args=[measure.pk])


@login_required
def matrix(request, pk):
    user = request.user
    programme = _programme_or_404(user, pk)
    phase = programme.phases.filter(pk=request.GET.get("fase") or None).first()
    spearhead = programme.spearheads.filter(pk=request.GET.get("speerpunt") or None).first()
    view = selectors.matrix_view(programme, phase=phase, spearhead=spearhead)
    return render(
        request,
        "programme/matrix.html",
        {
            "programme": programme,
            "view": view,
            "phases": programme.phases.all(),
            "spearheads": programme.spearheads.order_by("number"),
            "phase": phase,
            "spearhead": spearhead,
        },
    )


@login_required
def matrix_export(request, pk, fmt):
    from django.http import HttpResponse

    from aanjager.programme import exports

    programme = _programme_or_404(request.user, pk)
    view = selectors.matrix_view(programme)
    name = f"programma-{programme.pk}-matrix"
    if fmt == "csv":
        response = HttpResponse(exports.csv_text(view), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.workbook(view),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
