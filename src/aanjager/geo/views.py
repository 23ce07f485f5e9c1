from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from aanjager.accounts import scoping
from aanjager.core.forms import call_service
from aanjager.core.views import confirm_delete
from aanjager.geo import maps, selectors, services
from aanjager.geo.forms import RegionForm
from aanjager.geo.models import Region
from aanjager.organisations import selectors as org_selectors
from aanjager.organisations.models import Corner


def _region_or_404(user, pk):
    try:
        return selectors.region_detail(user=user, pk=pk)
    except Region.DoesNotExist:
        raise Http404 from None


@login_required
def region_list(request):
    return render(
        request,
        "geo/region_list.html",
        {
            "regions": selectors.regions(user=request.user),
            "can_create": scoping.allows(request.user, "region", "create"),
        },
    )


@login_required
def region_detail(request, pk):
    """The home page of a region: its municipalities on a map and in a table, its organisations per corner."""
    region = _region_or_404(request.user, pk)
    municipalities = list(region.municipalities.all())
    organisations = list(
        org_selectors.organisations_in_municipalities(
            user=request.user, municipality_ids=[m.pk for m in municipalities]
        )
    )
    by_municipality = {}
    for organisation in organisations:
        by_municipality.setdefault(organisation.seat_municipality_id, []).append(organisation)
    corners = [
        {"label": label, "organisations": [o for o in organisations if o.corner == value]}
        for value, label in Corner.choices
    ]
    return render(
        request,
        "geo/region_detail.html",
        {
            "region": region,
            "municipalities": [{"m": m, "count": len(by_municipality.get(m.pk, []))} for m in municipalities],
            "map": maps.svg_paths([m.code for m in municipalities]),
            "corners": corners,
            "organisation_count": len(organisations),
            "can_change": scoping.allows(request.user, "region", "change", region),
            "can_delete": scoping.allows(request.user, "region", "delete", region),
        },
    )


@login_required
def region_create(request):
    if not scoping.allows(request.user, "region", "create"):
        raise PermissionDenied
    form = RegionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        region = call_service(form, services.create_region, actor=request.user, **form.cleaned_data)
        if region:
            messages.success(request, _("Region %(name)s was created.") % {"name": region.name})
            return redirect("geo:region_detail", pk=region.pk)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("New region"), "cancel_url": "geo:region_list"},
    )


@login_required
def region_update(request, pk):
    region = _region_or_404(request.user, pk)
    if not scoping.allows(request.user, "region", "change", region):
        raise PermissionDenied
    form = RegionForm(request.POST or None, instance=region)
    if not scoping.allows(request.user, "region", "create"):
        form.fields["municipalities"].disabled = True
        form.fields["municipalities"].help_text = _(
            "Only an administrator can change which municipalities a region has."
        )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        updated = call_service(
            form,
            services.update_region,
            actor=request.user,
            region=region,
            municipalities=data.pop("municipalities"),
            **data,
        )
        if updated:
            messages.success(request, _("The changes were saved."))
            return redirect("geo:region_detail", pk=region.pk)
    return render(
        request,
        "core/form_page.html",
        {"form": form, "title": _("Edit %(name)s") % {"name": region}, "cancel_url": "geo:region_list"},
    )


@login_required
def region_delete(request, pk):
    region = _region_or_404(request.user, pk)
    if not scoping.allows(request.user, "region", "delete", region):
        raise PermissionDenied
    return confirm_delete(
        request,
        region,
        delete=lambda: services.delete_region(actor=request.user, region=region),
        success_message=_("Region %(name)s was deleted.") % {"name": region.name},
        cancel_url="geo:region_list",
        success_url="geo:region_list",
    )


@login_required
def municipality_list(request):
    municipalities = selectors.municipalities(user=request.user)
    q = request.GET.get("q", "").strip()
    province = request.GET.get("province", "")
    if q:
        municipalities = municipalities.filter(name__icontains=q) | municipalities.filter(code__iexact=q)
    if province:
        municipalities = municipalities.filter(province__code=province)
    return render(
        request,
        "geo/municipality_list.html",
        {
            "municipalities": municipalities.order_by("name"),
            "provinces": selectors.provinces(user=request.user),
            "q": q,
            "province": province,
        },
    )
