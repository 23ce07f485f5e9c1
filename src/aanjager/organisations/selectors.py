"""Reads for organisations and contact persons, scoped to the acting user."""

from aanjager.accounts import scoping
from aanjager.organisations.models import ContactPerson, Organisation


def organisations(*, user, action: str = "view"):
    qs = Organisation.objects.select_related("seat_municipality", "seat_municipality__province")
    return scoping.filter_queryset(user, "organisation", action, qs)


def organisations_in_municipalities(*, user, municipality_ids):
    return organisations(user=user).filter(seat_municipality_id__in=municipality_ids)


def organisation_detail(*, user, pk: int) -> Organisation:
    return organisations(user=user).get(pk=pk)


def contacts(*, user, organisation: Organisation | None = None):
    qs = ContactPerson.objects.select_related("organisation")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return scoping.filter_queryset(user, "contact_person", "view", qs)
