from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from aanjager.accounts import scoping, selectors, services
from aanjager.accounts.forms import MembershipForm, UserChangeForm, UserCreateForm
from aanjager.accounts.models import Membership, User
from aanjager.audit.personal_data import note_request
from aanjager.core.forms import call_service


def _membership_or_404(user, pk):
    try:
        return selectors.memberships(user=user).get(pk=pk)
    except Membership.DoesNotExist:
        raise Http404 from None


@login_required
def membership_list(request):
    user = request.user
    rows = [
        {
            "m": m,
            "can_change": scoping.allows(user, "membership", "change", m),
            "can_delete": scoping.allows(user, "membership", "delete", m),
        }
        for m in selectors.memberships(user=user).select_related("user")
    ]
    note_request(request, [r["m"].user for r in rows])
    return render(
        request,
        "accounts/membership_list.html",
        {
            "rows": rows,
            "any_actions": any(r["can_change"] or r["can_delete"] for r in rows),
            "can_create": scoping.allows(request.user, "membership", "create"),
            "can_create_user": scoping.allows(request.user, "user", "create"),
        },
    )


@login_required
def membership_create(request):
    if not scoping.allows(request.user, "membership", "create"):
        raise PermissionDenied
    form = MembershipForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        membership = call_service(form, services.create_membership, actor=request.user, **form.cleaned_data)
        if membership:
            messages.success(request, _("The membership was created."))
            return redirect("accounts:membership_list")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New membership"), "cancel_url": "accounts:membership_list"},
    )


@login_required
def membership_update(request, pk):
    membership = _membership_or_404(request.user, pk)
    if not scoping.allows(request.user, "membership", "change", membership):
        raise PermissionDenied
    form = MembershipForm(request.POST or None, instance=membership, actor=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("user")
        if call_service(form, services.update_membership, actor=request.user, membership=membership, **data):
            messages.success(request, _("The changes were saved."))
            return redirect("accounts:membership_list")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Edit membership"), "cancel_url": "accounts:membership_list"},
    )


@login_required
def membership_delete(request, pk):
    membership = _membership_or_404(request.user, pk)
    if not scoping.allows(request.user, "membership", "delete", membership):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_membership(actor=request.user, membership=membership)
        messages.success(request, _("The membership was deleted."))
        return redirect("accounts:membership_list")
    return render(
        request, "core/confirm_delete.html", {"object": membership, "cancel_url": "accounts:membership_list"}
    )


@login_required
def user_list(request):
    if not scoping.allows(request.user, "user", "view"):
        raise PermissionDenied
    users = list(selectors.users(user=request.user).prefetch_related("memberships__organisation"))
    note_request(request, users)
    return render(
        request,
        "accounts/user_list.html",
        {
            "users": users,
            "can_create_user": scoping.allows(request.user, "user", "create"),
            "two_factor_users": set(
                TOTPDevice.objects.filter(user__in=users).values_list("user_id", flat=True)
            ),
        },
    )


@login_required
def user_create(request):
    if not scoping.allows(request.user, "user", "create"):
        raise PermissionDenied
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = call_service(form, services.create_user, actor=request.user, **form.cleaned_data)
        if user:
            messages.success(
                request, _("User %(name)s was created. Now give them a membership.") % {"name": user}
            )
            return redirect("accounts:membership_create")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New user"), "cancel_url": "accounts:membership_list"},
    )


@login_required
def user_update(request, pk):
    try:
        target = selectors.users(user=request.user).get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None
    if not scoping.allows(request.user, "user", "change", target):
        raise PermissionDenied
    initial = {f: getattr(target, f) for f in ("first_name", "last_name", "email", "is_active")}
    note_request(request, [target])
    form = UserChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if call_service(form, services.update_user, actor=request.user, user=target, **form.cleaned_data):
            messages.success(request, _("The changes were saved."))
            return redirect("accounts:user_list")
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": target}, "cancel_url": "accounts:user_list"},
    )


@login_required
def two_factor_reset(request, pk):
    """An administrator removes a user's authenticator app (a lost phone)."""
    try:
        target = selectors.users(user=request.user).get(pk=pk)
    except User.DoesNotExist:
        raise Http404 from None
    if not scoping.allows(request.user, "user", "change", target):
        raise PermissionDenied
    if request.method == "POST":
        services.reset_two_factor(actor=request.user, user=target)
        messages.success(
            request, _("The two-factor authentication of %(name)s was reset.") % {"name": target.username}
        )
        return redirect("accounts:user_list")
    return render(request, "accounts/two_factor_reset.html", {"target": target})
