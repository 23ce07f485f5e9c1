"""The pure bed-voor-bed module: running balance, summary and the register checks, with every boundary."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aanjager.locations.bed_transition import (
    CheckOutcome,
    Period,
    Step,
    balance,
    beds_on,
    register_checks,
    summary,
)

D = dt.date
OLD, NEW = 1, 2


def test_balance_adds_up_per_date_and_skips_cancelled_steps():
    steps = [
        Step(1, "done", OLD, 10, D(2025, 1, 1), NEW, 8, D(2025, 2, 1)),
        Step(2, "planned", OLD, 5, D(2025, 2, 1), NEW, 5, D(2025, 2, 1)),
        Step(3, "cancelled", OLD, 99, D(2025, 3, 1), NEW, 99, D(2025, 3, 1)),
    ]
    points = balance(steps)
    assert [(p.day, p.out_total, p.in_total, p.net) for p in points] == [
        (D(2025, 1, 1), 10, 0, -10),
        (D(2025, 2, 1), 15, 13, -2),
    ]
    total = summary(steps)
    assert (total.out_planned, total.in_planned, total.out_done, total.in_done) == (15, 13, 10, 8)
    assert total.net == -2 and total.peak_net == 0


def test_peak_net_shows_new_beds_before_old_ones_leave():
    steps = [
        Step(1, "planned", None, 0, None, NEW, 20, D(2025, 1, 1)),
        Step(2, "planned", OLD, 20, D(2025, 6, 1)),
    ]
    assert summary(steps).peak_net == 20
    assert summary(steps).net == 0


def test_beds_on_uses_half_open_periods():
    history = [Period(D(2024, 1, 1), D(2025, 1, 1), 40), Period(D(2025, 1, 1), None, 20)]
    assert beds_on(history, D(2023, 12, 31)) == 0
    assert beds_on(history, D(2024, 12, 31)) == 40
    assert beds_on(history, D(2025, 1, 1)) == 20
    assert beds_on([], D(2025, 1, 1)) == 0


@pytest.mark.parametrize(
    ("beds_after", "outcome"),
    [(30, CheckOutcome.CONFIRMED), (29, CheckOutcome.CONFIRMED), (31, CheckOutcome.NOT_IN_REGISTER)],
)
def test_beds_out_must_leave_the_register_on_their_date(beds_after, outcome):
    history = [Period(D(2020, 1, 1), D(2025, 3, 1), 40), Period(D(2025, 3, 1), None, beds_after)]
    [check] = register_checks([Step(1, "done", OLD, 10, D(2025, 3, 1))], {OLD: history}, D(2025, 6, 1))
    assert (check.side, check.outcome, check.expected) == ("out", outcome, 30)
    assert check.found == beds_after


def test_a_change_registered_a_day_late_is_not_yet_there_on_the_date():
    history = [Period(D(2020, 1, 1), D(2025, 3, 2), 40), Period(D(2025, 3, 2), None, 30)]
    [check] = register_checks([Step(1, "done", OLD, 10, D(2025, 3, 1))], {OLD: history}, D(2025, 6, 1))
    assert check.outcome == CheckOutcome.NOT_IN_REGISTER and check.found == 40


def test_steps_on_one_location_add_up_from_the_beds_before_the_first():
    history = [
        Period(D(2020, 1, 1), D(2025, 1, 1), 40),
        Period(D(2025, 1, 1), D(2026, 1, 1), 25),
        Period(D(2026, 1, 1), None, 25),  # the second reduction never reached the register
    ]
    steps = [Step(2, "planned", OLD, 15, D(2026, 1, 1)), Step(1, "done", OLD, 15, D(2025, 1, 1))]
    checks = {c.step_id: c for c in register_checks(steps, {OLD: history}, D(2026, 6, 1))}
    assert checks[1].outcome == CheckOutcome.CONFIRMED and checks[1].expected == 25
    assert checks[2].outcome == CheckOutcome.NOT_IN_REGISTER and checks[2].expected == 10


def test_beds_in_must_be_in_the_register_and_future_steps_are_not_due():
    history = [Period(D(2025, 3, 1), None, 20)]
    steps = [
        Step(1, "done", None, 0, None, NEW, 20, D(2025, 3, 1)),
        Step(2, "planned", None, 0, None, NEW, 20, D(2026, 3, 1)),
    ]
    checks = {c.step_id: c for c in register_checks(steps, {NEW: history}, D(2025, 12, 31))}
    assert checks[1].outcome == CheckOutcome.CONFIRMED and checks[1].expected == 20
    assert checks[2].outcome == CheckOutcome.NOT_DUE and checks[2].found is None
    checks = {c.step_id: c for c in register_checks(steps, {NEW: history}, D(2026, 3, 1))}
    assert checks[2].outcome == CheckOutcome.NOT_IN_REGISTER and (checks[2].expected, checks[2].found) == (
        40,
        20,
    )


def test_a_closed_location_has_no_beds_and_cancelled_steps_are_not_checked():
    history = [Period(D(2020, 1, 1), D(2025, 1, 1), 10), Period(D(2025, 1, 1), None, 0)]
    steps = [Step(1, "planned", OLD, 10, D(2025, 1, 1)), Step(2, "cancelled", OLD, 10, D(2025, 2, 1))]
    [check] = register_checks(steps, {OLD: history}, D(2025, 6, 1))
    assert check.step_id == 1 and check.outcome == CheckOutcome.CONFIRMED


def test_taking_out_more_beds_than_there_were_expects_none_left():
    history = [Period(D(2020, 1, 1), D(2025, 1, 1), 10), Period(D(2025, 1, 1), None, 0)]
    [check] = register_checks([Step(1, "planned", OLD, 15, D(2025, 1, 1))], {OLD: history}, D(2025, 6, 1))
    assert check.expected == 0 and check.outcome == CheckOutcome.CONFIRMED


step_strategy = st.builds(
    Step,
    id=st.integers(1, 1000),
    status=st.sampled_from(["planned", "done", "cancelled"]),
    old_location=st.just(OLD),
    beds_out=st.integers(0, 50),
    out_on=st.dates(D(2024, 1, 1), D(2027, 12, 31)),
    new_location=st.just(NEW),
    beds_in=st.integers(0, 50),
    in_on=st.dates(D(2024, 1, 1), D(2027, 12, 31)),
)


@given(st.lists(step_strategy, max_size=12))
def test_the_last_balance_point_equals_the_summary(steps):
    points = balance(steps)
    total = summary(steps)
    last = points[-1] if points else None
    assert (last.out_total if last else 0) == total.out_planned
    assert (last.in_total if last else 0) == total.in_planned
    assert total.peak_net >= max(0, total.net)
    assert [p.day for p in points] == sorted({p.day for p in points})
