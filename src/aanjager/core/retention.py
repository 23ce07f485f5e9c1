"""What is deleted when its retention period has passed: one table of rules, run by `aanjager retention` (daily,
from cron or a systemd timer). Each rule says what it removes, after how long, and why; docs/operations.md lists
them. The audit trail is not among them: it is the record of who did what and is kept."""

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

UPLOAD_GRACE_SECONDS = 3600


@dataclass(frozen=True)
class Rule:
    code: str
    what: str
    days: int  # kept this long; 0: removed as soon as it is no longer needed

    def cutoff(self, now: dt.datetime) -> dt.datetime:
        return now - dt.timedelta(days=self.days)


def rules() -> list[Rule]:
    """Read from the settings each time (tests and operators change them)."""
    return [
        Rule("microdata", "uploaded microdata of estimate runs that are no longer queued or running", 0),
        Rule("sessions", "expired login sessions", 0),
        Rule(
            "login_attempts",
            "failed login attempts (django-axes)",
            settings.AANJAGER_RETENTION_LOGIN_ATTEMPT_DAYS,
        ),
        Rule(
            "notifications", "notifications in the application", settings.AANJAGER_RETENTION_NOTIFICATION_DAYS
        ),
        Rule(
            "personal_data_views",
            "the log of who viewed personal data",
            settings.AANJAGER_RETENTION_PERSONAL_DATA_VIEW_DAYS,
        ),
    ]


def _microdata(rule: Rule, now, *, delete: bool) -> int:
    """Folders under DATA_DIR/uploads/estimates of runs that finished, failed, were cancelled or no longer exist
    (a crash between upload and run). The run deletes its files itself; this catches what a crash left behind."""
    from aanjager.estimates.models import EstimateRun

    root = Path(settings.DATA_DIR) / "uploads" / "estimates"
    if not root.is_dir():
        return 0
    active = {
        str(key)
        for key in EstimateRun.objects.filter(
            status__in=[EstimateRun.Status.QUEUED, EstimateRun.Status.RUNNING]
        ).values_list("key", flat=True)
    }
    # A run's files are written just before the run itself is committed: leave anything younger than an hour.
    settled = now.timestamp() - UPLOAD_GRACE_SECONDS
    stale = [f for f in root.iterdir() if f.name not in active and f.stat().st_mtime < settled]
    if delete:
        for folder in stale:
            if folder.is_dir():
                shutil.rmtree(folder, ignore_errors=True)
            else:
                folder.unlink(missing_ok=True)
    return len(stale)


def _queryset(rule: Rule, now):
    if rule.code == "sessions":
        from django.contrib.sessions.models import Session

        return Session.objects.filter(expire_date__lt=now)
    if rule.code == "login_attempts":
        from axes.models import AccessAttempt

        return AccessAttempt.objects.filter(attempt_time__lt=rule.cutoff(now))
    if rule.code == "notifications":
        from aanjager.agreements.models import Notification

        return Notification.objects.filter(created_at__lt=rule.cutoff(now))
    if rule.code == "personal_data_views":
        from aanjager.audit.models import PersonalDataView

        return PersonalDataView.objects.filter(timestamp__lt=rule.cutoff(now))
    raise ValueError(rule.code)  # pragma: no cover - the table is closed


def apply(*, delete: bool = True, now: dt.datetime | None = None) -> list[tuple[Rule, int]]:
    """Apply every rule; return (rule, how many were (or, with delete=False, would be) removed)."""
    now = now or timezone.now()
    done = []
    for rule in rules():
        if rule.code == "microdata":
            count = _microdata(rule, now, delete=delete)
        else:
            queryset = _queryset(rule, now)
            count = queryset.count()
            if delete and count:
                queryset.delete()
        done.append((rule, count))
    return done
