"""API drivers for the agreements app's policy rows (agreement, progress_update, team, meeting, progress_report)
and for business_case.

Like the generic driver in scoping_drivers.py: perform one action on one target through /api/v1 and judge from
the database (or, for reads, from detail and list together) whether it took effect. Every answer must be the
success code or a refusal (403/404/405): a 400 or 500 fails the cell.

Creates are derived from the target, so that the target's place decides whether the new object is in scope:
- agreement, meeting: a new one in the target's region;
- progress_update: a new update on the target's commitment (only the committed party may report);
- team: a region has at most one aanjaagteam, so the target team is removed first (directly, not through the API)
  and a new team is proposed for the target's region: the answer then depends on the region alone, never on
  "this region already has a team";
- progress_report: a new report for the target's region, on a reference date no target has;
- business_case: a new case for the target's municipality and organisation.
"""

import datetime as dt

from aanjager.agreements.models import Agreement, Meeting, ProgressReport, ProgressUpdate, Team
from aanjager.businesscase.models import BusinessCase

OBJECT_TYPES = ("agreement", "progress_update", "team", "meeting", "progress_report", "business_case")
DENIED = {403, 404, 405}

ENDPOINT = {
    "agreement": "agreements",
    "progress_update": "progress-updates",
    "team": "teams",
    "meeting": "meetings",
    "progress_report": "progress-reports",
    "business_case": "business-cases",
}
NEW_REPORT_DATE = dt.date(2025, 9, 30)


def api(client, world, object_type, action, target) -> bool:
    base = f"/api/v1/{ENDPOINT[object_type]}"
    if action == "view":
        return viewed(client, base, target)
    if action == "create":
        if object_type == "team":
            Team.objects.filter(
                pk=target.pk
            ).delete()  # one team per region: make room in the target's region
        response = client.post(base, _create_payload(object_type, target), format="json")
        assert response.status_code in DENIED | {201}, response.content
        return _created(object_type, target)
    if action == "change":
        payload = CHANGE[object_type]
        if object_type == "progress_update":
            assert target.review == ProgressUpdate.Review.PENDING
        if object_type == "progress_report":
            assert target.published_at is None
        response = client.patch(f"{base}/{target.pk}", payload, format="json")
        assert response.status_code in DENIED | {200}, response.content
        return _changed(object_type, target)
    if action == "delete":
        response = client.delete(f"{base}/{target.pk}")
        assert response.status_code in DENIED | {204}, response.content
        return not type(target).objects.filter(pk=target.pk).exists()
    raise AssertionError(action)


def viewed(client, base, target) -> bool:
    """Read one object through the API: in detail and, when that works, in the list too."""
    response = client.get(f"{base}/{target.pk}")
    assert response.status_code in DENIED | {200}, response.content
    if response.status_code != 200:
        return False
    listed = client.get(base, {"page_size": 500})
    assert listed.status_code == 200, listed.content
    assert target.pk in {item["id"] for item in listed.json()["results"]}, (
        "visible in detail, not in the list"
    )
    return True


def _create_payload(object_type, target) -> dict:
    if object_type == "agreement":
        return {
            "title": "Nieuw convenant via API",
            "agreement_type": "regional_covenant",
            "region": target.region_id,
            "signed_on": "2025-02-01",
        }
    if object_type == "progress_update":
        return {
            "commitment": target.commitment_id,
            "reported_on": "2025-06-01",
            "delivered": 12,
            "narrative": "API",
        }
    if object_type == "team":
        return {"region": target.region_id, "name": "Nieuw aanjaagteam via API"}
    if object_type == "meeting":
        return {
            "region": target.region_id,
            "kind": "network",
            "title": "Nieuw overleg via API",
            "held_on": "2025-05-01",
        }
    if object_type == "progress_report":
        return {"region": target.region_id, "reference_date": NEW_REPORT_DATE.isoformat()}
    if object_type == "business_case":
        return {
            "name": "Nieuwe businesscase via API",
            "municipality": target.municipality.code,
            "organisation": target.organisation_id,
        }
    raise AssertionError(object_type)


def _created(object_type, target) -> bool:
    return {
        "agreement": lambda: Agreement.objects.filter(
            title="Nieuw convenant via API", region=target.region_id
        ),
        "progress_update": lambda: ProgressUpdate.objects.filter(
            commitment=target.commitment_id, narrative="API"
        ),
        "team": lambda: Team.objects.filter(name="Nieuw aanjaagteam via API", region=target.region_id),
        "meeting": lambda: Meeting.objects.filter(title="Nieuw overleg via API", region=target.region_id),
        "progress_report": lambda: ProgressReport.objects.filter(
            region=target.region_id, reference_date=NEW_REPORT_DATE
        ),
        "business_case": lambda: BusinessCase.objects.filter(
            name="Nieuwe businesscase via API",
            municipality=target.municipality_id,
            organisation=target.organisation_id,
        ),
    }[object_type]().exists()


CHANGE = {
    "agreement": {"description": "Gewijzigd via API"},
    "progress_update": {"review": "accepted"},  # changing an update is reviewing it
    "team": {"notes": "Gewijzigd via API"},
    "meeting": {"decisions": "Gewijzigd via API"},
    "progress_report": {"published": True},  # only publication changes a report
    "business_case": {"notes": "Gewijzigd"},
}


def _changed(object_type, target) -> bool:
    fresh = type(target).objects.get(pk=target.pk)
    return {
        "agreement": lambda: fresh.description == "Gewijzigd via API",
        "progress_update": lambda: fresh.review == ProgressUpdate.Review.ACCEPTED,
        "team": lambda: fresh.notes == "Gewijzigd via API",
        "meeting": lambda: fresh.decisions == "Gewijzigd via API",
        "progress_report": lambda: fresh.published_at is not None,
        "business_case": lambda: fresh.notes == "Gewijzigd",
    }[object_type]()
