"""Benchmark: `aanjager estimate` against a DuckDB floor and a pandas baseline on synthetic microdata.

Each contender runs as its own process (interpreter start-up included), best of --repeat; peak RSS per process
from os.wait4. The contenders take turns (floor, CLI, pandas, floor, …), so that a change in the machine's load
falls on all of them alike. The three must produce identical worker counts per municipality (asserted).
Targets (issue 3): CLI ≤ 1.5× the DuckDB floor, ≥ 4× faster than pandas, peak RSS ≤ 1.5 GB.
"""

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "src"))

from aanjager.estimates import synthetic  # noqa: E402
from aanjager.estimates.engine.definitions import DEFINITIONS  # noqa: E402

FLOOR = r"""
import duckdb, sys
persons, jobs, out, nationalities = sys.argv[1:5]
con = duckdb.connect()
con.execute(f'''
COPY (
  WITH j AS (
    SELECT person_id, work_municipality AS w, count(*) AS n,
           bit_or(CAST(1 AS BIGINT) << CAST(substr(month, 6, 2) AS INTEGER)) AS mask
    FROM read_csv('{jobs}', header = true) GROUP BY 1, 2),
  pp AS (
    SELECT person_id, arg_max(w, n * 10000 + (9999 - CAST(substr(w, 3) AS INTEGER))) AS w,
           bit_count(bit_or(mask)) AS months
    FROM j GROUP BY 1)
  SELECT w AS municipality_code, count(*) AS workers, count(*) FILTER (months <= 3) AS workers_short,
         count(*) FILTER (months BETWEEN 4 AND 11) AS workers_mid, count(*) FILTER (months >= 12) AS workers_long
  FROM pp JOIN read_csv('{persons}', header = true) p USING (person_id)
  WHERE p.nationality IN ({nationalities})
  GROUP BY w ORDER BY w
) TO '{out}' (FORMAT csv, HEADER)
''')
"""

PANDAS = r"""
import sys
import pandas as pd
persons, jobs, out, nationalities = sys.argv[1:5]
allowed = set(n.strip("' ") for n in nationalities.split(","))
p = pd.read_csv(persons, usecols=["person_id", "nationality"], dtype=str)
j = pd.read_csv(jobs, usecols=["person_id", "month", "work_municipality"], dtype=str)
per_place = j.groupby(["person_id", "work_municipality"]).size().rename("n").reset_index()
per_place = per_place.sort_values(["person_id", "n", "work_municipality"], ascending=[True, False, True])
main = per_place.drop_duplicates("person_id")[["person_id", "work_municipality"]]
months = j.groupby("person_id")["month"].nunique().rename("months").reset_index()
scope = main.merge(months, on="person_id").merge(p[p["nationality"].isin(allowed)], on="person_id")
scope["short"] = scope["months"] <= 3
scope["mid"] = scope["months"].between(4, 11)
scope["long"] = scope["months"] >= 12
result = scope.groupby("work_municipality").agg(
    workers=("person_id", "size"), workers_short=("short", "sum"), workers_mid=("mid", "sum"),
    workers_long=("long", "sum")).reset_index().rename(columns={"work_municipality": "municipality_code"})
result.sort_values("municipality_code").to_csv(out, index=False)
"""


