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
    if object_type in (
        "bed_plan",
        "norm_rule",
        "company_plan",
        "business_case",
        "policy_scan",
        "participation",
    ):
        return {obj.municipality_id}
    if object_type == "user" and obj.pk:
        return set(obj.memberships.values_list("organisation__seat_municipality_id", flat=True))
    return set()


def _agreement_in_area(agreement, grant: Grant) -> bool:
    if agreement.region_id:
        return agreement.region_id in grant.region_ids
    ids = agreement.covered_municipality_ids()
    return bool(ids) and ids <= grant.municipality_ids


def _agreement_is_own(agreement, grant: Grant) -> bool:
    if agreement.pk is None:
        return False
    if agreement.parties.filter(organisation_id=grant.organisation_id).exists():
        return True
    from aanjager.agreements.models import TeamMember

    return (
        bool(agreement.region_id)
        and TeamMember.objects.filter(
            team__region_id=agreement.region_id, organisation_id=grant.organisation_id
        ).exists()
    )


def _instance_is_own(object_type, obj, grant: Grant) -> bool:
    if object_type == "agreement":
        return _agreement_is_own(obj, grant)
    if object_type == "progress_update":
        return obj.commitment.organisation_id == grant.organisation_id
    if object_type == "team":
        return obj.pk is not None and obj.members.filter(organisation_id=grant.organisation_id).exists()
    if object_type == "meeting":
        return obj.pk is not None and obj.participants.filter(pk=grant.organisation_id).exists()
    if object_type == "estimate_run":
        return obj.organisation_id == grant.organisation_id
    if object_type == "location":
        return obj.operator_id == grant.organisation_id
    if object_type == "inspection":
        return obj.location.operator_id == grant.organisation_id
    if object_type == "bed_plan":
        return obj.provider_id == grant.organisation_id
    if object_type in ("company_plan", "business_case", "policy_scan"):
        return obj.organisation_id is not None and obj.organisation_id == grant.organisation_id
    if object_type == "participation":
        return obj.municipality_id == grant.membership.organisation.seat_municipality_id
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
    if object_type in ("estimate_run", "team", "meeting", "progress_report", "programme"):
        return obj.region_id is not None and obj.region_id in grant.region_ids
    if object_type == "participation" and obj.measure.programme.region_id not in grant.region_ids:
        return False
    if object_type == "agreement":
        return _agreement_in_area(obj, grant)
    if object_type == "progress_update":
        return _agreement_in_area(obj.commitment.agreement, grant)
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
            "business_case": Q(organisation_id=grant.organisation_id),
            "policy_scan": Q(organisation_id=grant.organisation_id),
            "participation": Q(municipality_id=grant.membership.organisation.seat_municipality_id),
            "agreement": _own_agreements_q(grant.organisation_id),
            "progress_update": Q(commitment__organisation_id=grant.organisation_id),
            "team": Q(pk__in=_team_ids_with_member(grant.organisation_id)),
            "meeting": Q(pk__in=_meeting_ids_with(grant.organisation_id)),
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
        "business_case": Q(municipality_id__in=grant.municipality_ids),
        "policy_scan": Q(municipality_id__in=grant.municipality_ids),
        "programme": Q(region_id__in=grant.region_ids),
        "participation": Q(
            municipality_id__in=grant.municipality_ids,
            measure__package__spearhead__programme__region_id__in=grant.region_ids,
        ),
        "user": Q(memberships__organisation__seat_municipality_id__in=grant.municipality_ids)
        | Q(memberships__isnull=True),
        "agreement": _agreements_in_area_q(grant),
        "progress_update": Q(commitment__agreement__in=_agreements_in_area(grant)),
        "team": Q(region_id__in=grant.region_ids),
        "meeting": Q(region_id__in=grant.region_ids),
        "progress_report": Q(region_id__in=grant.region_ids),
    }
    return area.get(object_type, Q(pk__in=[]))


def _agreements_in_area_q(grant: Grant) -> Q:
    """A region's agreement by its region; one between single municipalities when it covers only area ones."""
    from aanjager.agreements.models import Agreement

    covered = Agreement.municipalities.through.objects
    inside = covered.filter(municipality_id__in=grant.municipality_ids).values("agreement_id")
    outside = covered.exclude(municipality_id__in=grant.municipality_ids).values("agreement_id")
    return Q(region_id__in=grant.region_ids) | (Q(region__isnull=True, pk__in=inside) & ~Q(pk__in=outside))


def _agreements_in_area(grant: Grant):
    from aanjager.agreements.models import Agreement

    return Agreement.objects.filter(_agreements_in_area_q(grant)).values("pk")


def _team_ids_with_member(organisation_id):
    from aanjager.agreements.models import TeamMember

    return TeamMember.objects.filter(organisation_id=organisation_id).values("team_id")


def _meeting_ids_with(organisation_id):
    from aanjager.agreements.models import Meeting

    return Meeting.participants.through.objects.filter(organisation_id=organisation_id).values("meeting_id")


def _own_agreements_q(organisation_id) -> Q:
    """A party to the agreement, or a member of the aanjaagteam of the agreement's region."""
    from aanjager.agreements.models import AgreementParty, TeamMember

    parties = AgreementParty.objects.filter(organisation_id=organisation_id).values("agreement_id")
    team_regions = TeamMember.objects.filter(organisation_id=organisation_id).values("team__region_id")
    return Q(pk__in=parties) | Q(region_id__in=team_regions)


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
