"""The status of a commitment, computed from its target, dates and progress updates; never typed in.

Pure: no Django. Exact arithmetic (fractions of whole days) so that a commitment exactly on the margin is judged
the same way every time. The order of the rules is the order of `RULES` below: the first that applies wins.
"""

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

DEFAULT_MARGIN = Fraction(1, 10)  # [A] at risk when more than 10 percentage points behind the time elapsed
DEFAULT_UPDATE_INTERVAL_DAYS = 90  # [A] a party reports at least once a quarter


class Status(StrEnum):
    DONE = "done"
    OVERDUE = "overdue"
    NO_UPDATE = "no_update"
    AT_RISK = "at_risk"
    ON_TRACK = "on_track"


RULES = (
    (Status.DONE, "delivered ≥ target"),
    (Status.OVERDUE, "reference date after the due date and target not reached"),
    (
        Status.NO_UPDATE,
        "no update for more than N days since the last update (or the start, without updates)",
    ),
    (Status.AT_RISK, "share delivered behind the share of time elapsed by more than the margin"),
    (Status.ON_TRACK, "otherwise"),
)


@dataclass(frozen=True)
class Update:
    reported_on: dt.date
    delivered: int


@dataclass(frozen=True)
class Judgement:
    status: Status
    delivered: int
    target: int
    share_delivered: Fraction
    share_elapsed: Fraction
    last_update_on: dt.date | None
    days_since_update: int

    @property
    def behind(self) -> Fraction:
        """How far delivery lags the time elapsed (negative: ahead)."""
        return self.share_elapsed - self.share_delivered


def share_elapsed(starts_on: dt.date, due_on: dt.date, on: dt.date) -> Fraction:
    """The share of the period from start to due date that lies behind `on`, between 0 and 1."""
    if due_on <= starts_on:
        return Fraction(1) if on >= due_on else Fraction(0)
    elapsed = Fraction((on - starts_on).days, (due_on - starts_on).days)
    return min(Fraction(1), max(Fraction(0), elapsed))


def judge(
    *,
    target: int,
    starts_on: dt.date,
    due_on: dt.date,
    updates: list[Update],
    on: dt.date,
    margin: Fraction = DEFAULT_MARGIN,
    update_interval_days: int = DEFAULT_UPDATE_INTERVAL_DAYS,
) -> Judgement:
    """Judge a commitment on reference date `on`. Updates after `on` are not yet known and are ignored.

    The latest update (by date, then by order given) carries the number delivered so far: updates report a
    running total, not an increment."""
    if target < 1:
        raise ValueError("target must be at least 1")
    known = sorted((u for u in updates if u.reported_on <= on), key=lambda u: u.reported_on)  # stable
    last = known[-1] if known else None
    delivered = last.delivered if last else 0
    share_delivered = Fraction(delivered, target)
    elapsed = share_elapsed(starts_on, due_on, on)
    since = (on - last.reported_on).days if last else max(0, (on - starts_on).days)
    if delivered >= target:
        status = Status.DONE
    elif on > due_on:
        status = Status.OVERDUE
    elif on > starts_on and since > update_interval_days:
        status = Status.NO_UPDATE
    elif elapsed - share_delivered > margin:
        status = Status.AT_RISK
    else:
        status = Status.ON_TRACK
    return Judgement(
        status=status,
        delivered=delivered,
        target=target,
        share_delivered=share_delivered,
        share_elapsed=elapsed,
        last_update_on=last.reported_on if last else None,
        days_since_update=since,
    )
