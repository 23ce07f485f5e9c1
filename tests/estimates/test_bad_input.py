"""Every kind of bad input gets a message naming file, line and column; nothing is produced."""

import duckdb
import pytest

from aanjager.estimates.engine import DEFINITIONS, InputError, run
from tests.estimates.helpers import JOB_COLUMNS, KNOWN, PERSON_COLUMNS, estimate, jobs_for, person, write

GOOD_PERSONS = [person("a"), person("b", registration="BRP", residence="GM0297")]
GOOD_JOBS = jobs_for("a", [1, 2]) + jobs_for("b", [3])


def problems(tmp_path, persons=GOOD_PERSONS, jobs=GOOD_JOBS, **kwargs):
    with pytest.raises(InputError) as error:
        estimate(tmp_path, persons, jobs, **kwargs)
    return error.value


def run_files(persons_path, jobs_path, year=2025):
    with pytest.raises(InputError) as error:
        run(
            persons=persons_path,
            jobs=jobs_path,
            year=year,
            definition=DEFINITIONS["eu11"],
            known_municipalities=KNOWN,
            threads=1,
        )
    return error.value


def test_missing_and_extra_columns(tmp_path):
    p = write(
        tmp_path / "p.csv", PERSON_COLUMNS[:-1] + ["shoe_size"], [row[:-1] + [42] for row in GOOD_PERSONS]
    )
    j = write(tmp_path / "j.csv", JOB_COLUMNS, GOOD_JOBS)
    error = run_files(p, j)
    assert {(x.file, x.line, x.column, x.message) for x in error.problems} == {
        ("p.csv", 1, "birth_year", "verplichte kolom ontbreekt"),
        ("p.csv", 1, "shoe_size", "onbekende kolom"),
    }


def test_columns_in_another_order_are_fine(tmp_path):
    order = list(reversed(PERSON_COLUMNS))
    p = write(tmp_path / "p.csv", order, [list(reversed(row)) for row in GOOD_PERSONS])
    j = write(tmp_path / "j.csv", JOB_COLUMNS, GOOD_JOBS)
    result = run(persons=p, jobs=j, year=2025, definition=DEFINITIONS["eu11"], known_municipalities=KNOWN)
    assert result.in_scope == 2


def test_wrong_types_name_line_and_column(tmp_path):
    persons = GOOD_PERSONS + [person("c", birth_year="negentig"), person("d", registered_on="2025-02-30")]
    error = problems(tmp_path, persons=persons, jobs=GOOD_JOBS + jobs_for("c", [1]) + jobs_for("d", [1]))
    found = {(x.file, x.line, x.column) for x in error.problems}
    assert ("persons.csv", 4, "birth_year") in found
    assert ("persons.csv", 5, "registered_on") in found  # 30 February does not exist
    assert "datum" in next(x.message for x in error.problems if x.column == "registered_on")


def test_bad_values_in_jobs(tmp_path):
    jobs = GOOD_JOBS + [
        ["a", "2025-13", "E1", "A", "GM0281", "0"],  # line 5: no month 13
        ["a", "2024-12", "E1", "A", "GM0281", "0"],  # line 6: outside the year
        ["a", "2025-05", "E1", "A", "GM9999", "0"],  # line 7: unknown municipality
        ["a", "2025-06", "E1", "Z", "GM0281", "0"],  # line 8: no SBI section Z
        ["a", "2025-07", "E1", "A", "GM0281", "2"],  # line 9: temp_agency is 0 or 1
        ["a", "2025-08", "", "A", "GM0281", "0"],  # line 10: no employer
    ]
    error = problems(tmp_path, jobs=jobs)
    found = {(x.line, x.column): x.message for x in error.problems if x.file == "jobs.csv"}
    assert "geen geldige maand" in found[(5, "month")]
    assert "buiten het peiljaar 2025" in found[(6, "month")]
    assert found[(7, "work_municipality")] == "onbekende gemeentecode"
    assert "SBI" in found[(8, "sector")]
    assert found[(9, "temp_agency")] == "uitzendkracht is 0 of 1"
    assert found[(10, "employer_id")] == "employer_id ontbreekt"
    assert error.total == 6


def test_bad_values_in_persons(tmp_path):
    persons = GOOD_PERSONS + [
        person("c", nationality="Polen"),  # line 4
        person("d", registration="GBA"),  # line 5
        person("e", registration="BRP", residence=""),  # line 6
        person("f", registration="RNI", residence="GM0281"),  # line 7
        person("g", registration="BRP", residence="GM0000"),  # line 8
        person("h", registered_on="2025-05-01", deregistered_on="2025-01-01"),  # line 9
        person("i", birth_year=1850),  # line 10
    ]
    jobs = GOOD_JOBS + [row for p in persons[2:] for row in jobs_for(p[0], [1])]
    error = problems(tmp_path, persons=persons, jobs=jobs)
    found = {(x.line, x.column) for x in error.problems}
    assert {
        (4, "nationality"),
        (5, "registration"),
        (6, "residence_municipality"),
        (7, "residence_municipality"),
        (8, "residence_municipality"),
        (9, "deregistered_on"),
        (10, "birth_year"),
    } <= found


