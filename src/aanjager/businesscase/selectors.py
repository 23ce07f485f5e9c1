"""Reads for business cases, scoped to the acting user, and the evaluation of their variants."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from aanjager.accounts import scoping
from aanjager.businesscase import finance
from aanjager.businesscase.models import BusinessCase, Variant


def cases(*, user, action: str = "view") -> QuerySet:
    qs = BusinessCase.objects.select_related("municipality", "organisation", "location")
    return scoping.filter_queryset(user, "business_case", action, qs)


def hourly_minimum_wage(on: dt.date) -> Decimal | None:
    """The adult hourly minimum wage on a date (reference data), or None when none is known."""
    from aanjager.reference.models import MinimumWage

    wage = MinimumWage.objects.filter(valid_from__lte=on).order_by("-valid_from").first()
    return wage.hourly_gross if wage else None


@dataclass
class Evaluated:
    variant: Variant
    result: finance.Result | None
    errors: dict


def evaluate(variant: Variant, on: dt.date) -> Evaluated:
    return evaluate_with_wage(variant, hourly_minimum_wage(on))


def evaluate_all(variants, on: dt.date) -> list[Evaluated]:
    """Every variant with the same minimum wage, read once rather than once per variant."""
    wage = hourly_minimum_wage(on)
    return [evaluate_with_wage(variant, wage) for variant in variants]


def evaluate_with_wage(variant: Variant, wage: Decimal | None) -> Evaluated:
    """evaluate() with the minimum wage already read (None: none known, so no rent check)."""
    inputs = variant.inputs()
    errors = finance.validate(inputs)
    if errors:
        return Evaluated(variant, None, errors)
    result = finance.evaluate(
        inputs, hourly_minimum_wage=wage, weekly_hours=variant.weekly_hours if wage is not None else None
    )
    return Evaluated(variant, result, {})
