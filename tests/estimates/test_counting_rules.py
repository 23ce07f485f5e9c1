"""Each counting rule of docs/methodology-estimates.md on small, hand-checked fixtures."""

import dataclasses

import pytest

from aanjager.estimates.engine import DEFINITIONS, EstimateParameters, StayThresholds
from aanjager.estimates.engine.run import estimates as range_of
from tests.estimates.helpers import estimate, jobs_for, person


def test_in_scope_needs_a_definition_nationality_and_a_job_month_in_the_year(tmp_path):
    persons = [person("a", "PL"), person("b", "DE"), person("c", "RO")]
    jobs = jobs_for("a", [1]) + jobs_for("b", [1])  # c has no job at all
    rows, result = estimate(tmp_path, persons, jobs)
    assert result.in_scope == 1
    assert rows["GM0281"]["workers"] == 1
    rows, result = estimate(tmp_path, persons, jobs, definition="eu-efta")
    assert result.in_scope == 2  # DE counts under EU/EFTA


def test_nl_is_never_in_the_eu_efta_definition():
    assert "NL" not in DEFINITIONS["eu-efta"].nationalities
    assert {"IS", "LI", "NO", "CH", "PL"} <= set(DEFINITIONS["eu-efta"].nationalities)
    assert len(DEFINITIONS["eu11"].nationalities) == 11


def test_months_worked_counts_distinct_months(tmp_path):
    # Two jobs in the same three months: still three months worked, so short stay.
    jobs = jobs_for("a", [1, 2, 3], employer="E1") + jobs_for("a", [1, 2, 3], employer="E2")
    rows, _ = estimate(tmp_path, [person("a")], jobs)
    assert (rows["GM0281"]["workers_short"], rows["GM0281"]["workers_mid"]) == (1, 0)


@pytest.mark.parametrize(
    ("months", "stay"), [(1, "short"), (3, "short"), (4, "mid"), (11, "mid"), (12, "long")]
)
def test_stay_class_boundaries(tmp_path, months, stay):
    rows, _ = estimate(tmp_path, [person("a")], jobs_for("a", range(1, months + 1)))
    assert rows["GM0281"][f"workers_{stay}"] == 1
    assert rows["GM0281"]["workers"] == 1


def test_stay_thresholds_are_parameters(tmp_path):
    definition = dataclasses.replace(DEFINITIONS["eu11"], stay=StayThresholds(short_max=5, mid_max=9))
    persons = [person("a"), person("b"), person("c")]
    jobs = jobs_for("a", range(1, 6)) + jobs_for("b", range(1, 10)) + jobs_for("c", range(1, 11))
    rows, _ = estimate(tmp_path, persons, jobs, definition_obj=definition)
    row = rows["GM0281"]
    assert (row["workers_short"], row["workers_mid"], row["workers_long"]) == (1, 1, 1)


def test_thresholds_must_be_ordered():
    with pytest.raises(ValueError):
        StayThresholds(short_max=6, mid_max=6)


def test_main_work_municipality_has_most_job_rows(tmp_path):
    jobs = jobs_for("a", [1, 2], work="GM0297") + jobs_for("a", [3, 4, 5], work="GM0281", employer="E2")
    rows, _ = estimate(tmp_path, [person("a")], jobs)
    assert rows["GM0281"]["workers"] == 1
    assert rows.get("GM0297", {}).get("workers", 0) == 0


def test_a_tie_goes_to_the_lowest_code(tmp_path):
    jobs = jobs_for("a", [1, 2], work="GM0297") + jobs_for("a", [3, 4], work="GM0214", employer="E2")
    rows, _ = estimate(tmp_path, [person("a")], jobs)
    assert rows["GM0214"]["workers"] == 1
    assert rows.get("GM0297", {}).get("workers", 0) == 0


def test_job_rows_not_months_decide_the_main_place(tmp_path):
    # Two employers in GM0297 in the same two months (4 rows) beat three months in GM0281 (3 rows).
    jobs = (
        jobs_for("a", [1, 2], work="GM0297", employer="E1")
        + jobs_for("a", [1, 2], work="GM0297", employer="E2")
        + jobs_for("a", [3, 4, 5], work="GM0281", employer="E3")
    )
    rows, _ = estimate(tmp_path, [person("a")], jobs)
    assert rows["GM0297"]["workers"] == 1
    assert rows["GM0297"]["workers_mid"] == 1  # five distinct months


