"""Double dependency per operator: which locations in use raise a flag, per indicator, with the parameters shown."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from aanjager.accounts import scoping
from aanjager.locations import dependency, selectors

INDICATOR_CODES = [
    "landlord_is_employer",
    "separate_rental_contract",
    "notice_period",
    "rent_payment",
    "rent_cap",
]


def parameters(query) -> dependency.Parameters:
    """The [A] parameters from the query string, within sensible bounds; the defaults otherwise."""
    defaults = dependency.Parameters()
    try:
        hours = Decimal(query.get("uren", "") or defaults.hours_per_week)
    except InvalidOperation:
        hours = defaults.hours_per_week
    if not hours.is_finite():
        hours = defaults.hours_per_week
    try:
        notice = int(query.get("opzegdagen", "") or defaults.min_notice_days)
    except ValueError:
        notice = defaults.min_notice_days
    return dependency.Parameters(
        hours_per_week=hours if 1 <= hours <= 60 else defaults.hours_per_week,
        min_notice_days=notice if 0 <= notice <= 365 else defaults.min_notice_days,
    )


def _day(value: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(value) if value else timezone.localdate()
    except ValueError:
        return timezone.localdate()


@login_required
def dependency_overview(request):
    user = request.user
    if not scoping.allows(user, "location", "view"):
        raise PermissionDenied
    day = _day(request.GET.get("op"))
    params = parameters(request.GET)
    rows = selectors.dependency_by_operator(user=user, day=day, params=params)
    for row in rows:
        row["cells"] = [row["counts"].get(code, {}) for code in dependency.LABELS]
    from aanjager.reference.selectors import minimum_wage_on

    wage = minimum_wage_on(day)
    return render(
        request,
        "locations/dependency.html",
        {
            "rows": rows,
            "day": day,
            "params": params,
            "wage": wage,
            "cap": dependency.weekly_cap(wage, params) if wage else None,
            "indicator_labels": list(dependency.LABELS.items()),
        },
    )
