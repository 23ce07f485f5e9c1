"""What every service shares: the permission check and a save that validates first."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from aanjager.accounts import scoping


class NotAllowed(PermissionDenied):
    """The acting user may not do this. Views answer 403, the API a Problem JSON 403."""


def ensure_allowed(actor, object_type: str, action: str, obj=None):
    """Raise NotAllowed unless the actor may act; return the organisation acted for (None for the system)."""
    if actor is None:  # the system itself: command line and data loaders
        return None
    if not scoping.allows(actor, object_type, action, obj):
        raise NotAllowed(f"{actor} may not {action} this {object_type}.")
    return scoping.acting_organisation(actor, object_type, action, obj)


def validated_save(instance: models.Model, *, exclude=None) -> models.Model:
    """full_clean then save; ValidationError carries field names for forms and the API."""
    instance.full_clean(exclude=exclude)
    instance.save()
    return instance


def apply_changes(instance: models.Model, changes: dict, allowed: set[str]) -> None:
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be changed here.")))
    for field, value in changes.items():
        setattr(instance, field, value)


def check_visible_choices(actor, fields: dict) -> None:
    """A write may name only organisations, locations, measure packages and scenarios the actor may see (the system may name all)."""
    if actor is None:
        return
    organisation = fields.get("organisation")
    if organisation is not None and not scoping.allows(actor, "organisation", "view", organisation):
        raise ValidationError({"organisation": _("Choose an organisation you may see.")})
    location = fields.get("location")
    if location is not None and not scoping.allows(actor, "location", "view", location):
        raise ValidationError({"location": _("Choose a location you may see.")})
    package = fields.get("measure_package")
    if package is not None and not scoping.allows(actor, "programme", "view", package.spearhead.programme):
        raise ValidationError({"measure_package": _("Choose a measure package of a programme you may see.")})
    scenario = fields.get("scenario")
    if scenario is not None and not scoping.allows(actor, "estimate_run", "view", scenario.run):
        raise ValidationError({"scenario": _("Choose a scenario you may see.")})
