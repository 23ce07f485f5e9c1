"""Population figures for the population key: all rows or none, problems by line and column."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from aanjager.reference.models import Population
from aanjager.reference.population import latest


@pytest.fixture
def csv_file(tmp_path):
    def write(text: str):
        path = tmp_path / "bevolking.csv"
        path.write_text(text, encoding="utf-8")
        return str(path)

    return write


def test_import_and_latest(db, csv_file):
    out = StringIO()
    path = csv_file(
        "municipality_code;year;inhabitants\nGM0281;2024;42.500\nGM0281;2025;42950\ngm0297;2025;30000\n"
    )
    call_command("import_population", path, "--source", "CBS StatLine 03759ned", stdout=out)
    assert "3 rows imported" in out.getvalue()
    assert latest(["GM0281", "GM0297", "GM0363"]) == {"GM0281": 42950, "GM0297": 30000}
    assert latest(["GM0281"], year=2024) == {"GM0281": 42500}
    call_command("import_population", csv_file("municipality_code,year,inhabitants\nGM0281,2025,43000\n"),
                 "--source", "correctie", stdout=StringIO())  # fmt: skip
    assert Population.objects.get(municipality__code="GM0281", year=2025).inhabitants == 43000


def test_bad_rows_import_nothing_and_say_where(db, csv_file):
    path = csv_file(
        "municipality_code;year;inhabitants\nGM0281;2025;100\nGM9999;2025;10\nGM0297;twee;5\nGM0216;1800;7\n"
    )
    with pytest.raises(CommandError) as error:
        call_command("import_population", path, "--source", "x", stdout=StringIO())
    text = str(error.value)
    assert (
        "regel 3, kolom municipality_code" in text
        and "regel 4, kolom year" in text
        and "regel 5, kolom year" in text
    )
    assert not Population.objects.exists()
    with pytest.raises(CommandError, match="kolommen ontbreken: inhabitants"):
        call_command(
            "import_population", csv_file("municipality_code;year\n"), "--source", "x", stdout=StringIO()
        )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # The unused bytes of Windows-1252 were a UnicodeDecodeError; now an unknown code like any other.
        (b"municipality_code;year;inhabitants\nGM\x81\x9d;2025;100\n", "regel 2, kolom municipality_code"),
        # str.isdigit() takes '²', which int() refuses.
        ("municipality_code;year;inhabitants\nGM0281;2025;²\n".encode(), "regel 2, kolom inhabitants"),
        (b"municipality_code;year;inhabitants\nGM0281;2025;99999999999\n", "is meer dan 10.000.000 inwoners"),
        (
            b'municipality_code;year;inhabitants\nGM0281;2025;"' + b"1" * 140_000 + b'"\n',
            "regel 2: een veld is langer",
        ),
    ],
)
def test_odd_population_files_are_clear_problems(db, data, message):
    from aanjager.reference.population import ImportProblem, import_population

    with pytest.raises(ImportProblem, match=message):
        import_population(actor=None, data=data, source="x")
    assert not Population.objects.exists()


def test_lines_ending_in_a_carriage_return_alone_are_read(db):
    from aanjager.reference.distances import import_distances
    from aanjager.reference.models import Distance
    from aanjager.reference.population import import_population

    assert (
        import_population(
            actor=None, data=b"municipality_code;year;inhabitants\rGM0281;2025;100\r", source="x"
        )
        == 1
    )
    assert import_distances(actor=None, data=b"from_code,to_code,km\rGM0281,GM0297,12.5\r", source="x") == 2
    assert Distance.objects.get(origin__code="GM0297", destination__code="GM0281").km == 12.5


def test_odd_distance_files_are_clear_problems(db):
    from aanjager.reference.distances import import_distances
    from aanjager.reference.population import ImportProblem

    with pytest.raises(ImportProblem, match="regel 2, kolom from_code"):
        import_distances(actor=None, data=b"from_code,to_code,km\nGM\x8f,GM0297,1\n", source="x")
    with pytest.raises(ImportProblem, match="regel 2: een veld is langer"):
        import_distances(
            actor=None, data=b'from_code,to_code,km\nGM0281,GM0297,"' + b"1" * 140_000 + b'"\n', source="x"
        )
