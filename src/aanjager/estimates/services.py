"""Writes for estimate runs. Keyword-only, atomic, audited; the heavy work runs in `execute_run`, off the request."""

import dataclasses
import logging
import shutil
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanjager.audit import services as audit
from aanjager.core.files import disk_full_as_error
from aanjager.core.services import ensure_allowed, validated_save
from aanjager.estimates import runner
from aanjager.estimates.engine import (
    DEFINITIONS,
    EstimateParameters,
    InputError,
    Problem,
    StayThresholds,
    forecast,
)
from aanjager.estimates.engine import aggregates as aggregate_counts
from aanjager.estimates.engine import run as run_engine
from aanjager.estimates.engine.run import EstimateResult, fingerprint
from aanjager.estimates.models import EstimateRow, EstimateRun, Scenario
from aanjager.geo.models import Municipality

logger = logging.getLogger(__name__)


class Cancelled(Exception):
    pass


class Interrupted(Exception):
    """The run was marked interrupted (expire_stale_runs) while this worker still ran it: its result is dropped."""


def upload_dir(run: EstimateRun) -> Path:
    return Path(settings.DATA_DIR) / "uploads" / "estimates" / str(run.key)


def _definition(code: str, short_max: int, mid_max: int, family: str = "year"):
    try:
        definition = DEFINITIONS[code]
        stay = StayThresholds(short_max=short_max, mid_max=mid_max, family=family)
        return dataclasses.replace(definition, stay=stay)
    except KeyError:
        raise ValidationError({"definition_code": _("Unknown definition.")}) from None
    except ValueError as exc:
        raise ValidationError({"mid_max": str(exc)}) from exc


def _parameters(values: dict) -> EstimateParameters:
    try:
        return EstimateParameters(**values)
    except (TypeError, ValueError) as exc:
        raise ValidationError({"parameters": str(exc)}) from exc


@transaction.atomic
def create_run(
    *,
    actor,
    title: str,
    region,
    year: int,
    persons_file=None,
    jobs_file=None,
    aggregates_file=None,
    definition_code: str = "eu11",
    short_max: int = 3,
    mid_max: int = 11,
    stay_family: str = "year",
    parameters: dict | None = None,
    start: bool = True,
) -> EstimateRun:
    """Store the uploaded files privately, record the run and start it after commit.

    The input is microdata (`persons_file` and `jobs_file`) or an aggregated table (`aggregates_file`), each an
    uploaded file (Django UploadedFile) or a path. With start=False the caller runs `execute_run` itself (the demo
    loader does, so the run is done before the command ends).
    """
    definition = _definition(definition_code, short_max, mid_max, stay_family)
    params = _parameters(parameters or {})
    if aggregates_file is not None:
        if persons_file is not None or jobs_file is not None:
            raise ValidationError(_("Give microdata or an aggregated table, not both."))
        uploads = {"aggregates_file": aggregates_file}
        source = EstimateRun.Source.AGGREGATES
    else:
        uploads = {"persons_file": persons_file, "jobs_file": jobs_file}
        missing = {name: _("This file is required.") for name, upload in uploads.items() if upload is None}
        if missing:
            raise ValidationError(missing)
        source = EstimateRun.Source.MICRODATA
    _check_uploads(uploads)
    run = EstimateRun(
        title=title.strip(),
        region=region,
        year=year,
        source=source,
        definition_code=definition.code,
        created_by=actor,
        definition={
            "code": definition.code,
            "label": definition.label,
            "source": definition.source,
            "nationalities": list(definition.nationalities),
            "short_max": short_max,
            "mid_max": mid_max,
            "stay_family": definition.stay.family,
        },
        parameters=params.as_dict(),
        worker=runner.worker_id(),  # the thread that runs it starts in this process
    )
    run.organisation = ensure_allowed(actor, "estimate_run", "create", run)
    if not 2000 <= int(year) <= timezone.now().year + 1:
        raise ValidationError({"year": _("Choose a reference year from 2000 to next year.")})
    validated_save(run)
    folder = upload_dir(run)
    try:
        with disk_full_as_error():
            _store_uploads(folder, uploads)
        run.inputs = [
            {"role": field.removesuffix("_file"), "name": Path(getattr(upload, "name", str(upload))).name}
            for field, upload in uploads.items()
        ]
        run.save(update_fields=["inputs"])
        audit.record(
            actor=actor,
            action="create",
            instance=run,
            before=None,
            after=audit.snapshot(run),
            organisation=run.organisation,
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)  # the transaction rolls back; so must the files
        raise
    if start and settings.AANJAGER_JOBS_INLINE:
        runner.start(run.pk)  # tests: at once, inside this transaction
    elif start:
        transaction.on_commit(lambda: runner.start(run.pk))
    return run


