"""Fuzzing the location bulk import: `bulk.read_table` on CSV and XLSX, and the preview and apply services.

The clear errors: bulk.FileProblem (the file as a whole, in Dutch) from the reader; ValidationError with the
message under "file" from stage_import; per-row errors in the preview, after which apply_import refuses with a
ValidationError. Nothing is stored when the file is refused, and nothing is applied unless every row is fine."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from aanjager.accounts.models import Role
from aanjager.audit.models import AuditEntry
from aanjager.locations import bulk, bulk_services
from aanjager.locations.models import Location, LocationImport, LocationVersion
from tests.fuzz.strategies import csv_mutations, damaged_zip, random_bytes, xlsx_workbooks
from tests.fuzz.support import fuzz_settings, rolled_back, table_counts, tried

HEADER = ["id", "name", "street", "house_number", "postcode", "place", "municipality", "housing_form", "beds",
          "operator", "status", "effective", "latitude", "serves_short_stay", "permit_end", "employers"]  # fmt: skip
ROWS = [
    ["", "Logies Haven", "Havenweg", "4", "4001ab", "Tiel", "GM0281", "building_units", "12", "12345678", "",
     "01-02-2025", "51,88", "ja", "", "12345678"],
    ["", "Logies Kade", "Kade", "8", "4001 AC", "Tiel", "GM0281", "hotel_pension", "8", "Buur in de regio",
     "planned", "2025-03-01", "", "nee", "2027-01-01", ""],
]  # fmt: skip


def _file_problem(exc: bulk.FileProblem):
    assert str(exc).strip()


def _read(strategy: str, data: bytes, name: str):
    with tried("location import (read_table)", strategy, (bulk.FileProblem,), _file_problem):
        rows = bulk.read_table(data, name)
        assert rows and all(isinstance(r["_row"], int) and r["_row"] >= 2 for r in rows)
        assert all(isinstance(v, str) for r in rows for k, v in r.items() if k != "_row")


@fuzz_settings(200)
@given(data=csv_mutations(HEADER, ROWS))
def test_read_csv_mutations(data):
    _read("CSV mutations", data, "locaties.csv")


@fuzz_settings(150)
@given(data=random_bytes(HEADER))
def test_read_random_bytes(data):
    _read("random bytes", data, "locaties.csv")
    _read("random bytes", data, "locaties.xlsx")


@fuzz_settings(60)
@given(data=xlsx_workbooks(HEADER, ROWS, "Locaties"))
def test_read_xlsx_workbooks_with_odd_cells_and_sheets(data):
    _read("XLSX: odd cells and sheets", data, "locaties.xlsx")


@fuzz_settings(60)
@given(data=xlsx_workbooks(HEADER, ROWS[:1], "Locaties").flatmap(damaged_zip))
def test_read_damaged_xlsx(data):
    _read("XLSX: damaged zip", data, "locaties.xlsx")


# ------------------------------------------------------------------------------------------ the services (DB)
@pytest.fixture
def world(make_world):
    return make_world(Role.POLICY_ADVISOR)  # may register locations in Tiel and Zaltbommel


def _through_services(world, strategy: str, data: bytes, name: str):
    models = (Location, LocationVersion, LocationImport, AuditEntry)

    def check(exc: ValidationError):
        assert exc.message_dict.get("file") and all(m.strip() for m in exc.message_dict["file"])

    with rolled_back(), tried("location import (preview and apply)", strategy) as attempt:
        before = table_counts(*models)
        try:
            staged, results = bulk_services.stage_import(actor=world.actor, file_name=name, data=data)
        except ValidationError as exc:
            check(exc)
            assert table_counts(*models) == before  # nothing kept of a refused file
            attempt.refuse()
            return
        staged_counts = table_counts(*models)
        if any(r.action == "error" for r in results):
            assert all(r.errors and all(all(m.strip() for m in ms) for ms in r.errors.values())
                       for r in results if r.action == "error")  # fmt: skip
            with pytest.raises(ValidationError):
                bulk_services.apply_import(actor=world.actor, staged=staged)
            assert table_counts(*models) == staged_counts  # all or nothing
            attempt.refuse()
        else:
            summary = bulk_services.apply_import(actor=world.actor, staged=staged)
            assert Location.objects.count() == before["locations.Location"] + summary["create"]


@fuzz_settings(30)
@given(data=csv_mutations(HEADER, ROWS, byte_ops=1))
def test_preview_and_apply_csv(world, data):
    _through_services(world, "CSV mutations", data, "locaties.csv")


@fuzz_settings(20)
@given(
    data=xlsx_workbooks(HEADER, ROWS, "Locaties")
    | xlsx_workbooks(HEADER, ROWS, "Locaties").flatmap(damaged_zip)
)
def test_preview_and_apply_xlsx(world, data):
    _through_services(world, "XLSX workbooks", data, "locaties.xlsx")


@fuzz_settings(10)
@given(name=st.sampled_from(["x.pdf", "x", "x.XLSX", "x.csv.exe", "x.txt"]), data=st.binary(max_size=200))
def test_preview_other_file_names(world, name, data):
    _through_services(world, "file names", data, name)
