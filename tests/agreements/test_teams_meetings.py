"""Aanjaagteams with their engagement board, meetings with action items, and the demo region's agreements."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from aanjager.agreements import meeting_services, services, team_services
from aanjager.agreements.models import ActionItem, Notification, PartyContact
from tests.agreements.test_agreements import Covenant

TODAY = dt.date.today()


@pytest.fixture
def covenant(db):
    return Covenant()


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"


@pytest.fixture
def team(covenant):
    team = team_services.create_team(actor=None, region=covenant.region, name="Aanjaagteam Testregio")
    team_services.add_member(
        actor=None, team=team, organisation=covenant.office, name="Wethouder", corner="municipality"
    )
    team_services.add_member(actor=None, team=team, organisation=covenant.provider, name="Directeur")
    return team


def test_a_missing_corner_is_warned_about(client, covenant, team):
    client.force_login(covenant.coordinator)
    page = client.get(f"/afspraken/teams/{team.pk}/").content.decode()
    assert "misses a member from this corner of the driehoek: Employer" in page
    team_services.add_member(actor=None, team=team, organisation=covenant.employer, name="Teler")
    page = client.get(f"/afspraken/teams/{team.pk}/").content.decode()
    assert "misses a member" not in page
    assert team.missing_corners() == []


def test_engagement_board_shows_who_has_not_signed_or_committed(client, covenant, team):
    late_signer = services.add_party(actor=None, agreement=covenant.agreement, organisation=covenant.office)
    assert late_signer.signed_on is None
    client.force_login(covenant.coordinator)
    page = client.get(f"/afspraken/teams/{team.pk}/").content.decode()
    board = page[page.index("Party engagement board") : page.index("Escalations")]
    # Teler BV signed but committed nothing; the other provider too; Flexwonen has a commitment without update.
    assert "Teler BV" in board and "Andere huisvester" in board
    assert "Flexwonen BV" in board and "lagging" in board


def test_contact_moments_and_escalation_with_notification(
    client, covenant, team, django_capture_on_commit_callbacks
):
    client.force_login(covenant.coordinator)
    url = f"/afspraken/teams/{team.pk}/"
    response = client.post(
        url + "contact/",
        {
            "contact-organisation": covenant.employer.pk,
            "contact-contacted_on": TODAY.isoformat(),
            "contact-channel": "phone",
            "contact-summary": "Wil eerst de verdeling zien",
            "contact-next_step": "Nieuw gesprek",
            "contact-next_step_on": (TODAY - dt.timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 400 and "cannot lie before the contact moment" in response.content.decode()
    assert not PartyContact.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url + "escalatie/",
            {
                "escalatie-organisation": covenant.employer.pk,
                "escalatie-level": "ministry",
                "escalatie-reason": "Weigert deel te nemen",
                "escalatie-escalated_on": TODAY.isoformat(),
            },
        )
    assert response.status_code == 302
    assert Notification.objects.filter(user=covenant.coordinator, kind="escalation").exists()
    escalation = team.escalations.get()
    client.post(f"/afspraken/teams/escalaties/{escalation.pk}/opgelost/")
    escalation.refresh_from_db()
    assert escalation.resolved_on == TODAY


def test_roles_checklist_keeps_only_known_roles(covenant, team):
    team_services.update_team(actor=covenant.coordinator, team=team, roles_done=["escalate", "promote"])
    team.refresh_from_db()
    assert team.roles_done == ["promote", "escalate"]  # in the order of seed 000
    with pytest.raises(ValidationError):
        team_services.update_team(actor=covenant.coordinator, team=team, roles_done=["take_over"])


def test_one_team_per_region(client, covenant, team):
    client.force_login(covenant.coordinator)
    response = client.post("/afspraken/teams/nieuw/", {"region": covenant.region.pk, "name": "Tweede team"})
    assert response.status_code == 200 and "already exists" in response.content.decode()


@pytest.fixture
def meeting(covenant):
    return meeting_services.create_meeting(
        actor=None,
        region=covenant.region,
        kind="administrative",
        title="Bestuurlijk overleg",
        held_on=TODAY - dt.timedelta(days=10),
        participants=[covenant.provider],
    )


def test_action_items_follow_the_transition_table(client, covenant, meeting):
    client.force_login(covenant.coordinator)
    url = f"/afspraken/vergaderingen/{meeting.pk}/"
    response = client.post(
        url + "acties/",
        {
            "actie-description": "Locatie zoeken",
            "actie-owner": covenant.provider.pk,
            "actie-due_on": "2000-01-01",
        },
    )
    assert response.status_code == 400 and "before the meeting" in response.content.decode()
    response = client.post(
        url + "acties/",
        {
            "actie-description": "Locatie zoeken",
            "actie-owner": covenant.provider.pk,
            "actie-due_on": TODAY.isoformat(),
            "actie-commitment": covenant.commitment.pk,
        },
    )
    assert response.status_code == 302
    item = ActionItem.objects.get()
    assert item.commitment == covenant.commitment
    client.post(f"/afspraken/acties/{item.pk}/status/", {"status": "done"})
    item.refresh_from_db()
    assert item.status == "done"
    client.post(
        f"/afspraken/acties/{item.pk}/status/", {"status": "cancelled"}
    )  # done → cancelled is not allowed
    item.refresh_from_db()
    assert item.status == "done"
    commitment_page = client.get(f"/afspraken/toezeggingen/{covenant.commitment.pk}/").content.decode()
    assert "Locatie zoeken" in commitment_page


def test_agenda_page_per_region(client, covenant, meeting):
    meeting_services.create_meeting(
        actor=None,
        region=covenant.region,
        kind="workshop",
        title="Werkatelier bed voor bed",
        held_on=TODAY + dt.timedelta(days=10),
    )
    client.force_login(covenant.reader)
    page = client.get("/afspraken/vergaderingen/", {"regio": covenant.region.pk}).content.decode()
    upcoming, past = page.index("Upcoming"), page.index("Earlier meetings")
    assert upcoming < page.index("Werkatelier bed voor bed") < past < page.index("Bestuurlijk overleg")
    assert client.get("/afspraken/vergaderingen/", {"regio": "999999"}).status_code == 404
    # The provider took part: it sees the meeting; the other provider did not.
    client.force_login(covenant.party_user)
    assert client.get(f"/afspraken/vergaderingen/{meeting.pk}/").status_code == 200
    client.force_login(covenant.other_user)
    assert client.get(f"/afspraken/vergaderingen/{meeting.pk}/").status_code == 404


def test_demo_region_has_the_covenant_in_every_status(db):
    from aanjager.agreements import selectors
    from aanjager.agreements.models import Agreement, Commitment, Meeting, ProgressReport, Team

    call_command("load_demo", "--quiet-logins", stdout=StringIO())
    covenant = Agreement.objects.get(title__startswith="Convenant huisvesting arbeidsmigranten Rivierenland")
    commitments = Commitment.objects.filter(agreement=covenant).select_related("agreement")
    assert 18 <= commitments.count() <= 24
    statuses = Counter(item.status.value for item in selectors.judged(commitments, TODAY))
    assert set(statuses) == {"done", "on_track", "at_risk", "overdue", "no_update"}, statuses
    team = Team.objects.get(region__name="Regio Rivierenland")
    assert team.missing_corners() == ["employer"]
    meetings = Meeting.objects.filter(region=team.region)
    assert meetings.count() == 2 and all(m.action_items.exists() for m in meetings)
    assert ProgressReport.objects.filter(region=team.region).count() >= 1
    assert Notification.objects.exists()
    call_command("load_demo", "--quiet-logins", stdout=StringIO())  # idempotent
    assert Agreement.objects.filter(title=covenant.title).count() == 1


def test_notifications_go_only_to_those_who_may_open_them(covenant):
    from aanjager.accounts import services as account_services
    from aanjager.agreements import notify

    inspector = account_services.create_user(
        actor=None, username="inspecteur", password="een-lang-wachtwoord-77"
    )
    account_services.create_membership(
        actor=None, user=inspector, organisation=covenant.provider, role="inspector"
    )
    notify.check_commitments()
    assert Notification.objects.filter(user=covenant.party_user).exists()
    assert not Notification.objects.filter(user=inspector).exists()  # may not see agreements


def test_pages_name_only_what_the_reader_may_open(client, covenant, meeting):
    """A meeting's action item names its commitment only to those who see the commitment, and the other way
    round: a commitment lists action items only from meetings the reader may see."""
    outsider_employer = covenant._user("teler", covenant.employer, "employer")
    services.remove_party(actor=None, party=covenant.agreement.parties.get(organisation=covenant.employer))
    meeting.participants.add(covenant.employer)
    meeting_services.add_action_item(
        actor=None,
        meeting=meeting,
        description="Vergunning aanvragen",
        owner=covenant.provider,
        due_on=TODAY,
        commitment=covenant.commitment,
    )
    client.force_login(outsider_employer)
    page = client.get(f"/afspraken/vergaderingen/{meeting.pk}/").content.decode()
    assert "Vergunning aanvragen" in page and "100 bedden short stay" not in page
    client.force_login(covenant.other_user)  # a party to the covenant, but not at the meeting
    page = client.get(f"/afspraken/toezeggingen/{covenant.commitment.pk}/").content.decode()
    assert "100 bedden short stay" in page and "Bestuurlijk overleg" not in page


def test_a_commitment_with_progress_is_not_handed_to_another_party(covenant):
    services.report_progress(
        actor=covenant.party_user, commitment=covenant.commitment, reported_on=TODAY, delivered=5
    )
    with pytest.raises(ValidationError) as error:
        services.update_commitment(
            actor=covenant.coordinator, commitment=covenant.commitment, organisation=covenant.other_provider
        )
    assert "organisation" in error.value.message_dict


@pytest.mark.parametrize(
    "query",
    [{"target_date": "0001-01-10"}, {"target_date": "2027-01-01", "lead_permit_applied": "10000000"}],
)
def test_planning_calculator_refuses_absurd_input(client, covenant, query):
    client.force_login(covenant.reader)
    assert client.get("/afspraken/terugplannen/", query).status_code == 400


def test_odd_region_filter_is_a_404_not_a_crash(client, covenant):
    client.force_login(covenant.reader)
    assert client.get("/afspraken/vergaderingen/", {"regio": "²"}).status_code == 404


def test_escalation_in_the_future_is_refused_and_resolving_twice_changes_nothing(client, covenant, team):
    with pytest.raises(ValidationError):
        team_services.escalate(
            actor=covenant.coordinator,
            team=team,
            organisation=covenant.employer,
            level="ministry",
            reason="Later",
            escalated_on=TODAY + dt.timedelta(days=5),
        )
    escalation = team_services.escalate(
        actor=covenant.coordinator,
        team=team,
        organisation=covenant.employer,
        level="ministry",
        reason="Nu",
        escalated_on=TODAY - dt.timedelta(days=3),
    )
    team_services.resolve_escalation(
        actor=covenant.coordinator, escalation=escalation, resolved_on=TODAY - dt.timedelta(days=1)
    )
    client.force_login(covenant.coordinator)
    client.post(f"/afspraken/teams/escalaties/{escalation.pk}/opgelost/")
    escalation.refresh_from_db()
    assert escalation.resolved_on == TODAY - dt.timedelta(days=1)


def test_reviewers_of_an_agreement_between_municipalities_are_notified(
    covenant, django_capture_on_commit_callbacks
):
    agreement = services.create_agreement(
        actor=None,
        title="Prestatieafspraken",
        agreement_type="performance_agreement",
        municipalities=[covenant.tiel],
        signed_on=TODAY - dt.timedelta(days=10),
    )
    services.add_party(
        actor=None, agreement=agreement, organisation=covenant.provider, signed_on=agreement.signed_on
    )
    commitment = services.create_commitment(
        actor=None,
        agreement=agreement,
        organisation=covenant.provider,
        kind="measure",
        description="Huurbeleid",
        target=1,
        due_on=TODAY + dt.timedelta(days=30),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.report_progress(
            actor=covenant.party_user, commitment=commitment, reported_on=TODAY, delivered=0
        )
    assert Notification.objects.filter(user=covenant.coordinator, kind="review").exists()