def timed(cmd, env=None) -> tuple[float, float]:
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{cmd[:3]} failed: {errors.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024  # kB → MB


def worker_counts(path: Path) -> dict:
    with path.open() as handle:
        return {
            row["municipality_code"]: tuple(
                int(float(row[c])) for c in ("workers", "workers_short", "workers_mid", "workers_long")
            )
            for row in csv.DictReader(handle)
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=5, help="runs per contender; the best counts")
    parser.add_argument(
        "--workdir", type=Path, default=Path(tempfile.gettempdir()) / "aanjager-bench-estimate"
    )
    parser.add_argument("--skip-pandas", action="store_true")
    parser.add_argument("--generate-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    persons, jobs = work / f"persons-{args.persons}.csv", work / f"jobs-{args.persons}.csv"
    codes = [r["gm_code"] for r in csv.DictReader((ROOT / "src/aanjager/geo/data/gemeenten_2025.csv").open())]
    if args.generate_only:
        counts = synthetic.generate(
            persons_path=persons, jobs_path=jobs, municipalities=codes, persons=args.persons, year=args.year
        )
        print(f"  {counts['persons']:,} persons, {counts['job_rows']:,} job-months", flush=True)
        return
    if not jobs.exists():
        # In a child process: a child's peak RSS (ru_maxrss) starts from its parent's at fork, so the parent
        # must stay small for the contenders' figures to be their own.
        print(f"Generating {args.persons:,} synthetic persons …", flush=True)
        subprocess.run([sys.executable, __file__, *sys.argv[1:], "--generate-only"], check=True)
    (work / "db").mkdir(exist_ok=True)
    env = {**os.environ, "AANJAGER_DATA_DIR": str(work / "db"), "DJANGO_SETTINGS_MODULE": "aanjager.conf.dev"}
    subprocess.run([str(VENV_BIN / "aanjager"), "migrate", "-v", "0"], env=env, check=True)
    nationalities = ", ".join(f"'{n}'" for n in DEFINITIONS["eu11"].nationalities)
    contenders = {
        "duckdb floor": [
            sys.executable,
            "-c",
            FLOOR,
            str(persons),
            str(jobs),
            str(work / "floor.csv"),
            nationalities,
        ],
        "aanjager estimate": [
            str(VENV_BIN / "aanjager"),
            "estimate",
            "--persons",
            str(persons),
            "--jobs",
            str(jobs),
            "--year",
            str(args.year),
            "--definition",
            "eu11",
            "--out",
            str(work / "cli.csv"),
        ],
    }
    if not args.skip_pandas:
        contenders["pandas"] = [
            sys.executable,
            "-c",
            PANDAS,
            str(persons),
            str(jobs),
            str(work / "pandas.csv"),
            nationalities,
        ]
    runs = {name: [] for name in contenders}
    for _ in range(args.repeat):
        for name, cmd in contenders.items():
            runs[name].append(timed(cmd, env))
            print(f"  {name}: {runs[name][-1][0]:.2f} s, peak RSS {runs[name][-1][1]:.0f} MB", flush=True)
    results = {name: (min(r[0] for r in done), max(r[1] for r in done)) for name, done in runs.items()}
    reference = worker_counts(work / "floor.csv")
    assert worker_counts(work / "cli.csv") == reference, "CLI counts differ from the DuckDB floor"
    if "pandas" in results:
        assert worker_counts(work / "pandas.csv") == reference, "pandas counts differ from the DuckDB floor"
    floor = results["duckdb floor"][0]
    print(
        f"\nestimate benchmark: {args.persons:,} persons, {jobs.stat().st_size / 1e6:.0f} MB of jobs CSV; "
        "counts identical across contenders"
    )
    print(f"{'contender':<20}{'seconds':>10}{'× floor':>10}{'peak RSS MB':>14}")
    for name, (seconds, rss) in results.items():
        print(f"{name:<20}{seconds:>10.2f}{seconds / floor:>10.2f}{rss:>14.0f}")
    cli, cli_rss = results["aanjager estimate"]
    print(
        "\ntargets: CLI ≤ 1.5× floor: "
        + ("met" if cli <= 1.5 * floor else "NOT met")
        + f" ({cli / floor:.2f}×); peak RSS ≤ 1536 MB: "
        + ("met" if cli_rss <= 1536 else "NOT met")
        + f" ({cli_rss:.0f} MB)",
        end="",
    )
    if "pandas" in results:
        speedup = results["pandas"][0] / cli
        print(f"; ≥ 4× faster than pandas: {'met' if speedup >= 4 else 'NOT met'} ({speedup:.1f}×)")
    else:
        print()


if __name__ == "__main__":
    main()
