"""Fuzzing the reference imports: population figures and distance tables (CSV), read and stored.

The clear error is ImportProblem: every problem a line naming the row ("regel N") and, where there is one, the
column. A refused file stores nothing: the table and the audit trail keep their counts."""

from hypothesis import given

from aanjager.audit.models import AuditEntry
from aanjager.reference import distances, population
from aanjager.reference.models import Distance, Population
from tests.fuzz.strategies import csv_mutations, random_bytes
from tests.fuzz.support import fuzz_settings, rolled_back, table_counts, tried

POPULATION_HEADER = ["municipality_code", "year", "inhabitants"]
POPULATION_ROWS = [["GM0281", "2024", "42.500"], ["GM0281", "2025", "42950"], ["gm0297", "2025", "30000"]]
DISTANCE_HEADER = ["from_code", "to_code", "km"]
DISTANCE_ROWS = [["GM0281", "GM0297", "12,5"], ["GM0297", "GM0281", "13.1"], ["GM0281", "GM0363", "80"]]


def _clear(exc: population.ImportProblem):
    assert exc.problems and all(p.strip() for p in exc.problems)
    # Each problem names its line (the header is line 1), or the file as a whole.
    assert all(p.startswith("regel ") or p.startswith("het bestand") for p in exc.problems), exc.problems


def _import(importer: str, strategy: str, function, model, data: bytes):
    with rolled_back(), tried(importer, strategy, (population.ImportProblem,), _clear):
        before = table_counts(model, AuditEntry)
        try:
            count = function(actor=None, data=data, source="fuzz")
        except population.ImportProblem:
            assert table_counts(model, AuditEntry) == before  # all rows or none
            raise
        assert count > 0


@fuzz_settings(100)
@given(data=csv_mutations(POPULATION_HEADER, POPULATION_ROWS))
def test_population_mutations(db, data):
    _import("population", "CSV mutations", population.import_population, Population, data)


@fuzz_settings(50)
@given(data=random_bytes(POPULATION_HEADER, max_size=600))
def test_population_random_bytes(db, data):
    _import("population", "random bytes", population.import_population, Population, data)


@fuzz_settings(80)
@given(data=csv_mutations(DISTANCE_HEADER, DISTANCE_ROWS))
def test_distances_mutations(db, data):
    _import("distances", "CSV mutations", distances.import_distances, Distance, data)


@fuzz_settings(40)
@given(data=random_bytes(DISTANCE_HEADER, max_size=600))
def test_distances_random_bytes(db, data):
    _import("distances", "random bytes", distances.import_distances, Distance, data)
