"""UI and API drivers for the policy rows of issue 7 (programme, participation, policy_scan), for
test_scoping_matrix.py.

Like the other drivers: perform one action on one target and judge from the database (or, for reads, from the
page or the API) whether it took effect. Creates derive from the target: a new programme for the target's region;
a participation is first removed (directly) and then recorded again through the UI or API for the same measure and
municipality, so the answer depends on the place alone."""

from aanjager.policyscan.models import Scan
from aanjager.programme.models import Participation, Programme
from tests import agreement_drivers_api

OBJECT_TYPES = ("programme", "participation", "policy_scan")
DENIED = {403, 404, 405}
ENDPOINT = {"programme": "programmes", "participation": "participations", "policy_scan": "policy-scans"}


# ------------------------------------------------------------------ UI
def _programme_form(programme, **overrides):
    return {
        "name": programme.name,
        "region": programme.region_id,
        "description": programme.description,
        **overrides,
    }


def _participation_form(participation, **overrides):
    return {
        "decision": participation.decision,
        "reason": participation.reason,
        "planned_start": "",
        "planned_end": "",
        "progress_percent": str(participation.progress_percent),
        "progress_note": participation.progress_note,
        **overrides,
    }


def _participation_url(participation) -> str:
    return f"/programmas/maatregelen/{participation.measure_id}/gemeenten/{participation.municipality.code}/"


def _view_programme(client, world, programme):
    response = client.get(f"/programmas/{programme.pk}/")
    matrix = client.get(f"/programmas/{programme.pk}/matrix/")
    return (
        response.status_code == 200
        and programme.name in response.content.decode()
        and matrix.status_code == 200
    )


def _create_programme(client, world, programme):
    client.post("/programmas/nieuw/", _programme_form(programme, name="Nieuw programma via UI"))
    return Programme.objects.filter(name="Nieuw programma via UI", region=programme.region_id).exists()


def _change_programme(client, world, programme):
    client.post(f"/programmas/{programme.pk}/bewerken/", _programme_form(programme, description="Gewijzigd"))
    return Programme.objects.get(pk=programme.pk).description == "Gewijzigd"


def _delete_programme(client, world, programme):
    client.post(f"/programmas/{programme.pk}/verwijderen/")
    return not Programme.objects.filter(pk=programme.pk).exists()


def _view_participation(client, world, participation):
    response = client.get(f"/programmas/maatregelen/{participation.measure_id}/")
    if response.status_code != 200:
        return False
    return f"{participation.municipality.name}</th>" in response.content.decode()


def _create_participation(client, world, participation):
    Participation.objects.filter(pk=participation.pk).delete()
    client.post(_participation_url(participation), _participation_form(participation, progress_note="Nieuw"))
    return Participation.objects.filter(
        measure=participation.measure_id, municipality=participation.municipality_id, progress_note="Nieuw"
    ).exists()


def _change_participation(client, world, participation):
    client.post(
        _participation_url(participation), _participation_form(participation, progress_note="Gewijzigd")
    )
    return Participation.objects.get(pk=participation.pk).progress_note == "Gewijzigd"


def _delete_participation(client, world, participation):
    client.post(_participation_url(participation) + "intrekken/")
    return not Participation.objects.filter(pk=participation.pk).exists()


def _scan_form(scan, **overrides):
    return {
        "municipality": scan.municipality_id,
        "organisation": scan.organisation_id,
        "question_set": scan.question_set_id,
        "held_on": scan.held_on.isoformat(),
        "facilitator": scan.facilitator,
        "notes": scan.notes,
        **overrides,
    }


def _view_scan(client, world, scan):
    response = client.get(f"/beleidsscans/{scan.pk}/")
    return response.status_code == 200 and scan.notes in response.content.decode()


def _create_scan(client, world, scan):
    client.post("/beleidsscans/nieuw/", _scan_form(scan, notes="Nieuwe scan via UI"))
    return Scan.objects.filter(notes="Nieuwe scan via UI", municipality=scan.municipality_id).exists()


def _change_scan(client, world, scan):
    client.post(f"/beleidsscans/{scan.pk}/bewerken/", _scan_form(scan, notes="Gewijzigd"))
    return Scan.objects.get(pk=scan.pk).notes == "Gewijzigd"


def _delete_scan(client, world, scan):
    client.post(f"/beleidsscans/{scan.pk}/verwijderen/")
    return not Scan.objects.filter(pk=scan.pk).exists()


UI = {
    ("policy_scan", "view"): _view_scan,
    ("policy_scan", "create"): _create_scan,
    ("policy_scan", "change"): _change_scan,
    ("policy_scan", "delete"): _delete_scan,
    ("programme", "view"): _view_programme,
    ("programme", "create"): _create_programme,
    ("programme", "change"): _change_programme,
    ("programme", "delete"): _delete_programme,
    ("participation", "view"): _view_participation,
    ("participation", "create"): _create_participation,
    ("participation", "change"): _change_participation,
    ("participation", "delete"): _delete_participation,
}


# ------------------------------------------------------------------ API
def api(client, world, object_type, action, target) -> bool:
    base = f"/api/v1/{ENDPOINT[object_type]}"
    if action == "view":
        return agreement_drivers_api.viewed(client, base, target)
    if action == "create" and object_type == "policy_scan":
        payload = {
            "municipality": target.municipality.code,
            "organisation": target.organisation_id,
            "held_on": "2025-05-01",
            "notes": "Nieuwe scan via API",
        }
        response = client.post(base, payload, format="json")
        assert response.status_code in DENIED | {201}, response.content
        return Scan.objects.filter(notes="Nieuwe scan via API", municipality=target.municipality_id).exists()
    if action == "create":
        if object_type == "participation":
            Participation.objects.filter(pk=target.pk).delete()
            payload = {
                "measure": target.measure_id,
                "municipality": target.municipality.code,
                "decision": "in",
                "progress_note": "Nieuw via API",
            }
        else:
            payload = {"name": "Nieuw programma via API", "region": target.region_id}
        response = client.post(base, payload, format="json")
        assert response.status_code in DENIED | {201}, response.content
        if object_type == "participation":
            return Participation.objects.filter(
                measure=target.measure_id, municipality=target.municipality_id, progress_note="Nieuw via API"
            ).exists()
        return Programme.objects.filter(name="Nieuw programma via API", region=target.region_id).exists()
    if action == "change":
        field = {"participation": "progress_note", "programme": "description", "policy_scan": "notes"}[
            object_type
        ]
        response = client.patch(f"{base}/{target.pk}", {field: "Gewijzigd via API"}, format="json")
        assert response.status_code in DENIED | {200}, response.content
        return getattr(type(target).objects.get(pk=target.pk), field) == "Gewijzigd via API"
    if action == "delete":
        response = client.delete(f"{base}/{target.pk}")
        assert response.status_code in DENIED | {204}, response.content
        return not type(target).objects.filter(pk=target.pk).exists()
    raise AssertionError(action)
