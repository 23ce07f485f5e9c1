"""Writes for locations. Keyword-only, atomic, audited in the same transaction; every change of a tracked field
(status, beds, municipality, operator, housing form) adds a version so that the register can answer for any date."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from aanjager.audit import services as audit
from aanjager.core.services import apply_changes, ensure_allowed, validated_save
from aanjager.locations import workflow
from aanjager.locations.models import (
    TRACKED_FIELDS,
    Certificate,
    FollowUp,
    Inspection,
    InspectionPhoto,
    Location,
    LocationVersion,
)

EDITABLE_FIELDS = {
    f.name
    for f in Location._meta.get_fields()
    if getattr(f, "editable", False) and not f.auto_created and f.name not in ("id", "status", "is_demo")
} - {"created_at", "updated_at"}


def _today() -> dt.date:
    return timezone.localdate()


def _record_version(location: Location, *, effective: dt.date, actor) -> None:
    state = {field: getattr(location, field) for field in TRACKED_FIELDS}
    current = location.versions.filter(valid_to__isnull=True).first()
    if current is not None:
        if all(getattr(current, field) == value for field, value in state.items()):
            return  # nothing the history tracks has changed
        if effective < current.valid_from:
            raise ValidationError(
                {
                    "effective": _("A change cannot take effect before the previous one (%(date)s).")
                    % {"date": current.valid_from.strftime("%d-%m-%Y")}
                }
            )
        if effective == current.valid_from:  # a correction on the same day replaces that day's state
            for field, value in state.items():
                setattr(current, field, value)
            current.recorded_by = actor if getattr(actor, "pk", None) else None
            current.save()
            return
        current.valid_to = effective
        current.save(update_fields=["valid_to"])
    LocationVersion.objects.create(
        location=location,
        valid_from=effective,
        recorded_by=actor if getattr(actor, "pk", None) else None,
        **state,
    )


@transaction.atomic
def create_location(*, actor, effective: dt.date | None = None, **fields) -> Location:
    """Register a location in any status (an existing building enters 'in use'); its history starts on `effective`
    (default today)."""
    unknown = set(fields) - EDITABLE_FIELDS - {"status", "is_demo"}
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be changed here.")))
    employers = fields.pop("employers", None)
    location = Location(**fields)
    acting = ensure_allowed(actor, "location", "create", location)
    validated_save(location)
    if employers is not None:
        location.employers.set(employers)
    _record_version(location, effective=effective or _today(), actor=actor)
    audit.record(
        actor=actor,
        action="create",
        instance=location,
        before=None,
        after=audit.snapshot(location),
        organisation=acting or location.operator,
    )
    return location


@transaction.atomic
def update_location(*, actor, location: Location, effective: dt.date | None = None, **changes) -> Location:
    """Change the data of a location; a change of beds, municipality, operator or form counts from `effective`."""
    location = Location.objects.select_for_update().get(pk=location.pk)
    acting = ensure_allowed(actor, "location", "change", location)
    before = audit.snapshot(location)
    employers = changes.pop("employers", None)
    apply_changes(location, changes, EDITABLE_FIELDS)
    # Moving a location to another operator or municipality must stay within what the actor may change.
    ensure_allowed(actor, "location", "change", location)
    validated_save(location)
    if employers is not None:
        location.employers.set(employers)
    _record_version(location, effective=effective or _today(), actor=actor)
    audit.record(
        actor=actor,
        action="update",
        instance=location,
        before=before,
        after=audit.snapshot(location),
        organisation=acting,
    )
    return location


@transaction.atomic
def change_status(*, actor, location: Location, status: str, effective: dt.date | None = None) -> Location:
    """Move a location along its lifecycle (workflow.TRANSITIONS), from `effective` (default today)."""
    location = Location.objects.select_for_update().get(pk=location.pk)
    acting = ensure_allowed(actor, "location", "change", location)
    if status not in Location.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    if status == location.status:
        return location  # nothing changes, so nothing to record
    if not workflow.allowed(location.status, status):
        raise ValidationError(
            {
                "status": _("A location that is %(current)s cannot become %(new)s.")
                % {
                    "current": Location.Status(location.status).label.lower(),
                    "new": Location.Status(status).label.lower(),
                }
            }
        )
    before = audit.snapshot(location)
    location.status = status
    validated_save(location)
    _record_version(location, effective=effective or _today(), actor=actor)
    audit.record(
        actor=actor,
        action="update",
        instance=location,
        before=before,
        after=audit.snapshot(location),
        organisation=acting,
    )
    return location


@transaction.atomic
def delete_location(*, actor, location: Location) -> None:
    """Only for mistakes: a location that really existed is closed, so its history keeps counting."""
    location = Location.objects.select_for_update().get(pk=location.pk)
    acting = ensure_allowed(actor, "location", "delete", location)
    before = audit.snapshot(location)
    if location.bed_plan_steps_out.exists() or location.bed_plan_steps_in.exists():
        raise ValidationError(
            _("This location is part of a bed-for-bed plan; remove it from the plan first.")
        )
    if location.commitments.exists():
        raise ValidationError(
            _("This location is named in a commitment of an agreement; change the commitment first.")
        )
    audit.record(
        actor=actor, action="delete", instance=location, before=before, after=None, organisation=acting
    )
    _remove_photo_files_after_commit(InspectionPhoto.objects.filter(inspection__location=location))
    location.delete()


@transaction.atomic
def create_certificate(
    *,
    actor,
    scheme: str,
    number: str,
    holder,
    valid_from: dt.date,
    valid_to: dt.date,
    locations,
    is_demo=False,
) -> Certificate:
    """Record a certificate for locations the actor may inspect: the municipality (or an administrator) checks a
    certificate before it counts in the public register; an operator cannot certify itself. Every covered
    location is checked."""
    locations = list(locations)
    if not locations:
        raise ValidationError({"locations": _("A certificate covers at least one location.")})
    acting = None
    for location in locations:
        acting = ensure_allowed(actor, "inspection", "create", Inspection(location=location)) or acting
    certificate = Certificate(
        scheme=scheme,
        number=number.strip(),
        holder=holder,
        valid_from=valid_from,
        valid_to=valid_to,
        is_demo=is_demo,
    )
    validated_save(certificate)
    certificate.locations.set(locations)
    audit.record(
        actor=actor,
        action="create",
        instance=certificate,
        before=None,
        after={**audit.snapshot(certificate), "locations": sorted(loc.pk for loc in locations)},
        organisation=acting or holder,
    )
    return certificate


@transaction.atomic
def delete_certificate(*, actor, certificate: Certificate) -> None:
    acting = None
    for location in certificate.locations.all():
        acting = ensure_allowed(actor, "inspection", "create", Inspection(location=location)) or acting
    audit.record(
        actor=actor,
        action="delete",
        instance=certificate,
        before=audit.snapshot(certificate),
        after=None,
        organisation=acting,
    )
    certificate.delete()


INSPECTION_FIELDS = {
    "visited_on",
    "found_occupancy",
    "overcrowded",
    "fire_safety_remarks",
    "notes",
    "rule_findings",
}
CREATE_ONLY_FIELDS = {"is_demo"}


@transaction.atomic
def record_inspection(*, actor, location: Location, visited_on: dt.date, **fields) -> Inspection:
    """An inspector's visit. Overcrowding is marked when more persons were found than the location has beds."""
    unknown = set(fields) - INSPECTION_FIELDS - CREATE_ONLY_FIELDS
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be changed here.")))
    inspection = Inspection(location=location, visited_on=visited_on, **fields)
    if inspection.found_occupancy is not None and inspection.found_occupancy > location.beds:
        inspection.overcrowded = True
    acting = ensure_allowed(actor, "inspection", "create", inspection)
    inspection.inspector = actor if getattr(actor, "pk", None) else None
    inspection.organisation = acting
    validated_save(inspection)
    audit.record(
        actor=actor,
        action="create",
        instance=inspection,
        before=None,
        after=audit.snapshot(inspection),
        organisation=acting,
    )
    return inspection


