"""`aanjager import_population FILE.csv --source "CBS StatLine 03759ned, 1 januari 2025"`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aanjager.reference.population import ImportProblem, import_population


class Command(BaseCommand):
    help = (
        "Import inhabitants per municipality (CSV: municipality_code, year, inhabitants); all rows or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, help="where the figures come from")

    def handle(self, *args, file: Path, source: str, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            count = import_population(actor=None, data=file.read_bytes(), source=source)
        except ImportProblem as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(exc.problems)) from None
        self.stdout.write(f"{count} rows imported.")