def _store_uploads(folder: Path, uploads: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for field, upload in uploads.items():
        original = Path(getattr(upload, "name", str(upload))).name
        suffix = ".parquet" if original.lower().endswith(".parquet") else ".csv"
        target = folder / f"{field.removesuffix('_file')}{suffix}"
        if isinstance(upload, str | Path):
            shutil.copyfile(upload, target)
        else:
            with target.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)


def _check_uploads(files: dict) -> None:
    """Type and size of uploaded microdata: the same rules for the web form and the API."""
    limit = settings.AANJAGER_MAX_UPLOAD_MB * 1024 * 1024
    errors = {}
    for field, upload in files.items():
        name = Path(getattr(upload, "name", str(upload))).name.lower()
        size = getattr(upload, "size", None)
        if size is None and isinstance(upload, str | Path):
            size = Path(upload).stat().st_size
        if field == "aggregates_file" and not name.endswith((".csv", ".txt")):
            errors[field] = _("Upload a .csv file.")
        elif not name.endswith((".csv", ".txt", ".parquet")):
            errors[field] = _("Upload a .csv or .parquet file.")
        elif size is not None and size > limit:
            errors[field] = _("This file is larger than %(mb)s MB.") % {"mb": settings.AANJAGER_MAX_UPLOAD_MB}
    if errors:
        raise ValidationError(errors)


def _stored_files(run: EstimateRun) -> dict[str, Path]:
    folder = upload_dir(run)
    return {p.stem: p for p in folder.iterdir()} if folder.exists() else {}


def _update(run_id: int, **fields) -> None:
    EstimateRun.objects.filter(pk=run_id).update(**fields)


def _finish(run_id: int, **fields) -> bool:
    """The run's final state, written only while it is still running: a run another process has marked
    interrupted in the meantime stays interrupted. False when it did."""
    return bool(EstimateRun.objects.filter(pk=run_id, status=EstimateRun.Status.RUNNING).update(**fields))


def execute_run(run_id: int) -> None:
    """Run the engine for a queued run; store all rows at once or none. Always removes the uploaded files."""
    run = EstimateRun.objects.select_related("region").get(pk=run_id)
    try:
        if run.status != EstimateRun.Status.QUEUED:
            return
        if run.cancel_requested:
            _update(run_id, status=EstimateRun.Status.CANCELLED, finished_at=timezone.now())
            return
        _update(
            run_id,
            status=EstimateRun.Status.RUNNING,
            started_at=timezone.now(),
            progress=0.01,
            worker=runner.worker_id(),
        )
        _execute(run)
    finally:
        shutil.rmtree(upload_dir(run), ignore_errors=True)


