"""Reads of the audit trail: administrators only (see the policy table)."""

from aanjager.accounts import scoping
from aanjager.audit.models import AuditEntry, PersonalDataView, PersonalDataViewItem


def audit_entries(
    *,
    user,
    action: str = "",
    object_type: str = "",
    actor: str = "",
    date_from=None,
    date_to=None,
    channel: str = "",
):
    qs = scoping.filter_queryset(user, "audit_entry", "view", AuditEntry.objects.all())
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if channel:
        qs = qs.filter(channel=channel)
    if date_from:
        qs = qs.filter(timestamp__date__gte=date_from)
    if date_to:
        qs = qs.filter(timestamp__date__lte=date_to)
    return qs


def object_types(*, user) -> list[str]:
    qs = scoping.filter_queryset(user, "audit_entry", "view", AuditEntry.objects.all())
    return list(qs.order_by("object_type").values_list("object_type", flat=True).distinct())


def personal_data_views(
    *, user, actor: str = "", object_type: str = "", object_id: str = "", date_from=None, date_to=None
):
    """The log of who viewed personal data: readable by those who may read the audit trail."""
    if not scoping.allows(user, "audit_entry", "view"):
        return PersonalDataView.objects.none()
    qs = PersonalDataView.objects.all()
    if actor:
        qs = qs.filter(actor_label__icontains=actor)
    if object_type or object_id:
        items = PersonalDataViewItem.objects.all()
        if object_type:
            items = items.filter(object_type=object_type)
        if object_id:
            items = items.filter(object_id=object_id)
        qs = qs.filter(pk__in=items.values("view_id"))
    if date_from:
        qs = qs.filter(timestamp__date__gte=date_from)
    if date_to:
        qs = qs.filter(timestamp__date__lte=date_to)
    return qs.prefetch_related("items")
