"""Run in a child process by test_kill.py (which may kill it): one step of a job against the database in
DATABASE_URL, as the application itself would run it. Prints what the parent needs as JSON."""

import datetime as dt
import json
import sys
import threading
from pathlib import Path

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from aanjager.geo.models import Region  # noqa: E402

REGION = "Regio Rivierenland"


def setup(persons: str, jobs: str, count: str) -> dict:
    from aanjager.demo import rivierenland
    from aanjager.estimates import synthetic

    call_command("migrate", verbosity=0)
    rivierenland.load()
    synthetic.generate(
        persons_path=Path(persons),
        jobs_path=Path(jobs),
        municipalities=rivierenland.ESTIMATE_MUNICIPALITIES,
        persons=int(count),
        year=2025,
    )
    return {}


def estimate(persons: str, jobs: str) -> dict:
    """As the web form does: the run is stored, then a thread of this process runs it (AANJAGER_JOBS_INLINE=0)."""
    from aanjager.estimates import services

    with transaction.atomic():
        run = services.create_run(
            actor=None,
            title="Fouttest",
            region=Region.objects.get(name=REGION),
            year=2025,
            persons_file=Path(persons),
            jobs_file=Path(jobs),
        )
    for thread in threading.enumerate():
        if thread.name.startswith("estimate-run-"):
            thread.join()
    return {"run": run.pk}


def expire() -> dict:
    """What a restarted web process does when someone opens the runs."""
    from aanjager.estimates import services

    return {"expired": services.expire_stale_runs()}


def _administrator():
    from aanjager.accounts.models import User

    return User.objects.get(username="beheerder")  # a demo account


def retention() -> dict:
    """The daily `aanjager retention`."""
    call_command("retention", verbosity=0)
    return {}


def stage(path: str) -> dict:
    from aanjager.locations import bulk_services

    data = Path(path).read_bytes()
    staged, _results = bulk_services.stage_import(actor=_administrator(), file_name="locaties.csv", data=data)
    return {"staged": staged.pk, "summary": staged.summary}


def apply(pk: str) -> dict:
    from aanjager.locations import bulk_services
    from aanjager.locations.models import LocationImport

    staged = LocationImport.objects.get(pk=int(pk))
    return bulk_services.apply_import(actor=_administrator(), staged=staged)


def demo_estimate(persons: str) -> dict:
    """The estimate step of `aanjager load_demo`."""
    from aanjager.demo import rivierenland

    return {"loaded": rivierenland.load_estimate(persons=int(persons))}


def municipality_list(suffix: str) -> dict:
    """A CBS list that renames every current municipality (name + suffix), as `import_municipalities` applies it."""
    from aanjager.geo import services
    from aanjager.geo.models import Municipality
    from aanjager.geo.municipality_list import MunicipalityRecord

    records = [
        MunicipalityRecord(
            code=m.code,
            name=m.name.removesuffix(suffix) + suffix,
            province_code=m.province.code,
            province_name=m.province.name,
            corop_code=m.corop_code,
            corop_name=m.corop_name,
            centroid_lon=m.centroid_lon,
            centroid_lat=m.centroid_lat,
        )
        for m in Municipality.objects.filter(valid_to__isnull=True).select_related("province")
    ]
    outcome = services.apply_municipality_list(
        actor=None, records=records, effective_date=dt.date(2026, 1, 1)
    )
    return {key: len(codes) for key, codes in outcome.items()}


def report() -> dict:
    from aanjager.agreements import report_services

    made = report_services.generate_report(
        actor=None, region=Region.objects.get(name=REGION), reference_date=dt.date.today()
    )
    return {"report": made.pk, "pdf": len(made.pdf)}


if __name__ == "__main__":
    action, *arguments = sys.argv[1:]
    print(json.dumps(globals()[action](*arguments)), flush=True)
