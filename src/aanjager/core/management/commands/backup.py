"""`aanjager backup FILE`: a consistent backup of the whole database (SQLite file copy or pg_dump)."""

import hashlib
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from aanjager.core import backup


class Command(BaseCommand):
    help = "Write a backup of the whole database to FILE: a SQLite copy, or pg_dump's custom format for PostgreSQL."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            written = backup.backup(connection.settings_dict, file)
            summary = backup.fingerprint(connection.settings_dict)
        except (backup.BackupError, OSError) as exc:
            raise CommandError(str(exc)) from None
        digest = hashlib.sha256(written.read_bytes()).hexdigest()
        self.stdout.write(
            f"Backup of the {backup.engine(connection.settings_dict)} database written to {written} "
            f"({written.stat().st_size} bytes, sha256 {digest}); {len(summary.rows)} tables, "
            f"{sum(summary.rows.values())} rows, fingerprint {summary.digest}"
        )
