import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanjager.accounts import scoping
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.geo.models import Municipality
from aanjager.locations import selectors, services
from aanjager.locations.forms import CertificateForm, LocationForm, StatusForm
from aanjager.locations.models import Inspection, Location
from aanjager.locations.norm_presets import PRESETS, preset
from aanjager.locations.norms import evaluate


def _location_or_404(user, pk) -> Location:
    try:
        return selectors.location_detail(user=user, pk=pk)
    except Location.DoesNotExist:
        raise Http404 from None


def _day(value: str | None, default: dt.date) -> dt.date:
    try:
        day = dt.date.fromisoformat(value) if value else default
    except ValueError:
        return default
    return day if 1900 <= day.year <= 2999 else default  # the year before must exist too


LIST_PAGE_SIZE = 50


@login_required
def location_list(request):
    user = request.user
    locations = selectors.locations(user=user)
    municipality = request.GET.get("gemeente", "")
    status = request.GET.get("status", "")
    q = request.GET.get("q", "").strip()
    if municipality:
        locations = locations.filter(municipality__code=municipality)
    if status:
        locations = locations.filter(status=status)
    if q:
        locations = locations.filter(name__icontains=q) | locations.filter(street__icontains=q)
    today = timezone.localdate()
    day = _day(request.GET.get("op"), today)
    # The figures follow the filter even for a municipality without visible locations (they count only those).
    chosen = Municipality.objects.filter(code=municipality).first() if municipality else None
    # A municipality's area holds hundreds of locations: one page at a time (the figures above count them all).
    page = Paginator(locations.order_by("municipality__name", "name", "pk"), LIST_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    figures, before = selectors.bed_figures(user=user, days=[day, _year_before(day)], municipality=chosen)
    return render(
        request,
        "locations/list.html",
        {
            "locations": page,
            "page": page,
            "municipalities": _municipalities(user),
            "statuses": Location.Status.choices,
            "selected_municipality": municipality,
            "selected_status": status,
            "q": q,
            "day": day,
            "beds_on_day": figures["in_use"],
            "beds_year_before": before["in_use"],
            "certified_beds": figures["certified"],
            "certified_year_before": before["certified"],
            "expiring": selectors.expiring_certificates(user=user, day=today),
            "compliant": figures,  # the template reads its "compliant" and "unknown"
            "compliant_year_before": before,
            "can_create": scoping.allows(user, "location", "create"),
            "can_view_follow_ups": scoping.allows(user, "inspection", "view"),
            "can_view_bed_plans": scoping.allows(user, "bed_plan", "view"),
            "can_import": scoping.allows(user, "location", "create")
            or scoping.allows(user, "location", "change"),
        },
    )


def _year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _municipalities(user):
    ids = selectors.locations(user=user).values("municipality_id")
    return list(Municipality.objects.filter(pk__in=ids).order_by("name"))


@login_required
def location_detail(request, pk):
    return _render_detail(request, _location_or_404(request.user, pk))


def _render_detail(request, location, certificate_form=None):
    user = request.user
    day = _day(request.GET.get("op"), timezone.localdate())
    code = request.GET.get("normen", "snf")
    codes = sorted({c for c, _version in PRESETS})
    with_local = request.GET.get("lokaal", "1") != "0"
    norm_set = selectors.norm_set_for(
        location=location, code=code if code in codes else "snf", day=day, with_local=with_local
    )
    report = evaluate(location.norm_facts(), norm_set, day)
    certificates = _certificates(location, day)
    can_change = scoping.allows(user, "location", "change", location)
    from aanjager.locations.dependency_views import parameters

    dependency = selectors.dependency_indicators(location=location, day=day, params=parameters(request.GET))
    return render(
        request,
        "locations/detail.html",
        {
            "location": location,
            "report": report,
            "dependency": dependency,
            "compliant_beds": report.compliant_beds(location.beds),
            "norm_codes": [(c, preset(c).name) for c in codes],
            "selected_norms": norm_set.code,
            "with_local": with_local,
            "has_local_rules": location.municipality.local_norm_rules.exists(),
            "day": day,
            "versions": location.versions.select_related("municipality", "operator", "recorded_by"),
            "can_change": can_change,
            "can_delete": scoping.allows(user, "location", "delete", location),
            "status_form": StatusForm(location=location) if can_change else None,
            "certificates": certificates,
            "can_view_inspections": scoping.allows(user, "inspection", "view"),
            "inspections": selectors.inspections(user=user).filter(location=location),
            "can_inspect": scoping.allows(user, "inspection", "create", Inspection(location=location)),
            "certified": any(c["valid"] for c in certificates),
            "certificate_form": certificate_form
            or (CertificateForm(actor=user, location=location) if _may_certify(user, location) else None),
        },
        status=400 if certificate_form is not None else 200,
    )


def _may_certify(user, location) -> bool:
    """Those who inspect a location record its certificates (services.create_certificate checks the same)."""
    return scoping.allows(user, "inspection", "create", Inspection(location=location))


def _certificates(location, day):
    return [
        {
            "certificate": c,
            "valid": c.valid_on(day),
            "days_left": (c.valid_to - day).days,
        }
        for c in location.certificates.select_related("holder")
    ]


@login_required
@require_POST
def certificate_create(request, pk):
    location = _location_or_404(request.user, pk)
    if not _may_certify(request.user, location):
        raise PermissionDenied
    form = CertificateForm(request.POST, actor=request.user, location=location)
    if form.is_valid():
        certificate = call_service(
            form, services.create_certificate, actor=request.user, locations=[location], **form.cleaned_data
        )
        if certificate:
            messages.success(request, _("The certificate was recorded."))
            return redirect(location)
    return _render_detail(request, location, certificate_form=form)


@login_required
def location_create(request):
    if not scoping.allows(request.user, "location", "create"):
        raise PermissionDenied
    form = LocationForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        location = call_service(
            form,
            services.create_location,
            actor=request.user,
            effective=form.cleaned_data["effective"],
            **form.service_arguments(),
        )
        if location:
            messages.success(request, _("The location was registered."))
            return redirect(location)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New location"), "cancel_url": "locations:list"},
    )


