"""Every change through a service leaves exactly one audit row, in the same transaction, with the right diff."""

import csv
import io

import pytest
from django.db import transaction

from aanjager.accounts.models import Role
from aanjager.audit.models import AuditEntry
from aanjager.organisations import services as org_services
from aanjager.organisations.models import Organisation


@pytest.fixture
def world(make_world):
    return make_world(Role.ADMINISTRATOR)


def _new_entries(since_id):
    return list(AuditEntry.objects.filter(pk__gt=since_id).order_by("pk"))


def _last_id():
    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_change_through_the_ui_leaves_one_row_with_the_diff(client, world):
    client.force_login(world.actor)
    org = world.in_area
    start = _last_id()
    response = client.post(
        f"/organisaties/{org.pk}/bewerken/",
        {
            "name": org.name,
            "org_type": org.org_type,
            "kvk_number": org.kvk_number,
            "seat_municipality": org.seat_municipality_id,
            "corner": org.corner,
            "website": "",
            "email": "",
            "phone": "0418-123456",
        },
    )
    assert response.status_code == 302
    [entry] = _new_entries(start)
    assert entry.action == "update"
    assert entry.channel == "ui"
    assert entry.actor == world.actor
    assert entry.organisation == world.home
    assert entry.object_type == "organisations.organisation"
    assert entry.object_id == str(org.pk)
    assert entry.changes == {"phone": {"before": "", "after": "0418-123456"}}


def test_change_through_the_api_leaves_one_row_with_the_diff(world, api_client_for):
    client = api_client_for(world.actor)
    start = _last_id()
    response = client.patch(
        f"/api/v1/organisations/{world.outside.pk}", {"name": "Ver weg BV"}, format="json"
    )
    assert response.status_code == 200, response.content
    [entry] = _new_entries(start)
    assert (entry.action, entry.channel, entry.actor_label) == ("update", "api", "actor")
    assert entry.changes == {"name": {"before": "Ver weg", "after": "Ver weg BV"}}


def test_create_and_delete_record_the_full_object(world):
    start = _last_id()
    org = org_services.create_organisation(
        actor=world.actor, name="Kortstondig", org_type="other", seat_municipality=world.tiel
    )
    pk = org.pk
    org_services.delete_organisation(actor=world.actor, organisation=org)
    created, deleted = _new_entries(start)
    assert created.action == "create" and deleted.action == "delete"
    assert created.changes["name"] == {"before": None, "after": "Kortstondig"}
    assert deleted.changes["name"] == {"before": "Kortstondig", "after": None}
    assert deleted.object_id == str(pk)


def test_an_update_that_changes_nothing_leaves_no_row(world):
    start = _last_id()
    org_services.update_organisation(actor=world.actor, organisation=world.home, name=world.home.name)
    assert _new_entries(start) == []


def test_the_audit_row_rolls_back_with_the_change(world):
    start = _last_id()
    with pytest.raises(RuntimeError), transaction.atomic():
        org_services.update_organisation(actor=world.actor, organisation=world.home, phone="010-1234567")
        raise RuntimeError("something after the service fails")
    assert _new_entries(start) == []
    assert Organisation.objects.get(pk=world.home.pk).phone == ""


def test_passwords_never_reach_the_audit_trail(world):
    entries = AuditEntry.objects.filter(object_type="accounts.user")
    assert entries.exists()
    assert all("password" not in entry.changes for entry in entries)


def test_administrator_filters_and_exports_the_trail(client, world):
    org_services.update_organisation(actor=world.actor, organisation=world.home, phone="0344-000000")
    client.force_login(world.actor)
    page = client.get("/audit/", {"action": "update", "object_type": "organisations.organisation"})
    assert page.status_code == 200
    assert "0344-000000" in page.content.decode()
    response = client.get("/audit/export.csv", {"action": "update"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:5] == ["tijdstip", "gebruiker", "organisatie", "kanaal", "actie"]
    assert len(rows) == 2  # the header and the one update
    assert rows[1][4] == "update" and "0344-000000" in rows[1][8]
