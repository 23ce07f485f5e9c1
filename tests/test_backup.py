"""Backup and restore (issue 8): a backup restored into a fresh database holds exactly the same data (counts and a
checksum of every table), on SQLite and on PostgreSQL; a restore that fails changes nothing."""

import uuid
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from aanjager.core import backup

# Committed data (pg_dump reads through its own connection); the municipalities of the data migration come back
# after each test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def region(settings, tmp_path):
    """The demo region with its programme: committed, so pg_dump (another connection) sees it."""
    settings.DATA_DIR = tmp_path
    from aanjager.demo import programme, rivierenland

    rivierenland.load()
    programme.load()
    return dict(connection.settings_dict)


@pytest.fixture
def fresh_database(region, tmp_path):
    """An empty database of the same engine, dropped again afterwards."""
    if backup.engine(region) == "sqlite":
        yield {"ENGINE": region["ENGINE"], "NAME": str(tmp_path / "fresh.sqlite3")}
        return
    import psycopg

    name = f"aanjager_restore_{uuid.uuid4().hex[:8]}"
    env = backup._pg_env(region)
    admin = {
        "host": env["PGHOST"],
        "port": env["PGPORT"],
        "user": env["PGUSER"],
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**admin, password=env.get("PGPASSWORD")) as con:
        con.execute(f'CREATE DATABASE "{name}"')
    yield {**region, "NAME": name}
    with psycopg.connect(**admin, password=env.get("PGPASSWORD")) as con:
        con.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_restored_backup_holds_the_same_data(region, fresh_database, tmp_path):
    before = backup.fingerprint(region)
    assert before.rows["programme_participation"] > 100 and before.rows["organisations_organisation"] == 18
    file = backup.backup(region, tmp_path / "aanjager.backup")
    assert file.stat().st_size > 0 and not (tmp_path / "aanjager.backup.partial").exists()
    backup.restore(fresh_database, file)
    after = backup.fingerprint(fresh_database)
    assert after.differences(before) == []
    assert after == before


def test_the_fingerprint_sees_a_changed_value(region, fresh_database, tmp_path):
    from aanjager.programme.models import Participation

    before = backup.fingerprint(region)
    Participation.objects.filter(pk=Participation.objects.order_by("pk").first().pk).update(
        progress_note="anders"
    )
    changed = backup.fingerprint(region)
    assert changed.rows == before.rows and changed.differences(before) == [
        "the same numbers of rows, but other contents"
    ]


def test_a_failed_restore_changes_nothing(region, fresh_database, tmp_path):
    file = backup.backup(region, tmp_path / "aanjager.backup")
    backup.restore(fresh_database, file)
    restored = backup.fingerprint(fresh_database)
    damaged = tmp_path / "kapot.backup"
    data = file.read_bytes()
    damaged.write_bytes(data[: len(data) // 2])  # cut off halfway, as a full disk would
    with pytest.raises(backup.BackupError):
        backup.restore(fresh_database, damaged)
    assert backup.fingerprint(fresh_database) == restored


def test_the_commands(region, tmp_path):
    out = StringIO()
    call_command("backup", str(tmp_path / "a.backup"), stdout=out)
    assert "Backup of the " in out.getvalue() and "rows, fingerprint " in out.getvalue()
    with pytest.raises(CommandError, match="--yes"):
        call_command("restore", str(tmp_path / "a.backup"), stdout=StringIO())
    with pytest.raises(CommandError, match="Nothing was restored: .*no such file"):
        call_command("restore", str(tmp_path / "bestaat-niet"), "--yes", stdout=StringIO())


def test_an_unknown_engine_is_a_clear_error(tmp_path):
    with pytest.raises(backup.BackupError, match="No backup for the database engine"):
        backup.backup({"ENGINE": "django.db.backends.oracle", "NAME": "x"}, Path(tmp_path / "x"))
