"""The housing-task formulas, each checked by hand, plus the identity that keeps every bed counted once."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aanjager.housingtask.calculation import (
    SCENARIOS,
    CompanyImpact,
    Location,
    Parameters,
    Persons,
    class_shares,
    compute,
    totals,
)

D = dt.date
YEARS = [2026, 2027, 2028, 2029]


def test_need_per_stay_class_by_hand():
    persons = [Persons("GM0281", 2026, 90, 100, 110, {"short": 0.5, "mid": 0.3, "long": 0.2})]
    cells = compute(persons, [], [2026])
    short, mid, long = (cells[("GM0281", 2026, c)] for c in ("short", "mid", "long"))
    assert short.need["central"] == pytest.approx(100 * 0.5 * 1.0 / 0.9)  # 55.56
    assert mid.need["central"] == pytest.approx(100 * 0.3 * 0.9 / 0.9)  # 30
    assert long.need["central"] == pytest.approx(100 * 0.2 * 0.4 / 0.9)  # 8.89
    assert short.need["low"] == pytest.approx(90 * 0.5 / 0.9) and short.need["high"] == pytest.approx(
        110 * 0.5 / 0.9
    )


def test_occupancy_and_the_default_split_are_parameters():
    persons = [Persons("GM0281", 2026, 100, 100, 100)]  # no split: the default 0.3 / 0.3 / 0.4
    cells = compute(persons, [], [2026], Parameters(target_occupancy=1.0))
    assert cells[("GM0281", 2026, "short")].need["central"] == pytest.approx(30)
    assert cells[("GM0281", 2026, "mid")].need["central"] == pytest.approx(27)
    assert cells[("GM0281", 2026, "long")].need["central"] == pytest.approx(16)
    with pytest.raises(ValueError):
        Parameters(target_occupancy=0)
    with pytest.raises(ValueError):
        Parameters(default_stay_split={"short": 0.5, "mid": 0.5, "long": 0.5})
    with pytest.raises(ValueError):
        Parameters(housing_share={"short": 1.2, "mid": 1, "long": 1})


def _by_year(cells, municipality="GM0281"):
    return totals(cells, municipality=municipality)


def test_failing_beds_are_replaced_and_a_temporary_permit_ending_mid_horizon_leaves():
    units = Location(1, "GM0281", "in_use", 40, 30, ("mid",), leaves_on=D(2028, 7, 1))
    year = _by_year(compute([], [units], YEARS))
    assert [year[y].existing for y in YEARS] == [40, 40, 40, 40]
    assert [year[y].replacement_failing for y in YEARS] == [10, 10, 10, 0]  # gone on 1-1-2029
    assert [year[y].replacement_left for y in YEARS] == [0, 0, 0, 40]
    assert [year[y].gap("central") for y in YEARS] == [-30, -30, -30, 0]
    only_mid = compute([], [units], [2026])
    assert only_mid[("GM0281", 2026, "mid")].existing == 40 and ("GM0281", 2026, "short") in only_mid


def test_pipeline_counts_from_its_delivery_year_with_the_weight_of_its_status():
    permitted = Location(2, "GM0281", "permitted", 100, None, (), expected_delivery=D(2027, 9, 1))
    applied = Location(3, "GM0281", "permit_applied", 10, None, (), expected_delivery=D(2026, 1, 1))
    idea = Location(4, "GM0281", "idea", 50, None, (), expected_delivery=D(2026, 1, 1))
    undated = Location(5, "GM0281", "planned", 50, None, ())
    year = _by_year(compute([], [permitted, applied, idea, undated], YEARS))
    assert [round(year[y].pipeline, 6) for y in YEARS] == [5, 95, 95, 95]
    custom = Parameters(pipeline_weights={"permitted": 1.0, "permit_applied": 0.0})
    year = _by_year(compute([], [permitted, applied], YEARS, custom))
    assert [year[y].pipeline for y in YEARS] == pytest.approx([0, 100, 100, 100])


def test_phasing_out_and_bed_voor_bed_steps_leave_on_their_dates():
    fading = Location(6, "GM0281", "phasing_out", 20, 20, ())
    park = Location(7, "GM0281", "in_use", 40, 0, (), planned_outs=((D(2027, 3, 1), 20), (D(2028, 1, 1), 20)))
    year = _by_year(compute([], [fading, park], YEARS))
    # Counted on 1 January: the park's first step (1 March 2027) shows from 2028, with the second.
    assert [year[y].replacement_left for y in YEARS] == [0, 20, 20 + 40, 20 + 40]
    assert [year[y].replacement_failing for y in YEARS] == [40, 40, 0, 0]
    longer = _by_year(compute([], [fading], YEARS, Parameters(phase_out_years=3)))
    assert [longer[y].replacement_left for y in YEARS] == [0, 0, 0, 20]


def test_company_impacts_add_to_demand_and_nothing_happens_leaves_out_the_pipeline():
    impact = CompanyImpact("GM0281", 2027, "short", 120)
    pipeline = Location(8, "GM0281", "permitted", 100, None, (), expected_delivery=D(2027, 1, 1))
    year = _by_year(compute([], [pipeline], YEARS, impacts=[impact]))
    assert year[2027].demand("central") == 120 and year[2027].gap("central") == pytest.approx(30)
    assert year[2027].gap_if_nothing_happens("central") == 120


def test_a_region_with_zero_gap_and_one_with_supply_above_demand():
    persons = [Persons("GM0281", 2026, 90, 90, 90, {"short": 1, "mid": 0, "long": 0})]
    exact = Location(9, "GM0281", "in_use", 100, 100, ("short",))
    cells = compute(persons, [exact], [2026])
    assert totals(cells)[2026].gap("central") == pytest.approx(0)
    roomy = Location(10, "GM0281", "in_use", 300, 300, ("short",))
    assert totals(compute(persons, [roomy], [2026]))[2026].gap("central") == pytest.approx(-200)


def test_class_shares():
    assert class_shares(("short",)) == {"short": 1.0, "mid": 0.0, "long": 0.0}
    assert class_shares(()) == pytest.approx({"short": 1 / 3, "mid": 1 / 3, "long": 1 / 3})
    assert class_shares(("mid", "long")) == {"short": 0.0, "mid": 0.5, "long": 0.5}


locations = st.builds(
    Location,
    id=st.integers(1, 10_000),
    municipality=st.sampled_from(["GM0281", "GM0297"]),
    status=st.sampled_from(["in_use", "phasing_out", "planned", "permitted", "closed"]),
    beds=st.integers(0, 300),
    compliant_beds=st.one_of(st.none(), st.integers(0, 300)),
    classes=st.sampled_from([(), ("short",), ("mid", "long")]),
    leaves_on=st.one_of(st.none(), st.dates(D(2025, 1, 1), D(2031, 12, 31))),
    expected_delivery=st.one_of(st.none(), st.dates(D(2025, 1, 1), D(2031, 12, 31))),
    planned_outs=st.lists(
        st.tuples(st.dates(D(2025, 1, 1), D(2031, 12, 31)), st.integers(0, 50)), max_size=2
    ).map(tuple),
)


@given(
    st.lists(locations, max_size=8),
    st.lists(st.tuples(st.integers(0, 500), st.integers(0, 500)), min_size=1, max_size=2),
)
def test_every_bed_is_counted_once(locs, sizes):
    persons = [Persons("GM0281", 2026, a, a + b, a + 2 * b) for a, b in sizes]
    cells = compute(persons, locs, YEARS)
    for year, total in totals(cells).items():
        day = D(year, 1, 1)
        compliant_standing = 0.0
        for loc in locs:
            if loc.status not in ("in_use", "phasing_out"):
                continue
            standing = loc.beds
            if (loc.leaves_on and loc.leaves_on <= day) or (
                loc.status == "phasing_out" and D(2027, 1, 1) <= day
            ):
                standing = 0
            else:
                standing = max(loc.beds - sum(b for d, b in loc.planned_outs if d <= day), 0)
            compliant = loc.beds if loc.compliant_beds is None else loc.compliant_beds
            compliant_standing += standing - min(max(loc.beds - compliant, 0), standing)
        for scenario in SCENARIOS:
            expected = total.need[scenario] - compliant_standing - total.pipeline
            assert total.gap(scenario) == pytest.approx(expected, abs=1e-6)
        assert total.need["low"] <= total.need["central"] <= total.need["high"]


def test_a_register_read_on_29_february_phases_out_a_year_later():
    fading = Location(11, "GM0281", "phasing_out", 10, 10, ())
    year = _by_year(compute([], [fading], [2028, 2029, 2030], start=D(2028, 2, 29)))
    assert [year[y].replacement_left for y in (2028, 2029, 2030)] == [0, 0, 10]
