"""Business cases: list, the case page with its variants side by side, the tornado and the trade-off; exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from aanjager.accounts import scoping
from aanjager.businesscase import charts, selectors, services
from aanjager.businesscase.forms import CaseForm, VariantForm
from aanjager.businesscase.models import CRITERIA, BusinessCase, Variant
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete


def _case_or_404(user, pk) -> BusinessCase:
    try:
        return selectors.cases(user=user).get(pk=pk)
    except BusinessCase.DoesNotExist:
        raise Http404 from None


def _variant_or_404(user, pk) -> Variant:
    try:
        return Variant.objects.select_related("case").get(
            pk=pk, case__in=selectors.cases(user=user).values("pk")
        )
    except Variant.DoesNotExist:
        raise Http404 from None


def _require_change(request, case):
    if not scoping.allows(request.user, "business_case", "change", case):
        raise PermissionDenied


@login_required
def case_list(request):
    user = request.user
    if not scoping.allows(user, "business_case", "view"):
        raise PermissionDenied
    return render(
        request,
        "businesscase/list.html",
        {
            "cases": selectors.cases(user=user).prefetch_related("variants"),
            "can_create": scoping.allows(user, "business_case", "create"),
        },
    )


def _evaluated(case, today):
    return selectors.evaluate_all(case.variants.all(), today)


@login_required
def case_detail(request, pk):
    user = request.user
    case = _case_or_404(user, pk)
    today = timezone.localdate()
    evaluated = _evaluated(case, today)
    chosen = next((e for e in evaluated if str(e.variant.pk) == request.GET.get("variant")), None)
    chosen = chosen or next((e for e in evaluated if e.result is not None), None)
    wage = selectors.hourly_minimum_wage(today)
    return render(
        request,
        "businesscase/detail.html",
        {
            "case": case,
            "evaluated": evaluated,
            "chosen": chosen,
            "tornado": charts.tornado(chosen.result.sensitivity) if chosen and chosen.result else None,
            "criteria": [(key, label, case.weight_of(key)) for key, label in CRITERIA],
            "wage": wage,
            "today": today,
            "can_change": scoping.allows(user, "business_case", "change", case),
            "can_delete": scoping.allows(user, "business_case", "delete", case),
        },
    )


@login_required
def case_create(request):
    if not scoping.allows(request.user, "business_case", "create"):
        raise PermissionDenied
    form = CaseForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        case = call_service(form, services.create_case, actor=request.user, **form.service_fields())
        if case:
            messages.success(request, _("The business case was created. Add its variants below."))
            return redirect(case)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New business case"), "cancel_url": "businesscase:list"},
    )


@login_required
def case_edit(request, pk):
    case = _case_or_404(request.user, pk)
    _require_change(request, case)
    form = CaseForm(request.POST or None, instance=case, actor=request.user)
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form, services.update_case, actor=request.user, case=case, **form.service_fields()
        )
        if updated:
            messages.success(request, _("The business case was saved."))
            return redirect(updated)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": case.name}, "cancel_url": "businesscase:list"},
    )


@login_required
def case_delete(request, pk):
    case = _case_or_404(request.user, pk)
    if not scoping.allows(request.user, "business_case", "delete", case):
        raise PermissionDenied
    return confirm_delete(
        request,
        case,
        delete=lambda: services.delete_case(actor=request.user, case=case),
        success_message=_("The business case was deleted."),
        cancel_url="businesscase:list",
        success_url="businesscase:list",
    )


@login_required
def variant_create(request, pk):
    case = _case_or_404(request.user, pk)
    _require_change(request, case)
    form = VariantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        variant = call_service(
            form, services.add_variant, actor=request.user, case=case, **form.service_fields()
        )
        if variant:
            messages.success(request, _("The variant was added."))
            return redirect(f"{case.get_absolute_url()}?variant={variant.pk}")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("New variant for %(name)s") % {"name": case.name},
            "cancel_url": "businesscase:list",
        },
    )


@login_required
def variant_edit(request, pk):
    variant = _variant_or_404(request.user, pk)
    _require_change(request, variant.case)
    form = VariantForm(request.POST or None, instance=variant)
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form, services.update_variant, actor=request.user, variant=variant, **form.service_fields()
        )
        if updated:
            messages.success(request, _("The variant was saved."))
            return redirect(f"{variant.case.get_absolute_url()}?variant={variant.pk}")
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": variant.name},
            "cancel_url": "businesscase:list",
        },
    )


@login_required
def variant_delete(request, pk):
    variant = _variant_or_404(request.user, pk)
    _require_change(request, variant.case)
    return confirm_delete(
        request,
        variant,
        delete=lambda: services.delete_variant(actor=request.user, variant=variant),
        success_message=_("The variant was deleted."),
        cancel_url="businesscase:list",
        success_url="businesscase:list",
    )


@login_required
def case_xlsx(request, pk):
    from aanjager.businesscase import exports

    case = _case_or_404(request.user, pk)
    data = exports.workbook(case, _evaluated(case, timezone.localdate()))
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="businesscase-{case.pk}.xlsx"'
    return response


@login_required
def case_pdf(request, pk):
    from aanjager.core.pdf import pdf_response

    case = _case_or_404(request.user, pk)
    today = timezone.localdate()
    return pdf_response(
        "businesscase/pdf.html",
        {
            "case": case,
            "evaluated": _evaluated(case, today),
            "criteria": [(key, label, case.weight_of(key)) for key, label in CRITERIA],
            "wage": selectors.hourly_minimum_wage(today),
            "today": today,
        },
        f"businesscase-{case.pk}.pdf",
    )
