"""Bed-voor-bed (domain.md §7): old beds leave as new beds come. Pure Python, no Django.

A plan is a list of steps; each step pairs (old location, beds out, date) with (new location, beds in, date), and
either side may be left out. From the steps this module computes the running balance over time and checks each
side against the register: beds taken out must really have left the old location on that date, beds brought in
must really be there. The register is passed in as each location's history: (valid_from, valid_to, beds) periods
in which its beds were occupied (status in use or phasing out).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

# A step whose status is cancelled takes no part in the balance or the checks.
CANCELLED = "cancelled"


@dataclass(frozen=True)
class Step:
    id: int
    status: str  # planned | done | cancelled
    old_location: int | None = None
    beds_out: int = 0
    out_on: dt.date | None = None
    new_location: int | None = None
    beds_in: int = 0
    in_on: dt.date | None = None


@dataclass(frozen=True)
class Period:
    """Beds occupied at a location during [valid_from, valid_to); valid_to None = still so."""

    valid_from: dt.date
    valid_to: dt.date | None
    beds: int


def beds_on(history: list[Period], day: dt.date) -> int:
    for period in history:
        if period.valid_from <= day and (period.valid_to is None or day < period.valid_to):
            return period.beds
    return 0


@dataclass(frozen=True)
class Point:
    day: dt.date
    out_total: int  # beds taken out so far
    in_total: int  # beds brought in so far

    @property
    def net(self) -> int:
        """New beds minus old beds: above 0 the provider has more beds than before the plan."""
        return self.in_total - self.out_total


def balance(steps: list[Step]) -> list[Point]:
    """The running totals on every date on which beds leave or come, in date order."""
    changes: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    for step in steps:
        if step.status == CANCELLED:
            continue
        if step.out_on and step.beds_out:
            changes[step.out_on][0] += step.beds_out
        if step.in_on and step.beds_in:
            changes[step.in_on][1] += step.beds_in
    points, out_total, in_total = [], 0, 0
    for day in sorted(changes):
        out_total += changes[day][0]
        in_total += changes[day][1]
        points.append(Point(day, out_total, in_total))
    return points


class CheckOutcome(StrEnum):
    NOT_DUE = "not_due"  # the date lies after the day checked
    CONFIRMED = "confirmed"  # the register shows it
    NOT_IN_REGISTER = "not_in_register"  # the date has passed and the register does not show it


@dataclass(frozen=True)
class SideCheck:
    step_id: int
    side: str  # "out" | "in"
    location: int
    day: dt.date
    outcome: CheckOutcome
    expected: int  # out: at most this many beds left; in: at least this many beds there
    found: int | None  # beds in the register on `day`; None when not due


def _side_checks(steps, side: str, histories: dict[int, list[Period]], today: dt.date) -> list[SideCheck]:
    location_of = (lambda s: s.old_location) if side == "out" else (lambda s: s.new_location)
    day_of = (lambda s: s.out_on) if side == "out" else (lambda s: s.in_on)
    beds_of = (lambda s: s.beds_out) if side == "out" else (lambda s: s.beds_in)
    by_location: dict[int, list[Step]] = defaultdict(list)
    for step in steps:
        if step.status != CANCELLED and location_of(step) and day_of(step) and beds_of(step):
            by_location[location_of(step)].append(step)
    checks = []
    for location, own in by_location.items():
        own.sort(key=lambda s: (day_of(s), s.id))
        history = histories.get(location, [])
        # What the location held the day before the plan first touches it is the baseline.
        baseline = beds_on(history, day_of(own[0]) - dt.timedelta(days=1))
        moved = 0
        for step in own:
            moved += beds_of(step)
            day = day_of(step)
            expected = max(baseline - moved, 0) if side == "out" else baseline + moved
            if day > today:
                checks.append(SideCheck(step.id, side, location, day, CheckOutcome.NOT_DUE, expected, None))
                continue
            found = beds_on(history, day)
            ok = found <= expected if side == "out" else found >= expected
            outcome = CheckOutcome.CONFIRMED if ok else CheckOutcome.NOT_IN_REGISTER
            checks.append(SideCheck(step.id, side, location, day, outcome, expected, found))
    return checks


def register_checks(steps: list[Step], histories: dict[int, list[Period]], today: dt.date) -> list[SideCheck]:
    """For every side of every step that is not cancelled: does the register show it on its date?

    Out: the old location may hold at most (its beds the day before the plan's first step there − the beds taken
    out so far). In: the new location must hold at least (its beds the day before its first step + the beds
    brought in so far). Several steps on one location add up in date order."""
    return _side_checks(steps, "out", histories, today) + _side_checks(steps, "in", histories, today)


@dataclass(frozen=True)
class Summary:
    out_planned: int
    in_planned: int
    out_done: int  # on steps marked done
    in_done: int
    peak_net: int  # the highest running balance (above 0: new beds came before old ones left)

    @property
    def net(self) -> int:
        return self.in_planned - self.out_planned


def summary(steps: list[Step]) -> Summary:
    live = [s for s in steps if s.status != CANCELLED]
    done = [s for s in live if s.status == "done"]
    points = balance(steps)
    return Summary(
        out_planned=sum(s.beds_out for s in live),
        in_planned=sum(s.beds_in for s in live),
        out_done=sum(s.beds_out for s in done),
        in_done=sum(s.beds_in for s in done),
        peak_net=max([0] + [p.net for p in points]),
    )
