"""Apply the policy table to a user and to objects or querysets.

Each object type says how it ties to a place (municipalities) and to an owner (organisation or user);
the policy scope then decides. `allows` answers for one (possibly unsaved) object, `filter_queryset` for many;
both follow the same rules, and the scoping tests check every cell through both.
"""

from functools import cached_property

from django.db.models import Q, QuerySet

from aanjager.accounts.models import Membership, Role
from aanjager.accounts.policy import ROLES_A_COORDINATOR_MAY_GRANT, Scope, scope
from aanjager.geo.models import Region


class Grant:
    """One membership seen as a permission holder."""

    def __init__(self, membership: Membership):
        self.membership = membership
        self.role = membership.role
        self.organisation_id = membership.organisation_id
        self.user_id = membership.user_id

    @cached_property
    def region_ids(self) -> set[int]:
        if self.membership.region_id:
            return {self.membership.region_id}
        seat = self.membership.organisation.seat_municipality_id
        return set(Region.objects.filter(municipalities=seat).values_list("id", flat=True))

    @cached_property
    def municipality_ids(self) -> set[int]:
        ids = set(
            Region.municipalities.through.objects.filter(region_id__in=self.region_ids).values_list(
                "municipality_id", flat=True
            )
        )
        if not self.membership.region_id:
            ids.add(self.membership.organisation.seat_municipality_id)
        return ids


def grants(user) -> list[Grant]:
    if not user or not user.is_authenticated:
        return []
    cache = getattr(user, "_aanjager_grants", None)
    if cache is None:
        memberships = Membership.objects.filter(user=user).select_related("organisation")
        cache = [Grant(m) for m in memberships]
        user._aanjager_grants = cache
    return cache


def forget(user) -> None:
    """Drop the cached grants, after the user's memberships changed."""
    if user is not None and hasattr(user, "_aanjager_grants"):
        del user._aanjager_grants


# How each object type relates to place and owner: (municipality lookup, own lookup) for querysets, and the
# same for a single instance.
def _instance_municipality_ids(object_type, obj) -> set:
    if object_type == "organisation":
        return {obj.seat_municipality_id}
    if object_type in ("contact_person", "membership"):
        return {obj.organisation.seat_municipality_id} if obj.organisation_id else set()
    if object_type == "municipality":
        return {obj.pk}
    if object_type == "location":
        return {obj.municipality_id}
    if object_type == "inspection":
        return {obj.location.municipality_id}
    if object_type in ("bed_plan", "norm_rule", "company_plan"):
        return {obj.municipality_id}
    if object_type == "user" and obj.pk:
        return set(obj.memberships.values_list("organisation__seat_municipality_id", flat=True))
    return set()


def _instance_is_own(object_type, obj, grant: Grant) -> bool:
    if object_type == "estimate_run":
        return obj.organisation_id == grant.organisation_id
    if object_type == "location":
        return obj.operator_id == grant.organisation_id
    if object_type == "inspection":
        return obj.location.operator_id == grant.organisation_id
    if object_type == "bed_plan":
        return obj.provider_id == grant.organisation_id
    if object_type == "company_plan":
        return obj.organisation_id is not None and obj.organisation_id == grant.organisation_id
    if object_type == "organisation":
        return obj.pk is not None and obj.pk == grant.organisation_id
    if object_type == "contact_person":
        return obj.organisation_id == grant.organisation_id
    if object_type == "membership":
        return obj.user_id == grant.user_id
    return False


def _instance_in_area(object_type, obj, grant: Grant) -> bool:
    if object_type == "region":
        return obj.pk in grant.region_ids
    if object_type == "estimate_run":
        return obj.region_id in grant.region_ids
    ids = _instance_municipality_ids(object_type, obj)
    if object_type == "user":  # in the area when any of their organisations is, or when not yet attached
        return not ids or bool(ids & grant.municipality_ids)
    return bool(ids) and ids <= grant.municipality_ids


