"""Writes for local norm rules: keyword-only, atomic, audited in the same transaction."""

from django.db import transaction

from aanjager.audit import services as audit
from aanjager.core.services import apply_changes, ensure_allowed, validated_save
from aanjager.locations.models import LocalNormRule

RULE_FIELDS = {
    "municipality",
    "label",
    "kind",
    "threshold",
    "valid_from",
    "valid_to",
    "housing_forms",
    "new_build_only",
    "source",
}


@transaction.atomic
def create_local_rule(*, actor, is_demo: bool = False, **fields) -> LocalNormRule:
    rule = LocalNormRule(is_demo=is_demo)
    apply_changes(rule, fields, RULE_FIELDS)
    acting = ensure_allowed(actor, "norm_rule", "create", rule)
    validated_save(rule)
    audit.record(
        actor=actor,
        action="create",
        instance=rule,
        before=None,
        after=audit.snapshot(rule),
        organisation=acting,
    )
    return rule


@transaction.atomic
def update_local_rule(*, actor, rule: LocalNormRule, **changes) -> LocalNormRule:
    rule = LocalNormRule.objects.select_for_update().get(pk=rule.pk)
    acting = ensure_allowed(actor, "norm_rule", "change", rule)
    before = audit.snapshot(rule)
    apply_changes(rule, changes, RULE_FIELDS)
    ensure_allowed(actor, "norm_rule", "change", rule)  # not moved to a municipality outside the actor's area
    validated_save(rule)
    audit.record(
        actor=actor,
        action="update",
        instance=rule,
        before=before,
        after=audit.snapshot(rule),
        organisation=acting,
    )
    return rule


@transaction.atomic
def delete_local_rule(*, actor, rule: LocalNormRule) -> None:
    acting = ensure_allowed(actor, "norm_rule", "delete", rule)
    audit.record(
        actor=actor,
        action="delete",
        instance=rule,
        before=audit.snapshot(rule),
        after=None,
        organisation=acting,
    )
    rule.delete()
