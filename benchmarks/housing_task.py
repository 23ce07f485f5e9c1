"""Benchmark (issue 5): the housing task recomputed at national scale, and the optimiser at national scale.

1. The housing task of one scenario over all 342 municipalities × 11 years × 3 stay classes × 3 scenarios, from a
   stored estimate (342 rows) and a register of 20,000 locations, through the same selector the pages use
   (housingtask.selectors.housing_task). Baseline: reading the same inputs from the database without computing
   (the floor any implementation pays). Target: ≤ 1 s.
2. The optimiser for 342 municipalities whose capacity comes from 400 candidate sites. Baseline: one transport
   problem of the same size (the least-distance housing of a key allocation). Target: ≤ 2 s.

Runs on PostgreSQL at 127.0.0.1:5432 in its own database (aanjager_bench_housing, dropped and made again unless
--keep-db), with a fixed seed. Prints seconds, ratios and whether the targets are met; no assertions on time.

    .venv/bin/python benchmarks/housing_task.py [--locations 20000] [--sites 400] [--repeat 5] [--keep-db]
"""

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "aanjager_bench_housing"
SERVER = "postgres://postgres@127.0.0.1:5432"


def admin_sql(statement: str, *params) -> object:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as con:
        cursor = con.execute(statement, params or None)  # DROP and CREATE run too, not only SELECT
        return cursor.fetchone() if statement.startswith("SELECT") else None


