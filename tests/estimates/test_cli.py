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
