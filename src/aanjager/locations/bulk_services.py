"""Bulk import of locations: judge every row (preview), then apply all rows or none.

A row with an id changes that location (only the columns the file has; an empty cell empties the field); a row
without one registers a new location. Each row is judged with the model's own rules and the actor's rights, so
the preview says exactly what the services would refuse."""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from aanjager.accounts import scoping
from aanjager.audit import services as audit
from aanjager.geo.models import Municipality
from aanjager.locations import bulk, selectors, services, workflow
from aanjager.locations.models import TRACKED_FIELDS, Location, LocationImport, LocationVersion
from aanjager.organisations import selectors as organisation_selectors
from aanjager.organisations.models import Organisation

NOT_COMPARED = {"id", "effective"}


@dataclass
class RowResult:
    row: int
    action: str = "create"  # create | update | unchanged | error
    location_id: int | None = None
    name: str = ""
    values: dict = field(default_factory=dict)  # field → value, for the services
    status: str | None = None  # a status change of an existing location (through the lifecycle)
    effective: dt.date | None = None
    changes: list = field(default_factory=list)  # (column, before, after) as text
    errors: dict = field(default_factory=dict)  # column → [messages]

    def error(self, column: str, message: str) -> None:
        self.errors.setdefault(column, []).append(str(message))


class _Lookups:
    """Municipalities by code and the organisations the actor may see, by KvK number and by name."""

    def __init__(self, actor):
        self.municipalities = {m.code: m for m in Municipality.objects.all()}
        visible = Organisation.objects.all()
        if actor:
            # Those the actor may see, and those already linked to a location the actor may see (so that an
            # exported file goes back in as it came out).
            locations = selectors.locations(user=actor).values("pk")
            visible = Organisation.objects.filter(
                Q(pk__in=organisation_selectors.organisations(user=actor).values("pk"))
                | Q(operated_locations__in=locations)
                | Q(owned_locations__in=locations)
                | Q(housed_at_locations__in=locations)
            ).distinct()
        self.by_kvk, self.by_name = {}, {}
        for organisation in visible:
            if organisation.kvk_number:
                self.by_kvk[organisation.kvk_number] = organisation
            self.by_name.setdefault(organisation.name.casefold(), []).append(organisation)

    def organisation(self, text: str):
        """(organisation, None) or (None, message)."""
        if text.isdigit() and len(text) == 8:
            found = self.by_kvk.get(text)
            return (
                (found, None) if found else (None, f"geen organisatie met KvK-nummer {text} die u mag zien")
            )
        matches = self.by_name.get(text.casefold(), [])
        if len(matches) == 1:
            return matches[0], None
        if matches:
            return None, f"meer organisaties heten '{text}'; gebruik het KvK-nummer"
        return None, f"geen organisatie '{text}' die u mag zien"


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list | set | tuple):
        return bulk.LIST_SEPARATOR.join(sorted(str(v) for v in value))
    if isinstance(value, Organisation | Municipality):
        return value.name
    return str(value)


def _convert(raw: dict, result: RowResult, lookups: _Lookups) -> dict:
    values = {}
    for name, text in raw.items():
        if name == "_row":
            continue
        column = bulk.BY_NAME[name]
        value, problem = bulk.to_value(column, text)
        if problem:
            result.error(name, problem)
            continue
        if column.kind == "code" and value is not None:
            value = lookups.municipalities.get(value.upper())
            if value is None:
                result.error(name, f"onbekende gemeentecode '{text}'")
                continue
        elif column.kind == "organisation" and value is not None:
            value, problem = lookups.organisation(value)
            if problem:
                result.error(name, problem)
                continue
        elif column.kind == "organisations":
            found = []
            for part in value:
                organisation, problem = lookups.organisation(part)
                if problem:
                    result.error(name, problem)
                else:
                    found.append(organisation)
            value = found
        values[name] = value
    return values


