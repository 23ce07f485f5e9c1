from aanjager.agreements.models.agreements import (
    Agreement,
    AgreementDocument,
    AgreementParty,
    AgreementType,
    Commitment,
    CommitmentKind,
    CommitmentMilestone,
    ProgressUpdate,
    StayClass,
)
from aanjager.agreements.models.meetings import ACTION_TRANSITIONS, ActionItem, Meeting
from aanjager.agreements.models.notifications import Notification, NotificationPreference
from aanjager.agreements.models.reports import ProgressReport
from aanjager.agreements.models.teams import (
    DRIEHOEK,
    TEAM_ROLE_KEYS,
    TEAM_ROLES,
    Escalation,
    PartyContact,
    Team,
    TeamMember,
)

__all__ = [
    "ACTION_TRANSITIONS",
    "DRIEHOEK",
    "TEAM_ROLE_KEYS",
    "TEAM_ROLES",
    "ActionItem",
    "Agreement",
    "AgreementDocument",
    "AgreementParty",
    "AgreementType",
    "Commitment",
    "CommitmentKind",
    "CommitmentMilestone",
    "Escalation",
    "Meeting",
    "Notification",
    "NotificationPreference",
    "PartyContact",
    "ProgressReport",
    "ProgressUpdate",
    "StayClass",
    "Team",
    "TeamMember",
]
