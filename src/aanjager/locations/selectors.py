"""Reads for locations, scoped to the acting user."""

import datetime as dt
from types import SimpleNamespace

from django.db.models import Count, Exists, OuterRef, Q, Sum

from aanjager.accounts import scoping
from aanjager.locations.models import (
    BedPlan,
    BedPlanStep,
    Certificate,
    FollowUp,
    Inspection,
    LocalNormRule,
    Location,
    LocationVersion,
)
from aanjager.organisations.models import Organisation


def locations(*, user):
    qs = Location.objects.select_related("municipality", "operator", "owner")
    return scoping.filter_queryset(user, "location", "view", qs)


def location_detail(*, user, pk: int) -> Location:
    return locations(user=user).get(pk=pk)


def versions_on(*, user, day: dt.date):
    """The state of every visible location on `day` (locations registered later are absent)."""
    return _versions_between(user=user, first=day, last=day)


def _versions_between(*, user, first: dt.date, last: dt.date):
    """The versions of visible locations valid on at least one day from `first` to `last`."""
    return LocationVersion.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gt=first),
        location__in=locations(user=user).values("pk"),
        valid_from__lte=last,
    )


def beds_in_use(*, user, day: dt.date, municipality=None) -> int:
    """Beds in locations that were in use on `day`, in one municipality or all the user sees."""
    qs = versions_on(user=user, day=day).filter(status=Location.Status.IN_USE)
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    return qs.aggregate(total=Sum("beds"))["total"] or 0


def _covered_on(day: dt.date, location: str = "pk") -> Exists:
    """Whether a certificate valid on `day` covers the location that `location` names in the outer query."""
    return Exists(
        Certificate.locations.through.objects.filter(
            location_id=OuterRef(location), certificate__valid_from__lte=day, certificate__valid_to__gte=day
        )
    )


def certified_on(day: dt.date) -> Q:
    """Locations (as a filter on Location) covered by a certificate valid on `day`. A subquery, not a join: a
    location with two valid certificates stays one row, so no query needs DISTINCT over all its columns."""
    return Q(_covered_on(day))


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


# The fields of a location that Location.norm_facts reads besides beds and housing form.
NORM_FACT_FIELDS = (
    "bedrooms",
    "max_persons_per_bedroom",
    "floor_area_gbo",
    "bedroom_area",
    "toilets",
    "showers",
    "bunk_beds",
    "under_one_roof",
    "new_build",
)
# What a version row brings to the norm evaluation: its own beds and form, its location's current facts.
_FACT_VALUES = ("beds", "housing_form", "municipality_id", *(f"location__{f}" for f in NORM_FACT_FIELDS))


def compliant_certified_beds(*, user, day: dt.date, municipality=None, norm_code: str = "snf") -> dict:
    """Certified beds in use on `day` that also comply with the norm set in force on that day.

    Each location is judged on its current facts (floor area, rooms, sanitary) with the beds it had on `day`; beds
    of locations with a fact missing count as `unknown`. Returns {"compliant": n, "unknown": n}."""
    from aanjager.locations.norm_presets import preset

    certified = Location.objects.filter(certified_on(day)).values("pk")
    versions = versions_on(user=user, day=day).filter(status=Location.Status.IN_USE, location__in=certified)
    if municipality is not None:
        versions = versions.filter(municipality=municipality)
    return _judge(versions.order_by().values(*_FACT_VALUES), preset(norm_code, day), day)


def bed_figures(*, user, days, municipality=None, norm_code: str = "snf") -> list[dict]:
    """beds_in_use, certified_beds_in_use and compliant_certified_beds for each of `days`, from one query (the
    location list shows all three for two days). Returns per day {"in_use", "certified", "compliant", "unknown"}."""
    from aanjager.locations.norm_presets import preset

    versions = _versions_between(user=user, first=min(days), last=max(days)).filter(
        status=Location.Status.IN_USE
    )
    if municipality is not None:
        versions = versions.filter(municipality=municipality)
    covered = {f"certified_{i}": _covered_on(day, "location_id") for i, day in enumerate(days)}
    rows = list(
        versions.order_by().annotate(**covered).values("valid_from", "valid_to", *covered, *_FACT_VALUES)
    )
    figures = []
    for i, day in enumerate(days):
        on_day = [
            r for r in rows if r["valid_from"] <= day and (r["valid_to"] is None or r["valid_to"] > day)
        ]
        certified = [r for r in on_day if r[f"certified_{i}"]]
        figures.append(
            {
                "in_use": sum(r["beds"] for r in on_day),
                "certified": sum(r["beds"] for r in certified),
                **_judge(certified, preset(norm_code, day), day),
            }
        )
    return figures