@pytest.mark.parametrize(
    ("registered_on", "deregistered_on", "counted"),
    [
        ("2025-06-01", "", True),  # registered during the year
        ("2020-01-01", "", True),  # registered long before, still there
        ("2020-01-01", "2025-01-01", True),  # left on the first day of the year
        ("2020-01-01", "2024-12-31", False),  # left before the year
        ("2025-12-31", "", True),  # registered on the last day
        ("2026-01-01", "", False),  # registered after the year
    ],
)
def test_brp_residents_need_a_registration_overlapping_the_year(
    tmp_path, registered_on, deregistered_on, counted
):
    persons = [
        person(
            "a",
            registration="BRP",
            residence="GM0297",
            registered_on=registered_on,
            deregistered_on=deregistered_on,
        )
    ]
    rows, _ = estimate(tmp_path, persons, jobs_for("a", [5]))
    assert rows.get("GM0297", {}).get("residents_brp", 0) == (1 if counted else 0)
    assert rows["GM0281"]["workers"] == 1  # working is counted either way


def test_rni_workers_live_where_they_work_by_default(tmp_path):
    persons = [person("r1"), person("r2")]
    jobs = jobs_for("r1", [1], work="GM0297") + jobs_for("r2", [1], work="GM0297")
    rows, _ = estimate(tmp_path, persons, jobs)
    assert rows["GM0297"]["residents_rni_assigned"] == 2
    assert rows["GM0297"]["residents_brp"] == 0


def test_rni_workers_follow_the_commute_matrix_when_asked(tmp_path):
    # Of the BRP workers in GM0281, 3 live in GM0297 and 1 in GM0281: the 4 RNI workers there split 3 : 1.
    persons = [person(f"b{i}", registration="BRP", residence="GM0297") for i in range(3)]
    persons += [person("b3", registration="BRP", residence="GM0281")]
    persons += [person(f"r{i}") for i in range(4)]
    persons += [person("lonely")]  # works in GM1740, where no BRP worker works: stays there
    jobs = [row for i in range(3) for row in jobs_for(f"b{i}", [1])] + jobs_for("b3", [1])
    jobs += [row for i in range(4) for row in jobs_for(f"r{i}", [1])] + jobs_for("lonely", [1], work="GM1740")
    rows, _ = estimate(tmp_path, persons, jobs, parameters=EstimateParameters(rni_assignment="commute"))
    assert rows["GM0297"]["residents_rni_assigned"] == pytest.approx(3.0)
    assert rows["GM0281"]["residents_rni_assigned"] == pytest.approx(1.0)
    assert rows["GM1740"]["residents_rni_assigned"] == pytest.approx(1.0)


def test_estimate_range_formula():
    parameters = EstimateParameters()  # rates 0.33 / 0.40 / 0.50
    # 100 BRP, 20 RNI: floor 120; rate-based 200 / 250 / 303.03 → the range 200 – 250 – 303
    assert range_of(100, 20, parameters) == (200, 250, 303)
    # Many RNI: the registered count is the floor of every bound.
    assert range_of(10, 100, parameters) == (110, 110, 110)
    assert range_of(0, 0, parameters) == (0, 0, 0)


def test_rates_must_be_ordered_and_proper():
    with pytest.raises(ValueError):
        EstimateParameters(registration_rate_low=0.6, registration_rate_central=0.4)
    with pytest.raises(ValueError):
        EstimateParameters(registration_rate_high=1.5)


def test_other_municipalities_appear_with_residents_only(tmp_path):
    persons = [person("a", registration="BRP", residence="GM0216")]
    rows, _ = estimate(tmp_path, persons, jobs_for("a", [1, 2]))
    assert rows["GM0216"]["workers"] == 0 and rows["GM0216"]["residents_brp"] == 1
    assert rows["GM0216"]["estimate_low"] == 2  # 1 / 0.5
