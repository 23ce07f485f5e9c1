"""Writes for reference data and regions. Keyword-only, atomic, audited in the same transaction."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from aanjager.audit import services as audit
from aanjager.core.services import apply_changes, ensure_allowed, validated_save
from aanjager.geo.models import Municipality, Province, Region
from aanjager.geo.municipality_list import MunicipalityRecord

REGION_FIELDS = {"name", "region_type", "description", "valid_from", "valid_to"}


@transaction.atomic
def create_region(
    *,
    actor,
    name: str,
    region_type: str = Region.Type.COOPERATION,
    municipalities=(),
    description: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> Region:
    region = Region(name=name.strip(), region_type=region_type, description=description, valid_to=valid_to)
    if valid_from is not None:
        region.valid_from = valid_from
    organisation = ensure_allowed(actor, "region", "create", region)
    validated_save(region)
    region.municipalities.set(_active_municipalities(municipalities))
    audit.record(
        actor=actor,
        action="create",
        instance=region,
        before=None,
        after=audit.snapshot(region),
        organisation=organisation,
    )
    return region


def _active_municipalities(municipalities) -> list[Municipality]:
    municipalities = list(municipalities)
    ended = [m.code for m in municipalities if m.valid_to is not None]
    if ended:
        raise ValidationError(
            {
                "municipalities": _("Ended municipalities cannot join a region: %(codes)s.")
                % {"codes": ", ".join(ended)}
            }
        )
    return municipalities


@transaction.atomic
def update_region(*, actor, region: Region, municipalities=None, **changes) -> Region:
    region = Region.objects.select_for_update().get(pk=region.pk)
    organisation = ensure_allowed(actor, "region", "change", region)
    before = audit.snapshot(region)
    apply_changes(region, changes, REGION_FIELDS)
    if "name" in changes:
        region.name = region.name.strip()
    validated_save(region)
    if municipalities is not None:
        municipalities = _active_municipalities(municipalities)
        if {m.pk for m in municipalities} != set(region.municipalities.values_list("pk", flat=True)):
            # Who draws a region's border draws a coordinator's area: only those who may create regions.
            ensure_allowed(actor, "region", "create")
        region.municipalities.set(municipalities)
    audit.record(
        actor=actor,
        action="update",
        instance=region,
        before=before,
        after=audit.snapshot(region),
        organisation=organisation,
    )
    return region


@transaction.atomic
def delete_region(*, actor, region: Region) -> None:
    organisation = ensure_allowed(actor, "region", "delete", region)
    before, pk = audit.snapshot(region), region.pk
    try:
        region.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("This region is still used by %(count)d membership(s); remove those first.")
            % {"count": len(exc.protected_objects)}
        ) from exc
    audit.record(
        actor=actor,
        action="delete",
        instance=region,
        before=before,
        after=None,
        organisation=organisation,
        object_id=pk,
    )


class _DryRun(Exception):
    pass


def apply_municipality_list(
    *,
    actor,
    records: list[MunicipalityRecord],
    effective_date: dt.date,
    changes: dict[str, str] | None = None,
    dry_run: bool = False,
) -> dict[str, list[str]]:
    """See _apply_municipality_list; with dry_run=True everything is rolled back and only the outcome returned."""
    outcome = {}
    try:
        with transaction.atomic():
            outcome = _apply_municipality_list(
                actor=actor, records=records, effective_date=effective_date, changes=changes or {}
            )
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return outcome


def _apply_municipality_list(
    *, actor, records: list[MunicipalityRecord], effective_date: dt.date, changes: dict[str, str]
) -> dict[str, list[str]]:
    """Bring the register in line with a CBS list valid from `effective_date`.

    New codes are created, known codes updated (name, province, COROP), and codes missing from the list are ended
    the day before `effective_date` — never deleted, so figures from before a merger stay valid. `changes` maps
    an ended code to the code it merged into. Returns the codes per outcome.
    """
    outcome = {"created": [], "updated": [], "ended": [], "unchanged": []}
    listed = {r.code for r in records}
    unknown_targets = sorted(
        {
            new
            for new in changes.values()
            if new not in listed and not Municipality.objects.filter(code=new).exists()
        }
    )
    if unknown_targets:
        raise ValidationError(
            _("Merger target(s) not in the list: %(codes)s") % {"codes": ", ".join(unknown_targets)}
        )
    provinces = {}
    for record in records:
        province = provinces.get(record.province_code)
        if province is None:
            province, created = Province.objects.get_or_create(
                code=record.province_code, defaults={"name": record.province_name}
            )
            if not created and province.name != record.province_name:
                province.name = record.province_name
                validated_save(province)
            provinces[record.province_code] = province
        fields = {
            "name": record.name,
            "province_id": province.pk,
            "corop_code": record.corop_code,
            "corop_name": record.corop_name,
            "centroid_lon": record.centroid_lon,
            "centroid_lat": record.centroid_lat,
        }
        existing = Municipality.objects.filter(code=record.code).first()
        if existing is None:
            municipality = validated_save(Municipality(code=record.code, valid_from=effective_date, **fields))
            audit.record(
                actor=actor,
                action="create",
                instance=municipality,
                before=None,
                after=audit.snapshot(municipality),
            )
            outcome["created"].append(record.code)
            continue
        before = audit.snapshot(existing)
        for key, value in fields.items():
            setattr(existing, key, value)
        if existing.valid_to is not None:  # listed again: revived
            existing.valid_to, existing.successor = None, None
        validated_save(existing)
        entry = audit.record(
            actor=actor, action="update", instance=existing, before=before, after=audit.snapshot(existing)
        )
        outcome["updated" if entry else "unchanged"].append(record.code)
    end = effective_date - dt.timedelta(days=1)
    for municipality in Municipality.objects.filter(valid_to__isnull=True).exclude(code__in=listed):
        before = audit.snapshot(municipality)
        municipality.valid_to = end
        target = changes.get(municipality.code)
        if target:
            municipality.successor = Municipality.objects.get(code=target)
        validated_save(municipality)
        audit.record(
            actor=actor,
            action="update",
            instance=municipality,
            before=before,
            after=audit.snapshot(municipality),
        )
        outcome["ended"].append(municipality.code)
    return outcome
