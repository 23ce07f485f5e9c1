"""The log of who viewed personal data (issue 8): every page and API response that shows people's names or contact
details records who saw whose data, when and where; administrators read it at /audit/inzage/ and export it; pages
without personal data and anonymous visitors leave nothing; the retention job removes old rows (test_retention)."""

import datetime as dt

import pytest

from aanjager.accounts.models import Role
from aanjager.agreements import meeting_services
from aanjager.audit.models import PersonalDataView, PersonalDataViewItem
from aanjager.policyscan import services as scan_services


@pytest.fixture
def world(admin_world):
    return admin_world


def _people_seen(path=None):
    views = PersonalDataView.objects.all()
    if path is not None:
        views = views.filter(path=path)
    return {
        (i.object_type, i.object_label)
        for i in PersonalDataViewItem.objects.filter(view__in=views).order_by("object_type", "object_label")
    }


def _get(client, world, path):
    client.force_login(world.actor)
    client.cookies["django_language"] = "en"
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def test_the_user_list_and_a_user_page_record_whose_accounts_were_shown(client, world):
    _get(client, world, "/gebruikers/")
    seen = _people_seen("/gebruikers/")
    assert ("accounts.user", "Acti Persoon") in seen and ("accounts.user", "buurman") in seen
    view = PersonalDataView.objects.get(path="/gebruikers/")
    assert view.actor == world.actor and view.channel == "ui" and view.count == len(seen)
    _get(client, world, f"/gebruikers/{world.user_in.pk}/bewerken/")
    assert _people_seen(f"/gebruikers/{world.user_in.pk}/bewerken/") == {("accounts.user", "buurman")}


def test_an_organisation_page_records_its_contact_persons_and_members(client, world):
    _get(client, world, f"/organisaties/{world.home.pk}/")
    assert _people_seen() == {
        ("organisations.contactperson", "Contact own"),
        ("accounts.user", "Acti Persoon"),
    }


def test_team_meeting_and_scan_pages_record_the_people_on_them(client, world):
    team = world.team_targets["in"]
    meeting = world.meeting_targets["in"]
    meeting_services.add_action_item(
        actor=None, meeting=meeting, description="Bellen", owner=world.in_area, owner_name="Jan Jansen",
        due_on=dt.date(2025, 5, 1),
    )  # fmt: skip
    meeting_services.add_action_item(
        actor=None,
        meeting=meeting,
        description="Zonder persoon",
        owner=world.in_area,
        due_on=dt.date(2025, 5, 1),
    )
    scan = world.policy_scan_targets["own"]
    scan_services.add_participant(actor=None, scan=scan, department="Wonen", name="Piet Pieters")
    scan_services.add_participant(actor=None, scan=scan, department="Economie")  # no name: no personal data
    _get(client, world, f"/afspraken/teams/{team.pk}/")
    _get(client, world, f"/afspraken/vergaderingen/{meeting.pk}/")
    _get(client, world, "/afspraken/vergaderingen/")
    _get(client, world, f"/beleidsscans/{scan.pk}/")
    assert _people_seen(f"/afspraken/teams/{team.pk}/") == {("agreements.teammember", "Lid Buur in de regio")}
    assert _people_seen(f"/afspraken/vergaderingen/{meeting.pk}/") == {
        ("agreements.actionitem", "Jan Jansen")
    }
    assert _people_seen("/afspraken/vergaderingen/") == {("agreements.actionitem", "Jan Jansen")}
    assert _people_seen(f"/beleidsscans/{scan.pk}/") == {("policyscan.participant", "Piet Pieters")}


def test_api_lists_and_details_record_what_they_returned(world, api_client_for):
    api = api_client_for(world.actor)
    assert api.get("/api/v1/contact-persons").status_code == 200
    assert _people_seen("/api/v1/contact-persons") == {
        ("organisations.contactperson", f"Contact {key}") for key in ("own", "in", "out")
    }
    assert api.get(f"/api/v1/users/{world.user_out.pk}").status_code == 200
    assert _people_seen(f"/api/v1/users/{world.user_out.pk}") == {("accounts.user", "verre-vriend")}
    team = world.team_targets["out"]
    assert api.get(f"/api/v1/teams/{team.pk}").status_code == 200
    assert _people_seen(f"/api/v1/teams/{team.pk}") == {("agreements.teammember", "Lid Ver weg")}
    assert PersonalDataView.objects.get(path=f"/api/v1/teams/{team.pk}").channel == "api"
    # a write is in the audit trail already; it is not a view
    before = PersonalDataView.objects.count()
    response = api.post(
        "/api/v1/contact-persons", {"organisation": world.home.pk, "name": "Nieuw Contact"}, format="json"
    )
    assert response.status_code == 201 and PersonalDataView.objects.count() == before


def test_pages_without_personal_data_and_anonymous_visitors_leave_nothing(client, world):
    _get(client, world, "/locaties/")
    _get(client, world, "/programmas/")
    client.logout()
    client.get("/register/")
    assert PersonalDataView.objects.count() == 0


def test_administrators_read_filter_and_export_the_log(client, world):
    _get(client, world, "/gebruikers/")
    _get(client, world, f"/organisaties/{world.in_area.pk}/")
    page = _get(client, world, "/audit/inzage/").content.decode()
    assert "/gebruikers/" in page and "Contact in" in page and "Views of personal data" in page
    # whose data: only the views that showed this contact person
    contact = world.contacts["in"]
    page = _get(
        client, world, f"/audit/inzage/?object_type=organisations.contactperson&object_id={contact.pk}"
    ).content.decode()
    assert f"/organisaties/{world.in_area.pk}/" in page and "<code>/gebruikers/</code>" not in page
    export = client.get("/audit/inzage/export.csv?actor=actor")
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0] == "tijdstip;gebruiker;kanaal;adres;soort;persoon_id;persoon"
    assert any(line.endswith(f";organisations.contactperson;{contact.pk};Contact in") for line in lines)
    # the log pages themselves show names of people, but reading the log is not logged again as a view
    assert not PersonalDataView.objects.filter(path__startswith="/audit/").exists()


@pytest.mark.parametrize("role", [Role.REGIONAL_COORDINATOR, Role.POLICY_ADVISOR, Role.READER])
def test_only_administrators_may_read_it(client, make_world, role):
    world = make_world(role)
    client.force_login(world.actor)
    assert client.get("/audit/inzage/").status_code == 403
    assert client.get("/audit/inzage/export.csv").status_code == 403


def test_a_commitment_page_and_a_scan_workbook_record_the_people_in_them(client, world):
    agreement = world.agreement_targets["own"]
    commitment = agreement.commitments.get()
    meeting = world.meeting_targets["own"]
    meeting_services.add_action_item(
        actor=None, meeting=meeting, description="Bellen", owner=world.home, owner_name="Kees Kok",
        due_on=dt.date(2025, 5, 1), commitment=commitment,
    )  # fmt: skip
    scan = world.policy_scan_targets["own"]
    scan_services.add_participant(actor=None, scan=scan, department="Wonen", name="Piet Pieters")
    _get(client, world, f"/afspraken/toezeggingen/{commitment.pk}/")
    _get(client, world, f"/beleidsscans/{scan.pk}/beleidsscan.xlsx")
    assert _people_seen(f"/afspraken/toezeggingen/{commitment.pk}/") == {
        ("agreements.actionitem", "Kees Kok")
    }
    assert _people_seen(f"/beleidsscans/{scan.pk}/beleidsscan.xlsx") == {
        ("policyscan.participant", "Piet Pieters")
    }
