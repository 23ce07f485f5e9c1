"""Notifications: in the application and by e-mail, made by a background task after the change is committed.

Each event has a key; a user gets one notification per key, so the daily check (`aanjager notifications`) can
run as often as wanted. E-mail goes at once, or collected in a daily digest, or not at all (user preference).
"""

import contextlib
import datetime as dt
import logging
import threading

from django.conf import settings
from django.core.mail import send_mail
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

STATUS_KINDS = {"at_risk": "at_risk", "overdue": "overdue", "no_update": "update_due"}


_state = threading.local()


@contextlib.contextmanager
def collected():
    """Within this block no background tasks start (bulk loads); the caller runs one check afterwards."""
    _state.collected = True
    try:
        yield
    finally:
        _state.collected = False


def _background(func, *args) -> None:
    """Run after commit: inline in tests (AANJAGER_JOBS_INLINE), else in a thread that closes its connections."""
    if getattr(_state, "collected", False):
        return

    def start():
        if settings.AANJAGER_JOBS_INLINE:
            func(*args)
            return

        def work():
            try:
                func(*args)
            except Exception:  # a failed notification must never break the write that caused it
                logger.exception("Notification task failed")
            finally:
                connections.close_all()

        threading.Thread(target=work, name="aanjager-notify", daemon=True).start()

    transaction.on_commit(start)


def check_commitments_after_commit(commitment_ids) -> None:
    _background(check_commitments, list(commitment_ids))


def update_submitted_after_commit(update_id: int) -> None:
    _background(_update_submitted, update_id)


def escalation_after_commit(escalation_id: int) -> None:
    _background(_escalation_made, escalation_id)


# ------------------------------------------------------------------ recipients
def _coordinators(region_id):
    from aanjager.accounts.models import Membership, User

    if region_id is None:
        return User.objects.none()
    ids = Membership.objects.filter(role="regional_coordinator", region_id=region_id).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True)


def _coordinators_of(agreement):
    """The coordinators of the agreement's region or, without one, of every region covering all its municipalities."""
    if agreement.region_id:
        return _coordinators(agreement.region_id)
    from aanjager.accounts.models import User
    from aanjager.geo.models import Region

    covered = agreement.covered_municipality_ids()
    regions = Region.objects.filter(municipalities__in=covered).distinct().prefetch_related("municipalities")
    users = User.objects.none()
    for region in regions:
        if covered <= {m.pk for m in region.municipalities.all()}:
            users = users | _coordinators(region.pk)
    return users


def _members_of(organisation_id):
    from aanjager.accounts.models import Membership, User

    ids = Membership.objects.filter(organisation_id=organisation_id).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True)


def _who_may_see(users, object_type: str, obj) -> list:
    """Only those who may open what the notification links to (an inspector of a committed municipality not)."""
    from aanjager.accounts import scoping

    return [user for user in users if scoping.allows(user, object_type, "view", obj)]


# ------------------------------------------------------------------ events
def check_commitments(commitment_ids=None, on: dt.date | None = None, *, send_email: bool = True) -> int:
    """Notify the committed party and the coordinators of commitments at risk, overdue or without a recent update.
    Returns the number of notifications made."""
    from aanjager.agreements import selectors
    from aanjager.agreements.models import Commitment

    on = on or dt.date.today()
    qs = Commitment.objects.select_related("agreement")
    if commitment_ids is not None:
        qs = qs.filter(pk__in=commitment_ids)
    made = 0
    for item in selectors.judged(qs, on):
        kind = STATUS_KINDS.get(item.status.value)
        if kind is None:
            continue
        commitment = item.commitment
        key = f"commitment:{commitment.pk}:{item.status.value}:{item.judgement.last_update_on or '-'}"
        subject = {
            "at_risk": _("At risk: %(c)s"),
            "overdue": _("Overdue: %(c)s"),
            "update_due": _("Progress update due: %(c)s"),
        }[kind] % {"c": commitment.description}
        users = list(_members_of(commitment.organisation_id)) + list(_coordinators_of(commitment.agreement))
        users = _who_may_see(users, "agreement", commitment.agreement)
        made += notify(
            users,
            kind=kind,
            subject=subject,
            link=commitment.get_absolute_url(),
            event_key=key,
            send_email=send_email,
        )
    return made


def _update_submitted(update_id: int) -> None:
    from aanjager.agreements.models import ProgressUpdate

    update = ProgressUpdate.objects.select_related("commitment__agreement").filter(pk=update_id).first()
    if update is None:
        return
    commitment = update.commitment
    notify(
        _who_may_see(_coordinators_of(commitment.agreement), "agreement", commitment.agreement),
        kind="review",
        subject=_("Update to review: %(c)s") % {"c": commitment.description},
        link=commitment.get_absolute_url(),
        event_key=f"update:{update.pk}",
    )


def _escalation_made(escalation_id: int) -> None:
    from aanjager.agreements.models import Escalation

    escalation = Escalation.objects.select_related("team", "organisation").filter(pk=escalation_id).first()
    if escalation is None:
        return
    notify(
        _who_may_see(_coordinators(escalation.team.region_id), "team", escalation.team),
        kind="escalation",
        subject=_("Escalation: %(org)s to %(level)s")
        % {"org": escalation.organisation, "level": escalation.get_level_display()},
        link=escalation.team.get_absolute_url(),
        event_key=f"escalation:{escalation.pk}",
    )


# ------------------------------------------------------------------ delivery
def notify(users, *, kind: str, subject: str, link: str, event_key: str, send_email: bool = True) -> int:
    from aanjager.agreements.models import Notification, NotificationPreference

    made = 0
    seen = set()
    for user in users:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        notification, created = Notification.objects.get_or_create(
            user=user, event_key=event_key, defaults={"kind": kind, "subject": subject[:300], "link": link}
        )
        if not created:
            continue
        made += 1
        preference = NotificationPreference.objects.filter(user=user).values_list("email", flat=True).first()
        immediate = (
            preference or NotificationPreference.Email.IMMEDIATE
        ) == NotificationPreference.Email.IMMEDIATE
        if send_email and immediate:
            _email(user, subject, [notification])
    return made


def _email(user, subject: str, notifications) -> None:
    if not user.email:
        return
    lines = [f"- {n.subject}\n  {settings.AANJAGER_SITE_URL}{n.link}" for n in notifications]
    body = (
        "\n".join(lines)
        + "\n\n"
        + _("Change how you receive these at %(url)s") % {"url": f"{settings.AANJAGER_SITE_URL}/meldingen/"}
    )
    send_mail(subject, body, None, [user.email], fail_silently=False)
    from aanjager.agreements.models import Notification

    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(emailed_at=timezone.now())


def send_daily_digests() -> int:
    """One e-mail per user who chose the daily digest, with what is new since their last digest."""
    from aanjager.agreements.models import Notification, NotificationPreference

    sent = 0
    users = NotificationPreference.objects.filter(email=NotificationPreference.Email.DAILY).select_related(
        "user"
    )
    for preference in users:
        pending = list(
            Notification.objects.filter(user=preference.user, emailed_at__isnull=True).order_by("id")
        )
        if pending and preference.user.email:
            _email(preference.user, _("Aanjager: %(n)d new notifications") % {"n": len(pending)}, pending)
            sent += 1
    return sent