def best(function, repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return min(times), value


def load(locations: int, seed: int):
    """A region of all 342 municipalities, a finished estimate with a row each, a scenario, and the register."""
    import datetime as dt

    from aanjager.estimates.models import EstimateRow, EstimateRun, Scenario
    from aanjager.geo.models import Municipality, Region
    from aanjager.locations.models import Location
    from aanjager.organisations.models import Organisation

    rng = random.Random(seed)
    municipalities = list(Municipality.objects.filter(valid_to__isnull=True).order_by("code"))
    region = Region.objects.create(name="Nederland (benchmark)", region_type="custom")
    region.municipalities.set(municipalities)
    home = municipalities[0]
    operators = Organisation.objects.bulk_create(
        Organisation(
            name=f"Huisvester {i} (bench)", org_type="private_housing_provider", seat_municipality=home
        )
        for i in range(200)
    )
    run = EstimateRun.objects.create(
        title="Landelijke schatting (bench)", region=region, year=2025, definition_code="eu11",
        status=EstimateRun.Status.DONE, progress=1.0,
    )  # fmt: skip
    rows = []
    for m in municipalities:
        workers = rng.randint(50, 8000)
        short, mid = int(workers * rng.uniform(0.2, 0.4)), int(workers * rng.uniform(0.2, 0.4))
        living = int(workers * rng.uniform(0.5, 1.5))
        rows.append(
            EstimateRow(
                run=run,
                municipality=m,
                workers=workers,
                workers_short=short,
                workers_mid=mid,
                workers_long=workers - short - mid,
                residents_brp=living // 2,
                residents_rni_assigned=living / 4,
                estimate_low=int(living * 0.8),
                estimate_central=living,
                estimate_high=int(living * 1.3),
            )  # fmt: skip
        )
    EstimateRow.objects.bulk_create(rows)
    scenario = Scenario.objects.create(
        run=run, name="Groei (bench)", growth_low=0, growth_central=2, growth_high=4
    )
    statuses = ["in_use"] * 7 + [
        "phasing_out",
        "planned",
        "permitted",
        "permit_applied",
        "under_construction",
    ]
    forms = ["building_units", "regular_dwelling", "hotel_pension", "modular_units", "recreation_site"]
    batch = []
    for number in range(locations):
        status = rng.choice(statuses)
        beds = rng.randint(4, 120)
        temporary = rng.random() < 0.3
        batch.append(
            Location(
                name=f"Locatie {number} (bench)",
                street="Straat",
                house_number=number % 300 + 1,
                postcode="1234 AB",
                place="Plaats",
                municipality=rng.choice(municipalities),
                housing_form=rng.choice(forms),
                beds=beds,
                bedrooms=max(1, beds // 2),
                max_persons_per_bedroom=2,
                floor_area_gbo=round(beds * rng.uniform(8, 18), 1),
                bedroom_area=round(beds * rng.uniform(3, 6), 1),
                toilets=max(1, beds // 8),
                showers=max(1, beds // 8),
                bunk_beds=rng.random() < 0.05,
                under_one_roof=True,
                new_build=False,
                operator=rng.choice(operators),
                status=status,
                serves_short_stay=rng.random() < 0.5,
                serves_mid_stay=rng.random() < 0.5,
                serves_long_stay=rng.random() < 0.4,
                permit="temporary" if temporary else "permanent",
                permit_start=dt.date(2020, 1, 1) if temporary else None,
                permit_end=dt.date(rng.randint(2026, 2034), 1, 1) if temporary else None,
                expected_delivery=dt.date(rng.randint(2026, 2031), 6, 1)
                if status not in ("in_use", "phasing_out")
                else None,
            )  # fmt: skip
        )
    Location.objects.bulk_create(batch, batch_size=2000)
    return scenario


def housing_task_figures(args) -> dict:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "aanjager.conf.dev",
            "DATABASE_URL": f"{SERVER}/{DB_NAME}",
            "AANJAGER_LOG_LEVEL": "WARNING",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    from aanjager.estimates import selectors as estimate_selectors
    from aanjager.estimates.models import Scenario
    from aanjager.housingtask import calculation, selectors
    from aanjager.locations.models import Location

    call_command("migrate", verbosity=0)
    scenario = Scenario.objects.filter(name="Groei (bench)").first()
    if scenario is None:
        print(f"Loading 342 municipalities, an estimate and {args.locations:,} locations …", flush=True)
        scenario = load(args.locations, args.seed)
    municipalities = list(scenario.run.region.municipalities.values_list("pk", flat=True))

    def floor():
        rows = list(estimate_selectors.region_rows(run=scenario.run))
        register = list(Location.objects.filter(municipality_id__in=municipalities).values())
        return len(rows) + len(register)

    def full():
        from aanjager.locations import norms

        norms._REMEMBERED.clear()  # every repeat judges every location again (a cold start)
        return selectors.housing_task(scenario=scenario, params=calculation.Parameters())

    floor_s, _n = best(floor, args.repeat)
    full_s, data = best(full, args.repeat)
    warm_s, _data = best(
        lambda: selectors.housing_task(scenario=scenario, params=calculation.Parameters()), args.repeat
    )
    cells = len(data["cells"])
    return {
        "floor": floor_s,
        "full": full_s,
        "warm": warm_s,
        "cells": cells,
        "values": cells * 3,
        "locations": len(data["locations"]),
    }


def optimiser_figures(args) -> dict:

    sys.path.insert(0, str(ROOT / "src"))
    from aanjager.housingtask import distribution

    rng = random.Random(args.seed)
    codes = [f"GM{i:04d}" for i in range(342)]
    capacity = dict.fromkeys(codes, 0.0)
    for _site in range(args.sites):
        capacity[rng.choice(codes)] += rng.randint(50, 400)
    members = [
        distribution.Member(
            code,
            code,
            jobs=rng.randint(50, 8000),
            effort=rng.randint(0, 2000),
            lat=rng.uniform(50.8, 53.4),
            lon=rng.uniform(3.5, 7.1),
            max_share=0.05,
            capacity=capacity[code],
        )  # fmt: skip
        for code in codes
    ]
    gap = 0.8 * sum(capacity.values())
    d = distribution.distance_matrix(members)
    key = distribution.by_key(gap, members, {"jobs": 1})
    baseline_s, key_km = best(lambda: distribution.transport_km(gap, members, key.beds, d), args.repeat)
    optimiser_s, result = best(lambda: distribution.optimise(gap, members, d), args.repeat)
    assert abs(sum(result.beds.values()) - gap) < 1e-3 * gap
    return {
        "baseline": baseline_s,
        "optimiser": optimiser_s,
        "variables": len(members) ** 2,
        "km": result.km,
        "key_km": key_km,
        "shadow": len(result.explanations),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locations", type=int, default=20_000)
    parser.add_argument("--sites", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=5, help="best of K")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep-db", action="store_true", help="reuse the database of an earlier run")
    args = parser.parse_args()

    optimiser = optimiser_figures(args)
    if not args.keep_db:
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    exists = admin_sql("SELECT 1 FROM pg_database WHERE datname = %s", DB_NAME)
    if not exists:
        admin_sql(f"CREATE DATABASE {DB_NAME}")
    task = housing_task_figures(args)

    print(f"\nhousing-task benchmark (best of {args.repeat}; 2-core machine, compare ratios within one run)")
    print(f"{'what':<58}{'seconds':>9}{'× base':>9}{'target':>9}{'met':>6}")
    print("-" * 91)
    print(f"{'baseline: read the estimate rows and the register':<58}{task['floor']:>9.3f}{1:>9.1f}")
    print(
        f"{'housing task: ' + str(task['values']) + ' values from ' + str(task['locations']) + ' locations':<58}"
        f"{task['full']:>9.3f}{task['full'] / task['floor']:>9.1f}{'1.0':>9}"
        f"{'yes' if task['full'] <= 1.0 else 'NO':>6}"
    )
    print(
        f"{'  the same, norm results remembered (a repeated request)':<58}{task['warm']:>9.3f}"
        f"{task['warm'] / task['floor']:>9.1f}{'1.0':>9}{'yes' if task['warm'] <= 1.0 else 'NO':>6}"
    )
    print(f"{'baseline: one transport problem (a key allocation)':<58}{optimiser['baseline']:>9.3f}{1:>9.1f}")
    print(
        f"{'optimiser: 342 municipalities, ' + str(args.sites) + ' sites, ' + str(optimiser['variables']) + ' vars':<58}"
        f"{optimiser['optimiser']:>9.3f}{optimiser['optimiser'] / optimiser['baseline']:>9.1f}{'2.0':>9}"
        f"{'yes' if optimiser['optimiser'] <= 2.0 else 'NO':>6}"
    )
    print(
        f"\nDistance: optimiser {optimiser['km']:,.0f} bed-km within the bounds (the jobs key, which ignores them, "
        f"{optimiser['key_km']:,.0f}); "
        f"{optimiser['shadow']} shadow prices explained. Cells: {task['cells']:,} (municipality × year × stay class),"
        f" each with 3 scenarios."
    )
    print(f"Peak memory (this process): {_rss_mb():.0f} MB.")


def _rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    main()