def _judge_row(actor, raw: dict, lookups: _Lookups, visible_ids: set, seen_ids: set) -> RowResult:
    result = RowResult(row=raw["_row"])
    values = _convert(raw, result, lookups)
    location_id = values.pop("id", None)
    result.effective = values.pop("effective", None)
    employers = values.pop("employers", None)
    if location_id is not None:
        if location_id not in visible_ids:
            result.error("id", f"geen locatie met nummer {location_id} die u mag zien")
            result.action = "error"  # not "create": apply would then register an empty location
            return result
        if location_id in seen_ids:
            result.error("id", f"locatie {location_id} staat meer dan eens in het bestand")
            result.action = "error"
            return result
        seen_ids.add(location_id)
        location = Location.objects.select_related("municipality", "operator", "owner").get(pk=location_id)
        result.action, result.location_id = "update", location_id
        status = values.pop("status", None)
        if status and status not in Location.Status.values:
            result.error("status", f"onbekende status '{status}'")
        elif status and status != location.status:
            if not workflow.allowed(location.status, status):
                result.error("status", f"van {location.status} naar {status} kan niet")
            result.status = status
        before = {name: getattr(location, name) for name in values}
        before_status = location.status
        before_employers = set(location.employers.all())
        if "target_groups" in values:
            values["target_groups"] = values["target_groups"] or []
        for name, value in values.items():
            setattr(location, name, value if value is not None else _empty(name))
        # Allowed to change the location as it is, and as it would be (not moved out of reach).
        if actor and not (
            scoping.allows(actor, "location", "change", Location.objects.get(pk=location_id))
            and scoping.allows(actor, "location", "change", location)
        ):
            result.error("id", "u mag deze locatie (zo) niet wijzigen")
    else:
        values.setdefault("status", None)
        values["status"] = values["status"] or Location.Status.IN_USE
        if "target_groups" in values:
            values["target_groups"] = values["target_groups"] or []
        location = Location(**{k: (v if v is not None else _empty(k)) for k, v in values.items()})
        before, before_employers, before_status = {}, set(), None
        known = "municipality" not in result.errors and "operator" not in result.errors
        if actor and known and not scoping.allows(actor, "location", "create", location):
            result.error(
                "operator", "u mag voor deze huisvester of in deze gemeente geen locaties registreren"
            )
    result.name = location.name
    try:
        location.full_clean(exclude=[name for name in ("municipality", "operator") if name in result.errors])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            for message in messages:
                result.error(name if name in bulk.BY_NAME else "name", message)
    result.values = {k: (v if v is not None else _empty(k)) for k, v in values.items()}
    if employers is not None:
        result.values["employers"] = employers
    if result.errors:
        result.action = "error"
        return result
    if result.action == "update":
        for name, old in before.items():
            new = result.values.get(name)
            if name not in NOT_COMPARED and _text(old) != _text(new):
                result.changes.append((name, _text(old), _text(new)))
        if employers is not None and set(employers) != before_employers:
            result.changes.append(("employers", _text(before_employers), _text(employers)))
        if result.status:
            result.changes.append(("status", before_status, result.status))
        if not result.changes:
            result.action = "unchanged"
        _check_effective(result)
    return result


def _check_effective(result: RowResult) -> None:
    """A change of a tracked field cannot count from before the location's last change (services refuse it)."""
    tracked = {name.removesuffix("_id") for name in TRACKED_FIELDS}
    if not any(name in tracked for name, _old, _new in result.changes):
        return
    effective = result.effective or timezone.localdate()
    current = LocationVersion.objects.filter(location_id=result.location_id, valid_to__isnull=True).first()
    if current is not None and effective < current.valid_from:
        result.error(
            "effective", f"een wijziging kan niet ingaan vóór de vorige ({current.valid_from:%d-%m-%Y})"
        )
        result.action = "error"


def _empty(name: str):
    """What an empty cell means for a field: blank text, False for yes/no fields that cannot be unknown."""
    model_field = Location._meta.get_field(name)
    if model_field.null or model_field.is_relation:
        return None  # a required municipality or operator left empty: full_clean says so, for that column
    if model_field.get_internal_type() == "BooleanField":
        return False
    if model_field.get_internal_type() == "JSONField":
        return []
    return ""


