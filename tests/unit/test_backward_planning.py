"""Backward planning (agreements/planning.py): deadlines counted back from the target date, lateness flagged."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aanjager.agreements import planning

D = dt.date


def test_default_deadlines_count_back():
    result = planning.deadlines(D(2027, 1, 1))
    assert result == {
        "permit_applied": D(2027, 1, 1) - dt.timedelta(days=182 + 91 + 182),
        "permit_granted": D(2027, 1, 1) - dt.timedelta(days=91 + 182),
        "construction_started": D(2027, 1, 1) - dt.timedelta(days=182),
        "beds_delivered": D(2027, 1, 1),
    }


def test_lead_times_are_parameters():
    result = planning.deadlines(D(2027, 1, 1), {"construction_started": 30, "permit_applied": 56})
    assert result["construction_started"] == D(2026, 12, 2)
    assert result["permit_granted"] == D(2026, 12, 2) - dt.timedelta(days=91)
    assert result["permit_applied"] == result["permit_granted"] - dt.timedelta(days=56)


@pytest.mark.parametrize(
    ("achieved", "on", "late", "days_late"),
    [
        (None, D(2026, 7, 4), False, 0),  # the deadline day itself: not late yet
        (None, D(2026, 7, 5), True, 1),
        (D(2026, 7, 4), D(2027, 1, 1), False, 0),  # reached exactly on the deadline
        (D(2026, 7, 6), D(2027, 1, 1), True, 2),  # reached two days late
        (D(2026, 1, 1), D(2027, 1, 1), False, 0),  # reached early
    ],
)
def test_lateness_at_the_boundary(achieved, on, late, days_late):
    # construction_started deadline for target 2027-01-01 with 182 days: 2026-07-03... computed below.
    deadline = planning.deadlines(D(2027, 1, 2))["construction_started"]
    assert deadline == D(2026, 7, 4)
    milestones = planning.plan(
        D(2027, 1, 2), achieved={"construction_started": achieved} if achieved else {}, on=on
    )
    started = next(m for m in milestones if m.key == "construction_started")
    assert (started.late, started.days_late) == (late, days_late)


def test_unknown_or_negative_lead_times_are_refused():
    with pytest.raises(ValueError):
        planning.lead_days({"demolition": 10})
    with pytest.raises(ValueError):
        planning.lead_days({"permit_applied": -1})


@given(
    target=st.dates(min_value=D(2020, 1, 1), max_value=D(2040, 1, 1)),
    leads=st.lists(st.integers(0, 1000), min_size=3, max_size=3),
)
def test_deadlines_are_in_order(target, leads):
    result = planning.deadlines(target, dict(zip(planning.DEFAULT_LEAD_DAYS, leads, strict=True)))
    days = [result[k] for k in planning.MILESTONES]
    assert days == sorted(days)
    assert days[-1] == target
    assert (days[-1] - days[0]).days == sum(leads)
