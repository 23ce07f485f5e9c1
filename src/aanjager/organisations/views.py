from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from aanjager.accounts import scoping
from aanjager.accounts import selectors as account_selectors
from aanjager.audit.personal_data import note_request
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.organisations import selectors, services
from aanjager.organisations.forms import ContactPersonForm, OrganisationForm
from aanjager.organisations.models import ContactPerson, Corner, Organisation, OrganisationType


def _organisation_or_404(user, pk):
    try:
        return selectors.organisation_detail(user=user, pk=pk)
    except Organisation.DoesNotExist:
        raise Http404 from None


def _contact_or_404(user, pk):
    try:
        return selectors.contacts(user=user).get(pk=pk)
    except ContactPerson.DoesNotExist:
        raise Http404 from None


@login_required
def organisation_list(request):
    organisations = selectors.organisations(user=request.user)
    org_type = request.GET.get("type", "")
    corner = request.GET.get("corner", "")
    q = request.GET.get("q", "").strip()
    if org_type:
        organisations = organisations.filter(org_type=org_type)
    if corner:
        organisations = organisations.filter(corner=corner)
    if q:
        organisations = organisations.filter(name__icontains=q)
    return render(
        request,
        "organisations/list.html",
        {
            "organisations": organisations,
            "types": OrganisationType.choices,
            "corners": Corner.choices,
            "selected_type": org_type,
            "selected_corner": corner,
            "q": q,
            "can_create": scoping.allows(request.user, "organisation", "create"),
        },
    )


@login_required
def organisation_detail(request, pk):
    organisation = _organisation_or_404(request.user, pk)
    user = request.user
    contacts = list(selectors.contacts(user=user, organisation=organisation))
    memberships = list(
        account_selectors.memberships(user=user).filter(organisation=organisation).select_related("user")
    )
    note_request(request, contacts, [m.user for m in memberships])
    return render(
        request,
        "organisations/detail.html",
        {
            "organisation": organisation,
            "contacts": contacts,
            "memberships": memberships,
            "can_change": scoping.allows(user, "organisation", "change", organisation),
            "can_delete": scoping.allows(user, "organisation", "delete", organisation),
            "can_add_contact": scoping.allows(
                user, "contact_person", "create", ContactPerson(organisation=organisation)
            ),
        },
    )


@login_required
def organisation_create(request):
    if not scoping.allows(request.user, "organisation", "create"):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = call_service(
            form, services.create_organisation, actor=request.user, **form.cleaned_data
        )
        if organisation:
            messages.success(request, _("Organisation %(name)s was created.") % {"name": organisation.name})
            return redirect("organisations:detail", pk=organisation.pk)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New organisation"), "cancel_url": "organisations:list"},
    )


@login_required
def organisation_update(request, pk):
    organisation = _organisation_or_404(request.user, pk)
    if not scoping.allows(request.user, "organisation", "change", organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            services.update_organisation,
            actor=request.user,
            organisation=organisation,
            **form.cleaned_data,
        ):
            messages.success(request, _("The changes were saved."))
            return redirect("organisations:detail", pk=pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": organisation},
            "cancel_url": "organisations:list",
        },
    )


@login_required
def organisation_delete(request, pk):
    organisation = _organisation_or_404(request.user, pk)
    if not scoping.allows(request.user, "organisation", "delete", organisation):
        raise PermissionDenied
    return confirm_delete(
        request,
        organisation,
        delete=lambda: services.delete_organisation(actor=request.user, organisation=organisation),
        success_message=_("Organisation %(name)s was deleted.") % {"name": organisation.name},
        cancel_url="organisations:list",
        success_url="organisations:list",
    )


@login_required
def contact_create(request, pk):
    organisation = _organisation_or_404(request.user, pk)
    if not scoping.allows(request.user, "contact_person", "create", ContactPerson(organisation=organisation)):
        raise PermissionDenied
    form = ContactPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if call_service(
            form,
            services.create_contact_person,
            actor=request.user,
            organisation=organisation,
            **form.cleaned_data,
        ):
            messages.success(request, _("The contact person was added."))
            return redirect("organisations:detail", pk=pk)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("New contact person for %(name)s") % {"name": organisation},
            "cancel_url": "organisations:list",
        },
    )


@login_required
def contact_update(request, pk):
    contact = _contact_or_404(request.user, pk)
    if not scoping.allows(request.user, "contact_person", "change", contact):
        raise PermissionDenied
    form = ContactPersonForm(request.POST or None, instance=contact)
    note_request(request, [contact])
    if request.method == "POST" and form.is_valid():
        if call_service(
            form, services.update_contact_person, actor=request.user, contact=contact, **form.cleaned_data
        ):
            messages.success(request, _("The changes were saved."))
            return redirect("organisations:detail", pk=contact.organisation_id)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": contact}, "cancel_url": "organisations:list"},
    )


@login_required
def contact_delete(request, pk):
    contact = _contact_or_404(request.user, pk)
    if not scoping.allows(request.user, "contact_person", "delete", contact):
        raise PermissionDenied
    if request.method == "POST":
        services.delete_contact_person(actor=request.user, contact=contact)
        messages.success(request, _("The contact person was deleted."))
        return redirect("organisations:detail", pk=contact.organisation_id)
    return render(
        request, "core/confirm_delete.html", {"object": contact, "cancel_url": "organisations:list"}
    )
