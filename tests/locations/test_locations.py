"""Locations: validation, lifecycle, history on any date, pages and API (issue 4)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from aanjager.accounts.models import Role
from aanjager.audit.models import AuditEntry
from aanjager.locations import selectors, services, workflow
from aanjager.locations.models import Location, normalise_postcode

D = dt.date


@pytest.fixture
def world(make_world):
    return make_world(Role.POLICY_ADVISOR)


def new(world, **overrides):
    fields = {
        "name": "Logies Kerkstraat",
        "street": "Kerkstraat",
        "house_number": 12,
        "postcode": "4001 AB",
        "place": "Tiel",
        "municipality": world.tiel,
        "housing_form": "building_units",
        "beds": 20,
        "operator": world.home,
        "effective": D(2024, 1, 1),
    }
    fields.update(overrides)
    return services.create_location(actor=world.actor, **fields)


@pytest.mark.parametrize(
    ("given", "stored"), [("4001ab", "4001 AB"), ("4001 AB", "4001 AB"), (" 1234Cd ", "1234 CD")]
)
def test_postcodes_are_normalised(world, given, stored):
    assert normalise_postcode(given) == stored
    assert new(world, postcode=given).postcode == stored


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"postcode": "0123 AB"}, "postcode"),  # no postcode starts with 0
        ({"postcode": "12345"}, "postcode"),
        ({"beds": -1}, "beds"),
        ({"beds": 9, "bedrooms": 4, "max_persons_per_bedroom": 2}, "beds"),  # 9 > 4 × 2
        ({"permit": "temporary"}, "permit_end"),
        ({"permit_start": D(2025, 1, 1), "permit_end": D(2024, 1, 1)}, "permit_end"),
        ({"latitude": 48.8, "longitude": 2.3}, "latitude"),  # Paris
        ({"floor_area_gbo": 100, "bedroom_area": 120}, "bedroom_area"),
        ({"target_groups": ["tourists"]}, "target_groups"),
    ],
)
def test_bad_input_names_the_field_and_saves_nothing(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        new(world, **overrides)
    assert field in error.value.message_dict
    assert not Location.objects.filter(name="Logies Kerkstraat").exists()


def test_the_lifecycle_allows_only_the_transitions_of_the_table(world):
    plan = new(world, status="idea", beds=40)
    for status in ("planned", "permit_applied", "permitted", "under_construction", "in_use"):
        plan = services.change_status(
            actor=world.actor, location=plan, status=status, effective=D(2025, 1, 1)
        )
    with pytest.raises(ValidationError) as error:
        services.change_status(actor=world.actor, location=plan, status="idea", effective=D(2025, 2, 1))
    assert "in gebruik" in str(error.value) or "in use" in str(error.value)
    closed = services.change_status(
        actor=world.actor, location=plan, status="closed", effective=D(2025, 3, 1)
    )
    assert workflow.TRANSITIONS["closed"] == frozenset()
    with pytest.raises(ValidationError):
        services.change_status(actor=world.actor, location=closed, status="in_use", effective=D(2025, 4, 1))
    assert all(set(targets) <= set(workflow.TRANSITIONS) for targets in workflow.TRANSITIONS.values())


def test_beds_in_use_can_be_asked_for_any_past_date(world):
    kerk = new(world, beds=20, effective=D(2024, 1, 1))
    services.update_location(actor=world.actor, location=kerk, beds=30, effective=D(2024, 7, 1))
    services.change_status(actor=world.actor, location=kerk, status="phasing_out", effective=D(2025, 1, 1))
    new(world, name="Later", beds=8, effective=D(2024, 9, 1))

    def beds(day):
        return selectors.beds_in_use(user=world.actor, day=day, municipality=world.tiel)

    assert beds(D(2023, 12, 31)) == 0  # nothing registered yet
    assert beds(D(2024, 1, 1)) == 20
    assert beds(D(2024, 6, 30)) == 20
    assert beds(D(2024, 7, 1)) == 30
    assert beds(D(2024, 9, 1)) == 38
    assert beds(D(2025, 1, 1)) == 8  # Kerkstraat is phasing out
    assert kerk.versions.count() == 3


def test_a_change_cannot_go_back_before_the_last_one_and_a_same_day_change_corrects(world):
    kerk = new(world, effective=D(2025, 1, 1))
    with pytest.raises(ValidationError) as error:
        services.update_location(actor=world.actor, location=kerk, beds=25, effective=D(2024, 12, 31))
    assert "effective" in error.value.message_dict
    assert Location.objects.get(pk=kerk.pk).beds == 20  # nothing saved
    services.update_location(actor=world.actor, location=kerk, beds=22, effective=D(2025, 1, 1))
    assert list(kerk.versions.values_list("beds", flat=True)) == [22]
    services.update_location(actor=world.actor, location=kerk, place="Tiel-Oost", effective=D(2025, 3, 1))
    assert kerk.versions.count() == 1  # an untracked field makes no new version
    assert AuditEntry.objects.filter(object_type="locations.location", action="update").count() == 2


def test_list_and_detail_pages(client, world):
    kerk = new(
        world,
        floor_area_gbo=260,
        bedroom_area=70,
        toilets=3,
        showers=3,
        bunk_beds=False,
        under_one_roof=True,
        bedrooms=10,
        max_persons_per_bedroom=2,
        new_build=False,
    )
    client.force_login(world.actor)
    page = client.get("/locaties/", {"gemeente": "GM0281", "op": "2025-06-01"}).content.decode()
    assert "Logies Kerkstraat" in page and "Bedden in gebruik op 1 juni 2025: 20" in page
    page = client.get(f"/locaties/{kerk.pk}/", {"normen": "snf", "op": "2025-08-01"}).content.decode()
    assert "voldoet aan elke regel" in page and "20 van de 20 bedden voldoen" in page
    page = client.get(f"/locaties/{kerk.pk}/", {"normen": "roemer", "op": "2025-08-01"}).content.decode()
    assert "voldoet niet aan een of meer regels" in page and "10 van de 20 bedden voldoen" in page
    response = client.post(
        f"/locaties/{kerk.pk}/status/", {"status": "phasing_out", "effective": "2025-09-01"}
    )
    assert response.status_code == 302 and Location.objects.get(pk=kerk.pk).status == "phasing_out"
    empty = client.get("/locaties/", {"gemeente": "GM0297", "q": "niets"}).content.decode()
    assert "Geen locaties om te tonen" in empty


def test_api_registers_filters_and_moves_a_location(world, api_client_for):
    client = api_client_for(world.actor)
    payload = {
        "name": "API-locatie",
        "street": "Dorpsstraat",
        "house_number": 3,
        "postcode": "4001ab",
        "place": "Tiel",
        "municipality": "GM0281",
        "housing_form": "regular_dwelling",
        "beds": 5,
        "operator": world.home.pk,
        "status": "planned",
        "effective": "2025-02-01",
    }
    response = client.post("/api/v1/locations", payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["postcode"] == "4001 AB" and body["municipality"] == "GM0281"
    listed = client.get("/api/v1/locations", {"municipality": "GM0281", "status": "planned"}).json()
    assert [item["name"] for item in listed["results"]] == ["API-locatie"]
    moved = client.post(f"/api/v1/locations/{body['id']}/status", {"status": "in_use"}, format="json")
    assert moved.status_code == 400 and moved["Content-Type"] == "application/problem+json"
    moved = client.post(f"/api/v1/locations/{body['id']}/status", {"status": "permit_applied"}, format="json")
    assert moved.status_code == 200 and moved.json()["status"] == "permit_applied"
    bad = client.post("/api/v1/locations", {**payload, "postcode": "99999", "beds": -2}, format="json")
    assert bad.status_code == 400
    assert {"postcode", "beds"} <= {p["name"] for p in bad.json()["invalid-params"]}


def test_the_form_shows_dates_as_a_date_field_can_read_them(client, world):
    client.force_login(world.actor)
    page = client.get("/locaties/nieuw/").content.decode()
    today = dt.date.today().isoformat()
    assert f'type="date" name="effective" value="{today}"' in page


def test_an_operator_with_locations_cannot_be_deleted(world):
    from aanjager.organisations import services as organisation_services

    new(world)
    with pytest.raises(ValidationError):
        organisation_services.delete_organisation(actor=None, organisation=world.home)


def test_demo_locations_are_plausible_labelled_and_loaded_once(db, settings, tmp_path):
    from aanjager.demo import locations as demo_locations
    from aanjager.demo import rivierenland
    from aanjager.locations.norm_presets import preset
    from aanjager.locations.norms import Outcome, evaluate

    settings.DATA_DIR = tmp_path
    rivierenland.load()
    assert demo_locations.load() == 64  # 60 plus the four of the bed-voor-bed plan
    assert demo_locations.load() == 0
    demo = Location.objects.filter(is_demo=True)
    assert demo.count() == 64 and all(name.endswith("(demo)") for name in demo.values_list("name", flat=True))
    assert demo.filter(status="in_use").count() > 30 and demo.exclude(status="in_use").exists()
    outcomes = set()
    for location in demo.filter(status="in_use"):
        outcomes.add(evaluate(location.norm_facts(), preset("snf"), dt.date(2025, 8, 1)).outcome)
    assert {Outcome.PASS, Outcome.FAIL} <= outcomes  # some comply, some do not


def test_demo_has_inspections_and_overdue_actions(db, settings, tmp_path):
    from aanjager.demo import locations as demo_locations
    from aanjager.demo import rivierenland
    from aanjager.locations.models import FollowUp, Inspection

    settings.DATA_DIR = tmp_path
    rivierenland.load()
    demo_locations.load()
    assert Inspection.objects.filter(is_demo=True).count() >= 10
    assert Inspection.objects.filter(overcrowded=True).exists()
    assert FollowUp.objects.filter(status="open", deadline__lt=dt.date.today()).exists()


def test_odd_dates_and_half_filled_forms_get_a_page_not_an_error(client, world):
    client.force_login(world.actor)
    assert client.get("/locaties/", {"op": "0001-01-01"}).status_code == 200
    assert client.get("/locaties/", {"op": "gisteren"}).status_code == 200
    response = client.post(
        "/locaties/nieuw/",
        {
            "name": "Half",
            "beds": "",
            "bedrooms": "2",
            "max_persons_per_bedroom": "2",
            "effective": "2025-01-01",
        },
    )
    assert response.status_code == 200 and "Verbeter het volgende" in response.content.decode()


def test_the_figures_follow_the_municipality_filter_even_outside_the_area(client, world):
    new(world, beds=20, effective=D(2024, 1, 1))
    client.force_login(world.actor)
    page = client.get("/locaties/", {"gemeente": "GM0363", "op": "2025-06-01"}).content.decode()
    assert "Bedden in gebruik op 1 juni 2025: 0" in page  # Amsterdam: nothing this advisor may see
