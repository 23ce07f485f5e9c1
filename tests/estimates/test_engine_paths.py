"""The engine's two paths: the fast one (each file read once, checks folded into the counting) and the detailed one
(both files loaded in order, every check of validation.py with file, line and column). Clean input must take the
fast path; both must count the same."""

import dataclasses
from importlib import import_module

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aanjager.estimates.engine import DEFINITIONS, EstimateParameters, InputError, StayThresholds
from aanjager.estimates.engine import run as engine_run  # the function
from tests.estimates.helpers import JOB_COLUMNS, KNOWN, PERSON_COLUMNS, estimate, jobs_for, person, write

RUN = import_module("aanjager.estimates.engine.run")  # the module (the package's `run` is the function)
MULTI = dataclasses.replace(DEFINITIONS["eu11"], stay=StayThresholds.defaults("multi-year"))
CODES = ["GM0214", "GM0216", "GM0281", "GM0297"]


@st.composite
def microdata(draw, years=(2025,)):
    """Several employers and places per person, often in the same month: the cases where the fast path must look
    closer (main place not decided by one group, more rows than months)."""
    persons, jobs = [], []
    for i in range(draw(st.integers(1, 12))):
        pid = f"p{i}"
        registration = draw(st.sampled_from(["BRP", "RNI"]))
        persons.append(
            person(
                pid,
                draw(st.sampled_from(["PL", "RO", "DE"])),
                registration,
                draw(st.sampled_from(CODES)) if registration == "BRP" else "",
            )
        )
        slots = draw(
            st.sets(
                st.tuples(
                    st.sampled_from(years),
                    st.integers(1, 12),
                    st.sampled_from(["E1", "E2", "E3"]),
                    st.sampled_from(CODES),
                ),
                max_size=16,
            )
        )
        seen = set()
        for year, month, employer, work in sorted(slots):
            if (year, month, employer) not in seen:  # one row per person, employer and month
                seen.add((year, month, employer))
                jobs.append([pid, f"{year}-{month:02d}", employer, "A", work, "0"])
    return persons, jobs


def _both_paths(tmp_path, monkeypatch, persons, jobs, **kwargs):
    def detailed_not_needed(*args, **kw):
        raise AssertionError("clean input took the detailed path")

    with monkeypatch.context() as patch:
        patch.setattr(RUN, "_detailed", detailed_not_needed)
        fast_rows, fast = estimate(tmp_path, persons, jobs, **kwargs)
    with monkeypatch.context() as patch:
        patch.setattr(RUN, "_fast", lambda *args, **kw: False)
        detailed_rows, detailed = estimate(tmp_path, persons, jobs, **kwargs)
    assert fast_rows == detailed_rows
    assert (fast.in_scope, fast.persons_read, fast.job_rows_read, fast.observed_from) == (
        detailed.in_scope,
        detailed.persons_read,
        detailed.job_rows_read,
        detailed.observed_from,
    )
    return fast_rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=microdata(), assignment=st.sampled_from(["work", "commute"]))
def test_clean_input_takes_the_fast_path_and_both_paths_agree(tmp_path, monkeypatch, data, assignment):
    persons, jobs = data
    if jobs:
        _both_paths(
            tmp_path, monkeypatch, persons, jobs, parameters=EstimateParameters(rni_assignment=assignment)
        )


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=microdata(years=(2022, 2024, 2025)))
def test_both_paths_agree_over_several_years(tmp_path, monkeypatch, data):
    persons, jobs = data
    if any(j[1].startswith("2025-") for j in jobs):
        _both_paths(tmp_path, monkeypatch, persons, jobs, definition_obj=MULTI)


def test_the_main_place_counts_rows_per_place_not_per_employer(tmp_path, monkeypatch):
    # The biggest single employer works in GM0214 (3 rows), but GM0281 has 2 + 2 rows from two employers.
    jobs = (
        jobs_for("a", [1, 2], work="GM0281", employer="E1")
        + jobs_for("a", [3, 4], work="GM0281", employer="E2")
        + jobs_for("a", [5, 6, 7], work="GM0214", employer="E3")
    )
    rows = _both_paths(tmp_path, monkeypatch, [person("a")], jobs)
    assert rows["GM0281"]["workers"] == 1 and "GM0214" not in rows


@pytest.mark.parametrize(
    ("persons", "jobs", "where"),
    [
        ([person("a")], jobs_for("a", [1], employer="\u00a0"), (2, "employer_id")),  # no-break space
        ([person("a"), person("\u3000")], jobs_for("a", [1]), (3, "person_id")),  # ideographic space
        ([person("a")], jobs_for("a", [1, 2]) + jobs_for("a", [2], work="GM0214"), (4, "person_id")),
    ],
)
def test_blank_ids_and_duplicates_across_places_are_refused(tmp_path, persons, jobs, where):
    with pytest.raises(InputError) as error:
        estimate(tmp_path, persons, jobs)
    assert [(p.line, p.column) for p in error.value.problems] == [where]


def test_many_known_municipalities(tmp_path):
    # Codes are numbered and packed into one number per group of the result: more codes, more bits.
    known = KNOWN | {f"GM{i:04d}" for i in range(2000, 9000)}
    persons = [person("a", registration="BRP", residence="GM8999"), person("b")]
    jobs = jobs_for("a", [1, 2], work="GM8998") + jobs_for("b", [1], work="GM0281")
    result = engine_run(
        persons=write(tmp_path / "p.csv", PERSON_COLUMNS, persons),
        jobs=write(tmp_path / "j.csv", JOB_COLUMNS, jobs),
        year=2025,
        definition=DEFINITIONS["eu11"],
        known_municipalities=known,
        threads=1,
    )
    rows = {r["municipality_code"]: r for r in result.rows}
    assert rows["GM8998"]["workers"] == 1 and rows["GM8999"]["residents_brp"] == 1
    assert rows["GM0281"]["residents_rni_assigned"] == 1


@pytest.mark.parametrize("multi_year", [False, True])
@pytest.mark.parametrize(
    ("sector", "temp"),
    [("AB", "0"), ("a", "0"), ("V", "0"), ("", "0"), ("@", "1"), ("A", "2"), ("A", "-1"), ("A", "")],
)
def test_the_fast_pass_itself_flags_a_bad_sector_or_temp_agency(
    tmp_path, monkeypatch, multi_year, sector, temp
):
    # The detailed checks would find these anyway; the fast pass must not call such input clean.
    calls = []

    def detailed(*args, **kwargs):
        calls.append(True)
        raise InputError([])

    monkeypatch.setattr(RUN, "_detailed", detailed)
    jobs = jobs_for("a", [1, 2]) + jobs_for("a", [3], employer="E2", sector=sector, temp=temp)
    with pytest.raises(InputError):
        estimate(tmp_path, [person("a")], jobs, **({"definition_obj": MULTI} if multi_year else {}))
    assert calls == [True]