def _grant_allows(grant: Grant, object_type: str, action: str, obj) -> bool:
    cell = scope(grant.role, object_type, action)
    if cell == Scope.NONE:
        return False
    if object_type == "membership" and action in ("create", "change", "delete") and obj is not None:
        if grant.role == Role.REGIONAL_COORDINATOR and obj.role not in ROLES_A_COORDINATOR_MAY_GRANT:
            return False
    if cell == Scope.ALL or obj is None:
        return True
    if cell == Scope.OWN:
        return _instance_is_own(object_type, obj, grant)
    return _instance_in_area(object_type, obj, grant)


def allows(user, object_type: str, action: str, obj=None) -> bool:
    """May this user do `action` on `obj`? With obj=None: on at least some object of this type."""
    return any(_grant_allows(g, object_type, action, obj) for g in grants(user))


def _grant_q(grant: Grant, object_type: str, action: str) -> Q | None:
    cell = scope(grant.role, object_type, action)
    if cell == Scope.NONE:
        return None
    if cell == Scope.ALL:
        return Q()
    if cell == Scope.OWN:
        own = {
            "organisation": Q(pk=grant.organisation_id),
            "contact_person": Q(organisation_id=grant.organisation_id),
            "membership": Q(user_id=grant.user_id),
            "estimate_run": Q(organisation_id=grant.organisation_id),
            "location": Q(operator_id=grant.organisation_id),
            "inspection": Q(location__operator_id=grant.organisation_id),
            "bed_plan": Q(provider_id=grant.organisation_id),
            "company_plan": Q(organisation_id=grant.organisation_id),
        }
        return own.get(object_type, Q(pk__in=[]))
    area = {
        "region": Q(pk__in=grant.region_ids),
        "organisation": Q(seat_municipality_id__in=grant.municipality_ids),
        "contact_person": Q(organisation__seat_municipality_id__in=grant.municipality_ids),
        "membership": Q(organisation__seat_municipality_id__in=grant.municipality_ids),
        "municipality": Q(pk__in=grant.municipality_ids),
        "estimate_run": Q(region_id__in=grant.region_ids),
        "location": Q(municipality_id__in=grant.municipality_ids),
        "inspection": Q(location__municipality_id__in=grant.municipality_ids),
        "bed_plan": Q(municipality_id__in=grant.municipality_ids),
        "norm_rule": Q(municipality_id__in=grant.municipality_ids),
        "company_plan": Q(municipality_id__in=grant.municipality_ids),
        "user": Q(memberships__organisation__seat_municipality_id__in=grant.municipality_ids)
        | Q(memberships__isnull=True),
    }
    return area.get(object_type, Q(pk__in=[]))


MULTI_VALUED = {"user"}


def filter_queryset(user, object_type: str, action: str, queryset: QuerySet) -> QuerySet:
    combined = None
    for grant in grants(user):
        q = _grant_q(grant, object_type, action)
        if q is None:
            continue
        if not q:  # Q() means everything
            return queryset
        combined = q if combined is None else combined | q
    if combined is None:
        return queryset.none()
    # Only the user rules follow a many-valued relation (memberships) and can repeat a row; DISTINCT elsewhere
    # would make every scoped list sort and compare all its columns for nothing.
    filtered = queryset.filter(combined)
    return filtered.distinct() if object_type in MULTI_VALUED else filtered


def acting_organisation(user, object_type: str, action: str, obj=None):
    """The organisation on whose behalf the user acts: the first membership that allows the action."""
    for grant in grants(user):
        if _grant_allows(grant, object_type, action, obj):
            return grant.membership.organisation
    return None


def grantable_roles(user) -> list[str]:
    roles = set()
    for grant in grants(user):
        if scope(grant.role, "membership", "create") == Scope.ALL:
            return [r.value for r in Role]
        if scope(grant.role, "membership", "create") == Scope.AREA:
            roles.update(ROLES_A_COORDINATOR_MAY_GRANT)
    return [r.value for r in Role if r.value in roles]
