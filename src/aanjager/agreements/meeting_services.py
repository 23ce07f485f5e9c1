"""Writes for meetings and their action items (meeting rights decide)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aanjager.agreements.models import ACTION_TRANSITIONS, ActionItem, Meeting
from aanjager.audit import services as audit
from aanjager.core.services import apply_changes, check_visible_choices, ensure_allowed, validated_save

MEETING_FIELDS = {"region", "kind", "title", "held_on", "place", "attendees", "agenda", "decisions"}
ACTION_FIELDS = {"description", "owner", "owner_name", "due_on", "status", "commitment"}


def _set_participants(actor, meeting: Meeting, participants) -> None:
    if participants is None:
        return
    participants = list(participants)
    for organisation in participants:
        check_visible_choices(actor, {"organisation": organisation})
    meeting.participants.set(participants)


@transaction.atomic
def create_meeting(*, actor, participants=None, is_demo: bool = False, **fields) -> Meeting:
    apply_changes(Meeting(), fields, MEETING_FIELDS)
    meeting = Meeting(is_demo=is_demo, **fields)
    acting = ensure_allowed(actor, "meeting", "create", meeting)
    validated_save(meeting)
    _set_participants(actor, meeting, participants)
    audit.record_write(actor=actor, action="create", instance=meeting, before=None, organisation=acting)
    return meeting


@transaction.atomic
def update_meeting(*, actor, meeting: Meeting, participants=None, **changes) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    ensure_allowed(actor, "meeting", "change", meeting)
    before = audit.snapshot(meeting)
    apply_changes(meeting, changes, MEETING_FIELDS)
    acting = ensure_allowed(actor, "meeting", "change", meeting)
    validated_save(meeting)
    _set_participants(actor, meeting, participants)
    for item in meeting.action_items.all():
        if item.due_on < meeting.held_on:
            raise ValidationError({"held_on": _("An action item of this meeting would be due before it.")})
    audit.record_write(actor=actor, action="update", instance=meeting, before=before, organisation=acting)
    return meeting


@transaction.atomic
def delete_meeting(*, actor, meeting: Meeting) -> None:
    acting = ensure_allowed(actor, "meeting", "delete", meeting)
    before = {**audit.snapshot(meeting), "action_items": meeting.action_items.count()}
    audit.record(
        actor=actor, action="delete", instance=meeting, before=before, after=None, organisation=acting
    )
    meeting.delete()


def _check_commitment(actor, meeting: Meeting, commitment) -> None:
    from aanjager.accounts import scoping

    if commitment is None:
        return
    if actor is not None and not scoping.allows(actor, "agreement", "view", commitment.agreement):
        raise ValidationError({"commitment": _("Choose a commitment you may see.")})
    region_id = commitment.agreement.region_id
    if region_id is not None and region_id != meeting.region_id:
        raise ValidationError({"commitment": _("The commitment belongs to an agreement of another region.")})


@transaction.atomic
def add_action_item(*, actor, meeting: Meeting, **fields) -> ActionItem:
    acting = ensure_allowed(actor, "meeting", "change", meeting)
    apply_changes(ActionItem(), fields, ACTION_FIELDS)
    check_visible_choices(actor, {"organisation": fields.get("owner")})
    _check_commitment(actor, meeting, fields.get("commitment"))
    item = ActionItem(meeting=meeting, **fields)
    validated_save(item)
    audit.record_write(actor=actor, action="create", instance=item, before=None, organisation=acting)
    return item


@transaction.atomic
def update_action_item(*, actor, item: ActionItem, **changes) -> ActionItem:
    item = ActionItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    acting = ensure_allowed(actor, "meeting", "change", item.meeting)
    before = audit.snapshot(item)
    status = changes.get("status")
    if status is not None and status != item.status and status not in ACTION_TRANSITIONS[item.status]:
        raise ValidationError(
            {
                "status": _("An action cannot go from %(old)s to %(new)s.")
                % {"old": item.status, "new": status}
            }
        )
    if "owner" in changes:
        check_visible_choices(actor, {"organisation": changes["owner"]})
    if "commitment" in changes:
        _check_commitment(actor, item.meeting, changes["commitment"])
    apply_changes(item, changes, ACTION_FIELDS)
    validated_save(item)
    audit.record_write(actor=actor, action="update", instance=item, before=before, organisation=acting)
    return item


@transaction.atomic
def delete_action_item(*, actor, item: ActionItem) -> None:
    acting = ensure_allowed(actor, "meeting", "change", item.meeting)
    audit.record(
        actor=actor,
        action="delete",
        instance=item,
        before=audit.snapshot(item),
        after=None,
        organisation=acting,
    )
    item.delete()
