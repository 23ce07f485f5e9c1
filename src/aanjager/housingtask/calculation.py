"""The housing task (woonopgave): demand against supply of beds per municipality, year, stay class and scenario.
Pure Python, no Django (issue 5; domain.md §2, §4, §8).

    need        = persons × share of the stay class × share needing housing of that class ÷ target occupancy
    replacement = beds in use that fail the norms and are still standing in the year
                  + beds that have left by the year (temporary permits ended, phased out, bed-voor-bed steps)
    demand      = need + replacement + confirmed company impacts
    supply      = beds in use at the start (1 January of the first year) + pipeline delivered by the year × the
                  weight of its status
    gap         = demand − supply (above 0: beds to add; below 0: more supply than demand)

The identity behind it: the existing beds are those that comply and still stand, those that fail and still stand,
and those that have left; so gap = need − compliant beds still standing − weighted pipeline (+ company impacts).
Counting replacement on the demand side keeps every bed visible once, never twice.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

STAY_CLASSES = ("short", "mid", "long")
SCENARIOS = ("low", "central", "high")


@dataclass(frozen=True)
class Parameters:
    """Defaults are assumptions ([A] in domain.md): shown next to every result and changeable per calculation."""

    # Share of the persons of a stay class that needs housing from this programme: long stay mostly finds
    # regular housing.
    housing_share: dict = field(default_factory=lambda: {"short": 1.0, "mid": 0.9, "long": 0.4})
    target_occupancy: float = 0.9  # beds are not all full: 0.85–0.95
    # When an estimate has no stay split for a municipality (aggregated tables), this split is used.
    default_stay_split: dict = field(default_factory=lambda: {"short": 0.3, "mid": 0.3, "long": 0.4})
    # Weight of pipeline beds by lifecycle status: how likely they are delivered.
    pipeline_weights: dict = field(
        default_factory=lambda: {
            "idea": 0.0,
            "planned": 0.2,
            "permit_applied": 0.5,
            "permitted": 0.9,
            "under_construction": 0.95,
        }
    )
    phase_out_years: int = 1  # a location phasing out leaves the register this many years after the start

    def __post_init__(self):
        if not 0 < self.target_occupancy <= 1:
            raise ValueError("The target occupancy lies above 0 and at most 1.")
        for name, shares in (
            ("housing_share", self.housing_share),
            ("default_stay_split", self.default_stay_split),
        ):
            if set(shares) != set(STAY_CLASSES) or any(not 0 <= v <= 1 for v in shares.values()):
                raise ValueError(f"{name} needs a share from 0 to 1 for short, mid and long.")
        if abs(sum(self.default_stay_split.values()) - 1) > 1e-6:
            raise ValueError("The default stay split adds up to 1.")
        if any(not 0 <= v <= 1 for v in self.pipeline_weights.values()):
            raise ValueError("Pipeline weights lie from 0 to 1.")
        if self.phase_out_years < 0:
            raise ValueError("phase_out_years cannot be negative.")


@dataclass(frozen=True)
class Persons:
    """Living population of a municipality in a year per scenario, with the stay split of its workers."""

    municipality: str
    year: int
    low: float
    central: float
    high: float
    stay_split: dict | None = None  # {"short": share, ...} summing to 1; None = use the default split


@dataclass(frozen=True)
class Location:
    """A location of the register, reduced to what the housing task needs."""

    id: int
    municipality: str
    status: str  # lifecycle status today
    beds: int
    compliant_beds: int | None  # under the chosen norm set today; None = not known (counted as compliant)
    classes: tuple[str, ...]  # stay classes it serves; empty = all three
    leaves_on: dt.date | None = None  # temporary permit end or other known end
    expected_delivery: dt.date | None = None  # pipeline only
    # Bed-voor-bed steps still ahead: (date, beds out) taken from this location.
    planned_outs: tuple[tuple[dt.date, int], ...] = ()


@dataclass(frozen=True)
class CompanyImpact:
    """Confirmed beds needed for a company plan, per municipality, year and stay class."""

    municipality: str
    year: int
    stay_class: str
    beds: float


@dataclass
class Cell:
    """One municipality × year × stay class; demand parts per scenario, supply parts the same in each."""

    need: dict = field(default_factory=lambda: dict.fromkeys(SCENARIOS, 0.0))
    replacement_failing: float = 0.0
    replacement_left: float = 0.0
    company: float = 0.0
    existing: float = 0.0
    pipeline: float = 0.0

    def demand(self, scenario: str) -> float:
        return self.need[scenario] + self.replacement_failing + self.replacement_left + self.company

    @property
    def supply(self) -> float:
        return self.existing + self.pipeline

    def gap(self, scenario: str) -> float:
        return self.demand(scenario) - self.supply

    def gap_if_nothing_happens(self, scenario: str) -> float:
        """Without the pipeline: only the beds that are there now, as they leave."""
        return self.demand(scenario) - self.existing


def class_shares(classes: tuple[str, ...]) -> dict:
    """A location's beds split evenly over the stay classes it serves (all three when none is marked)."""
    served = [c for c in STAY_CLASSES if c in classes] or list(STAY_CLASSES)
    return {c: (1 / len(served) if c in served else 0.0) for c in STAY_CLASSES}


