"""Inspections and their follow-up actions: record a visit, add and close actions, list what is overdue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanjager.accounts import scoping
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.locations import selectors, services
from aanjager.locations.forms import FollowUpForm, InspectionForm
from aanjager.locations.models import FollowUp, Inspection, InspectionPhoto
from aanjager.locations.views import _location_or_404


def _inspection_or_404(user, pk) -> Inspection:
    try:
        return selectors.inspections(user=user).get(pk=pk)
    except Inspection.DoesNotExist:
        raise Http404 from None


@login_required
def inspection_create(request, pk):
    location = _location_or_404(request.user, pk)
    if not scoping.allows(request.user, "inspection", "create", Inspection(location=location)):
        raise PermissionDenied
    form = InspectionForm(request.POST or None, location=location)
    if request.method == "POST" and form.is_valid():
        inspection = call_service(
            form,
            services.record_inspection,
            actor=request.user,
            location=location,
            **form.service_arguments(),
        )
        if inspection:
            messages.success(request, _("The inspection was recorded."))
            return redirect(inspection)
    return render(
        request,
        "locations/inspection_form.html",
        {"form": form, "location": location, "title": _("Record an inspection")},
    )


@login_required
def inspection_edit(request, pk):
    inspection = _inspection_or_404(request.user, pk)
    if not scoping.allows(request.user, "inspection", "change", inspection):
        raise PermissionDenied
    form = InspectionForm(request.POST or None, instance=inspection, location=inspection.location)
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form,
            services.update_inspection,
            actor=request.user,
            inspection=inspection,
            **form.service_arguments(),
        )
        if updated:
            messages.success(request, _("The inspection was saved."))
            return redirect(updated)
    return render(
        request,
        "locations/inspection_form.html",
        {"form": form, "location": inspection.location, "title": _("Edit the inspection")},
    )


@login_required
def inspection_detail(request, pk, follow_up_form=None, photo_error=None):
    inspection = _inspection_or_404(request.user, pk)
    can_change = scoping.allows(request.user, "inspection", "change", inspection)
    return render(
        request,
        "locations/inspection_detail.html",
        {
            "inspection": inspection,
            "findings": [
                (label, inspection.rule_findings.get(code))
                for code, label in _rule_labels(inspection).items()
                if code in inspection.rule_findings
            ],
            "follow_ups": inspection.follow_ups.all(),
            "today": timezone.localdate(),
            "can_change": can_change,
            "can_delete": scoping.allows(request.user, "inspection", "delete", inspection),
            "follow_up_form": follow_up_form or (FollowUpForm() if can_change else None),
            "photos": inspection.photos.all(),
            "photo_error": photo_error,
        },
        status=400 if follow_up_form is not None or photo_error else 200,
    )


def _rule_labels(inspection) -> dict:
    from aanjager.locations.models import LocalNormRule
    from aanjager.locations.norm_presets import PRESETS

    labels = {}
    for norm_set in PRESETS.values():
        labels.update({rule.code: rule.label for rule in norm_set.rules})
    local_ids = [
        int(code.removeprefix("lokaal-"))
        for code in inspection.rule_findings
        if code.startswith("lokaal-") and code.removeprefix("lokaal-").isdigit()
    ]
    labels.update({rule.code: rule.label for rule in LocalNormRule.objects.filter(pk__in=local_ids)})
    return {code: labels.get(code, code) for code in inspection.rule_findings}


@login_required
def inspection_delete(request, pk):
    inspection = _inspection_or_404(request.user, pk)
    if not scoping.allows(request.user, "inspection", "delete", inspection):
        raise PermissionDenied
    return confirm_delete(
        request,
        inspection,
        delete=lambda: services.delete_inspection(actor=request.user, inspection=inspection),
        success_message=_("The inspection was deleted."),
        cancel_url="locations:follow_ups",
        success_url=inspection.location.get_absolute_url(),
    )


@login_required
@require_POST
def follow_up_create(request, pk):
    inspection = _inspection_or_404(request.user, pk)
    if not scoping.allows(request.user, "inspection", "change", inspection):
        raise PermissionDenied
    form = FollowUpForm(request.POST)
    if form.is_valid():
        follow_up = call_service(
            form, services.add_follow_up, actor=request.user, inspection=inspection, **form.cleaned_data
        )
        if follow_up:
            messages.success(request, _("The action was added."))
            return redirect(inspection)
    return inspection_detail(request, pk, follow_up_form=form)


@login_required
@require_POST
def follow_up_close(request, pk):
    try:
        follow_up = FollowUp.objects.select_related("inspection").get(
            pk=pk, inspection__in=selectors.inspections(user=request.user).values("pk")
        )
    except FollowUp.DoesNotExist:
        raise Http404 from None
    if not scoping.allows(request.user, "inspection", "change", follow_up.inspection):
        raise PermissionDenied
    try:
        services.close_follow_up(
            actor=request.user, follow_up=follow_up, status=request.POST.get("status", "")
        )
        messages.success(request, _("The action was closed."))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(follow_up.inspection)


@login_required
def follow_up_list(request):
    if not scoping.allows(request.user, "inspection", "view"):
        raise PermissionDenied
    today = timezone.localdate()
    follow_ups = list(selectors.open_follow_ups(user=request.user))
    by_municipality: dict = {}
    for follow_up in follow_ups:
        by_municipality.setdefault(follow_up.inspection.location.municipality.name, []).append(follow_up)
    return render(
        request,
        "locations/follow_ups.html",
        {
            "groups": sorted(by_municipality.items()),
            "overdue": sum(1 for f in follow_ups if f.deadline < today),
            "today": today,
        },
    )


@login_required
@require_POST
def photo_add(request, pk):
    inspection = _inspection_or_404(request.user, pk)
    if not scoping.allows(request.user, "inspection", "change", inspection):
        raise PermissionDenied
    upload = request.FILES.get("photo")
    if upload is None:
        return inspection_detail(request, pk, photo_error=_("Choose a photo."))
    try:
        services.add_inspection_photo(
            actor=request.user, inspection=inspection, upload=upload, caption=request.POST.get("caption", "")
        )
    except ValidationError as exc:
        return inspection_detail(request, pk, photo_error=" ".join(exc.messages))
    messages.success(request, _("The photo was added."))
    return redirect(inspection)


def _photo_or_404(user, pk) -> InspectionPhoto:
    try:
        return InspectionPhoto.objects.select_related("inspection__location").get(
            pk=pk, inspection__in=selectors.inspections(user=user).values("pk")
        )
    except InspectionPhoto.DoesNotExist:
        raise Http404 from None


@login_required
def photo_file(request, pk):
    """The photo itself, only for those who may see the inspection; never cached by shared caches."""
    photo = _photo_or_404(request.user, pk)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=photo.content_type)
    response["Content-Disposition"] = f'inline; filename="inspectie-{photo.inspection_id}-{photo.pk}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def photo_delete(request, pk):
    photo = _photo_or_404(request.user, pk)
    if not scoping.allows(request.user, "inspection", "change", photo.inspection):
        raise PermissionDenied
    return confirm_delete(
        request,
        photo,
        delete=lambda: services.delete_inspection_photo(actor=request.user, photo=photo),
        success_message=_("The photo was deleted."),
        cancel_url="locations:follow_ups",
        success_url=photo.inspection,
    )
