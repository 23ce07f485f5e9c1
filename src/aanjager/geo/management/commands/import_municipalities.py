import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from aanjager.geo import services
from aanjager.geo.municipality_list import MunicipalityListError, parse, parse_changes


class Command(BaseCommand):
    help = (
        "Bring the municipalities in line with a CBS-style CSV valid from --date. Codes missing from the file are "
        "ended the day before (never deleted); --changes maps ended codes to the municipality they merged into. "
        "All or nothing: on any error nothing is changed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            type=Path,
            help="CSV with GemeentecodeGM/gm_code, Gemeentenaam, "
            "ProvinciecodePV/provincie_code and Provincienaam/provincie columns",
        )
        parser.add_argument(
            "--date",
            required=True,
            type=dt.date.fromisoformat,
            help="Date from which the list is valid, e.g. 2026-01-01",
        )
        parser.add_argument("--changes", type=Path, help="CSV with old_code,new_code for mergers")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change, change nothing")

    def handle(self, *args, file: Path, date: dt.date, changes: Path | None, dry_run: bool, **options):
        try:
            records = parse(file.read_bytes())
            merger_map = parse_changes(changes.read_bytes()) if changes else {}
        except OSError as exc:
            raise CommandError(f"Cannot read the file: {exc}") from exc
        except MunicipalityListError as exc:
            raise CommandError(
                "The file was not imported:\n" + "\n".join(f"  {e}" for e in exc.errors)
            ) from exc
        try:
            outcome = services.apply_municipality_list(
                actor=None, records=records, effective_date=date, changes=merger_map, dry_run=dry_run
            )
        except ValidationError as exc:
            raise CommandError("The file was not imported: " + " ".join(exc.messages)) from exc
        for key in ("created", "updated", "ended", "unchanged"):
            codes = outcome[key]
            shown = ", ".join(codes[:12]) + (" …" if len(codes) > 12 else "")
            self.stdout.write(
                f"{key}: {len(codes)}" + (f" ({shown})" if codes and key != "unchanged" else "")
            )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
