"""Writes for bed-voor-bed plans and their steps. Keyword-only, atomic, audited in the same transaction.

A step belongs to its plan: changing a step is changing the plan, so the plan's rights decide."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aanjager.audit import services as audit
from aanjager.core.services import apply_changes, ensure_allowed, validated_save
from aanjager.locations.models import BedPlan, BedPlanStep

PLAN_FIELDS = {"name", "provider", "municipality", "agreed_on", "notes"}
STEP_FIELDS = {"old_location", "beds_out", "out_on", "new_location", "beds_in", "in_on", "status", "notes"}


def _check_reach(actor, plan: BedPlan | None, fields: dict) -> None:
    """Only organisations and locations the actor may see; a location taken out lies in the plan's municipality."""
    from aanjager.accounts import scoping

    if actor is None:
        return
    provider = fields.get("provider")
    if provider is not None and not scoping.allows(actor, "organisation", "view", provider):
        raise ValidationError({"provider": _("Choose an organisation you may see.")})
    for name in ("old_location", "new_location"):
        location = fields.get(name)
        if location is not None and not scoping.allows(actor, "location", "view", location):
            raise ValidationError({name: _("Choose a location you may see.")})
    old = fields.get("old_location")
    if plan is not None and old is not None and old.municipality_id != plan.municipality_id:
        raise ValidationError({"old_location": _("The beds taken out must lie in the plan's municipality.")})


def _check_fields(fields: dict, allowed: set[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be changed here.")))


@transaction.atomic
def create_bed_plan(*, actor, is_demo: bool = False, **fields) -> BedPlan:
    _check_fields(fields, PLAN_FIELDS)
    plan = BedPlan(is_demo=is_demo, **fields)
    acting = ensure_allowed(actor, "bed_plan", "create", plan)
    _check_reach(actor, None, fields)
    validated_save(plan)
    audit.record(
        actor=actor,
        action="create",
        instance=plan,
        before=None,
        after=audit.snapshot(plan),
        organisation=acting or plan.provider,
    )
    return plan


@transaction.atomic
def update_bed_plan(*, actor, plan: BedPlan, **changes) -> BedPlan:
    plan = BedPlan.objects.select_for_update().get(pk=plan.pk)
    acting = ensure_allowed(actor, "bed_plan", "change", plan)
    before = audit.snapshot(plan)
    _check_reach(actor, None, changes)
    apply_changes(plan, changes, PLAN_FIELDS)
    ensure_allowed(actor, "bed_plan", "change", plan)  # not moved out of the actor's reach
    if "provider" in changes:
        for step in plan.steps.select_related("old_location", "new_location"):
            step.plan = plan
            try:
                step.full_clean()
            except ValidationError:
                raise ValidationError(
                    {"provider": _("The plan's steps name locations that this provider does not run.")}
                ) from None
    validated_save(plan)
    audit.record(
        actor=actor,
        action="update",
        instance=plan,
        before=before,
        after=audit.snapshot(plan),
        organisation=acting,
    )
    return plan


@transaction.atomic
def delete_bed_plan(*, actor, plan: BedPlan) -> None:
    acting = ensure_allowed(actor, "bed_plan", "delete", plan)
    audit.record(
        actor=actor,
        action="delete",
        instance=plan,
        before={**audit.snapshot(plan), "steps": plan.steps.count()},
        after=None,
        organisation=acting,
    )
    plan.delete()


@transaction.atomic
def add_step(*, actor, plan: BedPlan, **fields) -> BedPlanStep:
    _check_fields(fields, STEP_FIELDS)
    plan = BedPlan.objects.select_for_update().get(pk=plan.pk)
    acting = ensure_allowed(actor, "bed_plan", "change", plan)
    _check_reach(actor, plan, fields)
    step = BedPlanStep(plan=plan, **fields)
    validated_save(step)
    audit.record(
        actor=actor,
        action="create",
        instance=step,
        before=None,
        after=audit.snapshot(step),
        organisation=acting,
    )
    return step


@transaction.atomic
def update_step(*, actor, step: BedPlanStep, **changes) -> BedPlanStep:
    step = BedPlanStep.objects.select_for_update().select_related("plan").get(pk=step.pk)
    acting = ensure_allowed(actor, "bed_plan", "change", step.plan)
    _check_reach(actor, step.plan, changes)
    before = audit.snapshot(step)
    apply_changes(step, changes, STEP_FIELDS)
    validated_save(step)
    audit.record(
        actor=actor,
        action="update",
        instance=step,
        before=before,
        after=audit.snapshot(step),
        organisation=acting,
    )
    return step


@transaction.atomic
def delete_step(*, actor, step: BedPlanStep) -> None:
    step = BedPlanStep.objects.select_related("plan").get(pk=step.pk)
    acting = ensure_allowed(actor, "bed_plan", "change", step.plan)
    audit.record(
        actor=actor,
        action="delete",
        instance=step,
        before=audit.snapshot(step),
        after=None,
        organisation=acting,
    )
    step.delete()
