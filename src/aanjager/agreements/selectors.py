"""Reads for agreements and what hangs off them, always scoped to the acting user."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from aanjager.accounts import scoping
from aanjager.agreements import progress
from aanjager.agreements.models import (
    Agreement,
    Commitment,
    Meeting,
    ProgressReport,
    ProgressUpdate,
    Team,
)


def agreements(*, user, action: str = "view") -> QuerySet:
    qs = Agreement.objects.select_related("region")
    return scoping.filter_queryset(user, "agreement", action, qs)


def commitments(*, user) -> QuerySet:
    """Commitments of the agreements the user may see."""
    return Commitment.objects.filter(agreement__in=agreements(user=user).values("pk")).select_related(
        "agreement", "organisation", "municipality", "location"
    )


def progress_updates(*, user, action: str = "view") -> QuerySet:
    qs = ProgressUpdate.objects.select_related("commitment__agreement", "organisation", "submitted_by")
    return scoping.filter_queryset(user, "progress_update", action, qs)


def teams(*, user, action: str = "view") -> QuerySet:
    return scoping.filter_queryset(user, "team", action, Team.objects.select_related("region"))


def meetings(*, user, action: str = "view") -> QuerySet:
    return scoping.filter_queryset(user, "meeting", action, Meeting.objects.select_related("region"))


def reports(*, user, action: str = "view") -> QuerySet:
    return scoping.filter_queryset(
        user, "progress_report", action, ProgressReport.objects.select_related("region")
    )


def counting_updates() -> QuerySet:
    """Updates that count for the status: all but rejected ones (pending ones count until reviewed)."""
    return ProgressUpdate.objects.exclude(review=ProgressUpdate.Review.REJECTED).order_by("reported_on", "id")


def attach_counting_updates(commitments) -> list[Commitment]:
    """Give each commitment its counting updates (`counting_updates`, as progress.Update: date and running
    total) in one light query. Reading them as model objects was most of the time of a list of commitments
    (thousands of updates at national scale)."""
    commitments = list(commitments)
    found = defaultdict(list)
    if commitments:
        rows = counting_updates().filter(commitment_id__in=[c.pk for c in commitments])
        for commitment_id, reported_on, delivered in rows.values_list(
            "commitment_id", "reported_on", "delivered"
        ):
            found[commitment_id].append(progress.Update(reported_on, delivered))
    for commitment in commitments:
        commitment.counting_updates = found[commitment.pk]
    return commitments


@dataclass(frozen=True)
class Judged:
    commitment: Commitment
    judgement: progress.Judgement

    @property
    def status(self) -> progress.Status:
        return self.judgement.status


def margin_of(agreement: Agreement) -> Fraction:
    return Fraction(agreement.at_risk_margin) / 100


def judge(commitment: Commitment, on: dt.date) -> progress.Judgement:
    """The status of one commitment on a date. Uses `counting_updates` when prefetched."""
    updates = getattr(commitment, "counting_updates", None)
    if updates is None:
        updates = list(counting_updates().filter(commitment=commitment))
    return progress.judge(
        target=commitment.target,
        starts_on=commitment.starts_on,
        due_on=commitment.due_on,
        updates=[progress.Update(u.reported_on, u.delivered) for u in updates],
        on=on,
        margin=margin_of(commitment.agreement),
        update_interval_days=commitment.agreement.update_interval_days,
    )


def judged(qs: QuerySet, on: dt.date) -> list[Judged]:
    return [Judged(c, judge(c, on)) for c in attach_counting_updates(qs)]


STATUS_ORDER = [s.value for s in progress.Status]
STATUS_LABELS = {
    "done": gettext_lazy("Done"),
    "on_track": gettext_lazy("On track"),
    "at_risk": gettext_lazy("At risk"),
    "overdue": gettext_lazy("Overdue"),
    "no_update": gettext_lazy("No recent update"),
}


def status_counts(items: list[Judged]) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for item in items:
        counts[item.status.value] += 1
    return counts


@dataclass
class BoardRow:
    organisation: object
    signed: bool
    has_commitment: bool
    lagging: bool
    contacts: list
    open_escalations: list

    @property
    def needs_attention(self) -> bool:
        return not self.signed or not self.has_commitment or self.lagging or bool(self.open_escalations)

    @property
    def last_contact(self):
        return self.contacts[0] if self.contacts else None


def region_agreements(region) -> QuerySet:
    """The agreements of a region: the region's own, and those between single municipalities all inside it."""
    ids = set(region.municipalities.values_list("pk", flat=True))
    covered = Agreement.municipalities.through.objects
    outside = covered.exclude(municipality_id__in=ids).values("agreement_id")
    inside = covered.filter(municipality_id__in=ids).values("agreement_id")
    from django.db.models import Q

    return Agreement.objects.filter(
        Q(region=region) | (Q(region__isnull=True, pk__in=inside) & ~Q(pk__in=outside))
    )


def engagement_board(*, user, team: Team, on: dt.date) -> list[BoardRow]:
    """Every organisation of the driehoek seated in the team's region that the user may see: has it signed, has
    it committed, is it lagging, and what contact and escalations there were."""
    from aanjager.agreements.models import DRIEHOEK, AgreementParty
    from aanjager.organisations import selectors as organisation_selectors

    region = team.region
    organisations = organisation_selectors.organisations(user=user).filter(
        seat_municipality__in=region.municipalities.all(), corner__in=list(DRIEHOEK)
    )
    agreements_here = region_agreements(region)
    signed = set(
        AgreementParty.objects.filter(agreement__in=agreements_here, signed_on__isnull=False).values_list(
            "organisation_id", flat=True
        )
    )
    commitments_here = Commitment.objects.filter(agreement__in=agreements_here).select_related("agreement")
    committed = set()
    lagging = set()
    for item in judged(commitments_here, on):
        committed.add(item.commitment.organisation_id)
        if item.status in (progress.Status.OVERDUE, progress.Status.AT_RISK, progress.Status.NO_UPDATE):
            lagging.add(item.commitment.organisation_id)
    contacts: dict[int, list] = {}
    for contact in team.contacts.select_related("owner"):
        contacts.setdefault(contact.organisation_id, []).append(contact)
    escalations: dict[int, list] = {}
    for escalation in team.escalations.filter(resolved_on__isnull=True):
        escalations.setdefault(escalation.organisation_id, []).append(escalation)
    rows = [
        BoardRow(
            organisation=org,
            signed=org.pk in signed,
            has_commitment=org.pk in committed,
            lagging=org.pk in lagging,
            contacts=contacts.get(org.pk, []),
            open_escalations=escalations.get(org.pk, []),
        )
        for org in organisations.order_by("corner", "name")
    ]
    rows.sort(key=lambda r: (not r.needs_attention, r.organisation.corner, r.organisation.name))
    return rows
