"""Reads for municipalities and regions, scoped to the acting user."""

from django.db.models import Count, Prefetch

from aanjager.accounts import scoping
from aanjager.geo.models import Municipality, Province, Region


def municipalities(*, user, active_only: bool = True):
    qs = scoping.filter_queryset(
        user, "municipality", "view", Municipality.objects.select_related("province")
    )
    return qs.filter(valid_to__isnull=True) if active_only else qs


def provinces(*, user):
    if not scoping.allows(user, "municipality", "view"):
        return Province.objects.none()
    return Province.objects.annotate(municipality_count=Count("municipalities")).order_by("name")


def regions(*, user):
    qs = Region.objects.annotate(municipality_count=Count("municipalities", distinct=True)).order_by("name")
    return scoping.filter_queryset(user, "region", "view", qs)


def region_detail(*, user, pk: int) -> Region:
    """Raises Region.DoesNotExist when the region is not visible to the user."""
    qs = Region.objects.prefetch_related(
        Prefetch("municipalities", queryset=Municipality.objects.select_related("province"))
    )
    return scoping.filter_queryset(user, "region", "view", qs).get(pk=pk)
