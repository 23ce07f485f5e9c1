"""Fuzzing the estimate importers: microdata (persons and jobs, CSV or Parquet) through the engine, the command
line and the run service; aggregated CBS-style tables through their reader and the run service.

The engine's clear error is InputError: problems naming the file (and line and column where there is one); the
command line turns it into EstimateError; a run that fails stores those problems and no rows."""

import duckdb
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st

from aanjager.estimates import estimate_cli, services
from aanjager.estimates.engine import DEFINITIONS, InputError, aggregates, run
from aanjager.estimates.engine.loading import JOBS, PERSONS
from aanjager.estimates.models import EstimateRow, EstimateRun
from aanjager.geo import services as geo_services
from aanjager.geo.models import Municipality
from tests.estimates.helpers import JOB_COLUMNS, KNOWN, PERSON_COLUMNS, jobs_for, person, write
from tests.fuzz.strategies import csv_mutations, mutate_bytes, parquet_files, random_bytes
from tests.fuzz.support import fuzz_settings, rolled_back, table_counts, tried

PERSONS_ROWS = [
    person("a"),
    person("b", registration="BRP", residence="GM0297"),
    person("c", nationality="RO", registration="BRP", residence="GM0281", deregistered_on="2025-06-30"),
]
JOBS_ROWS = (
    jobs_for("a", [1, 2]) + jobs_for("b", [3], work="GM0297", temp="1") + jobs_for("c", [4], sector="C")
)
AGGREGATE_COLUMNS = ["municipality_code", "year", "source", "nationality_group", "count", "stay_class"]
AGGREGATE_ROWS = [
    ["GM0281", "2025", "polis", "eu11", "40", "short"],
    ["GM0281", "2025", "polis", "eu11", "60", "long"],
    ["GM0281", "2025", "brp", "eu11", "100", ""],
    ["GM0281", "2025", "rni", "eu11", "20", ""],
    ["GM0297", "2025", "polis", "eu11", "75", ""],
]
GENERIC_FAILURE = "Er ging iets mis aan onze kant"


def clear_problems(*labels):
    def check(error: InputError):
        assert error.problems, "an InputError without problems"
        assert error.total >= len(error.problems)
        for problem in error.problems:
            assert problem.file in labels, problem
            assert problem.message.strip(), problem
            assert problem.line is None or problem.line >= 1, problem
            assert isinstance(problem.column, str)
        assert error.report().strip()

    return check


def _valid_csv(path, header, rows):
    return write(path, header, rows)


def _run(persons, jobs):
    return run(
        persons=persons,
        jobs=jobs,
        year=2025,
        definition=DEFINITIONS["eu11"],
        known_municipalities=KNOWN,
        threads=1,
        persons_label="personen",
        jobs_label="banen",
    )


def _engine(strategy: str, persons, jobs):
    with tried("estimate engine", strategy, (InputError,), clear_problems("personen", "banen")):
        result = _run(persons, jobs)
        assert result.rows is not None


# ------------------------------------------------------------------------------------------------- engine, CSV
@fuzz_settings(30)
@given(data=csv_mutations(PERSON_COLUMNS, PERSONS_ROWS))
def test_engine_persons_csv_mutations(tmp_path, data):
    persons = tmp_path / "persons.csv"
    persons.write_bytes(data)
    _engine("persons CSV mutations", persons, _valid_csv(tmp_path / "jobs.csv", JOB_COLUMNS, JOBS_ROWS))


@fuzz_settings(30)
@given(data=csv_mutations(JOB_COLUMNS, JOBS_ROWS))
def test_engine_jobs_csv_mutations(tmp_path, data):
    jobs = tmp_path / "jobs.csv"
    jobs.write_bytes(data)
    _engine("jobs CSV mutations", _valid_csv(tmp_path / "persons.csv", PERSON_COLUMNS, PERSONS_ROWS), jobs)


