"""Bed-voor-bed plans: services, register checks on real history, pages, API and the demo plan."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from aanjager.accounts.models import Role
from aanjager.audit.models import AuditEntry
from aanjager.core.services import NotAllowed
from aanjager.locations import bed_plan_services, selectors, services
from aanjager.locations.models import BedPlan, BedPlanStep

D = dt.date


@pytest.fixture
def world(make_world):
    return make_world(Role.POLICY_ADVISOR)


def _location(world, name, beds, effective, status="in_use", operator=None):
    return services.create_location(
        actor=None,
        name=name,
        street="Kerkstraat",
        house_number=3,
        postcode="4001 AB",
        place="Tiel",
        municipality=world.tiel,
        housing_form="recreation_site",
        beds=beds,
        status=status,
        operator=operator or world.in_area,
        effective=effective,
    )


@pytest.fixture
def plan(world):
    return bed_plan_services.create_bed_plan(
        actor=world.actor, name="Bed voor bed Tiel", provider=world.in_area, municipality=world.tiel
    )


def test_a_plan_checks_its_steps_against_the_register(world, plan):
    park = _location(world, "Park", 40, D(2020, 1, 1))
    units = _location(world, "Units", 20, D(2025, 3, 1))
    services.update_location(actor=None, location=park, beds=20, effective=D(2025, 3, 1))
    first = bed_plan_services.add_step(
        actor=world.actor,
        plan=plan,
        old_location=park,
        beds_out=20,
        out_on=D(2025, 3, 1),
        new_location=units,
        beds_in=20,
        in_on=D(2025, 3, 1),
        status="done",
    )
    second = bed_plan_services.add_step(
        actor=world.actor, plan=plan, old_location=park, beds_out=20, out_on=D(2026, 1, 1)
    )
    overview = selectors.bed_plan_overview(plan=plan, today=D(2026, 6, 1))
    rows = {row["step"].pk: row for row in overview["steps"]}
    assert rows[first.pk]["out"].outcome == "confirmed" and rows[first.pk]["in"].outcome == "confirmed"
    # The park still holds 20 beds in the register after the second step's date.
    assert (rows[second.pk]["out"].outcome, rows[second.pk]["out"].found) == ("not_in_register", 20)
    assert overview["mismatches"] == 1 and overview["overdue"] == [second]
    # Closing the park from that date puts the register right.
    services.change_status(actor=None, location=park, status="phasing_out", effective=D(2025, 12, 1))
    services.change_status(actor=None, location=park, status="closed", effective=D(2026, 1, 1))
    overview = selectors.bed_plan_overview(plan=plan, today=D(2026, 6, 1))
    assert overview["mismatches"] == 0
    assert overview["summary"].net == -20
    assert AuditEntry.objects.filter(object_type="locations.bedplanstep").count() == 2


def test_steps_are_validated_per_field(world, plan):
    elsewhere = _location(world, "Van een ander", 10, D(2024, 1, 1), operator=world.outside)
    own = _location(world, "Eigen", 10, D(2024, 1, 1))
    cases = [
        ({}, "old_location"),
        ({"old_location": own, "beds_out": 5}, "out_on"),
        ({"old_location": own, "out_on": D(2025, 1, 1)}, "beds_out"),
        ({"beds_in": 5, "in_on": D(2025, 1, 1)}, "new_location"),
        ({"old_location": elsewhere, "beds_out": 5, "out_on": D(2025, 1, 1)}, "old_location"),
        (
            {
                "old_location": own,
                "beds_out": 5,
                "out_on": D(2025, 1, 1),
                "new_location": own,
                "beds_in": 5,
                "in_on": D(2025, 1, 1),
            },
            "new_location",
        ),
        ({"old_location": own, "beds_out": 5, "out_on": D(2025, 1, 1), "status": "maybe"}, "status"),
    ]
    for fields, field in cases:
        with pytest.raises(ValidationError) as error:
            bed_plan_services.add_step(actor=world.actor, plan=plan, **fields)
        assert field in error.value.message_dict, (fields, error.value.message_dict)
    with pytest.raises(ValidationError):
        bed_plan_services.add_step(actor=world.actor, plan=plan, plan_id=3)
    assert not BedPlanStep.objects.exists()


def test_a_location_in_a_plan_cannot_be_deleted_and_a_provider_change_must_fit_the_steps(world, plan):
    park = _location(world, "Park", 40, D(2020, 1, 1))
    bed_plan_services.add_step(
        actor=world.actor, plan=plan, old_location=park, beds_out=5, out_on=D(2025, 1, 1)
    )
    with pytest.raises(ValidationError, match="bed-voor-bedplan"):
        services.delete_location(actor=None, location=park)
    with pytest.raises(ValidationError) as error:
        bed_plan_services.update_bed_plan(actor=world.actor, plan=plan, provider=world.home)
    assert "provider" in error.value.message_dict
    assert BedPlan.objects.get(pk=plan.pk).provider == world.in_area


def test_rights_follow_provider_and_municipality(make_world):
    world = make_world(Role.HOUSING_PROVIDER)
    mine = world.bed_plans["own"]
    bed_plan_services.update_bed_plan(actor=world.actor, plan=mine, notes="bijgewerkt")
    with pytest.raises(NotAllowed):
        bed_plan_services.update_bed_plan(actor=world.actor, plan=world.bed_plans["in"], notes="nee")
    with pytest.raises(NotAllowed):  # a provider cannot draw up a plan for another provider
        bed_plan_services.create_bed_plan(
            actor=world.actor, name="x", provider=world.in_area, municipality=world.tiel
        )
    assert set(selectors.bed_plans(user=world.actor)) == {mine}


def test_plan_pages_show_timeline_checks_and_errors(client, world, plan):
    park = _location(world, "Park De Hoeve", 40, D(2020, 1, 1))
    client.force_login(world.actor)
    assert "No bed-for-bed plans yet" not in client.get("/locaties/bed-voor-bed/").content.decode()
    empty = client.get(f"/locaties/bed-voor-bed/{plan.pk}/").content.decode()
    assert "Nog geen stappen" in empty
    bad = client.post(
        f"/locaties/bed-voor-bed/{plan.pk}/stappen/", {"stap-old_location": park.pk, "stap-beds_out": "5"}
    )
    assert bad.status_code == 400 and "Geef de datum" in bad.content.decode()
    assert not BedPlanStep.objects.exists()
    response = client.post(
        f"/locaties/bed-voor-bed/{plan.pk}/stappen/",
        {
            "stap-old_location": park.pk,
            "stap-beds_out": "5",
            "stap-out_on": "2025-01-01",
            "stap-status": "done",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/locaties/bed-voor-bed/{plan.pk}/").content.decode()
    assert "<svg" in page and "Park De Hoeve" in page and "niet in het register" in page
    step = BedPlanStep.objects.get()
    response = client.post(
        f"/locaties/bed-voor-bed/stappen/{step.pk}/bewerken/",
        {
            "stap-old_location": park.pk,
            "stap-beds_out": "5",
            "stap-out_on": "2025-01-01",
            "stap-status": "cancelled",
        },
    )
    assert response.status_code == 302 and BedPlanStep.objects.get().status == "cancelled"
    assert client.post(f"/locaties/bed-voor-bed/stappen/{step.pk}/verwijderen/").status_code == 302
    assert not BedPlanStep.objects.exists()


def test_an_empty_list_says_what_to_do(client, make_world):
    world = make_world(Role.READER)
    BedPlan.objects.all().delete()
    client.force_login(world.actor)
    assert "Nog geen bed-voor-bedplannen" in client.get("/locaties/bed-voor-bed/").content.decode()


def test_api_shows_balance_and_checks_and_writes_steps(world, plan, api_client_for):
    park = _location(world, "Park", 40, D(2020, 1, 1))
    api = api_client_for(world.actor)
    response = api.post(
        "/api/v1/bed-plan-steps",
        {"plan": plan.pk, "old_location": park.pk, "beds_out": 10, "out_on": "2025-01-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    bad = api.post("/api/v1/bed-plan-steps", {"plan": plan.pk, "beds_out": 10}, format="json")
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")
    outside = api.post(
        "/api/v1/bed-plan-steps",
        {"plan": world.bed_plans["out"].pk, "beds_in": 1, "in_on": "2025-01-01"},
        format="json",
    )
    assert outside.status_code in (400, 403)
    assert not world.bed_plans["out"].steps.exists()
    body = api.get(f"/api/v1/bed-plans/{plan.pk}").json()
    assert body["balance"] == [{"day": "2025-01-01", "out_total": 10, "in_total": 0, "net": -10}]
    [check] = body["register_checks"]
    assert (check["side"], check["outcome"], check["expected"], check["found"]) == (
        "out",
        "not_in_register",
        30,
        40,
    )
    step_id = body["steps"][0]["id"]
    assert (
        api.patch(f"/api/v1/bed-plan-steps/{step_id}", {"status": "done"}, format="json").status_code == 200
    )
    assert api.delete(f"/api/v1/bed-plan-steps/{step_id}").status_code == 204


def test_the_demo_has_a_plan_in_progress_with_a_flagged_step(db):
    call_command("load_demo", "--quiet-logins", stdout=StringIO())
    plan = BedPlan.objects.get(is_demo=True)
    overview = selectors.bed_plan_overview(plan=plan, today=timezone.localdate())
    assert overview["summary"].net == 0 and overview["summary"].out_done == 20
    assert overview["mismatches"] == (1 if timezone.localdate() >= D(2026, 6, 1) else 0)


def test_steps_only_with_locations_the_actor_may_see_and_old_beds_in_the_plan_municipality(
    world, plan, api_client_for
):
    far = _location(world, "Ver weg", 10, D(2024, 1, 1), operator=world.in_area)
    from aanjager.locations.models import Location

    Location.objects.filter(pk=far.pk).update(municipality=world.amsterdam)  # outside the advisor's area
    api = api_client_for(world.actor)
    response = api.post(
        "/api/v1/bed-plan-steps",
        {"plan": plan.pk, "old_location": far.pk, "beds_out": 1, "out_on": "2020-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert {p["name"] for p in response.json()["invalid-params"]} == {"old_location"}
    bommel = _location(world, "Bommel", 10, D(2024, 1, 1))
    Location.objects.filter(pk=bommel.pk).update(
        municipality=world.zaltbommel
    )  # visible, another municipality
    with pytest.raises(ValidationError, match="gemeente van het plan"):
        bed_plan_services.add_step(
            actor=world.actor, plan=plan, old_location=Location.objects.get(pk=bommel.pk), beds_out=1,
            out_on=D(2025, 1, 1),
        )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        bed_plan_services.update_bed_plan(actor=world.actor, plan=plan, provider=world.outside)
    assert "provider" in error.value.message_dict
