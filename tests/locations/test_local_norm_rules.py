"""Local norm rules: a municipality asks more than the preset; evaluation, figures, inspections, pages and API."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from aanjager.accounts.models import Role
from aanjager.core.services import NotAllowed
from aanjager.locations import norm_rule_services, selectors, services
from aanjager.locations.models import LocalNormRule

D = dt.date


@pytest.fixture
def world(make_world):
    world = make_world(Role.POLICY_ADVISOR)
    LocalNormRule.objects.all().delete()  # the world's own rules; these tests make their own
    return world


def _location(world, municipality=None, area="150"):
    location = services.create_location(
        actor=None,
        name="Logies Markt",
        street="Markt",
        house_number=1,
        postcode="4001 AB",
        place="Tiel",
        municipality=municipality or world.tiel,
        housing_form="building_units",
        beds=10,
        bedrooms=5,
        max_persons_per_bedroom=2,
        floor_area_gbo=Decimal(area),
        bedroom_area=Decimal("40"),
        toilets=2,
        showers=2,
        bunk_beds=False,
        under_one_roof=True,
        new_build=False,
        operator=world.in_area,
        effective=D(2024, 1, 1),
    )
    services.create_certificate(
        actor=None,
        scheme="snf",
        number=f"SNF-{location.pk}",
        holder=world.in_area,
        valid_from=D(2024, 1, 1),
        valid_to=D(2027, 1, 1),
        locations=[location],
    )
    return location


def _rule(world, municipality=None, **overrides):
    fields = {
        "municipality": municipality or world.tiel,
        "label": "Zestien vierkante meter",
        "kind": "area_per_person",
        "threshold": Decimal("16"),
        "valid_from": D(2025, 1, 1),
        "source": "Huisvestingsverordening Tiel 2025, art. 3",
    }
    return norm_rule_services.create_local_rule(actor=world.actor, **{**fields, **overrides})


def test_a_local_rule_lowers_the_compliant_beds_in_its_municipality_only(world):
    tiel = _location(world)  # 15 m² per person: meets SNF (12), not Tiel's 16
    bommel = _location(world, municipality=world.zaltbommel)
    day = D(2025, 8, 1)
    before = selectors.compliant_certified_beds(user=world.actor, day=day)
    assert before == {"compliant": 20, "unknown": 0}
    _rule(world)
    after = selectors.compliant_certified_beds(user=world.actor, day=day)
    assert after == {"compliant": 10 + 9, "unknown": 0}  # floor(150 / 16) = 9 in Tiel
    assert selectors.compliant_certified_beds(user=world.actor, day=D(2024, 12, 31))["compliant"] == 20
    assert tiel.pk != bommel.pk


def test_location_page_shows_the_local_rule_and_can_leave_it_out(client, world):
    location = _location(world)
    _rule(world)
    client.force_login(world.actor)
    page = client.get(f"/locaties/{location.pk}/?op=2025-08-01").content.decode()
    assert "Zestien vierkante meter" in page and "lokale regels Tiel" in page
    assert "Huisvestingsverordening Tiel 2025" in page
    without = client.get(f"/locaties/{location.pk}/?op=2025-08-01&lokaal=0").content.decode()
    assert "Zestien vierkante meter" not in without


def test_the_inspection_form_asks_about_the_local_rule(client, make_world):
    world = make_world(Role.INSPECTOR)
    location = _location(world)
    rule = norm_rule_services.create_local_rule(
        actor=None,
        municipality=world.tiel,
        label="Geen stapelbedden (lokaal)",
        kind="no_bunk_beds",
        valid_from=D(2020, 1, 1),
        source="Verordening",
    )
    client.force_login(world.actor)
    page = client.get(f"/locaties/{location.pk}/inspecties/nieuw/").content.decode()
    assert f"rule_{rule.code}" in page and "Geen stapelbedden (lokaal)" in page


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"threshold": None}, "threshold"),
        ({"threshold": Decimal("0")}, "threshold"),
        ({"kind": "no_bunk_beds", "threshold": Decimal("3")}, "threshold"),
        ({"valid_to": D(2024, 12, 31)}, "valid_to"),
        ({"housing_forms": ["castle"]}, "housing_forms"),
        ({"kind": "more_light"}, "kind"),
        ({"source": ""}, "source"),
    ],
)
def test_bad_rules_are_refused_per_field(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        _rule(world, **overrides)
    assert field in error.value.message_dict
    assert not LocalNormRule.objects.exists()


def test_only_within_the_advisors_area(world):
    with pytest.raises(NotAllowed):
        _rule(world, municipality=world.amsterdam)


def test_norms_page_lists_presets_with_sources_and_the_empty_state(client, world):
    client.force_login(world.actor)
    page = client.get("/locaties/normen/").content.decode()
    assert "SNF (vanaf 1 juli 2025)" in page and "snf-gbo-15-hotel" in page and "Advies Roemer" in page
    assert "Nog geen lokale regels" in page
    response = client.post(
        "/locaties/normen/lokaal/nieuw/",
        {"municipality": world.tiel.pk, "label": "x", "kind": "area_per_person", "valid_from": "2025-01-01"},
    )
    assert (
        response.status_code == 200
        and "Deze regel heeft een getal boven 0 nodig" in response.content.decode()
    )


def test_api_creates_and_refuses_with_field_errors(world, api_client_for):
    api = api_client_for(world.actor)
    good = api.post(
        "/api/v1/local-norm-rules",
        {
            "municipality": "GM0281",
            "label": "Eén per kamer",
            "kind": "persons_per_bedroom",
            "threshold": "1",
            "valid_from": "2026-01-01",
            "housing_forms": ["building_units"],
            "source": "Verordening 2026",
        },
        format="json",
    )
    assert good.status_code == 201, good.content
    assert good.json()["rule_code"] == f"lokaal-{good.json()['id']}"
    bad = api.post(
        "/api/v1/local-norm-rules",
        {"municipality": "GM0281", "label": "x", "kind": "persons_per_bedroom", "valid_from": "2026-01-01",
         "source": "y"},
        format="json",
    )  # fmt: skip
    assert bad.status_code == 400
    assert {p["name"] for p in bad.json()["invalid-params"]} == {"threshold"}
