"""SNF/AKF certificates: a location is certified only while a valid certificate covers it on the date asked."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from aanjager.accounts.models import Role
from aanjager.core.services import NotAllowed
from aanjager.locations import selectors, services
from aanjager.locations.models import Certificate
from tests.locations.test_locations import new

D = dt.date


@pytest.fixture
def world(make_world):
    return make_world(Role.POLICY_ADVISOR)


def certify(
    world, locations, number="SNF-123", valid_from=D(2024, 3, 1), valid_to=D(2025, 2, 28), actor=None
):
    return services.create_certificate(
        actor=actor or world.actor,
        scheme="snf",
        number=number,
        holder=world.home,
        valid_from=valid_from,
        valid_to=valid_to,
        locations=locations,
    )


def test_certified_beds_count_only_while_the_certificate_is_valid(world):
    kerk = new(world, beds=20, effective=D(2024, 1, 1))
    new(world, name="Zonder certificaat", beds=7, effective=D(2024, 1, 1))
    certify(world, [kerk])

    def certified(day):
        return selectors.certified_beds_in_use(user=world.actor, day=day, municipality=world.tiel)

    assert certified(D(2024, 2, 29)) == 0
    assert certified(D(2024, 3, 1)) == 20  # first day valid
    assert certified(D(2025, 2, 28)) == 20  # last day valid
    assert certified(D(2025, 3, 1)) == 0
    assert selectors.beds_in_use(user=world.actor, day=D(2025, 3, 1), municipality=world.tiel) == 27


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"valid_from": D(2025, 1, 1), "valid_to": D(2024, 12, 31)}, "valid_to"),
        ({"number": "SNF-1"}, "__all__"),  # the same number twice in one scheme
    ],
)
def test_bad_certificates_are_refused(world, kwargs, field):
    kerk = new(world)
    certify(world, [kerk], number="SNF-1")
    with pytest.raises(ValidationError) as error:
        certify(world, [kerk], **{"number": "SNF-2", **kwargs})
    assert field in error.value.message_dict
    assert Certificate.objects.count() == 1


def test_a_certificate_needs_locations_the_actor_may_change(world):
    with pytest.raises(ValidationError):
        certify(world, [])
    far_away = world.locations["out"]
    with pytest.raises(NotAllowed):
        certify(world, [far_away])
    assert not Certificate.objects.exists()


def test_pages_show_certificates_and_warn_before_they_end(client, world):
    kerk = new(world, beds=20, effective=D(2024, 1, 1))
    today = dt.date.today()
    client.force_login(world.actor)
    response = client.post(
        f"/locaties/{kerk.pk}/certificaten/",
        {
            "certificaat-scheme": "snf",
            "certificaat-number": "SNF-777",
            "certificaat-holder": world.home.pk,
            "certificaat-valid_from": (today - dt.timedelta(days=300)).isoformat(),
            "certificaat-valid_to": (today + dt.timedelta(days=20)).isoformat(),
        },
    )
    assert response.status_code == 302
    page = client.get(f"/locaties/{kerk.pk}/").content.decode()
    assert "SNF-777" in page and "verloopt over 20 dagen" in page and "Gecertificeerd op" in page
    listing = client.get("/locaties/").content.decode()
    assert "Certificaten die rond vandaag aflopen" in listing and "SNF-777" in listing
    assert "Gecertificeerd: 20" in listing
    bad = client.post(
        f"/locaties/{kerk.pk}/certificaten/",
        {"certificaat-scheme": "snf", "certificaat-number": "", "certificaat-holder": world.home.pk},
    )
    assert bad.status_code == 400 and "Verbeter het volgende" in bad.content.decode()


def test_certified_beds_that_meet_the_norms_on_a_date(world):
    complete = {
        "bedrooms": 10,
        "max_persons_per_bedroom": 2,
        "floor_area_gbo": 260,
        "bedroom_area": 80,
        "toilets": 3,
        "showers": 3,
        "bunk_beds": False,
        "under_one_roof": True,
        "new_build": False,
    }
    good = new(world, beds=20, effective=D(2024, 1, 1), **complete)
    cramped = new(world, name="Krap", beds=20, effective=D(2024, 1, 1), **{**complete, "floor_area_gbo": 120})
    unknown = new(world, name="Onbekend", beds=6, effective=D(2024, 1, 1))
    certify(world, [good, cramped, unknown], valid_from=D(2024, 1, 1), valid_to=D(2026, 12, 31))
    result = selectors.compliant_certified_beds(user=world.actor, day=D(2025, 8, 1), municipality=world.tiel)
    # good: all 20; cramped: 120 m² / 12 m² = 10 beds; unknown: its facts are missing
    assert result == {"compliant": 30, "unknown": 6}


def test_an_operator_cannot_certify_its_own_location(make_world):
    provider = make_world(Role.HOUSING_PROVIDER)
    with pytest.raises(NotAllowed):
        certify(provider, [provider.locations["own"]])
    assert not Certificate.objects.exists()
