"""The agreements API: agreements, commitments, progress updates, teams, meetings and progress reports.

Bad input gets a Problem JSON 400 naming the field and saves nothing; a write the role does not allow gets a
Problem JSON 403; what the user may not see is a 404. One happy path per endpoint."""

import datetime as dt

import pytest

from aanjager.accounts import services as account_services
from aanjager.accounts.models import Role
from aanjager.agreements import services
from aanjager.agreements.models import Agreement, Commitment, Meeting, ProgressReport, ProgressUpdate, Team
from tests.conftest import PASSWORD

PROBLEM = "application/problem+json"


def _member(world, username, role, region=None):
    user = account_services.create_user(actor=None, username=username, password=PASSWORD)
    account_services.create_membership(
        actor=None, user=user, organisation=world.home, role=role, region=region
    )
    return user


def _invalid(response, field):
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    names = {param["name"] for param in response.json()["invalid-params"]}
    assert field in names, names


@pytest.fixture
def admin(admin_world, api_client_for):
    return api_client_for(admin_world.actor)


def _commitment_payload(agreement, **overrides):
    data = {
        "agreement": agreement.pk,
        "organisation": agreement.parties.get().organisation_id,
        "kind": "beds",
        "stay_class": "short",
        "description": "Nieuwe bedden",
        "target": 25,
        "due_on": "2027-06-30",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# ------------------------------------------------------------------ bad input
@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("organisation", {"organisation": None}),
        ("due_on", {"due_on": "2024-12-31"}),  # before the agreement was signed (2025-01-01)
        ("target", {"target": -3}),
        ("target", {"target": 0}),
        ("stay_class", {"stay_class": ""}),  # beds name their stay class
        ("organisation", {"organisation": "in_area"}),  # not a party to this agreement
        ("municipality", {"municipality": "GM0363"}),  # Amsterdam: not covered by the agreement
    ],
)
def test_bad_commitment_is_refused_with_the_field_named(admin_world, admin, field, overrides):
    agreement = admin_world.agreement_targets["own"]
    if overrides.get("organisation") == "in_area":
        overrides = {"organisation": admin_world.in_area.pk}
    before = Commitment.objects.count()
    response = admin.post("/api/v1/commitments", _commitment_payload(agreement, **overrides), format="json")
    _invalid(response, field)
    assert Commitment.objects.count() == before


def test_a_commitment_stays_with_its_agreement(admin_world, admin):
    commitment = admin_world.agreement_targets["own"].commitments.get()
    other = admin_world.agreement_targets["in"]
    response = admin.patch(f"/api/v1/commitments/{commitment.pk}", {"agreement": other.pk}, format="json")
    _invalid(response, "agreement")
    assert Commitment.objects.get(pk=commitment.pk).agreement_id == commitment.agreement_id


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("delivered", {"delivered": -1}),
        ("reported_on", {"reported_on": "2099-01-01"}),
        ("reported_on", {"reported_on": "2024-06-01"}),  # before the agreement was signed
        ("commitment", {"commitment": 999999}),
    ],
)
def test_bad_progress_update_is_refused_with_the_field_named(admin_world, admin, field, overrides):
    commitment = admin_world.agreement_targets["own"].commitments.get()
    payload = {"commitment": commitment.pk, "reported_on": "2025-05-01", "delivered": 3, **overrides}
    response = admin.post("/api/v1/progress-updates", payload, format="json")
    _invalid(response, field)
    assert not ProgressUpdate.objects.exists()


def test_progress_update_by_another_party_is_forbidden(make_world, api_client_for):
    world = make_world(Role.EMPLOYER)
    client = api_client_for(world.actor)
    commitment = world.agreement_targets["in"].commitments.get()  # committed by 'Buur in de regio'
    response = client.post(
        "/api/v1/progress-updates",
        {"commitment": commitment.pk, "reported_on": "2025-05-01", "delivered": 3},
        format="json",
    )
    assert response.status_code == 403, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    assert response.json()["status"] == 403
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("field", "payload"),
    [
        ("review", {"review": "maybe"}),
        ("review", {"review": "pending"}),  # a review accepts or rejects
        ("review", {}),
        ("review_comment", {"review": "rejected"}),  # a rejection says why
    ],
)
def test_bad_review_is_refused_with_the_field_named(admin_world, admin, field, payload):
    update = admin_world.update_targets["in"]
    response = admin.patch(f"/api/v1/progress-updates/{update.pk}", payload, format="json")
    _invalid(response, field)
    fresh = ProgressUpdate.objects.get(pk=update.pk)
    assert (fresh.review, fresh.reviewed_at) == (ProgressUpdate.Review.PENDING, None)


