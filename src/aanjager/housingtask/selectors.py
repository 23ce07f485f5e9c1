"""Reads for the housing task: the calculation's inputs from an estimate scenario and the location register.

The scenario decides who may see the housing task (the estimate's rights). Supply counts every location in the
region's municipalities, whoever runs it: the housing task is a regional total of beds, which holds no personal
data; the lists behind it (click-through) stay scoped to the user."""

import datetime as dt
from types import SimpleNamespace

from django.utils import timezone

from aanjager.estimates import selectors as estimate_selectors
from aanjager.estimates.engine import forecast
from aanjager.estimates.models import Scenario
from aanjager.housingtask import calculation
from aanjager.locations.models import BedPlanStep, Location
from aanjager.locations.norm_presets import preset
from aanjager.locations.norms import compliant_beds_judge
from aanjager.locations.selectors import NORM_FACT_FIELDS, local_rules_by_municipality


def scenarios(*, user):
    return estimate_selectors.scenarios(user=user).filter(run__status="done").order_by("-run__year", "name")


def scenario_detail(*, user, pk: int) -> Scenario:
    return scenarios(user=user).get(pk=pk)


def years_of(scenario: Scenario) -> list[int]:
    return [scenario.run.year + k for k in range(scenario.horizon + 1)]


def persons(scenario: Scenario, default_split_for=frozenset()) -> list[calculation.Persons]:
    """The living estimate of each municipality grown along the scenario's paths, with its workers' stay split;
    the default split for the municipalities of `default_split_for` (their split is hidden from the viewer: with
    the real one, the need under chosen housing shares would give it away)."""
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
        if None not in parts and sum(parts) > 0 and row.municipality.code not in default_split_for:
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
    judges: dict = {}
    result = []
    fields = ("id", "status", "beds", "housing_form", "municipality_id", "municipality__code", "serves_short_stay",
              "serves_mid_stay", "serves_long_stay", "permit", "permit_end", "expected_delivery", *NORM_FACT_FIELDS)  # fmt: skip
    # Plain rows, not model instances: a national register has tens of thousands of them.
    for row in Location.objects.filter(municipality_id__in=municipality_ids, status__in=wanted).values(
        *fields
    ):
        compliant = None  # only beds in use are judged: pipeline beds count by their status weight
        if row["status"] in calculation.ACTIVE:
            judge = judges.get(row["municipality_id"])
            if judge is None:
                rules = local.get(row["municipality_id"])
                judge = judges[row["municipality_id"]] = compliant_beds_judge(
                    norm_set.with_rules(*rules) if rules else norm_set, day
                )
            compliant = judge(Location.norm_facts(SimpleNamespace(**row)))
        served = (row["serves_short_stay"], row["serves_mid_stay"], row["serves_long_stay"])
        result.append(
            calculation.Location(
                id=row["id"],
                municipality=row["municipality__code"],
                status=row["status"],
                beds=row["beds"],
                compliant_beds=compliant,
                classes=tuple(c for c, on in zip(calculation.STAY_CLASSES, served, strict=True) if on),
                leaves_on=row["permit_end"] if row["permit"] == Location.Permit.TEMPORARY else None,
                expected_delivery=row["expected_delivery"],
                planned_outs=tuple(sorted(outs.get(row["id"], []))),
            )
        )
    return result


def housing_task(
    *,
    scenario: Scenario,
    params: calculation.Parameters,
    norm_code: str = "snf",
    default_split_for=frozenset(),
) -> dict:
    """Every cell of the scenario's region and horizon, with what went in."""
    today = timezone.localdate()
    municipalities = list(scenario.run.region.municipalities.order_by("name"))
    years = years_of(scenario)
    registered = locations(municipality_ids=[m.pk for m in municipalities], norm_code=norm_code, day=today)
    start = max(today, dt.date(years[0], 1, 1))
    residents = {
        r.municipality.code: float(r.estimate_central or 0)
        for r in estimate_selectors.region_rows(run=scenario.run)
        if not getattr(r, "not_in_table", False)
    }
    impacts = confirmed_impacts(region=scenario.run.region, years=years, residents=residents)
    cells = calculation.compute(
        persons(scenario, default_split_for), registered, years, params, impacts=impacts, start=start
    )
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


def company_plans(*, user):
    from aanjager.accounts import scoping
    from aanjager.housingtask.models import CompanyPlan

    qs = CompanyPlan.objects.select_related("municipality", "region", "organisation").prefetch_related(
        "phases"
    )
    return scoping.filter_queryset(user, "company_plan", "view", qs)


def distribution_weights(plan, residents: dict[str, float] | None = None) -> tuple[dict[str, float], str]:
    """Where the plan's workers would live: weights per municipality code and a note on how they were made.
    `residents` (labour migrants living per municipality) drives the residents key; without it, or with only zeros,
    the plan falls back to distance."""
    from aanjager.housingtask import company

    members = list(plan.region.municipalities.all())
    if plan.distribution == plan.Distribution.OWN_MUNICIPALITY:
        return {plan.municipality.code: 1.0}, "alles in de gemeente van het bedrijf"
    if plan.distribution == plan.Distribution.RESIDENTS and residents:
        values = {m.code: residents.get(m.code, 0.0) for m in members}
        if sum(values.values()) > 0:
            return company.normalise(values), "naar rato van de arbeidsmigranten die er wonen (schatting)"
    places = {m.code: (m.centroid_lat, m.centroid_lon) for m in members if m.centroid_lat is not None}
    origin = (plan.municipality.centroid_lat, plan.municipality.centroid_lon)
    if not places or origin[0] is None:
        return {plan.municipality.code: 1.0}, "alles in de gemeente van het bedrijf (geen coördinaten)"
    note = "naar afstand tot de vestiging: 1 / (1 + afstand ÷ 10 km)²"
    if plan.distribution == plan.Distribution.RESIDENTS:
        note += " (geen schatting van de regio beschikbaar)"
    return company.distance_weights(origin, places), note


def plan_beds(plan, years: list[int], residents: dict[str, float] | None = None) -> dict:
    """The plan's beds per year and stay class, the steps of each year, and the split over municipalities."""
    from aanjager.housingtask import company

    phases = [company.Phase(p.starts_on, float(p.amount), p.unit) for p in plan.phases.all()]
    assumptions = plan.assumptions()
    weights, note = distribution_weights(plan, residents)
    per_year = {}
    for year in years:
        beds, steps = company.beds_in(phases, plan.sector, year, assumptions)
        per_year[year] = {"beds": beds, "steps": steps, "where": company.distribute(beds, weights)}
    return {"years": per_year, "weights": weights, "note": note, "assumptions": assumptions}


def confirmed_impacts(
    *, region, years: list[int], residents: dict[str, float]
) -> list[calculation.CompanyImpact]:
    """Confirmed company plans of the region as beds per municipality, year and stay class."""
    from aanjager.housingtask.models import CompanyPlan

    impacts = []
    plans = CompanyPlan.objects.filter(region=region, status=CompanyPlan.Status.CONFIRMED).prefetch_related(
        "phases", "region__municipalities"
    )
    for plan in plans.select_related("municipality", "region"):
        for year, data in plan_beds(plan, years, residents)["years"].items():
            for code, classes in data["where"].items():
                for stay_class, beds in classes.items():
                    if beds:
                        impacts.append(calculation.CompanyImpact(code, year, stay_class, beds))
    return impacts
