"""The schemathesis scan of tests/test_api_schemathesis.py with a bigger budget (issue 8): every operation of the
committed openapi.yaml, called in-process (WSGI) as an administrator, a policy advisor, a housing provider and
anonymous, with generated valid and invalid input, on the demo region. Checks: no 5xx, every status documented,
bodies and content types as documented.

Runs on a throwaway test database (Django's test-database set-up: SQLite in memory, or `test_<name>` on the
PostgreSQL server that DATABASE_URL names), so writes touch nothing else. Prints per operation the calls made, the
statuses seen and the failures, then the totals; the exit status is 1 when any check failed.

    .venv/bin/python benchmarks/api_scan.py [--examples 10] [--time-cap 3] [--seed N] [--only PART-OF-LABEL]
"""

import argparse
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

IDENTITIES = ["beheerder", "beleid", "huisvester"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--examples", type=int, default=10, help="valid and invalid examples each, per identity"
    )
    parser.add_argument("--time-cap", type=float, default=3.0, help="seconds per operation, all identities")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed (default: random)")
    parser.add_argument("--only", default="", help="only operations whose label holds this, e.g. 'locations'")
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "aanjager.conf.ci")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases
    from tests.api_scanner import Scanner, load_demo, summary, tokens

    setup_test_environment()
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        started = time.monotonic()
        load_demo()
        identities = tokens(IDENTITIES)
        scanner = Scanner(examples=args.examples, time_cap=args.time_cap, derandomize=False, seed=args.seed)
        # After the WSGI app's own django.setup(), which configures logging again. The many 4xx are expected.
        logging.getLogger("django.request").setLevel(logging.ERROR)
        if args.only:
            everything = scanner.operations
            scanner.operations = lambda: [op for op in everything() if args.only in op.label]
        budget = dict.fromkeys(IDENTITIES, (args.examples, args.examples))
        budget["anonymous"] = (max(1, args.examples // 5), 0)
        print(
            f"demo loaded in {time.monotonic() - started:.1f} s on {connection.vendor}; scanning …",
            flush=True,
        )
        started = time.monotonic()
        tally = scanner.scan(identities, budget)
        seconds = time.monotonic() - started
    finally:
        teardown_databases(databases, verbosity=0)

    width = max(len(label) for label in tally)
    print(f"\n{'operation':<{width}}  calls  failures  statuses")
    for label, item in tally.items():
        statuses = " ".join(f"{status}×{n}" for status, n in sorted(item.statuses.items()))
        capped = "  (time cap)" if item.capped else ""
        print(f"{label:<{width}}  {item.calls:>5}  {len(item.failures):>8}  {statuses}{capped}")
    failures = [(label, finding) for label, item in tally.items() for finding in item.failures]
    for label, finding in failures[:20]:
        print(f"\n--- {label} as {finding.identity} ({finding.mode}):\n{finding.report}")
    capped = sum(item.capped for item in tally.values())
    print(f"\n{summary(tally)}; {capped} operations reached the time cap; {seconds:.0f} s scanning")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