@fuzz_settings(15)
@given(
    persons=random_bytes(PERSON_COLUMNS, max_size=600) | csv_mutations(PERSON_COLUMNS, PERSONS_ROWS),
    jobs=random_bytes(JOB_COLUMNS, max_size=600) | csv_mutations(JOB_COLUMNS, JOBS_ROWS),
)
def test_engine_random_bytes_in_both_files(tmp_path, persons, jobs):
    (tmp_path / "p.csv").write_bytes(persons)
    (tmp_path / "j.csv").write_bytes(jobs)
    _engine("random bytes, both files", tmp_path / "p.csv", tmp_path / "j.csv")


# --------------------------------------------------------------------------------------------- engine, Parquet
@fuzz_settings(20)
@given(data=st.data(), which=st.sampled_from(["persons", "jobs", "both"]))
def test_engine_parquet_with_odd_columns_and_types(tmp_path, data, which):
    persons = _valid_csv(tmp_path / "persons.csv", PERSON_COLUMNS, PERSONS_ROWS)
    jobs = _valid_csv(tmp_path / "jobs.csv", JOB_COLUMNS, JOBS_ROWS)
    if which in ("persons", "both"):
        persons = data.draw(parquet_files(PERSONS.columns, PERSONS_ROWS, tmp_path))
    if which in ("jobs", "both"):
        jobs = data.draw(parquet_files(JOBS.columns, JOBS_ROWS, tmp_path))
    _engine("Parquet: odd columns and types", persons, jobs)


def _valid_parquet(tmp_path, name, header, rows) -> bytes:
    source = _valid_csv(tmp_path / f"{name}.csv", header, rows)
    target = tmp_path / f"{name}-valid.parquet"
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * FROM read_csv('{source}', all_varchar = true)) TO '{target}' (FORMAT parquet)"
    )
    con.close()
    return target.read_bytes()


@fuzz_settings(20)
@given(data=st.data(), which=st.sampled_from(["persons", "jobs"]))
def test_engine_damaged_parquet_bytes(tmp_path, data, which):
    header, rows = (PERSON_COLUMNS, PERSONS_ROWS) if which == "persons" else (JOB_COLUMNS, JOBS_ROWS)
    valid = _valid_parquet(tmp_path, which, header, rows)
    how = data.draw(st.sampled_from(["truncate", "mutate", "mutate", "random", "random between magic"]))
    if how == "truncate":
        damaged = valid[: data.draw(st.integers(0, len(valid) - 1))]
    elif how == "mutate":
        damaged = mutate_bytes(data.draw, valid, 4)
    elif how == "random":
        damaged = data.draw(st.binary(max_size=400))
    else:
        damaged = b"PAR1" + data.draw(st.binary(max_size=400)) + b"PAR1"
    path = tmp_path / f"{which}-damaged.parquet"
    path.write_bytes(damaged)
    persons = (
        path if which == "persons" else _valid_csv(tmp_path / "persons.csv", PERSON_COLUMNS, PERSONS_ROWS)
    )
    jobs = path if which == "jobs" else _valid_csv(tmp_path / "jobs.csv", JOB_COLUMNS, JOBS_ROWS)
    _engine("Parquet: damaged bytes", persons, jobs)


