"""The retention job: each rule deletes what is past its period and nothing else; --dry-run deletes nothing."""

import datetime as dt
import os
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from aanjager.accounts import services as account_services
from aanjager.agreements.models import Notification
from aanjager.audit.personal_data import note_viewed
from aanjager.core import retention


@pytest.fixture
def user(db):
    return account_services.create_user(actor=None, username="iemand", password="een-lang-test-wachtwoord-42")


def _notification(user, days_old, key):
    item = Notification.objects.create(user=user, kind="overdue", subject="Te laat", event_key=key)
    Notification.objects.filter(pk=item.pk).update(created_at=timezone.now() - dt.timedelta(days=days_old))
    return item


def _attempt(days_old, username):
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username=username, ip_address="10.0.0.1", user_agent="test", failures_since_start=1,
        get_data="", post_data="", http_accept="", path_info="/inloggen/",
    )  # fmt: skip
    AccessAttempt.objects.filter(pk=attempt.pk).update(
        attempt_time=timezone.now() - dt.timedelta(days=days_old)
    )
    return attempt


def _run_folder(settings, name, *, hours_old=2):
    folder = settings.DATA_DIR / "uploads" / "estimates" / name
    folder.mkdir(parents=True)
    (folder / "jobs.csv").write_text("person_id,month\n1,2025-01\n")
    then = timezone.now().timestamp() - hours_old * 3600
    os.utime(folder, (then, then))
    return folder


@pytest.fixture
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def test_each_rule_deletes_only_what_is_past_its_period(user, data_dir, settings):
    from axes.models import AccessAttempt

    from aanjager.estimates.models import EstimateRun
    from aanjager.geo.models import Region

    old, recent = _notification(user, 400, "oud"), _notification(user, 30, "nieuw")
    stale_attempt, fresh_attempt = _attempt(3, "a"), _attempt(0, "b")
    expired = SessionStore()
    expired.set_expiry(-10)
    expired.create()
    live = SessionStore()
    live.create()
    region = Region.objects.create(name="Regio")
    running = EstimateRun.objects.create(title="Loopt", region=region, year=2025, status="running")
    done = EstimateRun.objects.create(title="Klaar", region=region, year=2025, status="done")
    keep = _run_folder(settings, str(running.key))
    left_by_done = _run_folder(settings, str(done.key))
    orphan = _run_folder(settings, "00000000-0000-0000-0000-000000000000")
    just_written = _run_folder(
        settings, "11111111-1111-1111-1111-111111111111", hours_old=0
    )  # run not committed yet

    from aanjager.audit.models import PersonalDataView

    seen_long_ago = note_viewed(actor=user, objects=[user], path="/gebruikers/")
    PersonalDataView.objects.filter(pk=seen_long_ago.pk).update(
        timestamp=timezone.now() - dt.timedelta(days=731)
    )
    seen_lately = note_viewed(actor=user, objects=[user], path="/gebruikers/")

    counts = {rule.code: n for rule, n in retention.apply()}

    assert counts == {
        "microdata": 2,
        "sessions": 1,
        "login_attempts": 1,
        "notifications": 1,
        "personal_data_views": 1,
    }
    assert list(PersonalDataView.objects.all()) == [seen_lately]
    assert list(Notification.objects.all()) == [recent] and old.pk != recent.pk
    assert list(AccessAttempt.objects.all()) == [fresh_attempt] and stale_attempt.pk != fresh_attempt.pk
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert keep.is_dir() and not left_by_done.exists() and not orphan.exists()
    assert just_written.is_dir()


def test_periods_are_settings(user, data_dir, settings):
    settings.AANJAGER_RETENTION_NOTIFICATION_DAYS = 10
    _notification(user, 30, "maand")
    assert {r.code: n for r, n in retention.apply()}["notifications"] == 1


def test_the_command_and_its_dry_run(user, data_dir, settings):
    _notification(user, 400, "oud")
    _run_folder(settings, "weeskind")
    out = StringIO()
    call_command("retention", "--dry-run", stdout=out)
    assert "notifications\twould delete 1\tnotifications in the application (kept 365 days)" in out.getvalue()
    assert "microdata\twould delete 1\t" in out.getvalue()
    assert Notification.objects.count() == 1 and (data_dir / "uploads" / "estimates" / "weeskind").exists()
    out = StringIO()
    call_command("retention", stdout=out)
    assert "notifications\tdeleted 1\t" in out.getvalue() and Notification.objects.count() == 0
    assert not (data_dir / "uploads" / "estimates" / "weeskind").exists()
