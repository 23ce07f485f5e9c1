"""`aanjager estimate`: the options, the run and the summary, without Django.

The management command (estimates/management/commands/estimate.py) and the fast path in aanjager/cli.py share
this. The fast path skips Django's start-up (about half a second of a run that takes a few) and reads the known
municipality codes with one plain SQL query.
"""

import csv
import logging
import os
import sqlite3
from importlib import import_module
from pathlib import Path

from aanjager.estimates.engine import (
    DEFINITIONS,
    RESULT_COLUMNS,
    EstimateParameters,
    InputError,
    StayThresholds,
    aggregates,
    run,
)
from aanjager.estimates.engine.run import start_fingerprints

logger = logging.getLogger("aanjager.estimates")
HELP = (
    "Estimate labour migrants working and living per municipality from pseudonymised microdata "
    "(persons and jobs, CSV or Parquet). Writes one row per municipality; the microdata are not stored."
)
# Reads geo.models.Municipality's table; tests/estimates/test_cli.py keeps the name equal to _meta.db_table.
MUNICIPALITY_TABLE = "geo_municipality"
MUNICIPALITY_CODES_QUERY = "SELECT code FROM geo_municipality"


class EstimateError(Exception):
    """Bad options or bad input: the message is for the user; nothing was written."""


def add_arguments(parser) -> None:
    parser.add_argument("--persons", type=Path, help="persons file (CSV or Parquet)")
    parser.add_argument("--jobs", type=Path, help="jobs file, one row per person, job and month")
    parser.add_argument(
        "--aggregates",
        type=Path,
        help="instead of microdata: CBS-style counts (municipality_code, year, source, nationality_group, "
        "count[, stay_class])",
    )
    parser.add_argument("--year", required=True, type=int, help="reference year, e.g. 2025")
    parser.add_argument("--definition", default="eu11", choices=sorted(DEFINITIONS))
    parser.add_argument("--out", required=True, type=Path, help="result CSV")
    parser.add_argument(
        "--stay-family",
        choices=["year", "multi-year"],
        default="year",
        help="stay classes by months worked in the reference year, or by months economically active over "
        "several years (the jobs file then holds the earlier years too)",
    )
    parser.add_argument(
        "--short-max", type=int, default=None, help="months that still count as short stay (3; multi-year 11)"
    )
    parser.add_argument(
        "--mid-max", type=int, default=None, help="months that still count as mid stay (11; multi-year 60)"
    )
    parser.add_argument("--rate-low", type=float, default=0.33, help="low registration rate (high estimate)")
    parser.add_argument("--rate-central", type=float, default=0.40, help="central registration rate")
    parser.add_argument("--rate-high", type=float, default=0.50, help="high registration rate (low estimate)")
    parser.add_argument(
        "--rni-assignment",
        choices=["work", "commute"],
        default="work",
        help="where RNI workers are counted as living: where they work, or by commute matrix",
    )
    parser.add_argument("--threads", type=int, default=None, help="DuckDB threads (default: cores + 1)")


def execute(o: dict, *, known_municipalities, write, warn, fingerprints=None) -> None:
    """Run with parsed options `o`; `write` and `warn` print a line to standard output and error. `fingerprints`:
    see engine.run."""
    try:
        definition = DEFINITIONS[o["definition"]]
        defaults = StayThresholds.defaults(o["stay_family"])
        stay = StayThresholds(
            short_max=defaults.short_max if o["short_max"] is None else o["short_max"],
            mid_max=defaults.mid_max if o["mid_max"] is None else o["mid_max"],
            family=o["stay_family"],
        )
        definition = type(definition)(**{**definition.__dict__, "stay": stay})
        parameters = EstimateParameters(
            registration_rate_low=o["rate_low"],
            registration_rate_central=o["rate_central"],
            registration_rate_high=o["rate_high"],
            rni_assignment=o["rni_assignment"],
        )
    except ValueError as exc:
        raise EstimateError(str(exc)) from exc
    if o["aggregates"]:
        return _aggregates(o, definition, parameters, known_municipalities, write)
    if not (o["persons"] and o["jobs"]):
        raise EstimateError("Give --persons and --jobs, or --aggregates.")
    try:
        result = run(
            persons=o["persons"],
            jobs=o["jobs"],
            year=o["year"],
            definition=definition,
            known_municipalities=known_municipalities,
            parameters=parameters,
            threads=o["threads"],
            fingerprints=fingerprints,
        )
    except InputError as exc:
        raise EstimateError(f"De invoer is niet gebruikt; er is niets opgeslagen.\n{exc.report()}") from exc
    result.write_csv(o["out"])
    for item in result.inputs:
        logger.info("estimate run on %s (%d bytes, sha256 %s)", item.name, item.size, item.sha256)
    totals = result.totals()
    write(
        f"Definition {definition.code} ({definition.label}), reference year {result.year}; stay: {stay.describe()}"
    )
    if stay.multi_year:
        write(f"Jobs data from {result.observed_from}")
    warning = result.stay_window_warning()
    if warning:
        warn(warning)
    write(
        f"Read {result.persons_read} persons and {result.job_rows_read} job-months; "
        f"{result.in_scope} persons in scope"
    )
    write(
        f"Workers {totals['workers']} (short {totals['workers_short']}, mid {totals['workers_mid']}, "
        f"long {totals['workers_long']}); BRP residents {totals['residents_brp']}; "
        f"RNI assigned {round(totals['residents_rni_assigned'])}"
    )
    write(
        f"Living population estimate {totals['estimate_low']} – {totals['estimate_central']} – "
        f"{totals['estimate_high']} (registration rate {parameters.registration_rate_high} / "
        f"{parameters.registration_rate_central} / {parameters.registration_rate_low}; RNI by "
        f"{parameters.rni_assignment})"
    )
    write(f"{len(result.rows)} municipalities written to {o['out']} in {result.seconds['total']:.1f} s")
    for item in result.inputs:
        write(f"Input {item.name}: {item.size} bytes, sha256 {item.sha256}")


