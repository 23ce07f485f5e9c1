"""The multi-year stay family (domain.md §2): stay measured as time economically active over several years."""

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aanjager.estimates.engine import DEFINITIONS, InputError, StayThresholds
from tests.estimates.helpers import estimate, jobs_for, person, reference
from tests.estimates.test_runs import demo  # noqa: F401  (a fixture)

MULTI = dataclasses.replace(DEFINITIONS["eu11"], stay=StayThresholds.defaults("multi-year"))


def span_jobs(pid, first: str, last: str, **kwargs):
    """One job-month at `first` (any year) and one at `last` (in 2025)."""
    return jobs_for(pid, [int(first[5:])], year=int(first[:4]), **kwargs) + jobs_for(
        pid, [int(last[5:])], employer="E9", **{k: v for k, v in kwargs.items() if k != "employer"}
    )


def test_defaults_are_under_one_year_one_to_five_years_and_longer():
    stay = StayThresholds.defaults("multi-year")
    assert (stay.short_max, stay.mid_max, stay.family) == (11, 60, "multi-year")
    assert StayThresholds.defaults("year") == StayThresholds()
    with pytest.raises(ValueError):
        StayThresholds(short_max=3, mid_max=24)  # within one year 11 is the most
    with pytest.raises(ValueError):
        StayThresholds(short_max=11, mid_max=60, family="decade")


@pytest.mark.parametrize(
    ("first", "last", "stay"),
    [
        ("2025-03", "2025-08", "short"),  # 6 months
        ("2024-11", "2025-09", "short"),  # 11 months: the last short
        ("2024-10", "2025-09", "mid"),  # 12 months: one year
        ("2021-01", "2025-12", "mid"),  # 60 months: five years
        ("2020-12", "2025-12", "long"),  # 61 months
        ("2012-01", "2025-01", "long"),
    ],
)
def test_stay_runs_from_the_first_job_month_to_the_last_in_the_year(tmp_path, first, last, stay):
    rows, result = estimate(tmp_path, [person("a")], span_jobs("a", first, last), definition_obj=MULTI)
    assert rows["GM0281"][f"workers_{stay}"] == 1 and rows["GM0281"]["workers"] == 1
    assert result.observed_from == min(first, last)


def test_only_the_reference_year_decides_scope_and_main_work(tmp_path):
    persons = [person("a"), person("b")]
    # a: many rows in 2024 in Zaltbommel, but in 2025 only in Tiel. b: worked in 2023 only, so not in scope.
    jobs = (
        jobs_for("a", range(1, 13), work="GM0297", year=2024)
        + jobs_for("a", [1, 2], work="GM0281")
        + jobs_for("b", range(1, 13), year=2023)
    )
    rows, result = estimate(tmp_path, persons, jobs, definition_obj=MULTI)
    assert result.in_scope == 1 and set(rows) == {"GM0281"}
    assert rows["GM0281"]["workers_mid"] == 1  # 2024-01 to 2025-02: 14 months


def test_the_year_family_still_refuses_other_years(tmp_path):
    jobs = jobs_for("a", [1], year=2024) + jobs_for("a", [2])
    with pytest.raises(InputError) as error:
        estimate(tmp_path, [person("a")], jobs)
    assert "buiten het peiljaar 2025" in error.value.report()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["a", "2026-01", "E1", "A", "GM0281", "0"], "maand ligt na het peiljaar 2025"),
        (["a", "2023-13", "E1", "A", "GM0281", "0"], "geen geldige maand"),
        (["a", "2023-04", "E1", "A", "GM0281", "0"], "dubbele regel"),  # same person, employer and month
    ],
)
def test_bad_months_over_several_years_name_the_line(tmp_path, extra, message):
    jobs = jobs_for("a", [4], year=2023) + jobs_for("a", [1]) + [extra]
    with pytest.raises(InputError) as error:
        estimate(tmp_path, [person("a")], jobs, definition_obj=MULTI)
    [problem] = error.value.problems
    assert problem.line == 4 and message in problem.message


def test_a_short_window_is_reported(tmp_path):
    jobs = jobs_for("a", [1], year=2024) + jobs_for("a", [5])
    _, result = estimate(tmp_path, [person("a")], jobs, definition_obj=MULTI)
    warning = result.stay_window_warning()
    assert "2024-01" in warning and "onderschat" in warning and "2020-01" in warning
    jobs = jobs_for("a", [1], year=2020) + jobs_for("a", [5])
    _, result = estimate(tmp_path, [person("a")], jobs, definition_obj=MULTI)
    assert result.stay_window_warning() is None  # 2020-01 to 2025-12 is 72 months > 60


