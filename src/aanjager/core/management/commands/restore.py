"""`aanjager restore FILE --yes`: replace the whole database by a backup, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections

from aanjager.core import backup


class Command(BaseCommand):
    help = (
        "Replace the WHOLE database by a backup made with `aanjager backup` (same engine). All or nothing: a "
        "restore that fails leaves the database as it was. Stop the application first."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--yes", action="store_true", help="yes, replace everything in the database")

    def handle(self, *args, file: Path, yes: bool, **options):
        if not yes:
            raise CommandError(
                "This replaces everything in the database by the backup. Stop the application, then run again "
                "with --yes."
            )
        settings = dict(connection.settings_dict)
        connections.close_all()  # the restore replaces the database underneath any open connection
        try:
            backup.restore(settings, file)
            summary = backup.fingerprint(settings)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(f"Nothing was restored: {exc}") from None
        self.stdout.write(
            f"Restored {file} into the {backup.engine(settings)} database: {len(summary.rows)} tables, "
            f"{sum(summary.rows.values())} rows, fingerprint {summary.digest}"
        )
