"""Writes for company plans: keyword-only, atomic, audited in the same transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from aanjager.audit import services as audit
from aanjager.core.services import apply_changes, ensure_allowed, validated_save
from aanjager.housingtask.models import TRANSITIONS, CompanyPlan, CompanyPlanPhase

PLAN_FIELDS = {
    "name",
    "organisation",
    "sector",
    "municipality",
    "region",
    "distribution",
    "headcount_per_fte",
    "shift_factor",
    "share_operational",
    "share_migrants",
    "already_housed",
    "seasonal_peak",
    "share_long_regular",
    "target_occupancy",
    "split_short",
    "split_mid",
    "split_long",
    "notes",
}
PHASE_FIELDS = {"starts_on", "amount", "unit", "description"}


def _check_organisation(actor, fields: dict) -> None:
    from aanjager.accounts import scoping

    organisation = fields.get("organisation")
    if (
        actor is not None
        and organisation is not None
        and not scoping.allows(actor, "organisation", "view", organisation)
    ):
        raise ValidationError({"organisation": _("Choose an organisation you may see.")})


def _snapshot(plan: CompanyPlan) -> dict:
    return {
        **audit.snapshot(plan),
        "phases": [f"{p.starts_on.isoformat()} +{p.amount} {p.unit}" for p in plan.phases.all()]
        if plan.pk
        else [],
    }


@transaction.atomic
def create_company_plan(*, actor, phases=(), is_demo: bool = False, **fields) -> CompanyPlan:
    """A plan starts in exploration; `phases` is a list of dicts with starts_on, amount, unit, description."""
    plan = CompanyPlan(is_demo=is_demo, created_by=actor if getattr(actor, "pk", None) else None)
    apply_changes(plan, fields, PLAN_FIELDS)
    acting = ensure_allowed(actor, "company_plan", "create", plan)
    _check_organisation(actor, fields)
    validated_save(plan)
    for number, phase in enumerate(phases, start=1):
        _add_phase(plan, phase, number)
    audit.record(
        actor=actor, action="create", instance=plan, before=None, after=_snapshot(plan), organisation=acting
    )
    return plan


def _add_phase(plan: CompanyPlan, fields: dict, number: int) -> CompanyPlanPhase:
    unknown = set(fields) - PHASE_FIELDS
    if unknown:
        raise ValidationError(dict.fromkeys(sorted(unknown), _("This field cannot be changed here.")))
    phase = CompanyPlanPhase(plan=plan, **fields)
    try:
        validated_save(phase)
    except ValidationError as exc:
        raise ValidationError(
            {
                "phases": [
                    _("Phase %(n)s: %(field)s: %(message)s")
                    % {"n": number, "field": field, "message": message}
                    for field, messages in exc.message_dict.items()
                    for message in messages
                ]
            }
        ) from None
    return phase


@transaction.atomic
def update_company_plan(*, actor, plan: CompanyPlan, phases=None, **changes) -> CompanyPlan:
    """Change the plan; a list of `phases` replaces all its phases."""
    plan = CompanyPlan.objects.select_for_update().get(pk=plan.pk)
    acting = ensure_allowed(actor, "company_plan", "change", plan)
    before = _snapshot(plan)
    _check_organisation(actor, changes)
    apply_changes(plan, changes, PLAN_FIELDS)
    ensure_allowed(actor, "company_plan", "change", plan)  # not moved out of the actor's reach
    validated_save(plan)
    if phases is not None:
        plan.phases.all().delete()
        for number, phase in enumerate(phases, start=1):
            _add_phase(plan, phase, number)
    audit.record(
        actor=actor, action="update", instance=plan, before=before, after=_snapshot(plan), organisation=acting
    )
    return plan


@transaction.atomic
def change_status(*, actor, plan: CompanyPlan, status: str) -> CompanyPlan:
    """Confirmed plans add to the housing task's demand; the allowed changes are one table (TRANSITIONS)."""
    plan = CompanyPlan.objects.select_for_update().get(pk=plan.pk)
    acting = ensure_allowed(actor, "company_plan", "change", plan)
    if status == plan.status:
        return plan
    if status not in TRANSITIONS.get(plan.status, set()):
        raise ValidationError({"status": _("This status change is not possible.")})
    if status == CompanyPlan.Status.CONFIRMED and actor is not None:
        # Confirming adds demand to the region's housing task: for those who make its estimates, not the company.
        from aanjager.accounts import scoping
        from aanjager.estimates.models import EstimateRun

        if not scoping.allows(actor, "estimate_run", "create", EstimateRun(region=plan.region)):
            raise ValidationError(
                {
                    "status": _(
                        "Only the region's municipalities and coordinators confirm a plan for the housing task."
                    )
                }
            )
    if status == CompanyPlan.Status.CONFIRMED and not plan.phases.exists():
        raise ValidationError({"status": _("A plan without phases cannot be confirmed: add the jobs first.")})
    before = _snapshot(plan)
    plan.status = status
    plan.save(update_fields=["status"])
    audit.record(
        actor=actor, action="update", instance=plan, before=before, after=_snapshot(plan), organisation=acting
    )
    return plan


@transaction.atomic
def add_phase(*, actor, plan: CompanyPlan, **fields) -> CompanyPlanPhase:
    acting = ensure_allowed(actor, "company_plan", "change", plan)
    before = _snapshot(plan)
    phase = _add_phase(plan, fields, plan.phases.count() + 1)
    audit.record(
        actor=actor, action="update", instance=plan, before=before, after=_snapshot(plan), organisation=acting
    )
    return phase


@transaction.atomic
def delete_phase(*, actor, phase: CompanyPlanPhase) -> None:
    plan = phase.plan
    acting = ensure_allowed(actor, "company_plan", "change", plan)
    before = _snapshot(plan)
    if plan.status == CompanyPlan.Status.CONFIRMED and plan.phases.count() == 1:
        raise ValidationError(_("A confirmed plan keeps at least one phase."))
    phase.delete()
    audit.record(
        actor=actor, action="update", instance=plan, before=before, after=_snapshot(plan), organisation=acting
    )


@transaction.atomic
def delete_company_plan(*, actor, plan: CompanyPlan) -> None:
    acting = ensure_allowed(actor, "company_plan", "delete", plan)
    audit.record(
        actor=actor, action="delete", instance=plan, before=_snapshot(plan), after=None, organisation=acting
    )
    plan.delete()
