"""Reads for estimate runs, scoped to the acting user."""

from django.db.models import Q

from aanjager.accounts import scoping
from aanjager.estimates.engine import forecast
from aanjager.estimates.models import EstimateRow, EstimateRun, Scenario


def runs(*, user):
    """Runs the user may see: by the policy table, plus runs published to a region in the user's area."""
    qs = EstimateRun.objects.select_related("region", "organisation", "created_by")
    visible = scoping.filter_queryset(user, "estimate_run", "view", EstimateRun.objects.all())
    region_ids = set().union(*(g.region_ids for g in scoping.grants(user)))
    return qs.filter(Q(pk__in=visible.values("pk")) | Q(is_published=True, region_id__in=region_ids))


def run_detail(*, user, pk: int) -> EstimateRun:
    return runs(user=user).get(pk=pk)


def rows(*, run: EstimateRun, region_only: bool = True):
    qs = EstimateRow.objects.filter(run=run).select_related("municipality")
    if region_only:
        qs = qs.filter(municipality__in=run.region.municipalities.all())
    return qs.order_by("municipality__name")


ZERO_ROW = {
    "workers": 0,
    "workers_short": 0,
    "workers_mid": 0,
    "workers_long": 0,
    "residents_brp": 0,
    "residents_rni_assigned": 0.0,
    "estimate_low": 0,
    "estimate_central": 0,
    "estimate_high": 0,
}


def region_rows(*, run: EstimateRun) -> list[EstimateRow]:
    """One row per municipality of the run's region. From microdata a municipality without anybody is a zero: a
    zero is a result. An aggregated table that leaves a municipality out says nothing about it: its row is empty
    and marked `not_in_table`."""
    found = {row.municipality_id: row for row in rows(run=run)}
    absent = (
        dict.fromkeys(ZERO_ROW)
        if run.source == EstimateRun.Source.AGGREGATES
        else ZERO_ROW  # all None, or zeros
    )
    result = []
    for m in run.region.municipalities.order_by("name"):
        row = found.get(m.pk)
        if row is None:
            row = EstimateRow(run=run, municipality=m, **absent)
            row.not_in_table = run.source == EstimateRun.Source.AGGREGATES
        result.append(row)
    return result


def scenarios(*, user):
    return Scenario.objects.filter(run__in=runs(user=user)).select_related("run", "run__region", "created_by")


def projection(*, scenario: Scenario) -> dict:
    """The scenario's yearly values: per municipality of the region and for the region as a whole."""
    rows = [r for r in region_rows(run=scenario.run) if not getattr(r, "not_in_table", False)]
    base = {r.municipality.code: (r.estimate_low, r.estimate_central, r.estimate_high) for r in rows}
    base["total"] = tuple(sum(values[i] for values in base.values()) for i in range(3))
    paths = forecast.GrowthPaths(scenario.growth_low, scenario.growth_central, scenario.growth_high)
    return {
        "names": {r.municipality.code: r.municipality.name for r in rows},
        "years": forecast.project(base, scenario.run.year, paths, horizon=scenario.horizon),
    }


def published_runs():
    """For the public API: published, finished runs only."""
    return EstimateRun.objects.filter(is_published=True, status=EstimateRun.Status.DONE).select_related(
        "region"
    )