def _judge(rows, norm_set, day: dt.date) -> dict:
    """Compliant and unknown beds of version rows (values of _FACT_VALUES) under `norm_set` on `day`, plus the
    local rules of each row's municipality."""
    from aanjager.locations.norms import compliant_beds_judge

    result = {"compliant": 0, "unknown": 0}
    rows = list(rows)
    # The local rules of the municipality each location was in on the day count too.
    local = local_rules_by_municipality({row["municipality_id"] for row in rows})
    judges = {mid: compliant_beds_judge(norm_set.with_rules(*rules), day) for mid, rules in local.items()}
    plain = compliant_beds_judge(norm_set, day)
    # Plain rows, not model instances (a municipality has hundreds of these): Location.norm_facts reads only
    # attributes, so it is given the location's current facts with the beds and form of the version.
    for row in rows:
        facts = Location.norm_facts(
            SimpleNamespace(
                beds=row["beds"],
                housing_form=row["housing_form"],
                **{field: row[f"location__{field}"] for field in NORM_FACT_FIELDS},
            )
        )
        beds = judges.get(row["municipality_id"], plain)(facts)
        if beds is None:
            result["unknown"] += row["beds"]
        else:
            result["compliant"] += beds
    return result


def public_register(*, day: dt.date, municipality_code: str = "", q: str = ""):
    """The open register: locations in use that a valid certificate covers on `day`. No sign-in, so no scoping;
    what may be shown is chosen in `public_row`."""
    qs = (
        Location.objects.filter(certified_on(day), status=Location.Status.IN_USE)
        .select_related("municipality", "operator")
        .order_by("municipality__name", "operator__name", "name", "pk")
    )
    if municipality_code:
        qs = qs.filter(municipality__code=municipality_code)
    if q:  # a confidential location's name may name its street: it is not searched
        # The operators are searched in a subquery: a few thousand names, not every joined location row.
        operators = Organisation.objects.filter(name__icontains=q).values("pk")
        qs = qs.filter(Q(operator__in=operators) | Q(name__icontains=q, is_confidential=False))
    return qs


def public_register_totals(register) -> dict:
    """How many locations a register selection holds and their beds, counted in the database."""
    totals = register.aggregate(locations=Count("pk"), beds=Sum("beds"))
    return {"locations": totals["locations"], "beds": totals["beds"] or 0}


def public_register_municipalities(*, day: dt.date):
    """The municipalities with at least one location in the register on `day` (for the search form)."""
    from aanjager.geo.models import Municipality

    in_register = Location.objects.filter(certified_on(day), status=Location.Status.IN_USE)
    return Municipality.objects.filter(Exists(in_register.filter(municipality_id=OuterRef("pk")))).order_by(
        "name"
    )


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


# Beds are still occupied while a location phases out; they leave the register when it closes or shrinks.
OCCUPIED_STATUSES = (Location.Status.IN_USE, Location.Status.PHASING_OUT)


def bed_plans(*, user):
    qs = BedPlan.objects.select_related("provider", "municipality")
    return scoping.filter_queryset(user, "bed_plan", "view", qs)


def bed_plan_overview(*, plan: BedPlan, today: dt.date) -> dict:
    """A plan's steps, running balance, summary and the register checks of each side of each step."""
    return bed_plan_overviews(plans=[plan], today=today)[plan.pk]


def bed_plan_overviews(*, plans, today: dt.date) -> dict[int, dict]:
    """bed_plan_overview for several plans (a list page) in two queries, not two per plan."""
    from aanjager.locations import bed_transition as bt

    plans = list(plans)
    steps_of: dict[int, list] = {plan.pk: [] for plan in plans}
    for step in BedPlanStep.objects.filter(plan__in=steps_of).select_related("old_location", "new_location"):
        steps_of[step.plan_id].append(step)  # in the model's order, as plan.steps gives them
    location_ids = {
        pk for steps in steps_of.values() for s in steps for pk in (s.old_location_id, s.new_location_id)
    }
    histories: dict[int, list] = {pk: [] for pk in location_ids if pk}
    for version in LocationVersion.objects.filter(location_id__in=histories).order_by("valid_from"):
        beds = version.beds if version.status in OCCUPIED_STATUSES else 0
        histories[version.location_id].append(bt.Period(version.valid_from, version.valid_to, beds))
    return {pk: _bed_plan_overview(steps, histories, today) for pk, steps in steps_of.items()}