@transaction.atomic
def update_inspection(*, actor, inspection: Inspection, **changes) -> Inspection:
    inspection = Inspection.objects.select_for_update().select_related("location").get(pk=inspection.pk)
    acting = ensure_allowed(actor, "inspection", "change", inspection)
    before = audit.snapshot(inspection)
    apply_changes(inspection, changes, INSPECTION_FIELDS)
    if inspection.found_occupancy is not None and inspection.found_occupancy > inspection.location.beds:
        inspection.overcrowded = True
    if inspection.follow_ups.filter(deadline__lt=inspection.visited_on).exists():
        raise ValidationError(
            {"visited_on": _("An action of this inspection has a deadline before this date.")}
        )
    validated_save(inspection)
    audit.record(
        actor=actor,
        action="update",
        instance=inspection,
        before=before,
        after=audit.snapshot(inspection),
        organisation=acting,
    )
    return inspection


@transaction.atomic
def delete_inspection(*, actor, inspection: Inspection) -> None:
    acting = ensure_allowed(actor, "inspection", "delete", inspection)
    audit.record(
        actor=actor,
        action="delete",
        instance=inspection,
        before=audit.snapshot(inspection),
        after=None,
        organisation=acting,
    )
    _remove_photo_files_after_commit(InspectionPhoto.objects.filter(inspection=inspection))
    inspection.delete()