ACTIVE = ("in_use", "phasing_out")
PIPELINE = ("idea", "planned", "permit_applied", "permitted", "under_construction")


def _standing_beds(location: Location, start: dt.date, day: dt.date, params: Parameters) -> int:
    """Beds of an existing location still there on `day` (1 January of a year of the horizon)."""
    if location.leaves_on is not None and location.leaves_on <= day:
        return 0
    if location.status == "phasing_out":
        leaves = dt.date(
            start.year + params.phase_out_years, start.month, min(start.day, 28 if start.month == 2 else 31)
        )
        if leaves <= day:
            return 0
    out = sum(beds for when, beds in location.planned_outs if when <= day)
    return max(location.beds - out, 0)


def compute(
    persons: list[Persons],
    locations: list[Location],
    years: list[int],
    params: Parameters = Parameters(),
    impacts: list[CompanyImpact] = (),
    start: dt.date | None = None,
) -> dict[tuple[str, int, str], Cell]:
    """Every cell (municipality, year, stay class) of the horizon. `start` is the day the register describes
    (default 1 January of the first year): beds in use then are the existing supply; locations still in the
    pipeline then arrive in the year of their expected delivery, weighted by their status."""
    start = start or dt.date(years[0], 1, 1)
    cells: dict[tuple[str, int, str], Cell] = defaultdict(Cell)
    wanted = set(years)
    for p in persons:
        if p.year not in wanted:
            continue
        split = p.stay_split or params.default_stay_split
        for c in STAY_CLASSES:
            factor = split.get(c, 0.0) * params.housing_share[c] / params.target_occupancy
            cell = cells[(p.municipality, p.year, c)]
            for scenario in SCENARIOS:
                cell.need[scenario] += getattr(p, scenario) * factor
    # Most locations stand unchanged over the whole horizon: their beds are added up per municipality once and
    # spread over the years at the end. Only those with a known end or bed-voor-bed steps go year by year.
    steady: dict[str, list[float]] = defaultdict(lambda: [0.0] * 6)  # existing ×3, failing ×3
    arriving: dict[tuple[str, int], list[float]] = defaultdict(
        lambda: [0.0] * 3
    )  # from year index, per class
    share_cache: dict[tuple, dict] = {}
    for location in locations:
        shares = share_cache.get(location.classes)
        if shares is None:
            shares = share_cache[location.classes] = class_shares(location.classes)
        if location.status in ACTIVE:
            compliant = location.beds if location.compliant_beds is None else location.compliant_beds
            failing = max(location.beds - compliant, 0)
            if location.leaves_on is None and location.status != "phasing_out" and not location.planned_outs:
                acc = steady[location.municipality]
                for k, c in enumerate(STAY_CLASSES):
                    acc[k] += location.beds * shares[c]
                    acc[3 + k] += min(failing, location.beds) * shares[c]
                continue
            for year in years:
                standing = _standing_beds(location, start, max(dt.date(year, 1, 1), start), params)
                failing_standing = min(failing, standing)
                left = location.beds - standing
                for c in STAY_CLASSES:
                    cell = cells[(location.municipality, year, c)]
                    cell.existing += location.beds * shares[c]
                    cell.replacement_failing += failing_standing * shares[c]
                    cell.replacement_left += left * shares[c]
        elif location.status in PIPELINE and location.expected_delivery is not None:
            first = next((k for k, year in enumerate(years) if location.expected_delivery.year <= year), None)
            if first is not None:
                weight = params.pipeline_weights.get(location.status, 0.0)
                acc = arriving[(location.municipality, first)]
                for k, c in enumerate(STAY_CLASSES):
                    acc[k] += location.beds * weight * shares[c]
    for municipality, acc in steady.items():
        for year in years:
            for k, c in enumerate(STAY_CLASSES):
                cell = cells[(municipality, year, c)]
                cell.existing += acc[k]
                cell.replacement_failing += acc[3 + k]
    for (municipality, first), acc in arriving.items():
        for year in years[first:]:
            for k, c in enumerate(STAY_CLASSES):
                cells[(municipality, year, c)].pipeline += acc[k]
    for impact in impacts:
        if impact.year in wanted:
            cells[(impact.municipality, impact.year, impact.stay_class)].company += impact.beds
    return dict(cells)


def totals(cells: dict, *, municipality: str | None = None, stay_class: str | None = None) -> dict[int, Cell]:
    """Cells added up per year, over every municipality (or one) and every stay class (or one)."""
    result: dict[int, Cell] = defaultdict(Cell)
    for (m, year, c), cell in cells.items():
        if (municipality is None or m == municipality) and (stay_class is None or c == stay_class):
            total = result[year]
            for scenario in SCENARIOS:
                total.need[scenario] += cell.need[scenario]
            total.replacement_failing += cell.replacement_failing
            total.replacement_left += cell.replacement_left
            total.company += cell.company
            total.existing += cell.existing
            total.pipeline += cell.pipeline
    return dict(sorted(result.items()))
