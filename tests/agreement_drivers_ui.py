"""UI drivers for the agreements app's policy rows (agreement, progress_update, team, meeting, progress_report)."""

from aanjager.agreements.models import Agreement, Meeting, ProgressReport, ProgressUpdate, Team
from aanjager.businesscase.models import BusinessCase


def _agreement_form(agreement, **overrides):
    data = {
        "title": agreement.title,
        "agreement_type": agreement.agreement_type,
        "region": agreement.region_id or "",
        "signed_on": "2025-01-01",
        "description": agreement.description,
        "at_risk_margin": "10",
        "update_interval_days": "90",
    }
    data.update(overrides)
    return data


def _view_agreement(client, world, agreement):
    response = client.get(f"/afspraken/{agreement.pk}/")
    return response.status_code == 200 and agreement.title in response.content.decode()


def _create_agreement(client, world, agreement):
    client.post("/afspraken/nieuw/", _agreement_form(agreement, title="Nieuwe afspraak via UI"))
    return Agreement.objects.filter(title="Nieuwe afspraak via UI").exists()


def _change_agreement(client, world, agreement):
    client.post(f"/afspraken/{agreement.pk}/bewerken/", _agreement_form(agreement, description="Gewijzigd"))
    return Agreement.objects.get(pk=agreement.pk).description == "Gewijzigd"


def _delete_agreement(client, world, agreement):
    client.post(f"/afspraken/{agreement.pk}/verwijderen/")
    return not Agreement.objects.filter(pk=agreement.pk).exists()


def _view_update(client, world, update):
    response = client.get(f"/afspraken/toezeggingen/{update.commitment_id}/")
    return response.status_code == 200 and update.narrative in response.content.decode()


def _create_update(client, world, update):
    client.post(
        f"/afspraken/toezeggingen/{update.commitment_id}/voortgang/",
        {
            "voortgang-reported_on": "2025-06-01",
            "voortgang-delivered": "12",
            "voortgang-narrative": "Nieuw via UI",
        },
    )
    return ProgressUpdate.objects.filter(narrative="Nieuw via UI").exists()


def _change_update(client, world, update):
    client.post(f"/afspraken/voortgang/{update.pk}/beoordelen/", {"review": "accepted"})
    return ProgressUpdate.objects.get(pk=update.pk).review == "accepted"


def _delete_update(client, world, update):
    client.post(f"/afspraken/voortgang/{update.pk}/verwijderen/")
    return not ProgressUpdate.objects.filter(pk=update.pk).exists()


def _view_team(client, world, team):
    response = client.get(f"/afspraken/teams/{team.pk}/")
    return response.status_code == 200 and team.name in response.content.decode()


def _create_team(client, world, team):
    region = team.region
    Team.objects.filter(pk=team.pk).delete()  # one team per region: make room for the new one
    client.post("/afspraken/teams/nieuw/", {"region": region.pk, "name": "Nieuw team via UI"})
    return Team.objects.filter(name="Nieuw team via UI").exists()


def _change_team(client, world, team):
    client.post(
        f"/afspraken/teams/{team.pk}/bewerken/",
        {"region": team.region_id, "name": team.name, "notes": "Gewijzigd"},
    )
    return Team.objects.get(pk=team.pk).notes == "Gewijzigd"


def _delete_team(client, world, team):
    client.post(f"/afspraken/teams/{team.pk}/verwijderen/")
    return not Team.objects.filter(pk=team.pk).exists()


def _meeting_form(meeting, **overrides):
    data = {
        "region": meeting.region_id,
        "kind": meeting.kind,
        "title": meeting.title,
        "held_on": "2025-04-01",
        "agenda": meeting.agenda,
    }
    data.update(overrides)
    return data


def _view_meeting(client, world, meeting):
    response = client.get(f"/afspraken/vergaderingen/{meeting.pk}/")
    return response.status_code == 200 and meeting.title in response.content.decode()


