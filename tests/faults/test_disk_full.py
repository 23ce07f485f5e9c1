"""A full disk during an upload or a backup (issue 8): a clear message, never a 500, and nothing half-written: no
row in the database and no (partial) file left behind. The disk fills up after a number of bytes (tests/faults/
disk.py), so a file is really half written when the write fails."""

import errno
import sqlite3
import stat
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from aanjager.accounts.models import Role
from aanjager.agreements.models import AgreementDocument, ProgressUpdate
from aanjager.core import backup
from aanjager.estimates.models import EstimateRun
from aanjager.locations.models import InspectionPhoto, LocationImport
from tests.faults import disk

FULL = "There is not enough disk space on the server"  # the English msgid: the tests ask for English
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40_000
PDF = b"%PDF-1.4\n" + b"x" * 40_000


@pytest.fixture
def world(make_world, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "upload-tmp")
    (tmp_path / "upload-tmp").mkdir()
    return make_world(Role.ADMINISTRATOR)


@pytest.fixture
def signed_in(client, world):
    client.force_login(world.actor)
    client.cookies["django_language"] = "en"
    client.raise_request_exception = False  # a crash must show as the status code, not as an exception here
    return client


def _csv(size: int) -> bytes:
    header = b"person_id,nationality,registration,residence_municipality,registered_on,deregistered_on,birth_year\n"
    row = b"p,PL,BRP,GM0281,2024-01-01,,1990\n"
    return header + row * (size // len(row))


def _run_form(world, persons: bytes) -> dict:
    return {
        "title": "Vol",
        "region": world.region.pk,
        "year": 2025,
        "definition_code": "eu11",
        "source": "microdata",
        "persons_file": SimpleUploadedFile("personen.csv", persons, "text/csv"),
        "jobs_file": SimpleUploadedFile("banen.csv", b"person_id,month\n", "text/csv"),
        "stay_family": "year",
        "short_max": 3,
        "mid_max": 11,
        "registration_rate_low": 0.33,
        "registration_rate_central": 0.4,
        "registration_rate_high": 0.5,
        "rni_assignment": "work",
    }


def _nothing_under(folder: Path) -> None:
    assert disk.files_under(folder) == []


def test_estimate_upload_that_does_not_fit_in_the_data_folder(signed_in, world, settings, monkeypatch):
    before = EstimateRun.objects.count()
    full = disk.install(monkeypatch, settings.DATA_DIR, room=20_000)
    response = signed_in.post("/schattingen/nieuw/", _run_form(world, _csv(200_000)))
    assert full.failures, "the disk never filled up: the test did not test anything"
    assert response.status_code in (200, 400) and FULL in response.content.decode()
    assert EstimateRun.objects.count() == before
    _nothing_under(settings.DATA_DIR)


def test_large_upload_that_does_not_fit_in_the_temporary_folder(signed_in, world, settings, monkeypatch):
    """Above FILE_UPLOAD_MAX_MEMORY_SIZE Django writes the upload to a temporary file before any view runs."""
    before = EstimateRun.objects.count()
    full = disk.install(monkeypatch, settings.FILE_UPLOAD_TEMP_DIR, room=1_000_000)
    response = signed_in.post("/schattingen/nieuw/", _run_form(world, _csv(3_000_000)))
    assert full.failures
    assert response.status_code == 507 and "Niet genoeg schijfruimte" in response.content.decode()
    assert "Traceback" not in response.content.decode()
    assert EstimateRun.objects.count() == before
    _nothing_under(settings.FILE_UPLOAD_TEMP_DIR)
    _nothing_under(settings.DATA_DIR)


def test_location_import_that_does_not_fit(signed_in, world, settings, monkeypatch):
    before = LocationImport.objects.count()
    full = disk.install(monkeypatch, settings.FILE_UPLOAD_TEMP_DIR, room=500_000)
    data = b"name;municipality\n" + b"Logies;GM0281\n" * 250_000  # 3.5 MB: above the in-memory limit
    upload = SimpleUploadedFile("locaties.csv", data, "text/csv")
    response = signed_in.post("/locaties/import/", {"file": upload})
    assert full.failures
    assert response.status_code == 507 and "Niet genoeg schijfruimte" in response.content.decode()
    assert LocationImport.objects.count() == before
    _nothing_under(settings.FILE_UPLOAD_TEMP_DIR)


def test_agreement_document_that_does_not_fit(signed_in, world, settings, monkeypatch):
    agreement = world.agreement_targets["own"]
    before = AgreementDocument.objects.count()
    full = disk.install(monkeypatch, settings.DATA_DIR, room=10_000)
    response = signed_in.post(
        f"/afspraken/{agreement.pk}/documenten/",
        {"document-title": "Ondertekend", "document-file": SimpleUploadedFile("getekend.pdf", PDF)},
    )
    assert full.failures
    assert response.status_code in (200, 400) and FULL in response.content.decode()
    assert AgreementDocument.objects.count() == before
    _nothing_under(settings.DATA_DIR)


def test_progress_evidence_that_does_not_fit(signed_in, world, settings, monkeypatch):
    commitment = world.agreement_targets["own"].commitments.get()
    before = ProgressUpdate.objects.count()
    full = disk.install(monkeypatch, settings.DATA_DIR, room=10_000)
    response = signed_in.post(
        f"/afspraken/toezeggingen/{commitment.pk}/voortgang/",
        {
            "voortgang-reported_on": "2025-03-01",
            "voortgang-delivered": "5",
            "voortgang-narrative": "Stand",
            "voortgang-evidence_file": SimpleUploadedFile("bewijs.pdf", PDF),
        },
    )
    assert full.failures
    assert response.status_code in (200, 400) and FULL in response.content.decode()
    assert ProgressUpdate.objects.count() == before
    _nothing_under(settings.DATA_DIR)


def test_inspection_photo_that_does_not_fit(signed_in, world, settings, monkeypatch):
    inspection = world.inspections["own"]
    before = InspectionPhoto.objects.count()
    full = disk.install(monkeypatch, settings.DATA_DIR, room=10_000)
    response = signed_in.post(
        f"/locaties/inspecties/{inspection.pk}/fotos/",
        {"caption": "Vluchtweg", "photo": SimpleUploadedFile("foto.png", PNG)},
    )
    assert full.failures
    assert response.status_code in (200, 400) and FULL in response.content.decode()
    assert InspectionPhoto.objects.count() == before
    _nothing_under(settings.DATA_DIR)


class _FillsUp:
    """A SQLite source connection whose backup stops after the first page as SQLite does on a full disk."""

    def __init__(self, real):
        self.real = real

    def backup(self, target, **kwargs):
        def full(status, remaining, total):
            raise sqlite3.OperationalError("database or disk is full")

        self.real.backup(target, pages=1, progress=full)

    def close(self):
        self.real.close()


def _fake_pg_dump(folder: Path) -> None:
    """pg_dump that writes part of the dump and then finds the disk full."""
    script = folder / "pg_dump"
    script.write_text(
        "#!/bin/sh\n"
        'for a in "$@"; do case "$a" in --file=*) printf "PGDMP-half" > "${a#--file=}";; esac; done\n'
        'echo "pg_dump: error: could not write to output file: No space left on device" >&2\n'
        "exit 1\n"
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


def test_backup_on_a_full_disk_sqlite(tmp_path, monkeypatch):
    database = tmp_path / "db.sqlite3"
    with sqlite3.connect(database) as con:
        con.execute("CREATE TABLE t (x TEXT)")
        con.executemany("INSERT INTO t VALUES (?)", [("x" * 500,)] * 2000)
    real = backup._sqlite
    monkeypatch.setattr(backup, "_sqlite", lambda name: _FillsUp(real(name)))
    (tmp_path / "out").mkdir()
    with pytest.raises(backup.BackupError, match="disk is full"):
        backup.backup({"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}, tmp_path / "out" / "b")
    _nothing_under(tmp_path / "out")


def test_backup_on_a_full_disk_postgresql(tmp_path, monkeypatch):
    (tmp_path / "bin").mkdir()
    (tmp_path / "out").mkdir()
    _fake_pg_dump(tmp_path / "bin")
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    settings_dict = {"ENGINE": "django.db.backends.postgresql", "NAME": "aanjager_fault_none"}
    with pytest.raises(backup.BackupError, match="No space left on device"):
        backup.backup(settings_dict, tmp_path / "out" / "b")
    _nothing_under(tmp_path / "out")


@pytest.mark.django_db
def test_the_backup_command_says_so_and_leaves_nothing(tmp_path, monkeypatch):
    """`aanjager backup` on the engine of this test run: a clear CommandError, no file."""
    (tmp_path / "out").mkdir()
    if backup.engine(connection.settings_dict) == "sqlite":
        real = backup._sqlite
        monkeypatch.setattr(backup, "_sqlite", lambda name: _FillsUp(real(name)))
    else:
        (tmp_path / "bin").mkdir()
        _fake_pg_dump(tmp_path / "bin")
        monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}:/usr/bin:/bin")
    with pytest.raises(CommandError) as error:
        call_command("backup", str(tmp_path / "out" / "aanjager.backup"))
    assert "full" in str(error.value) or "No space left" in str(error.value)
    _nothing_under(tmp_path / "out")


def test_other_os_errors_are_not_called_a_full_disk():
    from aanjager.core.files import is_disk_full

    assert is_disk_full(OSError(errno.ENOSPC, "x")) and is_disk_full(OSError(errno.EDQUOT, "x"))
    assert not is_disk_full(OSError(errno.EACCES, "x")) and not is_disk_full(ValueError())
