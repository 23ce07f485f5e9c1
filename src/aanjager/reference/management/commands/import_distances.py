"""`aanjager import_distances FILE.csv --source "routeplanner, 2026"`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from aanjager.reference.distances import import_distances
from aanjager.reference.population import ImportProblem


class Command(BaseCommand):
    help = "Import distances between municipalities (CSV: from_code, to_code, km) for the optimiser; all or none."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--source", required=True, help="where the distances come from")

    def handle(self, *args, file: Path, source: str, **options):
        if not file.is_file():
            raise CommandError(f"{file}: no such file.")
        try:
            count = import_distances(actor=None, data=file.read_bytes(), source=source)
        except ImportProblem as exc:
            raise CommandError("Nothing was imported:\n" + "\n".join(exc.problems)) from None
        self.stdout.write(f"{count} distances stored.")
