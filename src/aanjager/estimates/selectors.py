"""Reads for estimate runs, scoped to the acting user."""

from collections import defaultdict
from types import SimpleNamespace

from django.conf import settings
from django.db.models import Q

from aanjager.accounts import scoping
from aanjager.estimates import suppression
from aanjager.estimates.engine import forecast
from aanjager.estimates.engine.run import RESULT_COLUMNS
from aanjager.estimates.models import EstimateRow, EstimateRun, Scenario
from aanjager.geo.models import Region


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


def visible_rows(*, user, run: EstimateRun, rows: list[EstimateRow] | None = None) -> tuple[list, bool]:
    """The region's rows (or `rows`, the run's region rows fetched already), with small cells hidden when the user
    sees the run only because it is published; and whether they were."""
    rows = region_rows(run=run) if rows is None else rows
    if scoping.allows(user, "estimate_run", "view", run):
        return rows, False
    return suppression.suppress(rows, settings.AANJAGER_SMALL_CELL_THRESHOLD, run.parameters), True


def shown_totals(rows) -> SimpleNamespace:
    """Column sums over the cells that are shown; a column nobody has a figure for stays empty."""
    sums = {}
    for c in RESULT_COLUMNS[1:]:
        values = [getattr(r, c) for r in rows if getattr(r, c) is not None]
        sums[c] = sum(values) if values else None
    return SimpleNamespace(**sums)


def latest_summaries(*, user, regions) -> dict[int, SimpleNamespace]:
    """Per region the newest finished run the user may see (highest reference year, then the last finished) with
    the totals the run page shows; in a fixed number of queries, whatever the number of regions."""
    latest = {}
    for run in (
        runs(user=user)
        .filter(region__in=regions, status=EstimateRun.Status.DONE)
        .order_by("region_id", "-year", "-finished_at", "-pk")
    ):
        latest.setdefault(run.region_id, run)
    found = region_rows_of(latest.values())
    first_scenario = {}
    for scenario in Scenario.objects.filter(run__in=latest.values()).order_by("run_id", "pk"):
        first_scenario.setdefault(scenario.run_id, scenario)
    summaries = {}
    for region_id, run in latest.items():
        rows, suppressed = visible_rows(user=user, run=run, rows=found[run.pk])
        summaries[region_id] = SimpleNamespace(
            run=run, totals=shown_totals(rows), suppressed=suppressed, scenario=first_scenario.get(run.pk)
        )
    return summaries


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
    return region_rows_of([run])[run.pk]


def region_rows_of(runs) -> dict[int, list[EstimateRow]]:
    """region_rows of several runs (a list of scenarios) in two queries, not two per run."""
    runs = {run.pk: run for run in runs}
    members = defaultdict(list)
    links = Region.municipalities.through.objects.filter(region_id__in={r.region_id for r in runs.values()})
    for link in links.select_related("municipality").order_by("municipality__name"):
        members[link.region_id].append(link.municipality)
    found = {
        (row.run_id, row.municipality_id): row
        for row in EstimateRow.objects.filter(run_id__in=runs).select_related("municipality")
    }
    return {pk: _region_rows(run, members[run.region_id], found) for pk, run in runs.items()}


def _region_rows(run: EstimateRun, municipalities: list, found: dict) -> list[EstimateRow]:
    absent = (
        dict.fromkeys(ZERO_ROW)
        if run.source == EstimateRun.Source.AGGREGATES
        else ZERO_ROW  # all None, or zeros
    )
    result = []
    for m in municipalities:
        row = found.get((run.pk, m.pk))
        if row is None:
            row = EstimateRow(run=run, municipality=m, **absent)
            row.not_in_table = run.source == EstimateRun.Source.AGGREGATES
        result.append(row)
    return result


def scenarios(*, user):
    return Scenario.objects.filter(run__in=runs(user=user)).select_related("run", "run__region", "created_by")


def projection(*, scenario: Scenario, user=None) -> dict:
    """The scenario's yearly values: per municipality of the region and for the region as a whole. With `user`
    who sees the run only because it is published, a municipality with a small living estimate is hidden (its
    values None) and left out of the region's total, as on the estimate page."""
    return projections(scenarios=[scenario], user=user)[scenario.pk]


def projections(*, scenarios, user=None) -> dict[int, dict]:
    """projection() of several scenarios (an API list page) in two queries."""
    region_rows = region_rows_of({scenario.run for scenario in scenarios})
    return {
        scenario.pk: _projection(
            scenario,
            region_rows[scenario.run_id],
            hide_small=user is not None and not scoping.allows(user, "estimate_run", "view", scenario.run),
        )
        for scenario in scenarios
    }


def _projection(scenario: Scenario, region_rows: list[EstimateRow], hide_small: bool = False) -> dict:
    from django.conf import settings

    rows = [r for r in region_rows if not getattr(r, "not_in_table", False)]
    threshold = settings.AANJAGER_SMALL_CELL_THRESHOLD
    hidden = (
        {
            r.municipality.code
            for r in suppression.suppress(rows, threshold, scenario.run.parameters)
            if suppression.estimates_hidden(r)
        }
        if hide_small
        else set()
    )
    base = {
        r.municipality.code: (r.estimate_low, r.estimate_central, r.estimate_high)
        for r in rows
        if r.municipality.code not in hidden
    }
    base["total"] = tuple(sum(values[i] for values in base.values()) for i in range(3))
    paths = forecast.GrowthPaths(scenario.growth_low, scenario.growth_central, scenario.growth_high)
    years = forecast.project(base, scenario.run.year, paths, horizon=scenario.horizon)
    for code in hidden:
        years[code] = [
            {"year": y["year"], "low": None, "central": None, "high": None} for y in years["total"]
        ]
    return {"names": {r.municipality.code: r.municipality.name for r in rows}, "years": years}


def published_runs():
    """For the public API: published, finished runs only."""
    return EstimateRun.objects.filter(is_published=True, status=EstimateRun.Status.DONE).select_related(
        "region"
    )
