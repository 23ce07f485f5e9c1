"""Writes of reference data: by the installation's administrator from the command line, audited."""

import datetime as dt
from decimal import Decimal

from django.db import transaction

from aanjager.audit import services as audit
from aanjager.core.services import ensure_allowed, validated_save
from aanjager.reference.models import MinimumWage


@transaction.atomic
def set_minimum_wage(*, actor, valid_from: dt.date, hourly_gross: Decimal, source: str) -> MinimumWage:
    """Add the minimum wage from a date, or correct the one recorded for that date."""
    ensure_allowed(
        actor, "municipality", "change"
    )  # nobody through the UI or API: reference data is system data
    wage = MinimumWage.objects.select_for_update().filter(valid_from=valid_from).first()
    before = audit.snapshot(wage) if wage else None
    wage = wage or MinimumWage(valid_from=valid_from)
    wage.hourly_gross = hourly_gross
    wage.source = source
    validated_save(wage)
    audit.record(
        actor=actor,
        action="update" if before else "create",
        instance=wage,
        before=before,
        after=audit.snapshot(wage),
        organisation=None,
    )
    return wage
