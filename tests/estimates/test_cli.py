import csv
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from aanjager.estimates.engine import RESULT_COLUMNS
from tests.estimates.helpers import JOB_COLUMNS, PERSON_COLUMNS, jobs_for, person, write

EXPECTED_HEADER = (
    "municipality_code,workers,workers_short,workers_mid,workers_long,residents_brp,"
    "residents_rni_assigned,estimate_low,estimate_central,estimate_high"
)


def test_cli_writes_exactly_the_contract_columns(db, tmp_path):
    persons = [person("a"), person("b", registration="BRP", residence="GM0297")]
    jobs = jobs_for("a", range(1, 13)) + jobs_for("b", [1, 2], work="GM0297")
    p = write(tmp_path / "persons.csv", PERSON_COLUMNS, persons)
    j = write(tmp_path / "jobs.csv", JOB_COLUMNS, jobs)
    out = StringIO()
    call_command(
        "estimate",
        "--persons",
        str(p),
        "--jobs",
        str(j),
        "--year",
        "2025",
        "--definition",
        "eu11",
        "--out",
        str(tmp_path / "result.csv"),
        stdout=out,
    )
    text = (tmp_path / "result.csv").read_text()
    assert text.splitlines()[0] == EXPECTED_HEADER == ",".join(RESULT_COLUMNS)
    rows = {r["municipality_code"]: r for r in csv.DictReader(text.splitlines())}
    assert rows["GM0281"]["workers_long"] == "1" and rows["GM0281"]["residents_rni_assigned"] == "1"
    assert rows["GM0297"]["workers_short"] == "1" and rows["GM0297"]["residents_brp"] == "1"
    assert rows["GM0297"]["estimate_low"] == "2" and rows["GM0297"]["estimate_high"] == "3"
    summary = out.getvalue()
    assert "2 persons in scope" in summary and "sha256" in summary


def test_cli_bad_input_writes_nothing(db, tmp_path):
    p = write(tmp_path / "persons.csv", PERSON_COLUMNS, [person("a")])
    j = write(tmp_path / "jobs.csv", JOB_COLUMNS, jobs_for("a", [1], work="GM9999"))
    with pytest.raises(
        CommandError, match=r"jobs.csv, regel 2, kolom work_municipality: onbekende gemeentecode"
    ):
        call_command(
            "estimate",
            "--persons",
            str(p),
            "--jobs",
            str(j),
            "--year",
            "2025",
            "--out",
            str(tmp_path / "result.csv"),
            stdout=StringIO(),
        )
    assert not (tmp_path / "result.csv").exists()


def test_cli_refuses_bad_parameters(db, tmp_path):
    with pytest.raises(CommandError, match="threshold"):
        call_command(
            "estimate",
            "--persons",
            "x",
            "--jobs",
            "y",
            "--year",
            "2025",
            "--out",
            "z",
            "--short-max",
            "8",
            "--mid-max",
            "4",
            stdout=StringIO(),
        )


def test_the_documented_example_gives_the_documented_result(db, tmp_path):
    from pathlib import Path

    examples = Path(__file__).resolve().parents[2] / "docs" / "examples" / "estimates"
    call_command(
        "estimate",
        "--persons",
        str(examples / "persons.csv"),
        "--jobs",
        str(examples / "jobs.csv"),
        "--year",
        "2025",
        "--out",
        str(tmp_path / "r.csv"),
        stdout=StringIO(),
    )
    assert (
        (tmp_path / "r.csv").read_text().splitlines()[1:]
        == [
            "GM0214,1,1,0,0,0,1,1,1,1",  # SYN0005: one job row in GM0214 and GM0297, the tie goes to the lower code
            "GM0281,1,0,1,0,1,0,2,3,3",
            "GM0297,1,1,0,0,1,0,2,3,3",
            "GM1740,1,1,0,0,0,1,1,1,1",  # SYN0004 (DE) is outside eu11
        ]
    )


def test_the_fast_path_reads_the_same_table_django_does():
    from aanjager.estimates import estimate_cli
    from aanjager.geo.models import Municipality

    assert Municipality._meta.db_table == estimate_cli.MUNICIPALITY_TABLE
    assert f"SELECT code FROM {Municipality._meta.db_table}" == estimate_cli.MUNICIPALITY_CODES_QUERY


def test_the_fast_path_reads_codes_from_this_database(db):
    from django.db import connection

    from aanjager.estimates import estimate_cli

    # SQLite tests run in memory (no file) and PostgreSQL is left to Django: both fall back.
    assert estimate_cli.known_municipality_codes(connection.settings_dict) is None
    assert estimate_cli.known_municipality_codes({"ENGINE": "django.db.backends.oracle", "NAME": "x"}) is None


def test_the_fast_path_writes_what_the_management_command_writes(db, tmp_path):
    """`aanjager estimate` without Django start-up: same file, same summary, and a bad input is refused alike."""
    import os
    import sqlite3
    import subprocess
    import sys

    data = tmp_path / "data"
    data.mkdir()
    with sqlite3.connect(data / "aanjager.sqlite3") as connection:
        connection.execute("CREATE TABLE geo_municipality (code TEXT)")
        connection.executemany("INSERT INTO geo_municipality VALUES (?)", [("GM0281",), ("GM0297",)])
    persons = [person("a"), person("b", registration="BRP", residence="GM0297")]
    jobs = jobs_for("a", range(1, 13)) + jobs_for("b", [1, 2], work="GM0297")
    p = write(tmp_path / "persons.csv", PERSON_COLUMNS, persons)
    j = write(tmp_path / "jobs.csv", JOB_COLUMNS, jobs)
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "AANJAGER_DATA_DIR": str(data),
        "DJANGO_SETTINGS_MODULE": "aanjager.conf.dev",
    }
    args = ["--persons", str(p), "--jobs", str(j), "--year", "2025", "--definition", "eu11"]
    fast = subprocess.run(
        [sys.executable, "-m", "aanjager.cli", "estimate", *args, "--out", str(tmp_path / "fast.csv")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    out = StringIO()
    call_command("estimate", *args, "--out", str(tmp_path / "django.csv"), stdout=out)
    assert (tmp_path / "fast.csv").read_text() == (tmp_path / "django.csv").read_text()

    def summary(text):
        return [line for line in text.splitlines() if " written to " not in line]

    assert summary(fast.stdout) == summary(out.getvalue())
    bad = write(tmp_path / "bad.csv", JOB_COLUMNS, jobs + [["a", "2025-13", "E1", "A", "GM0281", "0"]])
    refused = subprocess.run(
        [sys.executable, "-m", "aanjager.cli", "estimate", "--persons", str(p), "--jobs", str(bad)]
        + ["--year", "2025", "--out", str(tmp_path / "bad-out.csv")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert refused.returncode == 1 and "regel 16" in refused.stderr and "month" in refused.stderr
    assert not (tmp_path / "bad-out.csv").exists()
    # Django's own options take the Django way, as do bad thresholds (0 is not "the default").
    from aanjager.estimates import estimate_cli

    assert estimate_cli.main([*args, "--out", str(tmp_path / "x.csv"), "--verbosity", "2"]) is None
    with pytest.raises(CommandError):
        call_command("estimate", *args, "--out", str(tmp_path / "y.csv"), "--short-max", "0")
