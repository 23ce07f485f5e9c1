"""Norm sets: the shipped presets with their rules and sources, and the local rules municipalities add."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from aanjager.accounts import scoping
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.locations import norm_rule_services as services
from aanjager.locations import selectors
from aanjager.locations.forms import LocalNormRuleForm
from aanjager.locations.models import LocalNormRule
from aanjager.locations.norm_presets import PRESETS


@login_required
def norm_sets(request):
    user = request.user
    rules = list(selectors.local_rules(user=user))
    return render(
        request,
        "locations/norms.html",
        {
            "presets": sorted(PRESETS.values(), key=lambda s: (s.code, s.valid_from or s.version)),
            "local_rules": [
                {"rule": r, "can_change": scoping.allows(user, "norm_rule", "change", r)} for r in rules
            ],
            "can_create": scoping.allows(user, "norm_rule", "create"),
        },
    )


def _rule_or_404(user, pk) -> LocalNormRule:
    try:
        return selectors.local_rules(user=user).get(pk=pk)
    except LocalNormRule.DoesNotExist:
        raise Http404 from None


@login_required
def rule_create(request):
    if not scoping.allows(request.user, "norm_rule", "create"):
        raise PermissionDenied
    form = LocalNormRuleForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        rule = call_service(form, services.create_local_rule, actor=request.user, **form.cleaned_data)
        if rule:
            messages.success(request, _("The local rule was added."))
            return redirect("locations:norms")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New local norm rule"), "cancel_url": "locations:norms"},
    )


@login_required
def rule_edit(request, pk):
    rule = _rule_or_404(request.user, pk)
    if not scoping.allows(request.user, "norm_rule", "change", rule):
        raise PermissionDenied
    form = LocalNormRuleForm(request.POST or None, instance=rule, actor=request.user)
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form, services.update_local_rule, actor=request.user, rule=rule, **form.cleaned_data
        )
        if updated:
            messages.success(request, _("The local rule was saved."))
            return redirect("locations:norms")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": rule.label}, "cancel_url": "locations:norms"},
    )


@login_required
def rule_delete(request, pk):
    rule = _rule_or_404(request.user, pk)
    if not scoping.allows(request.user, "norm_rule", "delete", rule):
        raise PermissionDenied
    return confirm_delete(
        request,
        rule,
        delete=lambda: services.delete_local_rule(actor=request.user, rule=rule),
        success_message=_("The local rule was deleted."),
        cancel_url="locations:norms",
        success_url="locations:norms",
    )
