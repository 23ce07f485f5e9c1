"""Fuzz every importer far longer than the test suite does, and print what happened to the inputs.

Runs the properties of tests/fuzz/ through pytest with many more examples each (AANJAGER_FUZZ_EXAMPLES), a time
cap per property (AANJAGER_FUZZ_TIME_CAP: a property stops, as a skip, once that many seconds have gone by) and the
tally written to a JSON-lines file (AANJAGER_FUZZ_REPORT). Prints one row per importer and input strategy: inputs
tried, accepted, refused with a clear error, and crashes (any other exception, or a refusal without a clear
message), which must be 0. Exits 1 when there was a crash or a test failed.

    .venv/bin/python benchmarks/fuzz_importers.py --examples 2000 --time-cap 20
    .venv/bin/python benchmarks/fuzz_importers.py --database-url postgres://postgres@127.0.0.1:5432/aanjager_fuzz

Hypothesis stops a property at its first crash and shrinks it; pytest's log (--log) then shows the smallest input.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=2000, help="examples per property (default 2000)")
    parser.add_argument(
        "--time-cap", type=float, default=60, help="seconds per property at most (default 60)"
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="run on this database (PostgreSQL); default SQLite in a temporary file",
    )
    parser.add_argument("-k", dest="keyword", default="", help="only the tests pytest -k selects")
    parser.add_argument(
        "--report", type=Path, help="keep the JSON-lines tally here (default: a temporary file)"
    )
    parser.add_argument("--log", type=Path, help="keep pytest's output here (default: a temporary file)")
    options = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="aanjager-fuzz-"))
    report = options.report or workdir / "tally.jsonl"
    log = options.log or workdir / "pytest.log"
    report.unlink(missing_ok=True)
    env = {
        **os.environ,
        "AANJAGER_FUZZ_EXAMPLES": str(options.examples),
        "AANJAGER_FUZZ_TIME_CAP": str(options.time_cap),
        "AANJAGER_FUZZ_REPORT": str(report),
        "DJANGO_SETTINGS_MODULE": "aanjager.conf.ci",
    }
    env.pop("DATABASE_URL", None)
    if options.database_url:
        env["DATABASE_URL"] = options.database_url
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs", "tests/fuzz"]
    if options.keyword:
        command += ["-k", options.keyword]
    database = "PostgreSQL" if options.database_url else "SQLite"
    print(
        f"Fuzzing the importers on {database}: up to {options.examples} examples and {options.time_cap:g} s per "
        f"property (pytest log: {log})",
        flush=True,
    )
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as handle:
        outcome = subprocess.run(
            command, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, check=False
        )
    seconds = time.monotonic() - started

    rows = defaultdict(lambda: defaultdict(float))
    capped = set()
    if report.exists():
        for line in report.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            key = (record["importer"], record["strategy"])
            for field in ("tried", "accepted", "refused", "crashes", "seconds"):
                rows[key][field] += record[field]
            if record.get("capped"):
                capped.add(key)
    header = (
        "importer",
        "strategy",
        "tried",
        "accepted",
        "refused (clear error)",
        "crashes",
        "s",
        "stopped by",
    )
    table = [
        (
            importer,
            strategy,
            int(r["tried"]),
            int(r["accepted"]),
            int(r["refused"]),
            int(r["crashes"]),
            f"{r['seconds']:.0f}",
            "time cap" if (importer, strategy) in capped else "examples",
        )
        for (importer, strategy), r in sorted(rows.items())
    ]
    totals = [sum(row[i] for row in table) for i in range(2, 6)]
    table.append(("total", "", *totals, f"{seconds:.0f}", ""))
    widths = [max(len(str(row[i])) for row in [header, *table]) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in table:
        cells = [
            str(c).rjust(w) if isinstance(c, int) else str(c).ljust(w)
            for c, w in zip(row, widths, strict=True)
        ]
        print("| " + " | ".join(cells) + " |")
    summary = log.read_text(encoding="utf-8").strip().splitlines()[-1:] if log.exists() else []
    print(f"pytest: {summary[0] if summary else '(no output)'} (exit {outcome.returncode})")
    crashes = totals[3]
    if crashes or outcome.returncode not in (0,):
        print(f"{crashes} crash(es) or failing tests: see {log}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
