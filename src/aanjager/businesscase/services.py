"""Writes for business cases and their variants. Keyword-only, atomic, audited in the same transaction.
A variant belongs to its case: changing a variant is changing the case."""

from django.db import transaction

from aanjager.audit import services as audit
from aanjager.businesscase.models import BusinessCase, Variant
from aanjager.core.services import apply_changes, check_visible_choices, ensure_allowed, validated_save

CASE_FIELDS = {"name", "municipality", "organisation", "location", "measure_package", "weights", "notes"}
VARIANT_FIELDS = {
    "name",
    "housing_form",
    "beds",
    "floor_area_per_bed",
    "capex_per_bed",
    "capex_per_m2",
    "land_lease_per_year",
    "permit_term_years",
    "residual_percent",
    "rent_per_bed_per_week",
    "occupancy_percent",
    "opex_per_bed_per_week",
    "rent_indexation_percent",
    "cost_indexation_percent",
    "interest_percent",
    "loan_percent",
    "discount_percent",
    "weekly_hours",
    "scores",
}


@transaction.atomic
def create_case(*, actor, is_demo: bool = False, **fields) -> BusinessCase:
    apply_changes(BusinessCase(), fields, CASE_FIELDS)
    case = BusinessCase(is_demo=is_demo, **fields)
    acting = ensure_allowed(actor, "business_case", "create", case)
    check_visible_choices(actor, fields)
    validated_save(case)
    audit.record_write(actor=actor, action="create", instance=case, before=None, organisation=acting)
    return case


@transaction.atomic
def update_case(*, actor, case: BusinessCase, **changes) -> BusinessCase:
    case = BusinessCase.objects.select_for_update().get(pk=case.pk)
    ensure_allowed(actor, "business_case", "change", case)
    before = audit.snapshot(case)
    check_visible_choices(actor, changes)
    apply_changes(case, changes, CASE_FIELDS)
    acting = ensure_allowed(actor, "business_case", "change", case)  # not moved out of the actor's reach
    validated_save(case)
    audit.record_write(actor=actor, action="update", instance=case, before=before, organisation=acting)
    return case


@transaction.atomic
def delete_case(*, actor, case: BusinessCase) -> None:
    acting = ensure_allowed(actor, "business_case", "delete", case)
    before = {**audit.snapshot(case), "variants": case.variants.count()}
    audit.record(actor=actor, action="delete", instance=case, before=before, after=None, organisation=acting)
    case.delete()


@transaction.atomic
def add_variant(*, actor, case: BusinessCase, **fields) -> Variant:
    acting = ensure_allowed(actor, "business_case", "change", case)
    apply_changes(Variant(), fields, VARIANT_FIELDS)
    variant = Variant(case=case, **fields)
    validated_save(variant)
    audit.record_write(actor=actor, action="create", instance=variant, before=None, organisation=acting)
    return variant


@transaction.atomic
def update_variant(*, actor, variant: Variant, **changes) -> Variant:
    variant = Variant.objects.select_for_update().select_related("case").get(pk=variant.pk)
    acting = ensure_allowed(actor, "business_case", "change", variant.case)
    before = audit.snapshot(variant)
    apply_changes(variant, changes, VARIANT_FIELDS)
    validated_save(variant)
    audit.record_write(actor=actor, action="update", instance=variant, before=before, organisation=acting)
    return variant


@transaction.atomic
def delete_variant(*, actor, variant: Variant) -> None:
    acting = ensure_allowed(actor, "business_case", "change", variant.case)
    audit.record(
        actor=actor,
        action="delete",
        instance=variant,
        before=audit.snapshot(variant),
        after=None,
        organisation=acting,
    )
    variant.delete()
