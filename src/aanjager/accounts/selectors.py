"""Reads for users and memberships, scoped to the acting user."""

from aanjager.accounts import scoping
from aanjager.accounts.models import Membership, User


def memberships(*, user):
    qs = Membership.objects.select_related(
        "user", "organisation", "region", "organisation__seat_municipality"
    )
    return scoping.filter_queryset(user, "membership", "view", qs)


def users(*, user):
    return scoping.filter_queryset(user, "user", "view", User.objects.order_by("username"))
