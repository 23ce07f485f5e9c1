"""One estimation run: load, validate, count, estimate. Nothing of the microdata outlives the run."""

import concurrent.futures
import csv
import hashlib
import math
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from aanjager.estimates.engine import compute, loading, validation
from aanjager.estimates.engine.definitions import Definition
from aanjager.estimates.engine.errors import InputError, Problem
from aanjager.estimates.engine.parameters import EstimateParameters

RESULT_COLUMNS = (
    "municipality_code",
    "workers",
    "workers_short",
    "workers_mid",
    "workers_long",
    "residents_brp",
    "residents_rni_assigned",
    "estimate_low",
    "estimate_central",
    "estimate_high",
)


@dataclass(frozen=True)
class Fingerprint:
    name: str
    size: int
    sha256: str


@dataclass
class EstimateResult:
    definition: Definition
    year: int
    parameters: EstimateParameters
    inputs: list[Fingerprint]
    rows: list[dict]
    in_scope: int
    persons_read: int
    job_rows_read: int
    seconds: dict = field(default_factory=dict)
    observed_from: str | None = None  # first job-month in the data (YYYY-MM)

    def stay_window_warning(self) -> str | None:
        return stay_window_warning(self.definition.stay, self.year, self.observed_from)

    def totals(self) -> dict:
        return {c: sum(r[c] for r in self.rows) for c in RESULT_COLUMNS[1:]}

    def write_csv(self, path: Path) -> None:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(RESULT_COLUMNS)
            for row in self.rows:
                writer.writerow([_plain(row[c]) for c in RESULT_COLUMNS])


def stay_window_warning(stay, year: int, observed_from: str | None) -> str | None:
    """Over several years, durations longer than the data reach back cannot be seen: say so (in Dutch, for users)."""
    if not stay.multi_year or not observed_from:
        return None
    window = year * 12 + 12 - (int(observed_from[:4]) * 12 + int(observed_from[5:])) + 1
    if window > stay.mid_max:
        return None
    return (
        f"De banen beginnen in {observed_from}: een verblijf langer dan {window} maanden is niet te zien, "
        f"dus lang verblijf (meer dan {stay.mid_max} maanden) wordt onderschat. Laad banen vanaf "
        f"{year - (stay.mid_max // 12)}-01 of eerder."
    )


def _plain(value):
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 1)
    return value


def _round_half_up(value: float) -> int:
    return int(math.floor(value + 0.5))


def fingerprint(path: Path) -> Fingerprint:
    # Large blocks: reading and hashing release the GIL, but taking it back between blocks can wait a few
    # milliseconds while the main thread imports or computes; few blocks, few waits.
    digest, buffer = hashlib.sha256(), bytearray(16 << 20)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as handle:
        while size := handle.readinto(buffer):
            digest.update(view[:size])
    return Fingerprint(path.name, path.stat().st_size, digest.hexdigest())


def start_fingerprints(persons: Path | None, jobs: Path | None):
    """Fingerprint both files in a thread (hashlib releases the GIL on large blocks): (executor, futures); no
    futures when a file is missing (the run then reports that)."""
    hasher = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    if persons is None or jobs is None or not (Path(persons).is_file() and Path(jobs).is_file()):
        return hasher, []
    return hasher, [hasher.submit(fingerprint, Path(path)) for path in (persons, jobs)]


def estimates(brp: float, rni: float, parameters: EstimateParameters) -> tuple[int, int, int]:
    """Living population, low/central/high: registered (BRP + assigned RNI) is the floor; the rate-based
    estimate BRP / registration rate lifts it (a higher rate means fewer unregistered people, so the low end)."""
    floor = brp + rni
    low = max(floor, brp / parameters.registration_rate_high)
    central = max(floor, brp / parameters.registration_rate_central)
    high = max(floor, brp / parameters.registration_rate_low)
    return _round_half_up(low), _round_half_up(central), _round_half_up(high)


def _fast(con, persons: Path, jobs: Path, labels, year, definition, known, report) -> bool:
    """Read each file once, checking on the way (compute.py); True when the input is clean.

    CSV is read without keeping row order or rejected lines: any problem (a line DuckDB cannot read included)
    hands over to _detailed, which reads again in order and names file, line and column."""
    import duckdb

    multi_year = definition.stay.multi_year
    try:
        if persons.suffix.lower() == ".parquet":
            loading.load(con, persons, loading.PERSONS, labels[0])  # checks the types; keeps row order
            persons_source = loading.PERSONS.table
        else:
            loading.check_file(persons, labels[0])
            persons_source = loading.csv_source(persons, loading.PERSONS, labels[0], rejects=False)
        report("jobs", 0.2)
        loading.check_file(jobs, labels[1])
        if jobs.suffix.lower() == ".parquet":
            source, temp_as_text = loading.text_source(con, jobs, loading.JOBS, labels[1]), True
        else:
            source, temp_as_text = loading.csv_source(jobs, loading.JOBS, labels[1], rejects=False), False
        compute.aggregate_jobs(
            con, source=source, year=year, multi_year=multi_year, temp_as_text=temp_as_text
        )
        compute.summarise(con, persons_source=persons_source, definition=definition, year=year, known=known)
        flags = compute.problems(con)
        if flags & compute.PROBLEMS or 0 in compute.read_totals(con):
            return False
        if flags & compute.MAYBE_DOUBLE_JOB and compute.duplicate_jobs(con, multi_year=multi_year):
            return False
        if flags & compute.MAIN_UNSURE:
            compute.fix_main(con, known=known)
        return True
    except (duckdb.InterruptException, duckdb.OutOfMemoryException):
        raise  # reading again would not help
    except (duckdb.Error, InputError):
        return False


