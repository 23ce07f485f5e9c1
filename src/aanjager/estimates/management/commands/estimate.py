import logging
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aanjager.estimates.engine import (
    DEFINITIONS,
    RESULT_COLUMNS,
    EstimateParameters,
    InputError,
    StayThresholds,
    aggregates,
    run,
)
from aanjager.geo.models import Municipality

logger = logging.getLogger("aanjager.estimates")


class Command(BaseCommand):
    help = (
        "Estimate labour migrants working and living per municipality from pseudonymised microdata "
        "(persons and jobs, CSV or Parquet). Writes one row per municipality; the microdata are not stored."
    )
    # The system checks load every URLconf and view (most of a second); this command needs none of them.
    requires_system_checks = []

    def add_arguments(self, parser):
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
            "--short-max",
            type=int,
            default=None,
            help="months that still count as short stay (3; multi-year 11)",
        )
        parser.add_argument(
            "--mid-max",
            type=int,
            default=None,
            help="months that still count as mid stay (11; multi-year 60)",
        )
        parser.add_argument(
            "--rate-low", type=float, default=0.33, help="low registration rate (high estimate)"
        )
        parser.add_argument("--rate-central", type=float, default=0.40, help="central registration rate")
        parser.add_argument(
            "--rate-high", type=float, default=0.50, help="high registration rate (low estimate)"
        )
        parser.add_argument(
            "--rni-assignment",
            choices=["work", "commute"],
            default="work",
            help="where RNI workers are counted as living: where they work, or by commute matrix",
        )
        parser.add_argument("--threads", type=int, default=None)

    def handle(self, *args, **o):
        try:
            definition = DEFINITIONS[o["definition"]]
            defaults = StayThresholds.defaults(o["stay_family"])
            stay = StayThresholds(
                short_max=o["short_max"] or defaults.short_max,
                mid_max=o["mid_max"] or defaults.mid_max,
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
            raise CommandError(str(exc)) from exc
        known = set(Municipality.objects.values_list("code", flat=True))
        if o["aggregates"]:
            return self._aggregates(o, definition, parameters, known)
        if not (o["persons"] and o["jobs"]):
            raise CommandError("Give --persons and --jobs, or --aggregates.")
        try:
            result = run(
                persons=o["persons"],
                jobs=o["jobs"],
                year=o["year"],
                definition=definition,
                known_municipalities=known,
                parameters=parameters,
                threads=o["threads"],
            )
        except InputError as exc:
            raise CommandError(
                f"De invoer is niet gebruikt; er is niets opgeslagen.\n{exc.report()}"
            ) from exc
        result.write_csv(o["out"])
        for item in result.inputs:
            logger.info("estimate run on %s (%d bytes, sha256 %s)", item.name, item.size, item.sha256)
        totals = result.totals()
        write = self.stdout.write
        write(
            f"Definition {definition.code} ({definition.label}), reference year {result.year}; "
            f"stay: {stay.describe()}"
        )
        if stay.multi_year:
            write(f"Jobs data from {result.observed_from}")
        warning = result.stay_window_warning()
        if warning:
            self.stderr.write(warning)
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

    def _aggregates(self, o, definition, parameters, known):
        import csv

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
            raise CommandError(f"Cannot read {o['aggregates']}: {exc}") from exc
        except InputError as exc:
            raise CommandError(
                f"De invoer is niet gebruikt; er is niets opgeslagen.\n{exc.report()}"
            ) from exc
        with o["out"].open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(RESULT_COLUMNS)
            for row in rows:
                writer.writerow(["" if row[c] is None else row[c] for c in RESULT_COLUMNS])
        self.stdout.write(
            f"Aggregated counts, definition {definition.code}, year {o['year']}: "
            f"{len(rows)} municipalities written to {o['out']}"
        )
