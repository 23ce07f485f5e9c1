"""Reads for locations, scoped to the acting user."""

import datetime as dt

from django.db.models import Q, Sum

from aanjager.accounts import scoping
from aanjager.locations.models import Certificate, FollowUp, Inspection, Location, LocationVersion


def locations(*, user):
    qs = Location.objects.select_related("municipality", "operator", "owner")
    return scoping.filter_queryset(user, "location", "view", qs)


def location_detail(*, user, pk: int) -> Location:
    return locations(user=user).get(pk=pk)


def versions_on(*, user, day: dt.date):
    """The state of every visible location on `day` (locations registered later are absent)."""
    return LocationVersion.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=day),
        location__in=locations(user=user).values("pk"),
        valid_from__lte=day,
    )


def beds_in_use(*, user, day: dt.date, municipality=None) -> int:
    """Beds in locations that were in use on `day`, in one municipality or all the user sees."""
    qs = versions_on(user=user, day=day).filter(status=Location.Status.IN_USE)
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs.aggregate(total=Sum("beds"))["total"] or 0


def certified_on(day: dt.date) -> Q:
    """Locations (as a filter on Location) covered by a certificate valid on `day`."""
    return Q(certificates__valid_from__lte=day, certificates__valid_to__gte=day)


def certified_beds_in_use(*, user, day: dt.date, municipality=None) -> int:
    certified = Location.objects.filter(certified_on(day)).values("pk")
    qs = versions_on(user=user, day=day).filter(status=Location.Status.IN_USE, location__in=certified)
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs.aggregate(total=Sum("beds"))["total"] or 0


def expiring_certificates(*, user, day: dt.date, within_days: int = 60):
    """Certificates of visible locations that end within `within_days` after `day` (or ended recently)."""
    return (
        Certificate.objects.filter(
            locations__in=locations(user=user).values("pk"),
            valid_to__gte=day - dt.timedelta(days=within_days),
            valid_to__lte=day + dt.timedelta(days=within_days),
        )
        .select_related("holder")
        .distinct()
        .order_by("valid_to")
    )


def inspections(*, user):
    qs = Inspection.objects.select_related("location", "location__municipality", "inspector")
    return scoping.filter_queryset(user, "inspection", "view", qs)


def open_follow_ups(*, user, municipality=None):
    """Open follow-ups of the inspections the user may see, earliest deadline first."""
    qs = FollowUp.objects.filter(
        status=FollowUp.Status.OPEN, inspection__in=inspections(user=user).values("pk")
    ).select_related("inspection__location__municipality")
    if municipality is not None:
        qs = qs.filter(inspection__location__municipality=municipality)
    return qs.order_by("deadline", "id")


def compliant_certified_beds(*, user, day: dt.date, municipality=None, norm_code: str = "snf") -> dict:
    """Certified beds in use on `day` that also comply with the norm set in force on that day.

    Each location is judged on its current facts (floor area, rooms, sanitary) with the beds it had on `day`; beds
    of locations with a fact missing count as `unknown`. Returns {"compliant": n, "unknown": n}."""
    from dataclasses import replace

    from aanjager.locations.norm_presets import preset
    from aanjager.locations.norms import evaluate

    norm_set = preset(norm_code, day)
    certified = Location.objects.filter(certified_on(day)).values("pk")
    versions = versions_on(user=user, day=day).filter(status=Location.Status.IN_USE, location__in=certified)
    if municipality is not None:
        versions = versions.filter(municipality=municipality)
    result = {"compliant": 0, "unknown": 0}
    for version in versions.select_related("location"):
        facts = replace(version.location.norm_facts(), beds=version.beds, housing_form=version.housing_form)
        beds = evaluate(facts, norm_set, day).compliant_beds(version.beds)
        if beds is None:
            result["unknown"] += version.beds
        else:
            result["compliant"] += beds
    return result


def public_register(*, day: dt.date, municipality_code: str = "", q: str = ""):
    """The open register: locations in use that a valid certificate covers on `day`. No sign-in, so no scoping;
    what may be shown is chosen in `public_row`."""
    qs = (
        Location.objects.filter(certified_on(day), status=Location.Status.IN_USE)
        .select_related("municipality", "operator")
        .distinct()
        .order_by("municipality__name", "operator__name", "name")
    )
    if municipality_code:
        qs = qs.filter(municipality__code=municipality_code)
    if q:  # a confidential location's name may name its street: it is not searched
        qs = qs.filter(Q(operator__name__icontains=q) | Q(name__icontains=q, is_confidential=False))
    return qs


def public_row(location: Location, day: dt.date) -> dict:
    """One register line: no personal data; the street address only when the location is not confidential."""
    certificates = [c for c in location.certificates.all() if c.valid_on(day)]
    confidential = location.is_confidential
    return {
        "id": location.pk,
        # The name of a confidential location may give its address away: a description takes its place.
        "name": f"{location.get_housing_form_display()}, {location.place}" if confidential else location.name,
        "municipality_code": location.municipality.code,
        "municipality": location.municipality.name,
        "operator": location.operator.name,
        "operator_kvk": location.operator.kvk_number,
        "address": "" if confidential else location.address,
        "place": location.place,
        "housing_form": location.get_housing_form_display(),
        "beds": location.beds,
        "certificates": ", ".join(str(c) for c in certificates),
        "certified_until": max(c.valid_to for c in certificates).isoformat() if certificates else "",
    }