def _detailed(con, persons: Path, jobs: Path, labels, year, definition, known) -> None:
    """Load both files in order and run every check of validation.py: raises InputError naming file, line and
    column. Should they find nothing after all, count from the loaded tables."""
    for table in ("job_groups", "scope", "persons", "persons_raw", "jobs", "jobs_raw"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    multi_year = definition.stay.multi_year
    offset = {True: 1, False: 2}  # Parquet rows count from 1, CSV lines from 2 (line 1 is the header)
    loading.load(con, persons, loading.PERSONS, labels[0])
    loading.load(con, jobs, loading.JOBS, labels[1])
    validation.validate(
        con,
        year=year,
        multi_year=multi_year,
        persons_label=labels[0],
        jobs_label=labels[1],
        persons_offset=offset[persons.suffix.lower() == ".parquet"],
        jobs_offset=offset[jobs.suffix.lower() == ".parquet"],
    )
    compute.aggregate_jobs(con, source=loading.JOBS.table, year=year, multi_year=multi_year)
    compute.summarise(
        con, persons_source=loading.PERSONS.table, definition=definition, year=year, known=known
    )
    flags = compute.problems(con)
    if flags & compute.MAYBE_DOUBLE_JOB and compute.duplicate_jobs(con, multi_year=multi_year):
        flags |= compute.PROBLEMS
    if flags & compute.MAIN_UNSURE:
        compute.fix_main(con, known=known)
    if flags & compute.PROBLEMS:
        # Both paths share their rules, so this should not happen; if it does, say so plainly.
        raise InputError(
            [Problem(labels[1], None, "", "het banenbestand bevat een fout die niet nader is aan te wijzen")]
        )


def run(
    *,
    persons: Path,
    jobs: Path,
    year: int,
    definition: Definition,
    known_municipalities,
    parameters: EstimateParameters | None = None,
    persons_label: str | None = None,
    jobs_label: str | None = None,
    threads: int | None = None,
    memory_limit: str = "1GB",
    progress=None,
    fingerprints=None,
) -> EstimateResult:
    """Raises InputError (all problems with file, line and column) when the input cannot be used.

    `fingerprints`: futures of the two files' Fingerprints (start_fingerprints), when the caller started them
    earlier; otherwise they are computed here, while DuckDB works."""
    parameters = parameters or EstimateParameters()
    persons, jobs = Path(persons), Path(jobs)
    labels = (persons_label or persons.name, jobs_label or jobs.name)
    report = progress or (lambda step, fraction: None)
    seconds = {}
    workdir = tempfile.mkdtemp(prefix="aanjager-estimate-")
    started = time.perf_counter()
    hasher, hashes = (None, list(fingerprints)) if fingerprints else start_fingerprints(persons, jobs)
    import duckdb  # not at the top: importing it (a tenth of a second) overlaps with the fingerprinting

    con = None
    try:
        # In memory, spilling to the private temporary folder when larger than memory_limit.
        con = duckdb.connect()  # closed in the finally below
        con.execute(f"SET memory_limit = '{memory_limit}'")
        con.execute(f"SET temp_directory = '{workdir}'")
        # One thread more than cores: the fingerprints take a core's share while DuckDB reads, and with a spare
        # thread its workers stay balanced (benchmarks/estimate_1m.py: about 7% faster on 2 cores than 2 threads).
        con.execute(f"SET threads = {int(threads or (os.cpu_count() or 1) + 1)}")
        # Only loaded tables need the file's order (line numbers are rowids) and loading.load asks for it;
        # aggregations and joins are faster without keeping row order.
        con.execute("SET preserve_insertion_order = false")
        known = compute.create_known(con, known_municipalities)
        # A CSV in Windows-1252 is read through a UTF-8 copy in the private folder (see loading.as_utf8).
        persons = loading.as_utf8(persons, Path(workdir) / "persons-utf8.csv")
        jobs = loading.as_utf8(jobs, Path(workdir) / "jobs-utf8.csv")
        multi_year = definition.stay.multi_year
        report("persons", 0.05)
        clean = _fast(con, persons, jobs, labels, year, definition, known, report)
        seconds["load"] = time.perf_counter() - started
        report("validate", 0.6)
        if not clean:
            _detailed(con, persons, jobs, labels, year, definition, known)
        persons_read, job_rows_read = compute.read_totals(con)
        seconds["validate"] = time.perf_counter() - started - seconds["load"]
        report("count", 0.75)
        per_municipality = compute.counts(con, rni_assignment=parameters.rni_assignment)
        in_scope = compute.in_scope_total(con)
        first_month = compute.observed_from(con, year=year, multi_year=multi_year)
        seconds["count"] = time.perf_counter() - started - seconds["load"] - seconds["validate"]
        report("fingerprint", 0.9)
        inputs = [future.result() for future in hashes]
    finally:
        if con is not None:
            con.close()
        if hasher is not None:
            hasher.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(workdir, ignore_errors=True)
    rows = []
    for code in sorted(per_municipality):
        values = per_municipality[code]
        low, central, high = estimates(values["residents_brp"], values["residents_rni_assigned"], parameters)
        rows.append(
            {
                "municipality_code": code,
                **values,
                "estimate_low": low,
                "estimate_central": central,
                "estimate_high": high,
            }
        )
    seconds["total"] = time.perf_counter() - started
    report("done", 1.0)
    return EstimateResult(
        definition=definition,
        year=year,
        parameters=parameters,
        inputs=inputs,
        rows=rows,
        in_scope=in_scope,
        persons_read=persons_read,
        job_rows_read=job_rows_read,
        seconds=seconds,
        observed_from=first_month,
    )
