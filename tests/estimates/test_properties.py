"""Invariants on generated microdata, and agreement with the plain-Python reference of the rules."""

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aanjager.estimates.engine import DEFINITIONS, EstimateParameters
from tests.estimates.helpers import estimate, reference

CODES = ["GM0214", "GM0216", "GM0281", "GM0297"]


@st.composite
def microdata(draw):
    n = draw(st.integers(1, 25))
    persons, jobs = [], []
    for i in range(n):
        pid = f"p{i}"
        registration = draw(st.sampled_from(["BRP", "RNI"]))
        persons.append(
            [
                pid,
                draw(st.sampled_from(["PL", "RO", "DE", "NL", "BG"])),
                registration,
                draw(st.sampled_from(CODES)) if registration == "BRP" else "",
                draw(st.sampled_from(["2019-05-01", "2025-03-01", "2026-02-01"])),
                draw(st.sampled_from(["", "2024-06-30", "2025-08-31"])) if registration == "BRP" else "",
                1990,
            ]
        )
        slots = draw(st.sets(st.tuples(st.integers(1, 12), st.sampled_from(["E1", "E2"])), max_size=14))
        for month, employer in sorted(slots):
            jobs.append([pid, f"2025-{month:02d}", employer, "A", draw(st.sampled_from(CODES)), "0"])
    # Deregistered before registered would be bad input; keep the generated data valid.
    for p in persons:
        if p[5] and p[5] < p[4]:
            p[5] = ""
    return persons, jobs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=microdata(),
    definition=st.sampled_from(["eu11", "eu-efta"]),
    assignment=st.sampled_from(["work", "commute"]),
)
def test_engine_agrees_with_the_reference_and_keeps_its_invariants(tmp_path, data, definition, assignment):
    persons, jobs = data
    if not jobs:
        return
    parameters = EstimateParameters(rni_assignment=assignment)
    rows, result = estimate(tmp_path, persons, jobs, definition=definition, parameters=parameters)
    expected = reference(
        persons, jobs, year=2025, definition=DEFINITIONS[definition], rni_assignment=assignment
    )
    for code in set(rows) | set(expected):
        got, want = rows.get(code), expected.get(code)
        for column in ("workers", "workers_short", "workers_mid", "workers_long", "residents_brp"):
            assert (got or {}).get(column, 0) == (want or {}).get(column, 0), (code, column)
        assert (got or {}).get("residents_rni_assigned", 0) == pytest.approx(
            (want or {}).get("residents_rni_assigned", 0)
        )
    for row in rows.values():
        assert row["workers_short"] + row["workers_mid"] + row["workers_long"] == row["workers"]
        assert row["estimate_low"] <= row["estimate_central"] <= row["estimate_high"]
        assert row["estimate_low"] >= round(row["residents_brp"] + row["residents_rni_assigned"]) - 1
    assert sum(row["workers"] for row in rows.values()) == result.in_scope
    rni_total = sum(row["residents_rni_assigned"] for row in rows.values())
    assert rni_total == pytest.approx(
        sum(
            1
            for p in persons
            if p[2] == "RNI"
            and p[1] in DEFINITIONS[definition].nationalities
            and any(j[0] == p[0] for j in jobs)
        )
    )


def test_ids_may_be_any_text(tmp_path):
    persons = [
        [pid, "PL", "RNI", "", "2025-01-01", "", 1990] for pid in ("a;b", 'q"uote', "ü", string.digits)
    ]
    jobs = [[p[0], "2025-01", "E1", "A", "GM0281", "0"] for p in persons]
    rows, result = estimate(tmp_path, persons, jobs)
    assert result.in_scope == 4 and rows["GM0281"]["workers"] == 4


TRICKY_MONTHS = [
    "2025-01",
    "2025-12",
    "2025-+1",
    "2025- 1",
    "2025-1 ",
    "2025-1.",
    "2025-00",
    "2025-13",
    "2024-05",
    "25-01",
    "2025/01",
    "",
    "2025-1",
]
TRICKY_TEMP = ["0", "1", "01", " 1", "1 ", "1.0", "+1", "2", "-0", "ja", ""]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    month=st.sampled_from(TRICKY_MONTHS),
    temp=st.sampled_from(TRICKY_TEMP),
    sector=st.sampled_from(["A", "U", "V", "a", "", "AB"]),
)
def test_the_fast_check_and_the_detailed_check_agree(tmp_path, month, temp, sector):
    """Whatever one job row holds, the run either succeeds or names the problem: never a crash."""
    import re

    from aanjager.estimates.engine import InputError

    persons = [["p", "PL", "RNI", "", "2025-01-01", "", 1990]]
    jobs = [["p", "2025-06", "E0", "A", "GM0281", "0"], ["p", month, "E1", sector, "GM0281", temp]]
    try:
        rows, _ = estimate(tmp_path, persons, jobs)
    except InputError as error:
        assert error.problems and all(p.line == 3 and p.column for p in error.problems), error.report()
        return
    assert re.fullmatch(r"2025-(0[1-9]|1[0-2])", month) and re.fullmatch(r"[A-U]", sector)
    import duckdb

    # Accepted only as a number 0 or 1 (DuckDB reads " 1" and "+1" as 1).
    assert duckdb.connect().execute("SELECT TRY_CAST(? AS TINYINT)", [temp]).fetchone()[0] in (0, 1)