def _execute(run: EstimateRun) -> None:
    run_id = run.pk

    def progress(step: str, fraction: float) -> None:
        if EstimateRun.objects.filter(pk=run_id, cancel_requested=True).exists():
            raise Cancelled
        if not _finish(run_id, step=step, progress=round(min(max(fraction, 0.0), 0.99), 3)):
            raise Interrupted  # marked interrupted by another process: stop working on it

    files = _stored_files(run)
    names = {item["role"]: item["name"] for item in run.inputs}
    try:
        d = run.definition
        definition = _definition(d["code"], d["short_max"], d["mid_max"], d.get("stay_family", "year"))
        known = set(Municipality.objects.values_list("code", flat=True))
        if run.source == EstimateRun.Source.AGGREGATES:
            result = _from_aggregates(run, files.get("aggregates"), names, known, progress)
        else:
            result = run_engine(
                persons=files.get("persons"),
                jobs=files.get("jobs"),
                year=run.year,
                definition=definition,
                known_municipalities=known,
                parameters=EstimateParameters(**run.parameters),
                persons_label=names.get("persons"),
                jobs_label=names.get("jobs"),
                progress=progress,
            )
        progress("store", 0.95)
        codes = {
            m.code: m.pk
            for m in Municipality.objects.filter(code__in=[r["municipality_code"] for r in result.rows])
        }
        with transaction.atomic():
            EstimateRow.objects.filter(run_id=run_id).delete()
            EstimateRow.objects.bulk_create(
                EstimateRow(
                    run_id=run_id,
                    municipality_id=codes[row["municipality_code"]],
                    **{k: v for k, v in row.items() if k != "municipality_code"},
                )
                for row in result.rows
            )
            inputs = [
                {"role": role, "name": names.get(role, f.name), "size": f.size, "sha256": f.sha256}
                for role, f in zip(
                    ("aggregates",) if run.source == EstimateRun.Source.AGGREGATES else ("persons", "jobs"),
                    result.inputs,
                    strict=True,
                )
            ]
            stored = _finish(
                run_id,
                status=EstimateRun.Status.DONE,
                progress=1.0,
                step="done",
                finished_at=timezone.now(),
                in_scope=result.in_scope,
                persons_read=result.persons_read,
                job_rows_read=result.job_rows_read,
                seconds=round(result.seconds["total"], 2),
                inputs=inputs,
                definition={**d, "observed_from": result.observed_from},
            )
            if not stored:
                raise Interrupted  # rolls the rows back
        logger.info("estimate run %s done: %s", run_id, inputs)
    except Interrupted:
        logger.warning("estimate run %s was marked interrupted while it ran; its result is dropped", run_id)
    except Cancelled:
        _finish(run_id, status=EstimateRun.Status.CANCELLED, finished_at=timezone.now(), step="cancelled")
    except InputError as exc:
        _finish(
            run_id,
            status=EstimateRun.Status.FAILED,
            finished_at=timezone.now(),
            step="failed",
            problems=[dataclasses.asdict(p) for p in exc.problems],
            problem_total=exc.total,
        )
    except Exception:
        logger.exception("estimate run %s crashed", run_id)
        _finish(
            run_id,
            status=EstimateRun.Status.FAILED,
            finished_at=timezone.now(),
            step="failed",
            problems=[
                {
                    "file": "",
                    "line": None,
                    "column": "",
                    "message": "Er ging iets mis aan onze kant; de fout is vastgelegd.",
                }
            ],
            problem_total=1,
        )


def _from_aggregates(
    run: EstimateRun, path: Path | None, names: dict, known: set, progress
) -> EstimateResult:
    """An aggregated table gives the counts per municipality directly; no persons are read."""
    label = names.get("aggregates", "aggregates.csv")
    if path is None:
        raise InputError([Problem(label, None, "", "het bestand ontbreekt")])
    progress("aggregates", 0.2)
    started = time.perf_counter()
    parameters = EstimateParameters(**run.parameters)
    rows = aggregate_counts.estimate(
        path.read_bytes(),
        label=label,
        year=run.year,
        definition_code=run.definition_code,
        known_municipalities=known,
        parameters=parameters,
    )
    return EstimateResult(
        definition=DEFINITIONS[run.definition_code],
        year=run.year,
        parameters=parameters,
        inputs=[fingerprint(path)],
        rows=rows,
        in_scope=None,
        persons_read=None,
        job_rows_read=None,
        seconds={"total": time.perf_counter() - started},
    )


def expire_stale_runs() -> int:
    """Runs still queued or running whose process is gone (killed, the server restarted), or long after they
    started (a process on another machine), were interrupted: mark them failed and remove their files, so the
    user sees it and starts the run again. Called when runs are listed, shown or polled."""
    limit = timezone.now() - timezone.timedelta(minutes=settings.AANJAGER_STALE_RUN_MINUTES)
    active = [EstimateRun.Status.QUEUED, EstimateRun.Status.RUNNING]
    count = 0
    for run in EstimateRun.objects.filter(status__in=active):
        if run.created_at >= limit and not runner.worker_gone(run.worker):
            continue
        if _interrupt(run=run, active=active):
            shutil.rmtree(upload_dir(run), ignore_errors=True)
            count += 1
    return count


@transaction.atomic
def _interrupt(*, run: EstimateRun, active: list) -> bool:
    before = audit.snapshot(run)
    # Only while still unfinished: the worker may have finished since the run was read.
    if not EstimateRun.objects.filter(pk=run.pk, status__in=active).update(
        status=EstimateRun.Status.FAILED,
        finished_at=timezone.now(),
        step="interrupted",
        problems=[
            {
                "file": "",
                "line": None,
                "column": "",
                "message": "De schatting is onderbroken (de server is herstart of de verwerking gestopt); "
                "start haar opnieuw.",
            }
        ],
        problem_total=1,
    ):
        return False
    run.refresh_from_db()
    audit.record(
        actor=None,
        action="update",
        instance=run,
        before=before,
        after=audit.snapshot(run),
        organisation=run.organisation,
    )
    return True


