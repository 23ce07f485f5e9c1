"""Status rules of a commitment (agreements/progress.py), table-driven at each boundary."""

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aanjager.agreements.progress import Status, Update, judge, share_elapsed

D = dt.date
START, DUE = D(2025, 1, 1), D(2025, 11, 28)  # 331 days
TARGET = 100


def _at(share: Fraction) -> dt.date:
    """The date on which exactly `share` of the period has elapsed (chosen so it is a whole day)."""
    days = share * (DUE - START).days
    assert days.denominator == 1
    return START + dt.timedelta(days=int(days))


CASES = [
    # name, updates, on, expected
    ("no updates at all, just started", [], D(2025, 1, 2), Status.ON_TRACK),
    ("no updates at all, interval exactly reached", [], START + dt.timedelta(days=90), Status.AT_RISK),
    ("no updates at all, one day past the interval", [], START + dt.timedelta(days=91), Status.NO_UPDATE),
    ("before the start: nothing expected", [], D(2024, 12, 1), Status.ON_TRACK),
    ("target reached early", [Update(D(2025, 2, 1), 100)], D(2025, 2, 2), Status.DONE),
    ("target exceeded", [Update(D(2025, 2, 1), 130)], D(2025, 3, 1), Status.DONE),
    ("done stays done after the due date", [Update(D(2025, 11, 1), 100)], D(2026, 6, 1), Status.DONE),
    ("due date itself, not reached: not yet overdue", [Update(D(2025, 11, 27), 99)], DUE, Status.ON_TRACK),
    (
        "day after the due date, not reached",
        [Update(D(2025, 11, 27), 99)],
        DUE + dt.timedelta(days=1),
        Status.OVERDUE,
    ),
    ("dates in the past: overdue long ago", [Update(D(2025, 3, 1), 10)], D(2027, 1, 1), Status.OVERDUE),
    ("on the start date nothing is behind yet", [Update(_at(Fraction(0)), 0)], START, Status.ON_TRACK),
    (
        "a later, lower total replaces the earlier one",
        [Update(D(2025, 3, 1), 50), Update(D(2025, 4, 1), 40)],
        D(2025, 4, 2),
        Status.ON_TRACK,
    ),
    (
        "update after the reference date is not yet known",
        [Update(D(2025, 12, 1), 100)],
        D(2025, 11, 1),
        Status.NO_UPDATE,
    ),
]


@pytest.mark.parametrize(("name", "updates", "on", "expected"), CASES, ids=[c[0] for c in CASES])
def test_status_table(name, updates, on, expected):
    assert judge(target=TARGET, starts_on=START, due_on=DUE, updates=updates, on=on).status == expected


# The margin boundary with a period of 100 days: on day 50 half the time has passed.
START_100, DUE_100 = D(2025, 1, 1), D(2025, 4, 11)
DAY_50 = START_100 + dt.timedelta(days=50)


@pytest.mark.parametrize(
    ("delivered", "expected"),
    [
        (50, Status.ON_TRACK),  # exactly on time
        (41, Status.ON_TRACK),  # 9 points behind
        (40, Status.ON_TRACK),  # exactly on the margin of 10 points: not more than the margin
        (39, Status.AT_RISK),  # 11 points behind
        (0, Status.AT_RISK),
    ],
)
def test_margin_boundary(delivered, expected):
    result = judge(
        target=100,
        starts_on=START_100,
        due_on=DUE_100,
        updates=[Update(DAY_50, delivered)],
        on=DAY_50,
        margin=Fraction(1, 10),
    )
    assert result.status == expected
    assert result.share_elapsed == Fraction(1, 2)


@pytest.mark.parametrize(
    ("days_since", "expected"),
    [(89, Status.ON_TRACK), (90, Status.ON_TRACK), (91, Status.NO_UPDATE)],
)
def test_update_interval_boundary(days_since, expected):
    last = D(2025, 3, 1)
    result = judge(
        target=10,
        starts_on=D(2025, 1, 1),
        due_on=D(2030, 1, 1),
        updates=[Update(last, 9)],
        on=last + dt.timedelta(days=days_since),
        update_interval_days=90,
    )
    assert result.status == expected
    assert result.days_since_update == days_since


def test_overdue_wins_over_no_update_and_done_over_overdue():
    assert (
        judge(target=5, starts_on=D(2020, 1, 1), due_on=D(2020, 2, 1), updates=[], on=D(2024, 1, 1)).status
        == Status.OVERDUE
    )
    done = judge(
        target=5,
        starts_on=D(2020, 1, 1),
        due_on=D(2020, 2, 1),
        updates=[Update(D(2023, 1, 1), 5)],
        on=D(2024, 1, 1),
    )
    assert done.status == Status.DONE


def test_same_day_updates_take_the_last_given():
    result = judge(
        target=10,
        starts_on=D(2025, 1, 1),
        due_on=D(2026, 1, 1),
        updates=[Update(D(2025, 5, 1), 3), Update(D(2025, 5, 1), 7)],
        on=D(2025, 5, 2),
    )
    assert result.delivered == 7


def test_zero_length_period():
    assert share_elapsed(D(2025, 1, 1), D(2025, 1, 1), D(2024, 12, 31)) == 0
    assert share_elapsed(D(2025, 1, 1), D(2025, 1, 1), D(2025, 1, 1)) == 1


def test_target_must_be_positive():
    with pytest.raises(ValueError):
        judge(target=0, starts_on=D(2025, 1, 1), due_on=D(2026, 1, 1), updates=[], on=D(2025, 6, 1))


dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))


@given(
    target=st.integers(1, 500),
    start=dates,
    length=st.integers(0, 2000),
    on=dates,
    deliveries=st.lists(st.tuples(dates, st.integers(0, 600)), max_size=6),
)
def test_properties(target, start, length, on, deliveries):
    due = start + dt.timedelta(days=length)
    updates = [Update(d, n) for d, n in deliveries]
    result = judge(target=target, starts_on=start, due_on=due, updates=updates, on=on)
    assert 0 <= result.share_elapsed <= 1
    known = [u for u in updates if u.reported_on <= on]
    if result.delivered >= target:
        assert result.status == Status.DONE
    elif on > due:
        assert result.status == Status.OVERDUE
    if result.status == Status.AT_RISK:
        assert result.share_elapsed - result.share_delivered > Fraction(1, 10)
    if not known:
        assert result.delivered == 0 and result.last_update_on is None
