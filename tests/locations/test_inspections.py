"""Inspections and follow-up: the visit, findings per norm rule, actions with deadlines, overdue lists."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from aanjager.accounts.models import Role
from aanjager.locations import selectors, services
from aanjager.locations.models import FollowUp, Inspection

D = dt.date


@pytest.fixture
def world(make_world):
    return make_world(Role.INSPECTOR)


def location(world):
    """Registered by the system: an inspector may not register locations."""
    return services.create_location(
        actor=None,
        name="Logies Kerkstraat",
        street="Kerkstraat",
        house_number=12,
        postcode="4001 AB",
        place="Tiel",
        municipality=world.tiel,
        housing_form="building_units",
        beds=10,
        bedrooms=5,
        max_persons_per_bedroom=2,
        operator=world.home,
    )


def test_a_visit_marks_overcrowding_and_keeps_findings_per_rule(world):
    kerk = location(world)
    inspection = services.record_inspection(
        actor=world.actor,
        location=kerk,
        visited_on=D(2025, 5, 1),
        found_occupancy=14,
        rule_findings={"snf-stapelbed": "fail", "snf-toilet-8": "pass"},
    )
    assert inspection.overcrowded and inspection.inspector == world.actor
    with pytest.raises(ValidationError) as error:
        services.record_inspection(actor=world.actor, location=kerk, visited_on=D(2999, 1, 1))
    assert "visited_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.record_inspection(
            actor=world.actor, location=kerk, visited_on=D(2025, 5, 1), rule_findings={"x": "maybe"}
        )
    assert "rule_findings" in error.value.message_dict
    assert Inspection.objects.count() == 1 + 3  # the world's three and this one


def test_follow_ups_have_deadlines_and_close_once(world):
    inspection = services.record_inspection(
        actor=world.actor, location=location(world), visited_on=D(2025, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        services.add_follow_up(
            actor=world.actor, inspection=inspection, kind="order_with_penalty", deadline=D(2025, 6, 1)
        )
    assert "penalty_amount" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.add_follow_up(
            actor=world.actor, inspection=inspection, kind="warning", deadline=D(2025, 4, 1)
        )
    assert "deadline" in error.value.message_dict
    overdue = services.add_follow_up(
        actor=world.actor, inspection=inspection, kind="warning", deadline=D(2025, 6, 1)
    )
    later = services.add_follow_up(
        actor=world.actor,
        inspection=inspection,
        kind="reinspection",
        deadline=dt.date.today() + dt.timedelta(days=30),
    )
    assert list(selectors.open_follow_ups(user=world.actor)) == [overdue, later]
    services.close_follow_up(actor=world.actor, follow_up=overdue, status="done")
    with pytest.raises(ValidationError):
        services.close_follow_up(actor=world.actor, follow_up=overdue, status="cancelled")
    assert list(selectors.open_follow_ups(user=world.actor)) == [later]
    assert FollowUp.objects.get(pk=overdue.pk).closed_on == dt.date.today()


def test_pages_record_a_visit_add_an_action_and_list_what_is_overdue(client, world):
    kerk = location(world)
    client.force_login(world.actor)
    form = client.get(f"/locaties/{kerk.pk}/inspecties/nieuw/").content.decode()
    assert "Geen stapelbedden" in form  # one choice per applicable norm rule
    response = client.post(
        f"/locaties/{kerk.pk}/inspecties/nieuw/",
        {
            "visited_on": "2025-05-01",
            "found_occupancy": 13,
            "rule_snf-stapelbed": "fail",
            "notes": "Matrassen op zolder",
        },
    )
    inspection = Inspection.objects.get(notes="Matrassen op zolder")
    assert response.status_code == 302 and inspection.overcrowded
    assert inspection.rule_findings["snf-stapelbed"] == "fail"
    client.post(
        f"/locaties/inspecties/{inspection.pk}/acties/",
        {"actie-kind": "order_with_penalty", "actie-deadline": "2025-06-01", "actie-penalty_amount": "5000"},
    )
    page = client.get(f"/locaties/inspecties/{inspection.pk}/").content.decode()
    assert "Last onder dwangsom" in page and "verlopen termijn" in page and "overbewoond" in page
    overview = client.get("/locaties/acties/").content.decode()
    assert "Tiel" in overview and "1 actie is over de termijn" in overview
    bad = client.post(f"/locaties/inspecties/{inspection.pk}/acties/", {"actie-kind": "warning"})
    assert bad.status_code == 400
    follow_up = FollowUp.objects.get()
    client.post(f"/locaties/acties/{follow_up.pk}/afsluiten/", {"status": "done"})
    assert FollowUp.objects.get().status == "done"


def test_the_operator_sees_its_inspections_but_cannot_record_them(make_world, client):
    provider = make_world(Role.HOUSING_PROVIDER)
    client.force_login(provider.actor)
    own = provider.inspections["own"]
    assert client.get(f"/locaties/inspecties/{own.pk}/").status_code == 200
    assert client.get(f"/locaties/inspecties/{provider.inspections['in'].pk}/").status_code == 404
    assert client.get(f"/locaties/{own.location_id}/inspecties/nieuw/").status_code == 403


def test_an_inspection_cannot_move_past_its_actions_deadlines(world):
    inspection = services.record_inspection(
        actor=world.actor, location=location(world), visited_on=D(2025, 5, 1)
    )
    services.add_follow_up(actor=world.actor, inspection=inspection, kind="warning", deadline=D(2025, 6, 1))
    with pytest.raises(ValidationError) as error:
        services.update_inspection(actor=world.actor, inspection=inspection, visited_on=D(2025, 7, 1))
    assert "visited_on" in error.value.message_dict
    assert Inspection.objects.get(pk=inspection.pk).visited_on == D(2025, 5, 1)
