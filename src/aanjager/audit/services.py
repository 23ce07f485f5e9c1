"""Write audit rows. Call `record` inside the service's transaction, after the change is saved."""

import datetime as dt
import decimal
import uuid

from django.db import models
from django.db.models.fields.files import FieldFile

from aanjager.audit.models import AuditEntry
from aanjager.core import channel

SYSTEM_LABEL = "systeem"


def _plain(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, FieldFile):  # a stored file is recorded by its name, never its contents
        return value.name
    return value


def snapshot(instance: models.Model) -> dict:
    """The stored values of an instance: concrete fields by attribute name, many-to-many as sorted keys."""
    values = {}
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.DateTimeField) and (field.auto_now or field.auto_now_add):
            continue
        values[field.attname] = _plain(getattr(instance, field.attname))
    if instance.pk:
        for field in instance._meta.many_to_many:
            values[field.name] = sorted(str(obj) for obj in getattr(instance, field.name).all())
    return values


def diff(before: dict, after: dict) -> dict:
    keys = sorted(set(before) | set(after))
    return {
        key: {"before": before.get(key), "after": after.get(key)}
        for key in keys
        if before.get(key) != after.get(key)
    }


def record_write(*, actor, action: str, instance: models.Model, before: dict | None, organisation=None):
    """The audit row of a service write: after-values taken from the instance, none for a delete."""
    after = None if action == "delete" else snapshot(instance)
    return record(
        actor=actor, action=action, instance=instance, before=before, after=after, organisation=organisation
    )


def record(
    *,
    actor,
    action: str,
    instance: models.Model,
    before: dict | None,
    after: dict | None,
    organisation=None,
    object_id=None,
) -> AuditEntry | None:
    """Store who did what to which object. An update that changed nothing leaves no row."""
    changes = diff(before or {}, after or {})
    if action == AuditEntry.Action.UPDATE and not changes:
        return None
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=(actor.username if actor is not None else SYSTEM_LABEL)[:200],
        organisation=organisation,
        organisation_label=str(organisation or "")[:200],
        channel=channel.current(),
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(object_id if object_id is not None else instance.pk),
        object_label=str(instance)[:300],
        changes=changes,
    )