def _create_meeting(client, world, meeting):
    client.post("/afspraken/vergaderingen/nieuw/", _meeting_form(meeting, title="Nieuw overleg via UI"))
    return Meeting.objects.filter(title="Nieuw overleg via UI").exists()


def _change_meeting(client, world, meeting):
    client.post(
        f"/afspraken/vergaderingen/{meeting.pk}/bewerken/", _meeting_form(meeting, agenda="Gewijzigd")
    )
    return Meeting.objects.get(pk=meeting.pk).agenda == "Gewijzigd"


def _delete_meeting(client, world, meeting):
    client.post(f"/afspraken/vergaderingen/{meeting.pk}/verwijderen/")
    return not Meeting.objects.filter(pk=meeting.pk).exists()


def _view_report(client, world, report):
    response = client.get(f"/afspraken/rapportages/{report.pk}/")
    return response.status_code == 200 and report.title in response.content.decode()


def _create_report(client, world, report):
    client.post(
        "/afspraken/rapportages/nieuw/",
        {"region": report.region_id, "reference_date": "2025-06-30", "title": "Nieuwe rapportage via UI"},
    )
    return ProgressReport.objects.filter(title="Nieuwe rapportage via UI").exists()


def _change_report(client, world, report):
    client.post(f"/afspraken/rapportages/{report.pk}/publiceren/")
    return ProgressReport.objects.get(pk=report.pk).published_at is not None


def _delete_report(client, world, report):
    client.post(f"/afspraken/rapportages/{report.pk}/verwijderen/")
    return not ProgressReport.objects.filter(pk=report.pk).exists()


def _case_form(case, **overrides):
    data = {
        "name": case.name,
        "municipality": case.municipality_id,
        "organisation": case.organisation_id,
        "notes": case.notes,
        **{
            f"weight_{key}": "1"
            for key in ("distance_to_work", "quality", "neighbourhood", "support", "permit_risk")
        },
    }
    data.update(overrides)
    return data


def _view_case(client, world, case):
    response = client.get(f"/businesscases/{case.pk}/")
    return response.status_code == 200 and case.name in response.content.decode()


def _create_case(client, world, case):
    client.post("/businesscases/nieuw/", _case_form(case, name="Nieuwe businesscase via UI"))
    return BusinessCase.objects.filter(name="Nieuwe businesscase via UI").exists()


def _change_case(client, world, case):
    client.post(f"/businesscases/{case.pk}/bewerken/", _case_form(case, notes="Gewijzigd"))
    return BusinessCase.objects.get(pk=case.pk).notes == "Gewijzigd"


def _delete_case(client, world, case):
    client.post(f"/businesscases/{case.pk}/verwijderen/")
    return not BusinessCase.objects.filter(pk=case.pk).exists()


UI = {
    ("business_case", "view"): _view_case,
    ("business_case", "create"): _create_case,
    ("business_case", "change"): _change_case,
    ("business_case", "delete"): _delete_case,
    ("progress_report", "view"): _view_report,
    ("progress_report", "create"): _create_report,
    ("progress_report", "change"): _change_report,
    ("progress_report", "delete"): _delete_report,
    ("agreement", "view"): _view_agreement,
    ("agreement", "create"): _create_agreement,
    ("agreement", "change"): _change_agreement,
    ("agreement", "delete"): _delete_agreement,
    ("progress_update", "view"): _view_update,
    ("progress_update", "create"): _create_update,
    ("progress_update", "change"): _change_update,
    ("progress_update", "delete"): _delete_update,
    ("team", "view"): _view_team,
    ("team", "create"): _create_team,
    ("team", "change"): _change_team,
    ("team", "delete"): _delete_team,
    ("meeting", "view"): _view_meeting,
    ("meeting", "create"): _create_meeting,
    ("meeting", "change"): _change_meeting,
    ("meeting", "delete"): _delete_meeting,
}