def test_bad_agreement_is_refused_with_the_field_named(admin_world, admin):
    before = Agreement.objects.count()
    cases = [
        ("agreement_type", {"agreement_type": "handshake"}),
        ("at_risk_margin", {"at_risk_margin": "120"}),
        ("update_interval_days", {"update_interval_days": 0}),
        ("region", {"region": None}),  # covers nothing
        ("municipalities", {"municipalities": ["GM0281"]}),  # a region and municipalities at once
        ("municipalities", {"region": None, "municipalities": ["GM9998"]}),
    ]
    for field, overrides in cases:
        payload = {
            "title": "Slecht convenant",
            "agreement_type": "regional_covenant",
            "region": admin_world.region.pk,
            "signed_on": "2025-01-01",
            **overrides,
        }
        _invalid(admin.post("/api/v1/agreements", payload, format="json"), field)
    assert Agreement.objects.count() == before


def test_bad_team_meeting_and_report_input_is_refused(admin_world, admin):
    team = admin_world.team_targets["in"]
    _invalid(
        admin.post("/api/v1/teams", {"region": team.region_id, "name": "Tweede"}, format="json"), "region"
    )
    _invalid(
        admin.patch(f"/api/v1/teams/{team.pk}", {"roles_done": ["dance"]}, format="json"), "roles_done.0"
    )
    assert Team.objects.count() == 3
    meeting = {
        "region": admin_world.region.pk,
        "kind": "gathering",
        "title": "Overleg",
        "held_on": "2025-05-01",
    }
    _invalid(admin.post("/api/v1/meetings", meeting, format="json"), "kind")
    assert not Meeting.objects.exists()
    future = {"region": admin_world.region.pk, "reference_date": "2099-01-01"}
    _invalid(admin.post("/api/v1/progress-reports", future, format="json"), "reference_date")
    assert not ProgressReport.objects.exists()


def test_meeting_participants_out_of_sight_are_refused_by_field(make_world, api_client_for):
    world = make_world(Role.POLICY_ADVISOR)
    client = api_client_for(world.actor)
    meeting = {
        "region": world.region.pk,
        "kind": "network",
        "title": "Netwerkdag",
        "held_on": "2025-05-01",
        "participants": [world.home.pk, world.outside.pk],  # 'Ver weg' lies outside the advisor's area
    }
    _invalid(client.post("/api/v1/meetings", meeting, format="json"), "participants")
    assert not Meeting.objects.exists()


