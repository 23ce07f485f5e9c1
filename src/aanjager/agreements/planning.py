"""Backward planning (seed 000: reason back from the target date): which milestone must be met by when.

Pure: no Django. Lead times are parameters [A]; the defaults follow common Dutch practice for temporary housing:
an extended permit procedure (Wabo/Omgevingswet: 8 weeks regular, up to 26 weeks extended), preparation of the
site after the permit, and modular construction. Each municipality can set its own.
"""

import datetime as dt
from dataclasses import dataclass

MAX_LEAD_DAYS = 3650  # ten years: anything longer is a typing error
# In order from first to last. The lead time of a milestone is the time from it to the next one.
MILESTONES = ("permit_applied", "permit_granted", "construction_started", "beds_delivered")
DEFAULT_LEAD_DAYS = {  # [A]
    "permit_applied": 182,  # from application to permit: extended procedure, 26 weeks
    "permit_granted": 91,  # from permit to the start of construction: 13 weeks
    "construction_started": 182,  # from the start of construction to beds in use: 26 weeks
}


@dataclass(frozen=True)
class Milestone:
    key: str
    deadline: dt.date
    achieved_on: dt.date | None
    late: bool  # achieved after its deadline, or not achieved while the deadline has passed
    days_late: int


def lead_days(overrides: dict | None = None) -> dict[str, int]:
    days = dict(DEFAULT_LEAD_DAYS)
    for key, value in (overrides or {}).items():
        if key not in days:
            raise ValueError(f"unknown milestone {key!r}")
        if not 0 <= int(value) <= MAX_LEAD_DAYS:
            raise ValueError(f"lead time of {key} must lie between 0 and {MAX_LEAD_DAYS} days")
        days[key] = int(value)
    return days


def deadlines(target_date: dt.date, leads: dict[str, int] | None = None) -> dict[str, dt.date]:
    """Each milestone's latest date, counted back from the target date."""
    leads = lead_days(leads)
    result = {MILESTONES[-1]: target_date}
    for earlier, later in zip(reversed(MILESTONES[:-1]), reversed(MILESTONES[1:]), strict=True):
        try:
            result[earlier] = result[later] - dt.timedelta(days=leads[earlier])
        except OverflowError:  # a target date in the first years of the calendar
            result[earlier] = dt.date.min
    return {key: result[key] for key in MILESTONES}


def plan(
    target_date: dt.date,
    *,
    achieved: dict[str, dt.date] | None = None,
    on: dt.date,
    leads: dict[str, int] | None = None,
) -> list[Milestone]:
    achieved = achieved or {}
    result = []
    for key, deadline in deadlines(target_date, leads).items():
        done = achieved.get(key)
        days_late = max(0, ((done if done is not None else on) - deadline).days)
        result.append(Milestone(key, deadline, done, days_late > 0, days_late))
    return result


def start_needed(target_date: dt.date, leads: dict[str, int] | None = None) -> dt.date:
    """The last day to apply for the permit and still make the target date."""
    return deadlines(target_date, leads)[MILESTONES[0]]