@st.composite
def history(draw):
    persons, jobs = [], []
    for i in range(draw(st.integers(1, 15))):
        pid = f"p{i}"
        persons.append(person(pid, draw(st.sampled_from(["PL", "RO", "DE"]))))
        slots = draw(
            st.sets(
                st.tuples(st.integers(2015, 2025), st.integers(1, 12), st.sampled_from(["E1", "E2"])),
                max_size=10,
            )
        )
        for year, month, employer in sorted(slots):
            work = draw(st.sampled_from(["GM0281", "GM0297", "GM0214"]))
            jobs.append([pid, f"{year}-{month:02d}", employer, "A", work, "0"])
    return persons, jobs


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=history(), short_max=st.integers(1, 30), extra=st.integers(1, 60))
def test_multi_year_agrees_with_the_reference(tmp_path, data, short_max, extra):
    persons, jobs = data
    if not any(j[1].startswith("2025-") for j in jobs):
        return
    stay = StayThresholds(short_max=short_max, mid_max=short_max + extra, family="multi-year")
    definition = dataclasses.replace(DEFINITIONS["eu11"], stay=stay)
    rows, result = estimate(tmp_path, persons, jobs, definition_obj=definition)
    expected = reference(persons, jobs, year=2025, definition=definition)
    for code in set(rows) | set(expected):
        for column in ("workers", "workers_short", "workers_mid", "workers_long"):
            assert rows.get(code, {}).get(column, 0) == expected.get(code, {}).get(column, 0), (code, column)
    for row in rows.values():
        assert row["workers_short"] + row["workers_mid"] + row["workers_long"] == row["workers"]
    assert sum(row["workers"] for row in rows.values()) == result.in_scope


def test_cli_takes_the_multi_year_family(db, tmp_path):
    from io import StringIO

    from django.core.management import call_command

    from tests.estimates.helpers import JOB_COLUMNS, PERSON_COLUMNS, write

    p = write(tmp_path / "persons.csv", PERSON_COLUMNS, [person("a"), person("b")])
    jobs = span_jobs("a", "2018-01", "2025-06") + span_jobs("b", "2024-06", "2025-06")
    j = write(tmp_path / "jobs.csv", JOB_COLUMNS, jobs)
    out, err = StringIO(), StringIO()
    args = ["--persons", str(p), "--jobs", str(j), "--year", "2025", "--out", str(tmp_path / "r.csv")]
    call_command("estimate", *args, "--stay-family", "multi-year", stdout=out, stderr=err)
    assert "short 1-11, mid 12-60, long 61+ months active in NL" in out.getvalue()
    assert "Jobs data from 2018-01" in out.getvalue() and not err.getvalue()
    row = (tmp_path / "r.csv").read_text().splitlines()[1].split(",")
    assert row[:5] == ["GM0281", "2", "0", "1", "1"]  # b: 13 months, mid; a: 90 months, long


def test_web_form_and_api_take_the_multi_year_family(client, demo, api_client_for):  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    from aanjager.accounts.models import User
    from aanjager.estimates.models import EstimateRow, EstimateRun
    from tests.estimates.test_runs import PERSONS, form, login

    jobs = (
        "person_id,month,employer_id,sector,work_municipality,temp_agency\n"
        "a,2024-01,E1,A,GM0281,0\na,2025-02,E1,A,GM0281,0\n"
        "b,2025-03,E2,H,GM0297,1\n"
        "c,2019-04,E3,C,GM0281,0\nc,2025-04,E3,C,GM0281,0\n"
    )

    def upload():
        return (
            SimpleUploadedFile("personen.csv", PERSONS.encode()),
            SimpleUploadedFile("banen.csv", jobs.encode()),
        )

    login(client, "beleid")
    persons_file, jobs_file = upload()
    data = form(demo, persons_file=persons_file, jobs_file=jobs_file, stay_family="multi-year", mid_max=60)
    bad = client.post("/schattingen/nieuw/", {**data, "stay_family": "year"})
    assert "12 is lang verblijf" in bad.content.decode()  # within a year mid stay cannot go past 11 months
    persons_file, jobs_file = upload()
    client.post("/schattingen/nieuw/", {**data, "persons_file": persons_file, "jobs_file": jobs_file})
    run = EstimateRun.objects.get(title="Test 2025")
    assert run.status == "done" and run.definition["stay_family"] == "multi-year"
    assert run.definition["observed_from"] == "2019-04"
    tiel = EstimateRow.objects.get(run=run, municipality__code="GM0281")
    assert (tiel.workers, tiel.workers_short, tiel.workers_mid, tiel.workers_long) == (2, 0, 1, 1)
    page = client.get(f"/schattingen/{run.pk}/").content.decode()
    assert "maanden economisch actief in Nederland" in page and "banen vanaf 2019-04" in page
    assert "onderschat" not in page  # 2019-04 to 2025-12 reaches past 60 months

    client_api = api_client_for(User.objects.get(username="beleid"))
    persons_file, jobs_file = upload()
    response = client_api.post(
        "/api/v1/estimate-runs",
        {
            "title": "Meerjarig via API",
            "region": demo.pk,
            "year": 2025,
            "persons_file": persons_file,
            "jobs_file": jobs_file,
            "stay_family": "multi-year",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["definition"]["short_max"] == 11 and body["definition"]["mid_max"] == 60