def test_duplicate_rows(tmp_path):
    error = problems(tmp_path, persons=GOOD_PERSONS + [person("a")], jobs=GOOD_JOBS)
    assert [(x.line, x.column, x.message) for x in error.problems] == [
        (4, "person_id", "person_id komt dubbel voor")
    ]
    error = problems(tmp_path, jobs=GOOD_JOBS + jobs_for("a", [2]))
    assert [(x.file, x.line) for x in error.problems] == [("jobs.csv", 5)]
    assert "dubbele regel" in error.problems[0].message


def test_same_month_with_two_employers_is_not_a_duplicate(tmp_path):
    rows, result = estimate(tmp_path, GOOD_PERSONS, GOOD_JOBS + jobs_for("a", [2], employer="E9"))
    assert result.in_scope == 2


def test_jobs_of_unknown_persons(tmp_path):
    error = problems(tmp_path, jobs=GOOD_JOBS + jobs_for("zz", [1]))
    assert [(x.file, x.line, x.column) for x in error.problems] == [("jobs.csv", 5, "person_id")]
    assert "niet in het personenbestand" in error.problems[0].message


def test_empty_and_header_only_files(tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    j = write(tmp_path / "j.csv", JOB_COLUMNS, GOOD_JOBS)
    assert "leeg" in str(run_files(tmp_path / "empty.csv", j))
    p = write(tmp_path / "p.csv", PERSON_COLUMNS, GOOD_PERSONS)
    header_only = write(tmp_path / "h.csv", JOB_COLUMNS, [])
    assert "geen gegevens" in str(run_files(p, header_only))


def test_wrong_delimiter_and_not_a_csv(tmp_path):
    p = write(tmp_path / "p.csv", PERSON_COLUMNS, GOOD_PERSONS, delimiter="\t")
    j = write(tmp_path / "j.csv", JOB_COLUMNS, GOOD_JOBS)
    assert "scheidingsteken" in str(run_files(p, j))
    png = tmp_path / "plaatje.csv"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "geen CSV" in str(run_files(png, j))
    prose = tmp_path / "brief.csv"
    prose.write_text("Beste meneer, hierbij de gegevens.\nMet vriendelijke groet\n")
    assert "geen CSV" in str(run_files(prose, j)) or "ontbreekt" in str(run_files(prose, j))


def test_ragged_lines(tmp_path):
    p = write(tmp_path / "p.csv", PERSON_COLUMNS, GOOD_PERSONS)
    j = tmp_path / "j.csv"
    j.write_text(",".join(JOB_COLUMNS) + "\na,2025-01,E1,A,GM0281,0\na,2025-02,E1,A\n")
    error = run_files(p, j)
    assert [(x.file, x.line) for x in error.problems] == [("j.csv", 3)]
    assert "kolommen" in error.problems[0].message


def test_first_hundred_problems_then_a_count(tmp_path):
    persons = GOOD_PERSONS + [person(f"x{i}", nationality="??") for i in range(150)]
    error = problems(tmp_path, persons=persons)
    assert len(error.problems) == 100 and error.total == 150
    assert "nog 50 problemen" in error.report()


@pytest.mark.parametrize(("delimiter", "encoding"), [(";", "utf-8"), (",", "utf-8-sig"), (";", "cp1252")])
def test_separators_and_encodings(tmp_path, delimiter, encoding):
    persons = GOOD_PERSONS + [person("ü-é", residence="")]
    p = write(tmp_path / "p.csv", PERSON_COLUMNS, persons, delimiter=delimiter, encoding=encoding)
    j = write(
        tmp_path / "j.csv",
        JOB_COLUMNS,
        GOOD_JOBS + jobs_for("ü-é", [1]),
        delimiter=delimiter,
        encoding=encoding,
    )
    result = run(persons=p, jobs=j, year=2025, definition=DEFINITIONS["eu11"], known_municipalities=KNOWN)
    assert result.in_scope == 3


def test_parquet_input(tmp_path):
    write(tmp_path / "p.csv", PERSON_COLUMNS, GOOD_PERSONS)
    j = write(tmp_path / "j.csv", JOB_COLUMNS, GOOD_JOBS)
    con = duckdb.connect()
    for name in ("p", "j"):
        con.execute(
            f"COPY (SELECT * FROM read_csv('{tmp_path}/{name}.csv', all_varchar = true)) "
            f"TO '{tmp_path}/{name}.parquet' (FORMAT parquet)"
        )
    result = run(
        persons=tmp_path / "p.parquet",
        jobs=tmp_path / "j.parquet",
        year=2025,
        definition=DEFINITIONS["eu11"],
        known_municipalities=KNOWN,
    )
    assert result.in_scope == 2
    con.execute(
        f"COPY (SELECT * REPLACE ('2024-01' AS month) FROM read_parquet('{tmp_path}/j.parquet')) "
        f"TO '{tmp_path}/bad.parquet' (FORMAT parquet)"
    )
    error = run_files(tmp_path / "p.parquet", tmp_path / "bad.parquet")
    assert {(1, "month"), (2, "month"), (3, "month")} <= {(x.line, x.column) for x in error.problems}
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 this is not parquet")
    assert "Parquet" in str(run_files(tmp_path / "broken.parquet", j))


def test_no_temporary_files_are_left_behind(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    estimate(tmp_path, GOOD_PERSONS, GOOD_JOBS)
    problems(tmp_path, jobs=GOOD_JOBS + jobs_for("zz", [1]))
    assert list((tmp_path / "tmp").iterdir()) == []


def test_problems_in_both_files_are_reported_together(tmp_path):
    error = problems(
        tmp_path,
        persons=GOOD_PERSONS + [person("c", nationality="xx")],
        jobs=GOOD_JOBS + jobs_for("c", [1], work="GM9999"),
    )
    assert {x.file for x in error.problems} == {"persons.csv", "jobs.csv"}


def test_windows_1252_with_euro_sign_and_curly_quotes_is_read(tmp_path):
    # DuckDB's latin-1 refuses 0x80–0x9F, where Windows-1252 has € ‘ ’ “ ” – …: the engine reads a UTF-8 copy.
    persons = GOOD_PERSONS + [person("‘c’ – €", residence="")]
    p = write(tmp_path / "p.csv", PERSON_COLUMNS, persons, delimiter=";", encoding="cp1252")
    jobs = GOOD_JOBS + jobs_for("‘c’ – €", [1], employer="Bouw “De Vries” …")
    j = write(tmp_path / "j.csv", JOB_COLUMNS, jobs, delimiter=";", encoding="cp1252")
    assert b"\x80" in p.read_bytes() and b"\x93" in j.read_bytes()
    result = run(persons=p, jobs=j, year=2025, definition=DEFINITIONS["eu11"], known_municipalities=KNOWN)
    assert result.in_scope == 3
    assert [f.name for f in result.inputs] == ["p.csv", "j.csv"]  # fingerprints of the files as given


def test_mixed_line_ends_are_a_clear_problem_not_a_crash(tmp_path):
    p = write(tmp_path / "p.csv", PERSON_COLUMNS, GOOD_PERSONS)
    j = tmp_path / "j.csv"
    j.write_bytes(
        (";".join(JOB_COLUMNS) + "\n\n\r\na;2025-02;E1;A;GM0281;0\r\nb;2025-03;E1;A;GM0281;0\r\n").encode()
    )
    error = run_files(p, j)
    assert [(x.file, x.column) for x in error.problems] == [("j.csv", "")]
    assert "regels eindigen niet overal op dezelfde manier" in error.problems[0].message
    assert str(tmp_path) not in error.report()  # not DuckDB's message, which names the server's path


def test_a_damaged_parquet_file_whose_header_still_reads(tmp_path):
    write(tmp_path / "p.csv", PERSON_COLUMNS, GOOD_PERSONS)
    j = write(tmp_path / "j.csv", JOB_COLUMNS, GOOD_JOBS)
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT * FROM read_csv('{tmp_path}/p.csv', all_varchar = true)) TO '{tmp_path}/p.parquet' "
        "(FORMAT parquet)"
    )
    con.close()
    # One byte in front: the footer (column names) still reads, the data pages no longer do.
    damaged = tmp_path / "damaged.parquet"
    damaged.write_bytes(b"\x00" + (tmp_path / "p.parquet").read_bytes())
    error = run_files(damaged, j)
    assert [(x.file, x.line, x.message) for x in error.problems] == [
        ("damaged.parquet", None, "dit Parquet-bestand is beschadigd of onvolledig")
    ]


def test_a_nul_character_in_a_problem_is_written_as_backslash_zero():
    from aanjager.estimates.engine import Problem

    problem = Problem("p\x00.csv", 1, "kol\x00om", "onbekende kolom")
    assert (problem.file, problem.column) == ("p\\0.csv", "kol\\0om")