@transaction.atomic
def cancel_run(*, actor, run: EstimateRun) -> EstimateRun:
    run = EstimateRun.objects.select_for_update().get(pk=run.pk)
    organisation = ensure_allowed(actor, "estimate_run", "change", run)
    if run.is_finished:
        raise ValidationError(_("This run has already finished."))
    before = audit.snapshot(run)
    run.cancel_requested = True
    run.save(update_fields=["cancel_requested"])
    audit.record(
        actor=actor,
        action="update",
        instance=run,
        before=before,
        after=audit.snapshot(run),
        organisation=organisation,
    )
    return run


@transaction.atomic
def set_published(*, actor, run: EstimateRun, published: bool) -> EstimateRun:
    run = EstimateRun.objects.select_for_update().get(pk=run.pk)
    organisation = ensure_allowed(actor, "estimate_run", "change", run)
    if published and run.status != EstimateRun.Status.DONE:
        raise ValidationError(_("Only a finished run can be published."))
    before = audit.snapshot(run)
    run.is_published = published
    run.published_at = timezone.now() if published else None
    run.save(update_fields=["is_published", "published_at"])
    audit.record(
        actor=actor,
        action="update",
        instance=run,
        before=before,
        after=audit.snapshot(run),
        organisation=organisation,
    )
    return run


@transaction.atomic
def delete_run(*, actor, run: EstimateRun) -> None:
    organisation = ensure_allowed(actor, "estimate_run", "delete", run)
    if run.status in (EstimateRun.Status.QUEUED, EstimateRun.Status.RUNNING) and not run.cancel_requested:
        raise ValidationError(_("Cancel the run before deleting it."))
    before, pk = audit.snapshot(run), run.pk
    shutil.rmtree(upload_dir(run), ignore_errors=True)
    run.delete()
    audit.record(
        actor=actor,
        action="delete",
        instance=run,
        before=before,
        after=None,
        organisation=organisation,
        object_id=pk,
    )


def _trend_totals(run: EstimateRun) -> dict[int, float]:
    """Region total of the central estimate per year, from finished runs of the same region and definition
    (the latest run per year)."""
    totals = {}
    runs = EstimateRun.objects.filter(
        region=run.region, definition_code=run.definition_code, status=EstimateRun.Status.DONE
    ).order_by("year", "created_at")
    region = run.region.municipalities.all()
    for other in runs:
        totals[other.year] = sum(
            EstimateRow.objects.filter(run=other, municipality__in=region).values_list(
                "estimate_central", flat=True
            )
        )
    return totals


@transaction.atomic
def create_scenario(
    *,
    actor,
    run: EstimateRun,
    name: str,
    method: str = Scenario.Method.PERCENTAGE,
    growth_low: float = 0.0,
    growth_central: float = 2.0,
    growth_high: float = 4.0,
    spread: float = 2.0,
) -> Scenario:
    organisation = ensure_allowed(actor, "estimate_run", "create", EstimateRun(region=run.region))
    if run.status != EstimateRun.Status.DONE:
        raise ValidationError(_("A scenario needs a finished estimate."))
    basis = ""
    if method == Scenario.Method.TREND:
        totals = _trend_totals(run)
        try:
            paths = forecast.trend_paths(totals, spread=spread)
        except ValueError:
            raise ValidationError(
                {
                    "method": _(
                        "A trend needs finished estimates of at least two different years for this region."
                    )
                }
            ) from None
        basis = ", ".join(f"{year}: {total}" for year, total in sorted(totals.items()))
    else:
        try:
            paths = forecast.GrowthPaths(low=growth_low, central=growth_central, high=growth_high)
        except ValueError as exc:
            raise ValidationError({"growth_central": str(exc)}) from exc
    scenario = Scenario(
        run=run,
        name=name.strip(),
        method=method,
        growth_low=paths.low,
        growth_central=paths.central,
        growth_high=paths.high,
        basis=basis,
        organisation=organisation,
        created_by=actor,
    )
    validated_save(scenario)
    audit.record(
        actor=actor,
        action="create",
        instance=scenario,
        before=None,
        after=audit.snapshot(scenario),
        organisation=organisation,
    )
    return scenario


@transaction.atomic
def delete_scenario(*, actor, scenario: Scenario) -> None:
    # Like deleting a run: administrators, the region's coordinator, or the organisation that made it.
    owner = EstimateRun(region=scenario.run.region, organisation=scenario.organisation)
    organisation = ensure_allowed(actor, "estimate_run", "delete", owner)
    before, pk = audit.snapshot(scenario), scenario.pk
    scenario.delete()
    audit.record(
        actor=actor,
        action="delete",
        instance=scenario,
        before=before,
        after=None,
        organisation=organisation,
        object_id=pk,
    )
