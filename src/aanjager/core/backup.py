"""Backup and restore of the whole database, and a fingerprint to compare two databases. No Django imports: the
functions take Django's settings dict of a database (ENGINE, NAME, USER, PASSWORD, HOST, PORT).

- SQLite: SQLite's online backup API copies a consistent snapshot while the application keeps running; a restore
  copies the backup into a new file next to the database and then renames it over the database in one step, so a
  failed restore leaves the database as it was.
- PostgreSQL: `pg_dump --format=custom`; a restore runs `pg_restore --clean --single-transaction --exit-on-error`,
  so it is all or nothing as well.

The fingerprint is the number of rows of every table and a SHA-256 over the rows of every table in primary-key
order: two databases with the same fingerprint hold the same data."""

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Django's own bookkeeping: not the application's data, and different between two installations.
SKIPPED_TABLES = {"django_session", "django_migrations"}


class BackupError(Exception):
    """A backup or restore that could not be done; the message is for the operator."""


def engine(settings: dict) -> str:
    name = settings["ENGINE"]
    if name.endswith("sqlite3"):
        return "sqlite"
    if name.endswith("postgresql"):
        return "postgresql"
    raise BackupError(f"No backup for the database engine {name}.")


def _pg_env(settings: dict) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "PGHOST": str(settings.get("HOST") or "127.0.0.1"),
            "PGPORT": str(settings.get("PORT") or 5432),
            "PGUSER": str(settings.get("USER") or ""),
            "PGDATABASE": str(settings["NAME"]),
        }
    )
    if settings.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings["PASSWORD"])
    return env


def _run(command: list[str], settings: dict) -> None:
    if shutil.which(command[0]) is None:
        raise BackupError(f"{command[0]} is not installed here (Debian: apt-get install postgresql-client).")
    # The command is ours (pg_dump/pg_restore and file names from the operator's own command line), no shell.
    done = subprocess.run(command, env=_pg_env(settings), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def backup(settings: dict, target: Path) -> Path:
    """Write a backup of the database to `target` (overwritten only when the backup is complete)."""
    target = Path(target)
    partial = target.with_name(target.name + ".partial")
    try:
        if engine(settings) == "sqlite":
            _sqlite_copy(settings["NAME"], partial)
        else:
            _run(
                ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"], settings
            )
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)  # a half backup is no backup: leave nothing that looks like one
        raise BackupError(f"Writing the backup to {target} failed ({exc}); nothing was written.") from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def _sqlite_copy(name, target: Path) -> None:
    source = _sqlite(name)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def restore(settings: dict, source: Path) -> None:
    """Replace the whole database by the backup in `source`, all or nothing."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such file.")
    if engine(settings) == "sqlite":
        with source.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise BackupError(f"{source} is not a SQLite backup.")
        database = Path(settings["NAME"])
        fd, temporary = tempfile.mkstemp(dir=database.parent, prefix=database.name + ".restore-")
        os.close(fd)
        try:
            try:
                _sqlite_copy(str(source), Path(temporary))
                check = sqlite3.connect(temporary)
                try:
                    healthy = check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                finally:
                    check.close()
            except sqlite3.DatabaseError as exc:
                raise BackupError(f"{source} is damaged ({exc}).") from None
            if not healthy:
                raise BackupError(f"{source} is damaged (integrity check failed).")
            os.replace(temporary, database)
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)
    else:
        _run(
            ["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
             "--exit-on-error", f"--dbname={settings['NAME']}", str(source)],
            settings,
        )  # fmt: skip


@dataclass(frozen=True)
class Fingerprint:
    rows: dict[str, int]  # table → number of rows
    digest: str  # SHA-256 over every table's rows in primary-key order

    def differences(self, other: "Fingerprint") -> list[str]:
        tables = sorted(set(self.rows) | set(other.rows))
        found = [
            f"{t}: {self.rows.get(t)} rows against {other.rows.get(t)}"
            for t in tables
            if self.rows.get(t) != other.rows.get(t)
        ]
        if not found and self.digest != other.digest:
            found.append("the same numbers of rows, but other contents")
        return found


def _sqlite(name) -> sqlite3.Connection:
    """A file, or a shared in-memory database named by URI (Django's SQLite test database)."""
    name = str(name)
    return sqlite3.connect(name, uri=name.startswith("file:"))


def _connect(settings: dict):
    if engine(settings) == "sqlite":
        return _sqlite(settings["NAME"])
    import psycopg

    env = _pg_env(settings)
    return psycopg.connect(
        host=env["PGHOST"], port=env["PGPORT"], user=env["PGUSER"], dbname=env["PGDATABASE"],
        password=env.get("PGPASSWORD"),
    )  # fmt: skip


def _tables(con, kind: str) -> list[str]:
    if kind == "sqlite":
        query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    else:
        query = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    return sorted(name for (name,) in con.execute(query).fetchall() if name not in SKIPPED_TABLES)


def fingerprint(settings: dict) -> Fingerprint:
    kind = engine(settings)
    con = _connect(settings)
    try:
        rows, digest = {}, hashlib.sha256()
        for table in _tables(con, kind):
            quoted = '"' + table.replace('"', '""') + '"'
            count = 0
            digest.update(table.encode())
            # Ordered by every column: the same rows give the same digest whatever their physical order.
            # Table and column names come from the database's own catalogue and are quoted: no outside input.
            columns = [d[0] for d in con.execute(f"SELECT * FROM {quoted} WHERE 1 = 0").description]  # noqa: S608
            order = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
            for row in con.execute(f"SELECT * FROM {quoted} ORDER BY {order}"):  # noqa: S608
                digest.update(repr(row).encode())
                count += 1
            rows[table] = count
        return Fingerprint(rows, digest.hexdigest())
    finally:
        con.close()