def _aggregates(o, definition, parameters, known, write) -> None:
    try:
        rows = aggregates.estimate(
            o["aggregates"].read_bytes(),
            label=o["aggregates"].name,
            year=o["year"],
            definition_code=definition.code,
            known_municipalities=known,
            parameters=parameters,
        )
    except OSError as exc:
        raise EstimateError(f"Cannot read {o['aggregates']}: {exc}") from exc
    except InputError as exc:
        raise EstimateError(f"De invoer is niet gebruikt; er is niets opgeslagen.\n{exc.report()}") from exc
    with o["out"].open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(RESULT_COLUMNS)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in RESULT_COLUMNS])
    write(
        f"Aggregated counts, definition {definition.code}, year {o['year']}: "
        f"{len(rows)} municipalities written to {o['out']}"
    )


def known_municipality_codes(db: dict) -> set[str] | None:
    """The municipality codes in the database `db` (a Django DATABASES entry), read without starting Django;
    None when that cannot be done here (not SQLite, no database file, no table yet): the caller then takes the
    Django way. Only SQLite: a server database has connection options (TLS, schema, timeouts) best left to
    Django."""
    query = MUNICIPALITY_CODES_QUERY
    try:
        if db["ENGINE"].endswith("sqlite3"):
            if not Path(db["NAME"]).exists():
                return None
            with sqlite3.connect(f"file:{db['NAME']}?mode=ro", uri=True) as connection:
                return {row[0] for row in connection.execute(query)}
    except Exception as exc:  # any failure here (no table yet, no driver, no server): the Django way
        logger.debug("fast path unavailable: %s", exc)
        return None
    return None


def _input_paths(argv: list[str]) -> list[Path | None]:
    """--persons and --jobs as written in full (argparse, which also takes abbreviations, decides what counts)."""
    found = {"--persons": None, "--jobs": None}
    for i, arg in enumerate(argv):
        name, _, value = arg.partition("=")
        if name in found:
            value = value or (argv[i + 1] if i + 1 < len(argv) else "")
            found[name] = Path(value) if value else None
    return [found["--persons"], found["--jobs"]]


def main(argv: list[str]) -> int | None:
    """The fast path; returns None when it cannot run here, so the caller starts Django instead."""
    import argparse
    import logging.config
    import sys

    # Fingerprinting the inputs takes a quarter of a second per 300 MB: start it now, so that it runs on the other
    # core while the settings and DuckDB are imported. (Should the fast path not run after all, the hashes are
    # wasted, not wrong.)
    hasher, fingerprints = start_fingerprints(*_input_paths(argv))
    hasher.shutdown(wait=False)  # the futures still finish; the pool takes no more work
    settings = import_module(os.environ.get("DJANGO_SETTINGS_MODULE", "aanjager.conf.dev"))
    known = known_municipality_codes(settings.DATABASES["default"])
    if not known:
        return None
    logging.config.dictConfig(settings.LOGGING)
    parser = argparse.ArgumentParser(prog="aanjager estimate", description=HELP)
    add_arguments(parser)
    parsed, rest = parser.parse_known_args(argv)
    if rest:  # Django's own options (--settings, --verbosity, --traceback, …): let Django handle them
        return None
    options = vars(parsed)
    if [options["persons"], options["jobs"]] != _input_paths(argv) or options["aggregates"]:
        fingerprints = None  # not what was fingerprinted: the run fingerprints its own inputs
    try:
        execute(
            options,
            known_municipalities=known,
            write=lambda line: print(line, flush=True),
            warn=lambda line: print(line, file=sys.stderr, flush=True),
            fingerprints=fingerprints,
        )
    except EstimateError as exc:
        print(f"CommandError: {exc}", file=sys.stderr)
        return 1
    return 0
