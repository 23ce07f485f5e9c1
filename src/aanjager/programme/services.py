"""Writes for regional programmes. Keyword-only, atomic, audited in the same transaction.

The structure (phases, spearheads, packages, measures) is part of its programme: changing it is changing the
programme. A participation (one municipality's decision on one measure) is its own policy object: a municipality
decides for itself, the coordinator for the region."""

from django.db import transaction

from aanjager.audit import services as audit
from aanjager.core.services import apply_changes, ensure_allowed, validated_save
from aanjager.programme.models import Measure, MeasurePackage, Participation, Phase, Programme, Spearhead

PROGRAMME_FIELDS = {"region", "name", "description"}
PHASE_FIELDS = {"number", "name", "starts_on", "ends_on"}
SPEARHEAD_FIELDS = {"number", "name", "description"}
PACKAGE_FIELDS = {"code", "name", "description"}
MEASURE_FIELDS = {"code", "name", "description", "phase", "is_optional"}
PARTICIPATION_FIELDS = {
    "decision",
    "reason",
    "planned_start",
    "planned_end",
    "progress_percent",
    "progress_note",
}


@transaction.atomic
def create_programme(*, actor, is_demo: bool = False, **fields) -> Programme:
    apply_changes(Programme(), fields, PROGRAMME_FIELDS)
    programme = Programme(is_demo=is_demo, **fields)
    acting = ensure_allowed(actor, "programme", "create", programme)
    validated_save(programme)
    audit.record_write(actor=actor, action="create", instance=programme, before=None, organisation=acting)
    return programme


@transaction.atomic
def update_programme(*, actor, programme: Programme, **changes) -> Programme:
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    ensure_allowed(actor, "programme", "change", programme)
    before = audit.snapshot(programme)
    apply_changes(programme, changes, PROGRAMME_FIELDS)
    acting = ensure_allowed(actor, "programme", "change", programme)  # not moved out of the actor's reach
    validated_save(programme)
    audit.record_write(actor=actor, action="update", instance=programme, before=before, organisation=acting)
    return programme


@transaction.atomic
def delete_programme(*, actor, programme: Programme) -> None:
    acting = ensure_allowed(actor, "programme", "delete", programme)
    measures = Measure.objects.filter(package__spearhead__programme=programme)
    before = {**audit.snapshot(programme), "measures": measures.count()}
    audit.record(
        actor=actor, action="delete", instance=programme, before=before, after=None, organisation=acting
    )
    programme.delete()


# ------------------------------------------------------------------ structure
def programme_of(part) -> Programme:
    """The programme a phase, spearhead, measure package or measure belongs to (its rights are the programme's)."""
    if isinstance(part, Phase | Spearhead):
        return part.programme
    if isinstance(part, MeasurePackage):
        return part.spearhead.programme
    return part.package.spearhead.programme


def _add(actor, part, fields, allowed):
    apply_changes(part, fields, allowed)
    acting = ensure_allowed(actor, "programme", "change", programme_of(part))
    validated_save(part)
    audit.record_write(actor=actor, action="create", instance=part, before=None, organisation=acting)
    return part


def _update(actor, part, changes, allowed):
    part = type(part).objects.select_for_update().get(pk=part.pk)
    acting = ensure_allowed(actor, "programme", "change", programme_of(part))
    before = audit.snapshot(part)
    apply_changes(part, changes, allowed)
    validated_save(part)
    audit.record_write(actor=actor, action="update", instance=part, before=before, organisation=acting)
    return part


def _delete(actor, part) -> None:
    acting = ensure_allowed(actor, "programme", "change", programme_of(part))
    audit.record(
        actor=actor,
        action="delete",
        instance=part,
        before=audit.snapshot(part),
        after=None,
        organisation=acting,
    )
    part.delete()


@transaction.atomic
def add_phase(*, actor, programme: Programme, **fields) -> Phase:
    return _add(actor, Phase(programme=programme), fields, PHASE_FIELDS)


@transaction.atomic
def update_phase(*, actor, phase: Phase, **changes) -> Phase:
    return _update(actor, phase, changes, PHASE_FIELDS)


@transaction.atomic
def delete_phase(*, actor, phase: Phase) -> None:
    _delete(actor, phase)


@transaction.atomic
def add_spearhead(*, actor, programme: Programme, **fields) -> Spearhead:
    return _add(actor, Spearhead(programme=programme), fields, SPEARHEAD_FIELDS)


@transaction.atomic
def update_spearhead(*, actor, spearhead: Spearhead, **changes) -> Spearhead:
    return _update(actor, spearhead, changes, SPEARHEAD_FIELDS)


@transaction.atomic
def delete_spearhead(*, actor, spearhead: Spearhead) -> None:
    _delete(actor, spearhead)


@transaction.atomic
def add_package(*, actor, spearhead: Spearhead, **fields) -> MeasurePackage:
    return _add(actor, MeasurePackage(spearhead=spearhead), fields, PACKAGE_FIELDS)


@transaction.atomic
def update_package(*, actor, package: MeasurePackage, **changes) -> MeasurePackage:
    return _update(actor, package, changes, PACKAGE_FIELDS)


@transaction.atomic
def delete_package(*, actor, package: MeasurePackage) -> None:
    _delete(actor, package)


@transaction.atomic
def add_measure(*, actor, package: MeasurePackage, **fields) -> Measure:
    return _add(actor, Measure(package=package), fields, MEASURE_FIELDS)


@transaction.atomic
def update_measure(*, actor, measure: Measure, **changes) -> Measure:
    return _update(actor, measure, changes, MEASURE_FIELDS)


@transaction.atomic
def delete_measure(*, actor, measure: Measure) -> None:
    _delete(actor, measure)


# ------------------------------------------------------------------ participation
@transaction.atomic
def set_participation(*, actor, measure: Measure, municipality, **fields) -> Participation:
    """Record a municipality's decision, pace and progress on a measure: creates it the first time."""
    existing = (
        Participation.objects.select_for_update().filter(measure=measure, municipality=municipality).first()
    )
    if existing is None:
        participation = Participation(measure=measure, municipality=municipality)
        apply_changes(participation, fields, PARTICIPATION_FIELDS)
        acting = ensure_allowed(actor, "participation", "create", participation)
        validated_save(participation)
        audit.record_write(
            actor=actor, action="create", instance=participation, before=None, organisation=acting
        )
        return participation
    acting = ensure_allowed(actor, "participation", "change", existing)
    before = audit.snapshot(existing)
    apply_changes(existing, fields, PARTICIPATION_FIELDS)
    validated_save(existing)
    audit.record_write(actor=actor, action="update", instance=existing, before=before, organisation=acting)
    return existing


@transaction.atomic
def delete_participation(*, actor, participation: Participation) -> None:
    """Back to 'not decided yet'."""
    acting = ensure_allowed(actor, "participation", "delete", participation)
    audit.record(
        actor=actor,
        action="delete",
        instance=participation,
        before=audit.snapshot(participation),
        after=None,
        organisation=acting,
    )
    participation.delete()
