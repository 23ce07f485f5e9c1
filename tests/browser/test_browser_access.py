"""Pages a role may not open answer 403 (it may see the object, not do this) or 404 (it may not even know the
object exists), checked with the status of page.goto's response. The refusal pages pass axe-core too."""

import pytest
from django.urls import reverse

from .support import ROLES, assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FORBIDDEN = (403, 404)  # refused; which of the two is up to the view
HIDDEN = (404,)  # outside the role's scope: the answer must not reveal that the object exists
OPEN = (200,)


def world():
    """The demo region plus an organisation (with a contact and a member) outside it, in Amsterdam."""
    from aanjager.accounts import services as account_services
    from aanjager.accounts.models import Membership, Role
    from aanjager.geo.models import Municipality, Region
    from aanjager.organisations import services as org_services
    from aanjager.organisations.models import Organisation

    outside = org_services.create_organisation(
        actor=None,
        name="Ver Weg Uitzendbureau (test)",
        org_type="temp_agency",
        kvk_number="87654321",
        seat_municipality=Municipality.objects.get(code="GM0363"),
    )
    outside_contact = org_services.create_contact_person(
        actor=None, organisation=outside, name="Verre Contact"
    )
    outsider = account_services.create_user(actor=None, username="buitenstaander", password="x" * 20)
    outside_membership = account_services.create_membership(
        actor=None, user=outsider, organisation=outside, role=Role.READER
    )
    orgs = {o.name: o for o in Organisation.objects.filter(is_demo=True)}
    return {
        "region": Region.objects.get(name="Regio Rivierenland"),
        "outside": outside,
        "outside_contact": outside_contact,
        "outside_membership": outside_membership,
        "outsider": outsider,
        "orgs": orgs,
        "membership_of": lambda username: Membership.objects.get(user__username=username),
    }


def org(w, name):
    return w["orgs"][f"{name} (demo)"]


def url(name, *args):
    return reverse(name, args=args)


def cases(username: str, w: dict) -> list[tuple[str, tuple[int, ...]]]:
    """(path, acceptable statuses) for one demo role."""
    outside = [
        (url("organisations:detail", w["outside"].pk), HIDDEN),
        (url("organisations:update", w["outside"].pk), HIDDEN),
        (url("organisations:delete", w["outside"].pk), HIDDEN),
        (url("organisations:contact_create", w["outside"].pk), HIDDEN),
        (url("organisations:contact_update", w["outside_contact"].pk), HIDDEN),
        (url("accounts:membership_update", w["outside_membership"].pk), HIDDEN),
    ]
    no_admin = [
        ("/audit/", FORBIDDEN),
        ("/audit/export.csv", FORBIDDEN),
        ("/regios/nieuw/", FORBIDDEN),
        (url("geo:region_delete", w["region"].pk), FORBIDDEN),
        ("/gebruikers/nieuw/", FORBIDDEN),
        (url("accounts:user_update", w["outsider"].pk), FORBIDDEN),
    ]
    no_coordinator = [
        ("/organisaties/nieuw/", FORBIDDEN),
        ("/lidmaatschappen/nieuw/", FORBIDDEN),
        ("/gebruikers/", FORBIDDEN),
        (url("geo:region_update", w["region"].pk), FORBIDDEN),
        (url("accounts:membership_update", w["membership_of"]("beheerder").pk), FORBIDDEN),
        (url("accounts:membership_delete", w["membership_of"]("beheerder").pk), FORBIDDEN),
    ]
    lingestroom = org(w, "Woonstichting Lingestroom")  # a housing corporation in the region, nobody's own
    culemborg = org(w, "Gemeente Culemborg")  # the reader's own organisation
    per_role = {
        "coordinator": [
            *no_admin,
            *outside,
            (url("accounts:membership_update", w["membership_of"]("beheerder").pk), FORBIDDEN),
            (url("organisations:update", lingestroom.pk), OPEN),
        ],
        "beleid": [
            *no_admin,
            *no_coordinator,
            *outside,
            (url("organisations:detail", lingestroom.pk), OPEN),
            (url("organisations:update", lingestroom.pk), FORBIDDEN),
            (url("organisations:delete", lingestroom.pk), FORBIDDEN),
            (url("organisations:contact_create", lingestroom.pk), FORBIDDEN),
        ],
        "inspecteur": [
            *no_admin,
            *no_coordinator,
            *outside,
            (url("organisations:update", org(w, "Gemeente Zaltbommel").pk), FORBIDDEN),
            (url("organisations:contact_create", org(w, "Gemeente Zaltbommel").pk), FORBIDDEN),
        ],
        "huisvester": [
            *no_admin,
            *no_coordinator,
            *outside,
            (url("organisations:detail", org(w, "Flexwonen Waal & Linge").pk), OPEN),
            (url("organisations:detail", lingestroom.pk), HIDDEN),
            (url("organisations:update", lingestroom.pk), HIDDEN),
        ],
        "werkgever": [
            *no_admin,
            *no_coordinator,
            *outside,
            (url("organisations:detail", org(w, "Fruitbedrijf De Linge").pk), OPEN),
            (url("organisations:detail", org(w, "Logistiek Centrum Tiel").pk), HIDDEN),
            (url("organisations:detail", lingestroom.pk), HIDDEN),
            (url("organisations:update", lingestroom.pk), HIDDEN),
            (url("organisations:contact_update", lingestroom.contacts.first().pk), HIDDEN),
        ],
        "lezer": [
            *no_admin,
            *no_coordinator,
            *outside,
            (url("organisations:detail", culemborg.pk), OPEN),
            (url("organisations:update", culemborg.pk), FORBIDDEN),
            (url("organisations:update", lingestroom.pk), FORBIDDEN),
            (url("organisations:contact_create", culemborg.pk), FORBIDDEN),
            (url("organisations:contact_update", culemborg.contacts.first().pk), FORBIDDEN),
            (url("accounts:membership_update", w["membership_of"]("coordinator").pk), FORBIDDEN),
        ],
    }
    return per_role[username]


@pytest.mark.parametrize("username", [role for role in ROLES if role != "beheerder"])
def test_pages_outside_a_role_are_refused(login_as, username):
    page = login_as(username)
    w = world()
    wrong, checked_statuses = [], set()
    for path, expected in cases(username, w):
        response = page.goto(path)
        status = response.status if response else None
        if status not in expected:
            wrong.append(f"{path}: {status}, expected {' or '.join(map(str, expected))}")
        elif status in (403, 404) and status not in checked_statuses:
            checked_statuses.add(status)  # the refusal page itself, once per status and role
            assert page.locator("h1").count() == 1
            assert_accessible(page, f"{path} ({status} for {username})")
    assert not wrong, (
        f"{username} reached pages it should not, or was refused ones it may open:\n"
        + "\n".join(f"  {line}" for line in wrong)
    )


def test_the_administrator_reaches_everything_including_outside_the_region(login_as):
    page = login_as("beheerder")
    w = world()
    for path in (
        "/audit/",
        "/gebruikers/",
        "/gebruikers/nieuw/",
        "/regios/nieuw/",
        url("organisations:detail", w["outside"].pk),
        url("organisations:update", w["outside"].pk),
        url("accounts:user_update", w["outsider"].pk),
    ):
        response = page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