# ----------------------------------------------------------------------------------------- the command line
@fuzz_settings(12)
@given(
    persons=csv_mutations(PERSON_COLUMNS, PERSONS_ROWS, table_ops=2, byte_ops=1),
    jobs=csv_mutations(JOB_COLUMNS, JOBS_ROWS, table_ops=2, byte_ops=1),
)
def test_estimate_command_line(tmp_path, persons, jobs):
    (tmp_path / "p.csv").write_bytes(persons)
    (tmp_path / "j.csv").write_bytes(jobs)
    options = {
        "persons": tmp_path / "p.csv",
        "jobs": tmp_path / "j.csv",
        "aggregates": None,
        "year": 2025,
        "definition": "eu11",
        "out": tmp_path / "out.csv",
        "stay_family": "year",
        "short_max": None,
        "mid_max": None,
        "rate_low": 0.33,
        "rate_central": 0.4,
        "rate_high": 0.5,
        "rni_assignment": "work",
        "threads": 1,
    }
    (tmp_path / "out.csv").unlink(missing_ok=True)

    def check(error):
        assert "niets opgeslagen" in str(error) and ("p.csv" in str(error) or "j.csv" in str(error))
        assert not (tmp_path / "out.csv").exists()  # no partial result

    with tried("aanjager estimate (CLI)", "CSV mutations, both files", (estimate_cli.EstimateError,), check):
        estimate_cli.execute(options, known_municipalities=KNOWN, write=lambda _: None, warn=lambda _: None)


# -------------------------------------------------------------------------------------------- aggregated table
def _aggregates(strategy, data):
    with tried("aggregated table", strategy, (InputError,), clear_problems("tabel.csv")):
        rows = aggregates.estimate(
            data, label="tabel.csv", year=2025, definition_code="eu11", known_municipalities=KNOWN
        )
        assert all(row["workers"] >= 0 for row in rows)


def _aggregate_csv() -> str:
    return "".join(",".join(row) + "\n" for row in [AGGREGATE_COLUMNS, *AGGREGATE_ROWS])


@fuzz_settings(150)
@given(data=csv_mutations(AGGREGATE_COLUMNS, AGGREGATE_ROWS))
def test_aggregated_table_mutations(data):
    _aggregates("CSV mutations", data)


@fuzz_settings(100)
@given(data=random_bytes(AGGREGATE_COLUMNS))
def test_aggregated_table_random_bytes(data):
    _aggregates("random bytes", data)


# --------------------------------------------------------------------------------------- the run service (DB)
@pytest.fixture
def region(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    return geo_services.create_region(
        actor=None, name="Fuzzregio", municipalities=Municipality.objects.filter(code__in=sorted(KNOWN))
    )


def _service(strategy, region, **files):
    """Through create_run and execute_run (inline): a refused input stores its problems and no rows."""

    def check(problems):
        assert problems, "a failed run without problems"
        assert all(p["message"].strip() for p in problems)
        assert not any(GENERIC_FAILURE in p["message"] for p in problems), problems  # a crash inside the run

    with rolled_back(), tried("estimate run service", strategy) as attempt:
        before = table_counts(EstimateRow)
        created = services.create_run(actor=None, title="Fuzz", region=region, year=2025, **files)
        run_ = EstimateRun.objects.get(pk=created.pk)
        if run_.status == EstimateRun.Status.FAILED:
            check(run_.problems)
            assert table_counts(EstimateRow) == before  # no partial write
            attempt.refuse()
        else:
            assert run_.status == EstimateRun.Status.DONE, run_.status
        assert not any(services.upload_dir(run_).parent.iterdir())  # the uploaded files are gone


@fuzz_settings(12)
@given(
    persons=csv_mutations(PERSON_COLUMNS, PERSONS_ROWS, table_ops=2, byte_ops=1),
    jobs=csv_mutations(JOB_COLUMNS, JOBS_ROWS, table_ops=2, byte_ops=1),
)
def test_run_service_microdata(region, persons, jobs):
    _service(
        "microdata CSV mutations",
        region,
        persons_file=SimpleUploadedFile("personen.csv", persons),
        jobs_file=SimpleUploadedFile("banen.csv", jobs),
    )


@fuzz_settings(20)
@given(data=csv_mutations(AGGREGATE_COLUMNS, AGGREGATE_ROWS) | random_bytes(AGGREGATE_COLUMNS, max_size=500))
def test_run_service_aggregated_table(region, data):
    _service("aggregated table", region, aggregates_file=SimpleUploadedFile("tabel.csv", data))