def _remove_photo_files_after_commit(photos) -> None:
    """Photos go with their inspection or location (cascade); their files go once that is committed."""
    files = [(photo.file.storage, photo.file.name) for photo in photos]
    if files:
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])


@transaction.atomic
def add_follow_up(*, actor, inspection: Inspection, kind: str, deadline: dt.date, **fields) -> FollowUp:
    acting = ensure_allowed(actor, "inspection", "change", inspection)
    unknown = set(fields) - {"penalty_amount", "notes"}
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be changed here.")))
    follow_up = FollowUp(inspection=inspection, kind=kind, deadline=deadline, **fields)
    validated_save(follow_up)
    audit.record(
        actor=actor,
        action="create",
        instance=follow_up,
        before=None,
        after=audit.snapshot(follow_up),
        organisation=acting,
    )
    return follow_up


# Which status a follow-up may move to: open work is done or cancelled; a closed one stays closed.
FOLLOW_UP_TRANSITIONS = {"open": {"done", "cancelled"}, "done": set(), "cancelled": set()}


@transaction.atomic
def close_follow_up(*, actor, follow_up: FollowUp, status: str, closed_on: dt.date | None = None) -> FollowUp:
    follow_up = (
        FollowUp.objects.select_for_update().select_related("inspection__location").get(pk=follow_up.pk)
    )
    acting = ensure_allowed(actor, "inspection", "change", follow_up.inspection)
    if status not in FOLLOW_UP_TRANSITIONS[follow_up.status]:
        raise ValidationError({"status": _("This action is already closed.")})
    before = audit.snapshot(follow_up)
    follow_up.status = status
    follow_up.closed_on = closed_on or _today()
    validated_save(follow_up)
    audit.record(
        actor=actor,
        action="update",
        instance=follow_up,
        before=before,
        after=audit.snapshot(follow_up),
        organisation=acting,
    )
    return follow_up


MAX_PHOTO_BYTES = 10 * 1024 * 1024


@transaction.atomic
def add_inspection_photo(*, actor, inspection: Inspection, upload, caption: str) -> InspectionPhoto:
    """Keep a photo with an inspection: only JPEG, PNG, WebP or HEIC by content, at most 10 MB. The file is
    written before the row; if anything fails after that, the file is removed again."""
    import hashlib

    from aanjager.core.files import EXTENSIONS, disk_full_as_error, sniff_image

    acting = ensure_allowed(actor, "inspection", "change", inspection)
    caption = (caption or "").strip()
    if not caption:
        raise ValidationError(
            {"caption": _("Describe what the photo shows (also read out to screen readers).")}
        )
    if upload.size > MAX_PHOTO_BYTES:
        raise ValidationError({"photo": _("The photo is larger than 10 MB.")})
    upload.seek(0)
    content_type = sniff_image(upload.read(16))
    if content_type is None:
        raise ValidationError({"photo": _("This is not a photo: choose a JPEG, PNG, WebP or HEIC file.")})
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    photo = InspectionPhoto(
        inspection=inspection,
        caption=caption[:200],
        content_type=content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    with disk_full_as_error("photo"):
        photo.file.save(f"photo.{EXTENSIONS[content_type]}", upload, save=False)
    try:
        photo.save()
        audit.record(
            actor=actor,
            action="create",
            instance=photo,
            before=None,
            after=audit.snapshot(photo),
            organisation=acting,
        )
    except Exception:
        photo.file.delete(save=False)
        raise
    return photo


@transaction.atomic
def delete_inspection_photo(*, actor, photo: InspectionPhoto) -> None:
    acting = ensure_allowed(actor, "inspection", "change", photo.inspection)
    audit.record(
        actor=actor,
        action="delete",
        instance=photo,
        before=audit.snapshot(photo),
        after=None,
        organisation=acting,
    )
    name = photo.file.name
    storage = photo.file.storage
    photo.delete()
    transaction.on_commit(lambda: storage.delete(name))  # the file goes only once the row is gone for good
