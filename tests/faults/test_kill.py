"""Killing the process in the middle of a job (issue 8): an estimate run, a location import and a progress report
run in a child process against a database of their own (a SQLite file, or a PostgreSQL database named
aanjager_fault_*), which is sent SIGKILL while it writes. Afterwards nothing partial is visible, nothing is left in
the private storage, and the job done again gives the full result.

The moment is found from outside, without hooks in the code: the run's status turning to running, or the child
holding a write transaction on the table (a RowExclusiveLock on PostgreSQL, the rollback journal on SQLite)."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from aanjager.agreements.models import ProgressReport
from aanjager.audit.models import AuditEntry
from aanjager.demo.rivierenland import DEMO_RUN_TITLE
from aanjager.estimates.models import EstimateRow, EstimateRun
from aanjager.geo.models import Municipality
from aanjager.locations.models import Location, LocationImport, LocationVersion

CHILD = Path(__file__).with_name("child.py")
PERSONS = 200_000  # enough for the engine to take a second: time to see it running and kill it
LOCATIONS = 200
WAIT = 120  # seconds: only a bound for a child that hangs, never a measure of speed


class Database:
    """The child's database as the parent sees it: plain SQL over a connection of its own."""

    def __init__(self, engine: str, name: str, settings: dict):
        self.engine, self.name, self.settings = engine, name, settings

    @property
    def url(self) -> str:
        if self.engine == "sqlite":
            return f"sqlite:///{self.name}"
        s = self.settings
        password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
        return f"postgres://{s.get('USER') or ''}{password}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{self.name}"

    def connect(self):
        if self.engine == "sqlite":
            import sqlite3

            return sqlite3.connect(self.name, isolation_level=None, timeout=30)

        return _pg(self.settings, self.name)

    def query(self, sql: str, *params):
        con = self.connect()
        try:
            return con.execute(sql.replace("%s", "?") if self.engine == "sqlite" else sql, params).fetchall()
        finally:
            con.close()

    def count(self, model) -> int:
        return self.query(f"SELECT count(*) FROM {model._meta.db_table}")[0][0]

    def writing(self, model) -> bool:
        """Some other connection holds an unfinished write on the model's table."""
        if self.engine == "sqlite":
            return Path(self.name + "-journal").exists()
        return bool(
            self.query(
                "SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                "WHERE c.relname = %s AND l.mode = 'RowExclusiveLock' AND l.pid <> pg_backend_pid()",
                model._meta.db_table,
            )
        )


def _pg(settings: dict, dbname: str):
    import psycopg

    return psycopg.connect(
        host=settings.get("HOST") or "127.0.0.1",
        port=settings.get("PORT") or 5432,
        user=settings.get("USER") or None,
        password=settings.get("PASSWORD") or None,
        dbname=dbname,
        autocommit=True,
    )


@pytest.fixture(scope="session")
def fault_template(tmp_path_factory):
    """Migrated, with the demo region and synthetic microdata: made once per session."""
    settings = dict(connection.settings_dict)
    engine = "sqlite" if settings["ENGINE"].endswith("sqlite3") else "postgresql"
    folder = tmp_path_factory.mktemp("faults")
    if engine == "sqlite":
        template = Database(engine, str(folder / "template.sqlite3"), settings)
    else:
        template = Database(engine, f"aanjager_fault_tpl_{uuid.uuid4().hex[:8]}", settings)
        with _pg(settings, "postgres") as con:
            con.execute(f'CREATE DATABASE "{template.name}"')
    files = (folder / "persons.csv", folder / "jobs.csv")
    _child(template, folder / "data", "setup", *files, PERSONS).check_returncode()
    yield template, files
    if engine == "postgresql":
        with _pg(settings, "postgres") as con:
            con.execute(f'DROP DATABASE IF EXISTS "{template.name}" WITH (FORCE)')


@pytest.fixture
def fault_db(fault_template, tmp_path):
    """A copy of the template for one test, and its data folder."""
    template, files = fault_template
    if template.engine == "sqlite":
        database = Database("sqlite", str(tmp_path / "aanjager.sqlite3"), template.settings)
        shutil.copyfile(template.name, database.name)
    else:
        database = Database("postgresql", f"aanjager_fault_{uuid.uuid4().hex[:8]}", template.settings)
        with _pg(template.settings, "postgres") as con:
            con.execute(f'CREATE DATABASE "{database.name}" TEMPLATE "{template.name}"')
    database.data_dir = tmp_path / "data"
    database.data_dir.mkdir()
    database.files = files
    yield database
    if database.engine == "postgresql":
        with _pg(template.settings, "postgres") as con:
            con.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')


