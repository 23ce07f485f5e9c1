"""Fuzzing the municipality list (CBS-style CSV) and the merger table: `parse`, `parse_changes` and the service that
brings the register in line with a list.

The clear error is MunicipalityListError: every error names its row and column. The service refuses with a
ValidationError; a refused list changes nothing (municipalities, provinces and the audit trail keep their rows)."""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from hypothesis import given

from aanjager.audit.models import AuditEntry
from aanjager.geo import services
from aanjager.geo.models import Municipality, Province
from aanjager.geo.municipality_list import MunicipalityListError, parse, parse_changes
from tests.fuzz.strategies import csv_mutations, random_bytes
from tests.fuzz.support import fuzz_settings, rolled_back, table_counts, tried

SHIPPED = Path(__file__).resolve().parents[2] / "src" / "aanjager" / "geo" / "data" / "gemeenten_2025.csv"
_lines = SHIPPED.read_text(encoding="utf-8").splitlines()
HEADER = _lines[0].split(",")
ROWS = [line.split(",") for line in _lines[1:6]]
CBS_HEADER = [
    "Gemeentecode",
    "GemeentecodeGM",
    "Gemeentenaam",
    "Provinciecode",
    "ProvinciecodePV",
    "Provincienaam",
]
CBS_ROWS = [
    ["281", "GM0281", "Tiel", "25", "PV25", "Gelderland"],
    ["14", "GM0014", "Groningen", "20", "PV20", "Groningen"],
]
CHANGES_HEADER = ["old_code", "new_code"]
CHANGES_ROWS = [["GM0214", "GM1999"], ["216", "GM1999"]]


def _clear(exc: MunicipalityListError):
    assert exc.errors and str(exc).strip()
    for error in exc.errors:
        assert error.message.strip() and error.column and isinstance(error.row, int), error


def _parse(strategy: str, data: bytes):
    with tried("municipality list (parse)", strategy, (MunicipalityListError,), _clear):
        records = parse(data)
        assert records and all(r.code.startswith("GM") and len(r.code) == 6 for r in records)


@fuzz_settings(200)
@given(data=csv_mutations(HEADER, ROWS) | csv_mutations(CBS_HEADER, CBS_ROWS))
def test_parse_mutations(data):
    _parse("CSV mutations", data)


@fuzz_settings(150)
@given(data=random_bytes(HEADER))
def test_parse_random_bytes(data):
    _parse("random bytes", data)


@fuzz_settings(150)
@given(data=csv_mutations(CHANGES_HEADER, CHANGES_ROWS) | random_bytes(CHANGES_HEADER, max_size=300))
def test_parse_changes(data):
    with tried(
        "municipality list (merger table)", "CSV mutations and random bytes", (MunicipalityListError,), _clear
    ):
        changes = parse_changes(data)
        assert all(old.startswith("GM") and new.startswith("GM") for old, new in changes.items())


@fuzz_settings(12)
@given(data=csv_mutations(HEADER, ROWS, byte_ops=1))
def test_apply_list(db, data):
    models = (Municipality, Province, AuditEntry)
    with rolled_back(), tried("municipality list (apply)", "CSV mutations") as attempt:
        try:
            records = parse(data)
        except MunicipalityListError as exc:
            _clear(exc)
            attempt.refuse()
            return
        before = table_counts(*models)
        try:
            services.apply_municipality_list(actor=None, records=records, effective_date=dt.date(2026, 1, 1))
        except ValidationError as exc:
            assert exc.messages and all(m.strip() for m in exc.messages)
            assert table_counts(*models) == before  # all or nothing
            attempt.refuse()
