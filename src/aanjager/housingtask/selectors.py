"""Reads for the housing task: the calculation's inputs from an estimate scenario and the location register.

The scenario decides who may see the housing task (the estimate's rights). Supply counts every location in the
region's municipalities, whoever runs it: the housing task is a regional total of beds, which holds no personal
data; the lists behind it (click-through) stay scoped to the user."""

import datetime as dt

from django.utils import timezone

from aanjager.estimates import selectors as estimate_selectors
from aanjager.estimates.engine import forecast
from aanjager.estimates.models import Scenario
from aanjager.housingtask import calculation
from aanjager.locations.models import BedPlanStep, Location
from aanjager.locations.norm_presets import preset
from aanjager.locations.norms import evaluate
from aanjager.locations.selectors import local_rules_by_municipality


def scenarios(*, user):
    return estimate_selectors.scenarios(user=user).filter(run__status="done").order_by("-run__year", "name")


def scenario_detail(*, user, pk: int) -> Scenario:
    return scenarios(user=user).get(pk=pk)


def years_of(scenario: Scenario) -> list[int]:
    return [scenario.run.year + k for k in range(scenario.horizon + 1)]


def persons(scenario: Scenario) -> list[calculation.Persons]:
    """The living estimate of each municipality grown along the scenario's paths, with its workers' stay split."""
    rows = [
        r for r in estimate_selectors.region_rows(run=scenario.run) if not getattr(r, "not_in_table", False)
    ]
    paths = forecast.GrowthPaths(scenario.growth_low, scenario.growth_central, scenario.growth_high)
    base = {r.municipality.code: (r.estimate_low, r.estimate_central, r.estimate_high) for r in rows}
    projected = forecast.project(base, scenario.run.year, paths, horizon=scenario.horizon)
    result = []
    for row in rows:
        split = None
        parts = (row.workers_short, row.workers_mid, row.workers_long)
        if None not in parts and sum(parts) > 0:
            split = dict(zip(calculation.STAY_CLASSES, (p / sum(parts) for p in parts), strict=True))
        for year in projected[row.municipality.code]:
            result.append(
                calculation.Persons(
                    row.municipality.code, year["year"], year["low"], year["central"], year["high"], split
                )
            )
    return result


def locations(*, municipality_ids, norm_code: str, day: dt.date) -> list[calculation.Location]:
    """The register of these municipalities as the calculation needs it: compliant beds under the norm set in
    force on `day` plus the municipality's local rules, known ends, and bed-voor-bed steps still ahead."""
    norm_set = preset(norm_code, day)
    local = local_rules_by_municipality(municipality_ids)
    outs: dict[int, list] = {}
    for step in BedPlanStep.objects.filter(
        old_location__municipality_id__in=municipality_ids, status="planned", out_on__gt=day, beds_out__gt=0
    ):
        outs.setdefault(step.old_location_id, []).append((step.out_on, step.beds_out))
    wanted = calculation.ACTIVE + calculation.PIPELINE
    result = []
    for location in Location.objects.filter(
        municipality_id__in=municipality_ids, status__in=wanted
    ).select_related("municipality"):
        rules = local.get(location.municipality_id)
        report = evaluate(location.norm_facts(), norm_set.with_rules(*rules) if rules else norm_set, day)
        classes = tuple(
            c
            for c, served in zip(
                calculation.STAY_CLASSES,
                (location.serves_short_stay, location.serves_mid_stay, location.serves_long_stay),
                strict=True,
            )
            if served
        )
        result.append(
            calculation.Location(
                id=location.pk,
                municipality=location.municipality.code,
                status=location.status,
                beds=location.beds,
                compliant_beds=report.compliant_beds(location.beds),
                classes=classes,
                leaves_on=location.permit_end if location.permit == Location.Permit.TEMPORARY else None,
                expected_delivery=location.expected_delivery,
                planned_outs=tuple(sorted(outs.get(location.pk, []))),
            )
        )
    return result


def housing_task(*, scenario: Scenario, params: calculation.Parameters, norm_code: str = "snf") -> dict:
    """Every cell of the scenario's region and horizon, with what went in."""
    today = timezone.localdate()
    municipalities = list(scenario.run.region.municipalities.order_by("name"))
    years = years_of(scenario)
    registered = locations(municipality_ids=[m.pk for m in municipalities], norm_code=norm_code, day=today)
    start = max(today, dt.date(years[0], 1, 1))
    cells = calculation.compute(persons(scenario), registered, years, params, start=start)
    return {
        "cells": cells,
        "years": years,
        "municipalities": municipalities,
        "locations": registered,
        "undated_pipeline": [
            loc for loc in registered if loc.status in calculation.PIPELINE and loc.expected_delivery is None
        ],
        "start": start,
        "norm_code": norm_code,
    }