def _environment(database: Database, data_dir: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "AANJAGER_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="aanjager.conf.ci",
        DATABASE_URL=database.url,
        AANJAGER_DATA_DIR=str(data_dir),
        AANJAGER_JOBS_INLINE="0",  # as in production: the estimate runs in a thread of the child
        AANJAGER_LOG_LEVEL="WARNING",
    )
    return env


def _start(database: Database, data_dir: Path, *arguments) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(CHILD), *map(str, arguments)],
        env=_environment(database, data_dir),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _child(database: Database, data_dir: Path, *arguments) -> subprocess.CompletedProcess:
    """Run a step to the end; its JSON answer in .result."""
    process = _start(database, data_dir, *arguments)
    out, err = process.communicate(timeout=WAIT)
    done = subprocess.CompletedProcess(process.args, process.returncode, out, err)
    assert done.returncode == 0, err[-3000:]
    done.result = json.loads(out.strip().splitlines()[-1])
    return done


def _kill_when(process: subprocess.Popen, moment) -> None:
    """SIGKILL the child as soon as `moment()` holds; fails when the child ended first."""
    deadline = time.monotonic() + WAIT
    while not moment():
        assert process.poll() is None, (
            f"the child ended before the moment came: {process.stderr.read()[-3000:]}"
        )
        assert time.monotonic() < deadline, "the moment never came"
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=WAIT)
    assert process.returncode == -signal.SIGKILL


def _uploads(database: Database) -> list:
    folder = database.data_dir / "uploads" / "estimates"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def _run(database: Database) -> tuple:
    return database.query(
        f"SELECT id, status, step, persons_read FROM {EstimateRun._meta.db_table} ORDER BY id DESC"
    )[0]


def _rows(database: Database, run_id: int) -> int:
    return database.query(f"SELECT count(*) FROM {EstimateRow._meta.db_table} WHERE run_id = %s", run_id)[0][
        0
    ]


def test_estimate_run_killed_while_running(fault_db):
    runs = fault_db.count(EstimateRun)
    process = _start(fault_db, fault_db.data_dir, "estimate", *fault_db.files)

    def running():
        return fault_db.count(EstimateRun) > runs and _run(fault_db)[1] == "running"

    _kill_when(process, running)
    run_id, status, step, _read = _run(fault_db)
    assert status == "running", "the run finished before it was killed: the test did not test anything"
    assert _rows(fault_db, run_id) == 0
    assert len(_uploads(fault_db)) == 1  # what the killed process left behind

    # Another process of the application (the restarted server) opens the runs: the run is marked interrupted at
    # once (its process is gone), its files are removed, no row of it exists.
    assert _child(fault_db, fault_db.data_dir, "expire").result == {"expired": 1}
    run_id, status, step, _read = _run(fault_db)
    assert (status, step) == ("failed", "interrupted")
    assert _rows(fault_db, run_id) == 0 and _uploads(fault_db) == []

    # Started again it runs to the end, on all persons; the files are gone afterwards.
    _child(fault_db, fault_db.data_dir, "estimate", *fault_db.files)
    again, status, step, persons_read = _run(fault_db)
    assert again != run_id and (status, persons_read) == ("done", PERSONS)
    assert _rows(fault_db, again) > 0 and _uploads(fault_db) == []


def test_estimate_run_killed_while_storing_its_rows(fault_db):
    """At the last step the rows are written in one transaction with the status: all of them or none."""
    runs = fault_db.count(EstimateRun)
    process = _start(fault_db, fault_db.data_dir, "estimate", *fault_db.files)

    def storing():
        return fault_db.count(EstimateRun) > runs and _run(fault_db)[2] in ("store", "done")

    _kill_when(process, storing)
    run_id, status, _step, _read = _run(fault_db)
    rows = _rows(fault_db, run_id)
    assert (status == "running" and rows == 0) or (status == "done" and rows > 0)
    _child(fault_db, fault_db.data_dir, "expire")
    run_id, status, step, _read = _run(fault_db)
    assert status in ("done", "failed") and (rows > 0) == (status == "done")
    if status == "failed":
        assert _uploads(fault_db) == []  # removed with the interruption
    else:
        # Killed after the commit, before the run removed its files: the daily retention removes them once they
        # are older than its grace period (an hour; here made older).
        for folder in (fault_db.data_dir / "uploads" / "estimates").iterdir():
            os.utime(folder, (time.time() - 7200, time.time() - 7200))
        _child(fault_db, fault_db.data_dir, "retention")
        assert _uploads(fault_db) == []