# ------------------------------------------------------------------ happy paths
def test_agreement_lifecycle_through_the_api(make_world, api_client_for):
    world = make_world(Role.REGIONAL_COORDINATOR)
    client = api_client_for(world.actor)
    response = client.post(
        "/api/v1/agreements",
        {
            "title": "Convenant Tiel-Zaltbommel",
            "agreement_type": "administrative_agreement",
            "region": None,
            "municipalities": ["GM0281", "GM0297"],
            "signed_on": "2025-02-01",
            "at_risk_margin": "12.5",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert sorted(body["municipalities"]) == ["GM0281", "GM0297"]
    assert (body["region"], body["at_risk_margin"], body["update_interval_days"]) == (None, "12.50", 90)
    assert body["parties"] == [] and body["is_demo"] is False
    # Between single municipalities, one of them outside the coordinator's region: refused, nothing saved.
    outside = client.post(
        "/api/v1/agreements",
        {
            "title": "Te ver",
            "agreement_type": "administrative_agreement",
            "municipalities": ["GM0281", "GM0363"],
        },
        format="json",
    )
    assert outside.status_code == 403 and not Agreement.objects.filter(title="Te ver").exists()
    pk = body["id"]
    services.add_party(
        actor=None, agreement=Agreement.objects.get(pk=pk), organisation=world.in_area, corner="employer"
    )
    detail = client.get(f"/api/v1/agreements/{pk}").json()
    assert detail["parties"] == [
        {
            "organisation": world.in_area.pk,
            "name": "Buur in de regio",
            "corner": "employer",
            "signed_on": None,
        }
    ]
    changed = client.patch(f"/api/v1/agreements/{pk}", {"description": "Bijgesteld"}, format="json")
    assert changed.status_code == 200 and changed.json()["description"] == "Bijgesteld"
    # Outside the coordinator's region: not visible, so not found.
    assert client.get(f"/api/v1/agreements/{world.agreement_targets['out'].pk}").status_code == 404
    assert client.delete(f"/api/v1/agreements/{pk}").status_code == 204
    assert not Agreement.objects.filter(pk=pk).exists()


def test_commitment_lifecycle_with_computed_status(make_world, api_client_for):
    world = make_world(Role.REGIONAL_COORDINATOR)
    client = api_client_for(world.actor)
    agreement = world.agreement_targets["in"]
    response = client.post(
        "/api/v1/commitments",
        _commitment_payload(agreement, municipality="GM0297", notes="Eerste fase"),
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["starts_on"] == "2025-01-01"  # the signing date
    assert body["municipality"] == "GM0297" and body["delivered"] == 0
    assert body["status"] in {"at_risk", "no_update"} and 0 < body["share_elapsed"] < 1
    pk = body["id"]
    services.report_progress(
        actor=None, commitment=Commitment.objects.get(pk=pk), reported_on=dt.date(2025, 10, 1), delivered=25
    )
    detail = client.get(f"/api/v1/commitments/{pk}").json()
    assert (detail["status"], detail["delivered"], detail["share_delivered"]) == ("done", 25, 1.0)
    listed = client.get("/api/v1/commitments", {"agreement": agreement.pk, "status": "done"}).json()
    assert [c["id"] for c in listed["results"]] == [pk]
    _invalid(client.get("/api/v1/commitments", {"status": "fine"}), "status")
    changed = client.patch(f"/api/v1/commitments/{pk}", {"target": 30}, format="json")
    assert changed.status_code == 200, changed.content
    # 25 of 30 delivered, but the last update is more than 90 days old.
    assert (changed.json()["target"], changed.json()["status"]) == (30, "no_update")
    assert (
        client.get(f"/api/v1/commitments/{world.agreement_targets['out'].commitments.get().pk}").status_code
        == 404
    )
    assert client.delete(f"/api/v1/commitments/{pk}").status_code == 204
    assert not Commitment.objects.filter(pk=pk).exists()


def test_a_visible_commitment_a_reader_may_not_change_is_forbidden(make_world, api_client_for):
    world = make_world(Role.READER)
    client = api_client_for(world.actor)
    commitment = world.agreement_targets["in"].commitments.get()
    assert client.get(f"/api/v1/commitments/{commitment.pk}").status_code == 200
    response = client.patch(f"/api/v1/commitments/{commitment.pk}", {"notes": "Stiekem"}, format="json")
    assert response.status_code == 403 and response["Content-Type"].startswith(PROBLEM)
    assert client.delete(f"/api/v1/commitments/{commitment.pk}").status_code == 403
    assert Commitment.objects.get(pk=commitment.pk).notes == ""


def test_progress_update_reported_reviewed_and_deleted(make_world, api_client_for):
    world = make_world(Role.EMPLOYER)
    party = api_client_for(world.actor)
    commitment = world.agreement_targets["own"].commitments.get()
    response = party.post(
        "/api/v1/progress-updates",
        {
            "commitment": commitment.pk,
            "reported_on": "2025-06-01",
            "delivered": 12,
            "narrative": "Fase 1 klaar",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["organisation"], body["review"], body["has_evidence"]) == (world.home.pk, "pending", False)
    pk = body["id"]
    # The party may not review its own update.
    assert (
        party.patch(f"/api/v1/progress-updates/{pk}", {"review": "accepted"}, format="json").status_code
        == 403
    )
    coordinator = api_client_for(_member(world, "coordinator", Role.REGIONAL_COORDINATOR, world.region))
    assert coordinator.put(f"/api/v1/progress-updates/{pk}", {}, format="json").status_code == 405
    reviewed = coordinator.patch(
        f"/api/v1/progress-updates/{pk}",
        {"review": "rejected", "review_comment": "Geen bewijs"},
        format="json",
    )
    assert reviewed.status_code == 200, reviewed.content
    assert (reviewed.json()["review"], reviewed.json()["review_comment"]) == ("rejected", "Geen bewijs")
    assert reviewed.json()["reviewed_at"] is not None
    assert coordinator.delete(f"/api/v1/progress-updates/{pk}").status_code == 403  # administrators only
    admin = api_client_for(_member(world, "beheerder", Role.ADMINISTRATOR))
    assert admin.delete(f"/api/v1/progress-updates/{pk}").status_code == 204
    assert not ProgressUpdate.objects.filter(pk=pk).exists()


def test_team_lifecycle_through_the_api(make_world, api_client_for):
    world = make_world(Role.REGIONAL_COORDINATOR)
    client = api_client_for(world.actor)
    response = client.post(
        "/api/v1/teams",
        {
            "region": world.region.pk,
            "name": "Aanjaagteam Rivierenland",
            "target_date": "2026-12-31",
            "roles_done": ["escalate", "promote"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["roles_done"] == ["promote", "escalate"]  # in the order of the checklist
    assert body["members"] == [] and body["missing_corners"] == [
        "municipality",
        "housing_provider",
        "employer",
    ]
    pk = body["id"]
    from aanjager.agreements import team_services

    team_services.add_member(
        actor=None,
        team=Team.objects.get(pk=pk),
        organisation=world.home,
        name="Wethouder",
        corner="municipality",
    )
    detail = client.get(f"/api/v1/teams/{pk}").json()
    assert [m["name"] for m in detail["members"]] == ["Wethouder"]
    assert detail["missing_corners"] == ["housing_provider", "employer"]
    changed = client.patch(f"/api/v1/teams/{pk}", {"notes": "Tweede ronde"}, format="json")
    assert changed.status_code == 200 and changed.json()["notes"] == "Tweede ronde"
    outside = client.post("/api/v1/teams", {"region": world.other_region.pk, "name": "Elders"}, format="json")
    assert outside.status_code == 403
    assert client.delete(f"/api/v1/teams/{pk}").status_code == 204
    assert not Team.objects.exists()


def test_meeting_lifecycle_through_the_api(make_world, api_client_for):
    world = make_world(Role.POLICY_ADVISOR)
    client = api_client_for(world.actor)
    response = client.post(
        "/api/v1/meetings",
        {
            "region": world.region.pk,
            "kind": "administrative",
            "title": "Bestuurlijk overleg",
            "held_on": "2025-05-12",
            "participants": [world.home.pk, world.in_area.pk],
            "agenda": "1. Opening",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert sorted(body["participants"]) == sorted([world.home.pk, world.in_area.pk])
    assert body["action_items"] == []
    pk = body["id"]
    from aanjager.agreements import meeting_services

    meeting_services.add_action_item(
        actor=None,
        meeting=Meeting.objects.get(pk=pk),
        description="Locaties inventariseren",
        owner=world.in_area,
        due_on=dt.date(2025, 7, 1),
    )
    detail = client.get(f"/api/v1/meetings/{pk}").json()
    [item] = detail["action_items"]
    assert (item["description"], item["owner"], item["status"]) == (
        "Locaties inventariseren",
        world.in_area.pk,
        "open",
    )
    changed = client.patch(
        f"/api/v1/meetings/{pk}", {"decisions": "Besloten", "participants": [world.home.pk]}, format="json"
    )
    assert changed.status_code == 200, changed.content
    assert (changed.json()["decisions"], changed.json()["participants"]) == ("Besloten", [world.home.pk])
    # An action item would fall before the meeting: refused, nothing changed.
    _invalid(client.patch(f"/api/v1/meetings/{pk}", {"held_on": "2025-08-01"}, format="json"), "held_on")
    assert Meeting.objects.get(pk=pk).held_on == dt.date(2025, 5, 12)
    assert client.delete(f"/api/v1/meetings/{pk}").status_code == 204
    assert not Meeting.objects.exists()


def test_progress_report_generated_published_and_deleted(make_world, api_client_for):
    world = make_world(Role.REGIONAL_COORDINATOR)
    world.agreement_targets  # noqa: B018 -- agreements to report on
    client = api_client_for(world.actor)
    response = client.post(
        "/api/v1/progress-reports", {"region": world.region.pk, "reference_date": "2025-06-30"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["region"], body["reference_date"], body["published_at"], body["previous"]) == (
        world.region.pk,
        "2025-06-30",
        None,
        None,
    )
    assert body["snapshot"]["reference_date"] == "2025-06-30"
    pk = body["id"]
    assert client.get("/api/v1/progress-reports").json()["count"] == 1
    _invalid(client.patch(f"/api/v1/progress-reports/{pk}", {"published": False}, format="json"), "published")
    published = client.patch(f"/api/v1/progress-reports/{pk}", {"published": True}, format="json")
    assert published.status_code == 200, published.content
    assert published.json()["published_at"] is not None
    again = client.patch(f"/api/v1/progress-reports/{pk}", {"published": True}, format="json")
    assert again.status_code == 400 and again["Content-Type"].startswith(PROBLEM)
    national = client.post(
        "/api/v1/progress-reports", {"region": None, "reference_date": "2025-06-30"}, format="json"
    )
    assert national.status_code == 403  # national reports are for administrators
    assert client.delete(f"/api/v1/progress-reports/{pk}").status_code == 403  # administrators only
    admin = api_client_for(_member(world, "beheerder", Role.ADMINISTRATOR))
    assert admin.delete(f"/api/v1/progress-reports/{pk}").status_code == 204
    assert not ProgressReport.objects.exists()