def judge(*, actor, rows: list[dict]) -> list[RowResult]:
    lookups = _Lookups(actor)
    visible = selectors.locations(user=actor) if actor else Location.objects.all()
    visible_ids = set(visible.values_list("pk", flat=True))
    seen: set = set()
    return [_judge_row(actor, raw, lookups, visible_ids, seen) for raw in rows]


def summary(results: list[RowResult]) -> dict:
    counts = {"create": 0, "update": 0, "unchanged": 0, "error": 0}
    for result in results:
        counts[result.action] += 1
    return counts


@transaction.atomic
def stage_import(*, actor, file_name: str, data: bytes) -> tuple[LocationImport, list[RowResult]]:
    """Read and judge the file; keep its rows for the apply step. A file that cannot be read raises
    ValidationError with the reason and keeps nothing."""
    try:
        rows = bulk.read_table(data, file_name)
    except bulk.FileProblem as exc:
        raise ValidationError({"file": str(exc)}) from None
    staged = LocationImport.objects.create(
        created_by=actor,
        file_name=file_name[:255],
        file_size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        rows=rows,
    )
    results = judge(actor=actor, rows=rows)
    staged.summary = summary(results)
    staged.save(update_fields=["summary"])
    return staged, results


@transaction.atomic
def apply_import(*, actor, staged: LocationImport) -> dict:
    """Judge the rows again (the register may have changed since the preview) and apply them all, or none."""
    staged = LocationImport.objects.select_for_update().get(pk=staged.pk)
    if staged.status != LocationImport.Status.PREVIEWED:
        raise ValidationError(_("This import was already applied or discarded."))
    if staged.created_by_id != getattr(actor, "pk", None):
        raise ValidationError(_("Only the person who uploaded this file can apply it."))
    results = judge(actor=actor, rows=staged.rows)
    if any(r.action == "error" for r in results):
        raise ValidationError(_("Some rows have errors now; nothing was saved. Upload the file again."))
    today = timezone.localdate()
    for result in results:
        if result.action == "create":
            services.create_location(actor=actor, effective=result.effective or today, **result.values)
        elif result.action == "update":
            location = Location.objects.get(pk=result.location_id)
            values = {k: v for k, v in result.values.items() if k != "status"}
            location = services.update_location(
                actor=actor, location=location, effective=result.effective or today, **values
            )
            if result.status:
                services.change_status(
                    actor=actor, location=location, status=result.status, effective=result.effective or today
                )
    staged.status = LocationImport.Status.APPLIED
    staged.applied_at = timezone.now()
    staged.summary = summary(results)
    staged.save(update_fields=["status", "applied_at", "summary"])
    audit.record(
        actor=actor,
        action="create",
        instance=staged,
        before=None,
        after={"file": staged.file_name, "sha256": staged.sha256, **staged.summary},
        organisation=None,
    )
    return staged.summary


def _reference(organisation) -> str:
    return organisation.kvk_number or organisation.name if organisation else ""


def export_rows(locations) -> list[list]:
    """The register in the import's columns, one row per location: what comes out goes back in unchanged."""
    rows = []
    for location in locations.prefetch_related("employers").select_related(
        "municipality", "operator", "owner"
    ):
        row = []
        for column in bulk.COLUMNS:
            if column.name == "effective":
                value = None
            elif column.kind == "code":
                value = location.municipality.code
            elif column.kind == "organisation":
                value = _reference(getattr(location, column.name))
            elif column.name == "employers":
                value = bulk.LIST_SEPARATOR.join(sorted(_reference(e) for e in location.employers.all()))
            elif column.name == "target_groups":
                value = bulk.LIST_SEPARATOR.join(location.target_groups or [])
            else:
                value = getattr(location, column.name)
            row.append(value)
        rows.append(row)
    return rows