@login_required
def location_edit(request, pk):
    location = _location_or_404(request.user, pk)
    if not scoping.allows(request.user, "location", "change", location):
        raise PermissionDenied
    form = LocationForm(request.POST or None, instance=location, actor=request.user)
    if request.method == "POST" and form.is_valid():
        changes = form.service_arguments()
        updated = call_service(
            form,
            services.update_location,
            actor=request.user,
            location=location,
            effective=form.cleaned_data["effective"],
            **changes,
        )
        if updated:
            messages.success(request, _("The location was saved."))
            return redirect(updated)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": location.name}, "cancel_url": "locations:list"},
    )


@login_required
@require_POST
def location_status(request, pk):
    location = _location_or_404(request.user, pk)
    if not scoping.allows(request.user, "location", "change", location):
        raise PermissionDenied
    form = StatusForm(request.POST, location=location)
    if form.is_valid():
        try:
            services.change_status(
                actor=request.user,
                location=location,
                status=form.cleaned_data["status"],
                effective=form.cleaned_data["effective"],
            )
            messages.success(request, _("The status was changed."))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(request, _("Choose a new status and a date."))
    return redirect(location)


@login_required
def location_delete(request, pk):
    location = _location_or_404(request.user, pk)
    if not scoping.allows(request.user, "location", "delete", location):
        raise PermissionDenied
    return confirm_delete(
        request,
        location,
        delete=lambda: services.delete_location(actor=request.user, location=location),
        success_message=_("The location was deleted."),
        cancel_url="locations:list",
        success_url="locations:list",
    )
