from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from aanjager.estimates.engine import InputError, aggregates
from tests.estimates.helpers import KNOWN

HEADER = "municipality_code,year,source,nationality_group,count,stay_class\n"


def run(text, year=2025):
    return aggregates.estimate(
        text.encode(), label="cbs.csv", year=year, definition_code="eu11", known_municipalities=KNOWN
    )


def test_counts_become_workers_residents_and_a_range():
    rows = run(
        HEADER + "GM0281,2025,polis,eu11,40,short\nGM0281,2025,polis,eu11,60,long\n"
        "GM0281,2025,brp,eu11,100,\nGM0281,2025,rni,eu11,20,\n"
        "GM0281,2024,brp,eu11,999,\nGM0281,2025,brp,eu-efta,999,\n"
    )
    [row] = rows
    assert (row["workers"], row["workers_short"], row["workers_mid"], row["workers_long"]) == (100, 40, 0, 60)
    assert (row["residents_brp"], row["residents_rni_assigned"]) == (100, 20)
    assert (row["estimate_low"], row["estimate_central"], row["estimate_high"]) == (200, 250, 303)


def test_totals_without_split_leave_the_split_unknown():
    [row] = run("municipality_code,year,source,nationality_group,count\nGM0297,2025,polis,eu11,75\n")
    assert row["workers"] == 75 and row["workers_short"] is None


@pytest.mark.parametrize(
    ("line", "column"),
    [
        ("GM9999,2025,brp,eu11,1,", "municipality_code"),
        ("GM0281,twee,brp,eu11,1,", "year"),
        ("GM0281,2025,gba,eu11,1,", "source"),
        ("GM0281,2025,brp,eu11,-4,", "count"),
        ("GM0281,2025,brp,eu11,1,short", "stay_class"),
    ],
)
def test_bad_rows_name_line_and_column(line, column):
    with pytest.raises(InputError) as error:
        run(HEADER + "GM0214,2025,brp,eu11,5,\n" + line + "\n")
    assert [(p.line, p.column) for p in error.value.problems] == [(3, column)]


def test_duplicates_mixed_split_missing_columns_and_empty_year():
    with pytest.raises(InputError, match="regel 2"):
        run(HEADER + "GM0214,2025,brp,eu11,5,\nGM0214,2025,brp,eu11,6,\n")
    with pytest.raises(InputError, match="totaal"):
        run(HEADER + "GM0214,2025,polis,eu11,5,\nGM0214,2025,polis,eu11,6,mid\n")
    with pytest.raises(InputError, match="verplichte kolom"):
        run("municipality_code,year,count\nGM0214,2025,1\n")
    with pytest.raises(InputError, match="geen regels voor jaar 2026"):
        run(HEADER + "GM0214,2025,brp,eu11,5,\n", year=2026)
    with pytest.raises(InputError, match="leeg"):
        run("")


def test_cli_with_aggregates(db, tmp_path):
    source = tmp_path / "cbs.csv"
    source.write_text(HEADER.replace(",", ";") + "GM0281;2025;polis;eu11;12;mid\nGM0281;2025;brp;eu11;10;\n")
    call_command(
        "estimate",
        "--aggregates",
        str(source),
        "--year",
        "2025",
        "--out",
        str(tmp_path / "r.csv"),
        stdout=StringIO(),
    )
    lines = (tmp_path / "r.csv").read_text().splitlines()
    assert lines[1] == "GM0281,12,0,12,0,10,0,20,25,30"
    with pytest.raises(CommandError, match="--aggregates"):
        call_command("estimate", "--year", "2025", "--out", str(tmp_path / "x.csv"), stdout=StringIO())


def problems_of(data: bytes):
    with pytest.raises(InputError) as error:
        aggregates.estimate(
            data, label="cbs.csv", year=2025, definition_code="eu11", known_municipalities=KNOWN
        )
    return [(p.line, p.column, p.message) for p in error.value.problems]


def test_odd_files_are_clear_problems_not_crashes():
    assert problems_of(b"\xef\xbb\xbf") == [(1, "", "de eerste regel moet de kolomnamen bevatten")]
    assert problems_of(b"\xef\xbb\xbf \n") == [(1, "", "de eerste regel moet de kolomnamen bevatten")]
    long_cell = HEADER.encode() + b'GM0281,2025,brp,eu11,"' + b"9" * 200_000 + b'",\n'
    [(line, column, message)] = problems_of(long_cell)
    assert line == 2 and "langer dan 131.072 tekens" in message
    # The unused bytes of Windows-1252 (0x81, 0x8D, 0x8F, 0x90, 0x9D) are no reason to crash.
    assert problems_of(HEADER.encode() + b"GM0281,2025,brp,eu\x81\x9d,1,\n") == [
        (None, "", "geen regels voor jaar 2025 en groep eu11")
    ]
    doubled = b"municipality_code,year,source,nationality_group,count,count\n"
    assert problems_of(doubled + b"GM0281,2025,brp,eu11,1,2\n") == [
        (1, "count", "kolomnaam komt dubbel voor")
    ]


def test_lines_ending_in_a_carriage_return_alone_are_read():
    [row] = run(HEADER.replace("\n", "\r") + "GM0281,2025,brp,eu11,100,\rGM0281,2025,polis,eu11,7,\r")
    assert (row["workers"], row["residents_brp"]) == (7, 100)


def test_counts_are_ascii_digits_and_not_absurdly_large():
    # '²'.isdigit() is true, but int('²') fails; a count beyond any municipality would not fit the stored rows.
    assert problems_of((HEADER + "GM0281,2025,brp,eu11,²,\n").encode()) == [
        (2, "count", "aantal is geen geheel getal van 0 of meer")
    ]
    assert problems_of((HEADER + "GM0281,2025,brp,eu11,99999999999999999999,\n").encode()) == [
        (2, "count", "aantal is groter dan 10.000.000")
    ]
    assert problems_of((HEADER + "GM0281,２０２５,brp,eu11,1,\n").encode())[0][:2] == (2, "year")