def _bed_plan_overview(steps: list, histories: dict, today: dt.date) -> dict:
    from aanjager.locations import bed_transition as bt

    pure = [
        bt.Step(
            id=s.pk,
            status=s.status,
            old_location=s.old_location_id,
            beds_out=s.beds_out,
            out_on=s.out_on,
            new_location=s.new_location_id,
            beds_in=s.beds_in,
            in_on=s.in_on,
        )
        for s in steps
    ]
    checks: dict[int, dict] = {s.pk: {} for s in steps}
    for check in bt.register_checks(pure, histories, today):
        checks[check.step_id][check.side] = check
    return {
        "steps": [{"step": s, "out": checks[s.pk].get("out"), "in": checks[s.pk].get("in")} for s in steps],
        "balance": bt.balance(pure),
        "summary": bt.summary(pure),
        "mismatches": sum(
            1
            for c in checks.values()
            for side in c.values()
            if side.outcome == bt.CheckOutcome.NOT_IN_REGISTER
        ),
        "overdue": [
            s
            for s in steps
            if s.status == BedPlanStep.Status.PLANNED and max(filter(None, [s.out_on, s.in_on])) < today
        ],
    }


def tenancy_facts(location: Location, day: dt.date):
    """What the double-dependency indicators need to know of a location on `day`."""
    from aanjager.locations.dependency import TenancyFacts

    return TenancyFacts(
        landlord_is_employer=location.landlord_is_employer(),
        separate_rental_contract=location.separate_rental_contract,
        notice_days_after_job_loss=location.notice_days_after_job_loss,
        rent_payment=location.rent_payment,
        rent_per_bed_week=location.rent_per_bed_week,
        certified=any(c.valid_on(day) for c in location.certificates.all()),
    )


def dependency_indicators(*, location: Location, day: dt.date, params=None) -> dict:
    from aanjager.locations import dependency
    from aanjager.reference.selectors import minimum_wage_on

    params = params or dependency.Parameters()
    wage = minimum_wage_on(day)
    return {
        "indicators": dependency.indicators(tenancy_facts(location, day), wage, params),
        "wage": wage,
        "cap": dependency.weekly_cap(wage, params) if wage else None,
        "params": params,
    }


def dependency_by_operator(*, user, day: dt.date, params=None) -> list[dict]:
    """Per operator, over its visible locations in use: how many locations have a flag or warning per indicator."""
    from aanjager.locations import dependency
    from aanjager.reference.selectors import minimum_wage_on

    params = params or dependency.Parameters()
    wage = minimum_wage_on(day)
    in_use = (
        locations(user=user)
        .filter(status__in=OCCUPIED_STATUSES)
        .prefetch_related("employers", "certificates")
        .order_by("operator__name", "name")
    )
    rows: dict[int, dict] = {}
    for location in in_use:
        found = dependency.indicators(tenancy_facts(location, day), wage, params)
        row = rows.setdefault(
            location.operator_id,
            {"operator": location.operator, "locations": 0, "beds": 0, "counts": {}, "flagged": []},
        )
        row["locations"] += 1
        row["beds"] += location.beds
        for indicator in found:
            counts = row["counts"].setdefault(indicator.code, dict.fromkeys(dependency.Level, 0))
            counts[indicator.level] += 1
        if any(i.level == dependency.Level.FLAG for i in found):
            row["flagged"].append(
                (location, [i for i in found if i.level in (dependency.Level.FLAG, dependency.Level.WARNING)])
            )
    return list(rows.values())


def local_rules(*, user):
    return scoping.filter_queryset(
        user, "norm_rule", "view", LocalNormRule.objects.select_related("municipality")
    )


def local_rules_by_municipality(municipality_ids) -> dict:
    """Local rules of these municipalities, as norm rules, per municipality id. Public policy: not scoped."""
    found: dict = {}
    for rule in LocalNormRule.objects.filter(municipality_id__in=municipality_ids).select_related(
        "municipality"
    ):
        found.setdefault(rule.municipality_id, []).append(rule.to_rule())
    return found


def norm_set_for(*, location: Location, code: str, day: dt.date, with_local: bool = True):
    """The preset in force on `day`, plus the local rules of the location's municipality when asked."""
    from aanjager.locations.norm_presets import preset

    norm_set = preset(code, day)
    local = local_rules_by_municipality([location.municipality_id]).get(location.municipality_id, [])
    if with_local and local:
        return norm_set.with_rules(
            *local, name=f"{norm_set.name} + lokale regels {location.municipality.name}"
        )
    return norm_set
