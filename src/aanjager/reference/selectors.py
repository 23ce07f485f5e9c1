"""Reads of reference data. Public law, so not scoped to a user."""

import datetime as dt

from aanjager.locations.dependency import MinimumWage as Wage
from aanjager.reference.models import MinimumWage


def minimum_wages() -> list[Wage]:
    return [Wage(w.hourly_gross, w.valid_from, w.source) for w in MinimumWage.objects.all()]


def minimum_wage_on(day: dt.date) -> Wage | None:
    row = MinimumWage.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    return Wage(row.hourly_gross, row.valid_from, row.source) if row else None