def _locations_csv(path: Path) -> Path:
    lines = ["name;municipality;street;house_number;postcode;place;housing_form;beds;operator"]
    lines += [
        f"Fouttest {i};GM0281;Havenweg;{i + 1};4001AB;Tiel;building_units;4;Flexwonen Waal & Linge (demo)"
        for i in range(LOCATIONS)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_location_import_killed_while_applying(fault_db, tmp_path):
    staged = _child(fault_db, fault_db.data_dir, "stage", _locations_csv(tmp_path / "locaties.csv")).result
    assert staged["summary"]["create"] == LOCATIONS and staged["summary"]["error"] == 0
    before = {m: fault_db.count(m) for m in (Location, LocationVersion, AuditEntry)}
    process = _start(fault_db, fault_db.data_dir, "apply", staged["staged"])
    _kill_when(process, lambda: fault_db.writing(Location))

    assert {m: fault_db.count(m) for m in before} == before
    table = LocationImport._meta.db_table
    assert fault_db.query(f"SELECT status FROM {table} WHERE id = %s", staged["staged"]) == [("previewed",)]

    done = _child(fault_db, fault_db.data_dir, "apply", staged["staged"]).result
    assert done["create"] == LOCATIONS
    assert fault_db.count(Location) == before[Location] + LOCATIONS
    assert fault_db.query(f"SELECT status FROM {table} WHERE id = %s", staged["staged"]) == [("applied",)]


def test_progress_report_killed_while_generating(fault_db):
    before = {m: fault_db.count(m) for m in (ProgressReport, AuditEntry)}
    process = _start(fault_db, fault_db.data_dir, "report")
    _kill_when(process, lambda: fault_db.writing(ProgressReport))

    assert {m: fault_db.count(m) for m in before} == before  # no report without its PDF, no audit row

    made = _child(fault_db, fault_db.data_dir, "report").result
    table = ProgressReport._meta.db_table
    assert fault_db.count(ProgressReport) == before[ProgressReport] + 1
    pdf = fault_db.query(f"SELECT pdf FROM {table} WHERE id = %s", made["report"])[0][0]
    assert bytes(pdf).startswith(b"%PDF-") and len(pdf) == made["pdf"]
    assert not (fault_db.data_dir / "attachments").exists()  # the PDF lives in the database, nothing on disk


def test_municipality_list_killed_while_applying(fault_db):
    """The reference import runs in one transaction: killed half-way, no name changed and no audit row."""
    table = Municipality._meta.db_table
    names = dict(fault_db.query(f"SELECT code, name FROM {table}"))
    audits = fault_db.count(AuditEntry)
    process = _start(fault_db, fault_db.data_dir, "municipality_list", " (nieuw)")
    _kill_when(process, lambda: fault_db.writing(Municipality))

    assert dict(fault_db.query(f"SELECT code, name FROM {table}")) == names
    assert fault_db.count(AuditEntry) == audits

    done = _child(fault_db, fault_db.data_dir, "municipality_list", " (nieuw)").result
    current = fault_db.query(f"SELECT name FROM {table} WHERE valid_to IS NULL")
    assert done["updated"] == len(current) > 300 and all(name.endswith(" (nieuw)") for (name,) in current)


def test_demo_estimate_killed_while_running(fault_db):
    """`aanjager load_demo` killed while its estimate runs: the next load_demo finishes the job (one demo run,
    done and published) instead of taking the unfinished run for done."""
    table = EstimateRun._meta.db_table

    def demo_runs():
        return fault_db.query(f"SELECT status, is_published FROM {table} WHERE title = %s", DEMO_RUN_TITLE)

    process = _start(fault_db, fault_db.data_dir, "demo_estimate", PERSONS)
    _kill_when(process, lambda: [status for status, _published in demo_runs()] == ["running"])
    assert demo_runs() == [("running", False)]

    assert _child(fault_db, fault_db.data_dir, "demo_estimate", 2000).result == {"loaded": True}
    assert demo_runs() == [("done", True)]
    assert _uploads(fault_db) == []
    assert _child(fault_db, fault_db.data_dir, "demo_estimate", 2000).result == {"loaded": False}
