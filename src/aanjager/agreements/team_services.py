"""Writes for aanjaagteams, their members, role checklist and engagement board (team rights decide)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aanjager.agreements import notify
from aanjager.agreements.models import TEAM_ROLE_KEYS, Escalation, PartyContact, Team, TeamMember
from aanjager.audit import services as audit
from aanjager.core.services import apply_changes, check_visible_choices, ensure_allowed, validated_save

TEAM_FIELDS = {"region", "name", "target_date", "notes"}


@transaction.atomic
def create_team(*, actor, is_demo: bool = False, **fields) -> Team:
    apply_changes(Team(), fields, TEAM_FIELDS)
    team = Team(is_demo=is_demo, **fields)
    acting = ensure_allowed(actor, "team", "create", team)
    validated_save(team)
    audit.record_write(actor=actor, action="create", instance=team, before=None, organisation=acting)
    return team


@transaction.atomic
def update_team(*, actor, team: Team, **changes) -> Team:
    team = Team.objects.select_for_update().get(pk=team.pk)
    ensure_allowed(actor, "team", "change", team)
    before = audit.snapshot(team)
    apply_changes(team, changes, TEAM_FIELDS | {"roles_done"})
    if "roles_done" in changes:
        unknown = set(team.roles_done) - set(TEAM_ROLE_KEYS)
        if unknown:
            raise ValidationError(
                {"roles_done": _("Unknown role: %(r)s") % {"r": ", ".join(sorted(unknown))}}
            )
        team.roles_done = [key for key in TEAM_ROLE_KEYS if key in set(team.roles_done)]
    acting = ensure_allowed(actor, "team", "change", team)
    validated_save(team)
    audit.record_write(actor=actor, action="update", instance=team, before=before, organisation=acting)
    return team


@transaction.atomic
def delete_team(*, actor, team: Team) -> None:
    acting = ensure_allowed(actor, "team", "delete", team)
    before = {**audit.snapshot(team), "members": team.members.count()}
    audit.record(actor=actor, action="delete", instance=team, before=before, after=None, organisation=acting)
    team.delete()


@transaction.atomic
def add_member(
    *, actor, team: Team, organisation, name: str, corner: str = "", job_title: str = ""
) -> TeamMember:
    acting = ensure_allowed(actor, "team", "change", team)
    check_visible_choices(actor, {"organisation": organisation})
    member = TeamMember(
        team=team,
        organisation=organisation,
        name=(name or "").strip(),
        job_title=(job_title or "").strip(),
        corner=corner or (organisation.corner if organisation else ""),
    )
    validated_save(member)
    audit.record_write(actor=actor, action="create", instance=member, before=None, organisation=acting)
    return member


@transaction.atomic
def remove_member(*, actor, member: TeamMember) -> None:
    acting = ensure_allowed(actor, "team", "change", member.team)
    audit.record(
        actor=actor,
        action="delete",
        instance=member,
        before=audit.snapshot(member),
        after=None,
        organisation=acting,
    )
    member.delete()


@transaction.atomic
def add_contact(*, actor, team: Team, **fields) -> PartyContact:
    acting = ensure_allowed(actor, "team", "change", team)
    apply_changes(
        PartyContact(),
        fields,
        {"organisation", "contacted_on", "channel", "summary", "next_step", "next_step_on", "owner"},
    )
    check_visible_choices(actor, fields)
    owner = fields.get("owner")
    if owner is not None and owner.team_id != team.pk:
        raise ValidationError({"owner": _("The owner is a member of this team.")})
    contact = PartyContact(team=team, **fields)
    if contact.next_step_on and contact.contacted_on and contact.next_step_on < contact.contacted_on:
        raise ValidationError({"next_step_on": _("The next step cannot lie before the contact moment.")})
    validated_save(contact)
    audit.record_write(actor=actor, action="create", instance=contact, before=None, organisation=acting)
    return contact


@transaction.atomic
def escalate(*, actor, team: Team, organisation, level: str, reason: str, escalated_on) -> Escalation:
    acting = ensure_allowed(actor, "team", "change", team)
    check_visible_choices(actor, {"organisation": organisation})
    escalation = Escalation(
        team=team,
        organisation=organisation,
        level=level,
        reason=(reason or "").strip(),
        escalated_on=escalated_on,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    validated_save(escalation)
    audit.record_write(actor=actor, action="create", instance=escalation, before=None, organisation=acting)
    notify.escalation_after_commit(escalation.pk)
    return escalation


@transaction.atomic
def resolve_escalation(*, actor, escalation: Escalation, resolved_on) -> Escalation:
    escalation = Escalation.objects.select_for_update().select_related("team").get(pk=escalation.pk)
    acting = ensure_allowed(actor, "team", "change", escalation.team)
    before = audit.snapshot(escalation)
    escalation.resolved_on = resolved_on
    validated_save(escalation)
    audit.record_write(actor=actor, action="update", instance=escalation, before=before, organisation=acting)
    return escalation
