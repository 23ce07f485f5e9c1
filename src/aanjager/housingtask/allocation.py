"""Regional distribution inside the app: the members of a scenario's region with their jobs, effort and bounds, the
allocations (keys or optimiser), and saving and choosing one as the programme target."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from aanjager.audit import services as audit
from aanjager.core.services import ensure_allowed
from aanjager.estimates import selectors as estimate_selectors
from aanjager.estimates.models import EstimateRun
from aanjager.housingtask import calculation, distribution
from aanjager.housingtask.models import Allocation
from aanjager.locations.models import Location


def members(scenario, bounds: dict | None = None) -> list[distribution.Member]:
    """The region's municipalities with jobs (the estimate's workers), effort (beds in use now) and bounds."""
    bounds = bounds or {}
    rows = {r.municipality.code: r for r in estimate_selectors.region_rows(run=scenario.run)}
    municipalities = list(scenario.run.region.municipalities.order_by("name"))
    effort = dict(
        Location.objects.filter(municipality__in=municipalities, status=Location.Status.IN_USE)
        .values_list("municipality__code")
        .annotate(beds=Sum("beds"))
    )
    from aanjager.reference.population import latest

    population = latest([m.code for m in municipalities], scenario.run.year)
    result = []
    for m in municipalities:
        row = rows.get(m.code)
        own = bounds.get(m.code, {})
        result.append(
            distribution.Member(
                code=m.code,
                name=m.name,
                jobs=float((row.workers if row is not None else 0) or 0),
                effort=float(effort.get(m.code, 0)),
                population=population.get(
                    m.code
                ),  # imported (aanjager import_population); else the key says so
                lat=m.centroid_lat,
                lon=m.centroid_lon,
                min_share=float(own.get("min", 0) or 0),
                max_share=float(own.get("max", 1) if own.get("max") not in (None, "") else 1),
                capacity=float(own["capacity"]) if own.get("capacity") not in (None, "") else None,
            )
        )
    return result


def regional_gaps(task: dict, variant: str) -> dict[int, float]:
    return {year: max(cell.gap(variant), 0.0) for year, cell in calculation.totals(task["cells"]).items()}


def compute(*, scenario, task: dict, method: str, variant: str, year: int, weights: dict, bounds: dict):
    """An unsaved allocation of the regional gap of `year`. Raises ValueError (Infeasible included) with a
    message for the user."""
    gaps = regional_gaps(task, variant)
    if year not in gaps:
        raise ValueError(_("This year lies outside the scenario."))
    ms = members(scenario, bounds)
    gap = gaps[year]
    from aanjager.reference.distances import table

    distances = table([m.code for m in ms])
    basis = (
        _("Distances from the imported distance table (straight lines between centroids where it has none).")
        if distances
        else _("Distances as the crow flies between municipality centroids.")
    )
    if method == Allocation.Method.OPTIMISER:
        result = distribution.optimise(gap, ms, distribution.distance_matrix(ms, distances))
    else:
        result = distribution.by_key(gap, ms, weights)
        if gap > 0:
            distribution.check_bounds(gap, ms)  # inconsistent bounds are an error whatever the method
        if gap > 0 and not distribution.within_bounds(result, gap, ms):
            result.explanations.append(_("This key does not keep every municipality within its bounds."))
        if gap > 0 and all(m.lat is not None for m in ms):
            result.km = distribution.transport_km(
                gap, ms, result.beds, distribution.distance_matrix(ms, distances)
            )
    result.explanations.append(basis)
    return result, gap, gaps, ms


def _may_allocate(actor, scenario):
    return ensure_allowed(actor, "estimate_run", "create", EstimateRun(region=scenario.run.region))


@transaction.atomic
def save_allocation(*, actor, scenario, name: str, method: str, variant: str, year: int, gap: float, weights: dict,
                    bounds: dict, result, gaps: dict[int, float]) -> Allocation:  # fmt: skip
    acting = _may_allocate(actor, scenario)
    name = (name or "").strip()[:200]
    if not name:
        raise ValidationError({"name": _("Give the allocation a name.")})
    if Allocation.objects.filter(scenario=scenario, name=name).exists():
        raise ValidationError({"name": _("This scenario already has an allocation with this name.")})
    shares = result.shares()
    allocation = Allocation.objects.create(
        scenario=scenario,
        name=name,
        method=method,
        variant=variant,
        year=year,
        gap=gap,
        weights=weights if method == Allocation.Method.KEY else {},
        bounds=bounds,
        beds={code: round(b, 2) for code, b in result.beds.items()},
        km=result.km,
        explanations=result.explanations,
        targets={str(y): {code: round(g * s, 1) for code, s in shares.items()} for y, g in gaps.items()},
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    audit.record(
        actor=actor, action="create", instance=allocation, before=None, after=audit.snapshot(allocation),
        organisation=acting,
    )  # fmt: skip
    return allocation


@transaction.atomic
def choose(*, actor, allocation: Allocation) -> Allocation:
    """Make this allocation the programme target of its scenario (and no other)."""
    acting = _may_allocate(actor, allocation.scenario)
    before = audit.snapshot(allocation)
    Allocation.objects.filter(scenario=allocation.scenario).exclude(pk=allocation.pk).update(is_chosen=False)
    allocation.is_chosen = True
    allocation.save(update_fields=["is_chosen"])
    audit.record(
        actor=actor, action="update", instance=allocation, before=before, after=audit.snapshot(allocation),
        organisation=acting,
    )  # fmt: skip
    return allocation


@transaction.atomic
def delete(*, actor, allocation: Allocation) -> None:
    acting = _may_allocate(actor, allocation.scenario)
    audit.record(
        actor=actor, action="delete", instance=allocation, before=audit.snapshot(allocation), after=None,
        organisation=acting,
    )  # fmt: skip
    allocation.delete()
