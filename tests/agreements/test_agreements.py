"""Agreements, commitments and progress updates through the pages: rights, bad input, status, documents."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from aanjager.accounts import services as account_services
from aanjager.agreements import notify, services
from aanjager.agreements.models import Agreement, AgreementDocument, Commitment, Notification, ProgressUpdate
from aanjager.audit.models import AuditEntry
from aanjager.core.services import NotAllowed
from aanjager.geo import services as geo_services
from aanjager.geo.models import Municipality
from aanjager.organisations import services as org_services

PASSWORD = "een-lang-test-wachtwoord-42"
TODAY = dt.date.today()


class Covenant:
    """A region with a covenant: a provider committed to 100 beds, an employer party with nothing committed."""

    def __init__(self):
        tiel, zaltbommel = Municipality.objects.get(code="GM0281"), Municipality.objects.get(code="GM0297")
        self.region = geo_services.create_region(
            actor=None, name="Testregio", municipalities=[tiel, zaltbommel]
        )
        self.tiel = tiel
        self.office = org_services.create_organisation(
            actor=None, name="Regiokantoor", org_type="government", seat_municipality=tiel
        )
        self.provider = org_services.create_organisation(
            actor=None, name="Flexwonen BV", org_type="private_housing_provider", seat_municipality=tiel
        )
        self.other_provider = org_services.create_organisation(
            actor=None,
            name="Andere huisvester",
            org_type="private_housing_provider",
            seat_municipality=zaltbommel,
        )
        self.employer = org_services.create_organisation(
            actor=None, name="Teler BV", org_type="employer", seat_municipality=zaltbommel
        )
        self.coordinator = self._user("coord", self.office, "regional_coordinator", region=self.region)
        self.party_user = self._user("partij", self.provider, "housing_provider")
        self.other_user = self._user("ander", self.other_provider, "housing_provider")
        self.reader = self._user("lezer", self.office, "reader")
        self.agreement = services.create_agreement(
            actor=None,
            title="Convenant Testregio",
            agreement_type="regional_covenant",
            region=self.region,
            signed_on=TODAY - dt.timedelta(days=200),
        )
        for org in (self.provider, self.other_provider, self.employer):
            services.add_party(
                actor=None, agreement=self.agreement, organisation=org, signed_on=self.agreement.signed_on
            )
        self.commitment = services.create_commitment(
            actor=None,
            agreement=self.agreement,
            organisation=self.provider,
            kind="beds",
            stay_class="short",
            description="100 bedden short stay",
            target=100,
            municipality=tiel,
            due_on=TODAY + dt.timedelta(days=200),
        )

    def _user(self, username, organisation, role, region=None):
        user = account_services.create_user(
            actor=None, username=username, password=PASSWORD, email=f"{username}@example.nl"
        )
        account_services.create_membership(
            actor=None, user=user, organisation=organisation, role=role, region=region
        )
        return user


@pytest.fixture
def covenant(db):
    return Covenant()


@pytest.fixture(autouse=True)
def english(client):
    """Messages are checked in English (the msgids); the Dutch translations are checked elsewhere."""
    client.cookies["django_language"] = "en"


def _commitment_form(world, **overrides):
    data = {
        "organisation": world.provider.pk,
        "kind": "beds",
        "stay_class": "mid",
        "description": "Nieuwe toezegging",
        "target": "50",
        "municipality": world.tiel.pk,
        "due_on": (TODAY + dt.timedelta(days=100)).isoformat(),
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field_message"),
    [
        ({"organisation": ""}, "This field is required"),
        ({"due_on": "2020-01-01"}, "before the agreement was signed"),
        ({"target": "-5"}, "greater than or equal to"),
        ({"target": "0"}, "greater than or equal to 1"),
        ({"kind": "beds", "stay_class": ""}, "names the stay class"),
        ({"organisation": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_commitment_input_is_refused_with_a_clear_message(client, covenant, overrides, field_message):
    client.force_login(covenant.coordinator)
    before = Commitment.objects.count()
    response = client.post(
        f"/afspraken/{covenant.agreement.pk}/toezeggingen/nieuw/",
        _commitment_form(covenant, **overrides),
    )
    assert response.status_code == 200
    assert field_message in response.content.decode()
    assert Commitment.objects.count() == before


def test_a_commitment_needs_a_party_to_the_agreement(covenant):
    outsider = org_services.create_organisation(
        actor=None, name="Buitenstaander", org_type="employer", seat_municipality=covenant.tiel
    )
    with pytest.raises(ValidationError) as error:
        services.create_commitment(
            actor=None,
            agreement=covenant.agreement,
            organisation=outsider,
            kind="measure",
            description="Iets",
            target=1,
            due_on=TODAY + dt.timedelta(days=10),
        )
    assert "organisation" in error.value.message_dict


def test_the_party_reports_progress_and_the_coordinator_reviews(
    client, covenant, django_capture_on_commit_callbacks
):
    client.force_login(covenant.party_user)
    url = f"/afspraken/toezeggingen/{covenant.commitment.pk}/"
    page = client.get(url)
    assert "Report progress" in page.content.decode() or "Voortgang melden" in page.content.decode()
    evidence = io.BytesIO(b"%PDF-1.4 bewijs")
    evidence.name = "bewijs.pdf"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url + "voortgang/",
            {
                "voortgang-reported_on": TODAY.isoformat(),
                "voortgang-delivered": "30",
                "voortgang-narrative": "Eerste units geplaatst",
                "voortgang-evidence_file": evidence,
            },
        )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get(commitment=covenant.commitment)
    assert update.review == "pending" and update.evidence_extension == "pdf"
    assert update.organisation == covenant.provider
    # The coordinator is told there is something to review; then reviews.
    assert Notification.objects.filter(user=covenant.coordinator, kind="review").exists()
    client.force_login(covenant.coordinator)
    assert client.get(f"/afspraken/voortgang/{update.pk}/bewijs/").status_code == 200
    client.post(f"/afspraken/voortgang/{update.pk}/beoordelen/", {"review": "rejected", "comment": ""})
    assert ProgressUpdate.objects.get(pk=update.pk).review == "pending"  # rejecting needs a reason
    client.post(
        f"/afspraken/voortgang/{update.pk}/beoordelen/", {"review": "rejected", "comment": "Geen bewijs"}
    )
    assert ProgressUpdate.objects.get(pk=update.pk).review == "rejected"
    # A rejected update no longer counts.
    from aanjager.agreements import selectors

    assert selectors.judge(Commitment.objects.get(pk=covenant.commitment.pk), TODAY).delivered == 0


def test_a_party_cannot_report_on_someone_elses_commitment(client, covenant):
    client.force_login(covenant.other_user)
    # The other provider is a party too, so it sees the commitment, but may not report on it.
    response = client.post(
        f"/afspraken/toezeggingen/{covenant.commitment.pk}/voortgang/",
        {"voortgang-reported_on": TODAY.isoformat(), "voortgang-delivered": "99"},
    )
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()
    with pytest.raises(NotAllowed):
        services.report_progress(
            actor=covenant.other_user, commitment=covenant.commitment, reported_on=TODAY, delivered=1
        )
    assert not ProgressUpdate.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"voortgang-reported_on": TODAY.isoformat(), "voortgang-delivered": "-1"},
            "greater than or equal to 0",
        ),
        (
            {"voortgang-reported_on": "2001-01-01", "voortgang-delivered": "3"},
            "before the agreement was signed",
        ),
        (
            {"voortgang-reported_on": (TODAY + dt.timedelta(days=3)).isoformat(), "voortgang-delivered": "3"},
            "future",
        ),
        ({"voortgang-reported_on": "", "voortgang-delivered": ""}, "This field is required"),
    ],
)
def test_bad_progress_input_is_refused(client, covenant, data, message):
    client.force_login(covenant.party_user)
    response = client.post(f"/afspraken/toezeggingen/{covenant.commitment.pk}/voortgang/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_document_is_checked_by_its_bytes_and_served_only_to_those_who_may_see_it(
    client, covenant, settings, tmp_path
):
    settings.DATA_DIR = tmp_path
    client.force_login(covenant.coordinator)
    fake = io.BytesIO(b"MZ\x90\x00 not a document")
    fake.name = "convenant.pdf"
    response = client.post(
        f"/afspraken/{covenant.agreement.pk}/documenten/",
        {"document-title": "Convenant", "document-file": fake},
    )
    assert response.status_code == 400 and "not accepted" in response.content.decode()
    assert not AgreementDocument.objects.exists()
    real = io.BytesIO(b"%PDF-1.7\n% getekend convenant")
    real.name = "convenant.pdf"
    client.post(
        f"/afspraken/{covenant.agreement.pk}/documenten/",
        {"document-title": "Convenant", "document-file": real},
    )
    document = AgreementDocument.objects.get()
    assert client.get(f"/afspraken/documenten/{document.pk}/").status_code == 200
    outsider = account_services.create_user(actor=None, username="vreemd", password=PASSWORD)
    far = org_services.create_organisation(
        actor=None,
        name="Ver weg",
        org_type="employer",
        seat_municipality=Municipality.objects.get(code="GM0363"),
    )
    account_services.create_membership(actor=None, user=outsider, organisation=far, role="employer")
    client.force_login(outsider)
    assert client.get(f"/afspraken/documenten/{document.pk}/").status_code == 404


def test_every_write_leaves_an_audit_row(covenant):
    """Agreement, parties, commitment, then a party's update and its review: one row each, with who acted."""
    update = services.report_progress(
        actor=covenant.party_user, commitment=covenant.commitment, reported_on=TODAY, delivered=10
    )
    services.review_update(actor=covenant.coordinator, update=update, review="accepted")

    def rows(instance):
        return AuditEntry.objects.filter(object_id=str(instance.pk), object_label=str(instance))

    assert rows(covenant.agreement).filter(action="create").count() == 1
    assert covenant.agreement.parties.count() == 3
    for party in covenant.agreement.parties.all():
        assert rows(party).filter(action="create").exists()
    assert rows(covenant.commitment).filter(action="create").count() == 1
    created, reviewed = rows(update).order_by("id")
    assert (created.action, created.actor_id) == ("create", covenant.party_user.pk)
    assert (reviewed.action, reviewed.actor_id) == ("update", covenant.coordinator.pk)
    assert reviewed.changes["review"] == {"before": "pending", "after": "accepted"}


def test_an_update_before_the_due_date_changes_the_status(covenant):
    from aanjager.agreements import selectors

    commitment = Commitment.objects.select_related("agreement").get(pk=covenant.commitment.pk)
    assert selectors.judge(commitment, TODAY).status.value == "no_update"  # 200 days without an update
    services.report_progress(
        actor=covenant.party_user, commitment=commitment, reported_on=TODAY, delivered=10
    )
    assert selectors.judge(commitment, TODAY).status.value == "at_risk"  # 50% of time, 10% delivered
    services.report_progress(
        actor=covenant.party_user, commitment=commitment, reported_on=TODAY, delivered=100
    )
    assert selectors.judge(commitment, TODAY).status.value == "done"


def test_notifications_are_made_once_and_mailed(covenant):
    mail.outbox.clear()
    made = notify.check_commitments()
    assert made == 2  # the party's user and the coordinator: "update due"
    assert notify.check_commitments() == 0  # the same event is not notified twice
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert kinds == {"update_due"}
    assert {m.to[0] for m in mail.outbox} == {"partij@example.nl", "coord@example.nl"}


def test_daily_digest_collects_instead_of_mailing_at_once(client, covenant):
    client.force_login(covenant.coordinator)
    response = client.post("/meldingen/", {"email": "daily"})
    assert response.status_code == 302
    mail.outbox.clear()
    notify.check_commitments()
    assert [m.to[0] for m in mail.outbox] == ["partij@example.nl"]  # the coordinator waits for the digest
    assert notify.send_daily_digests() == 1
    assert mail.outbox[-1].to == ["coord@example.nl"]
    assert notify.send_daily_digests() == 0
    page = client.get("/meldingen/")
    assert "100 bedden short stay" in page.content.decode()


def test_reader_reads_but_cannot_change(client, covenant):
    client.force_login(covenant.reader)
    assert client.get(f"/afspraken/{covenant.agreement.pk}/").status_code == 200
    assert client.get(f"/afspraken/{covenant.agreement.pk}/toezeggingen/nieuw/").status_code == 403
    assert client.post(f"/afspraken/{covenant.agreement.pk}/bewerken/", {}).status_code == 403


def test_agreement_between_single_municipalities_is_scoped_by_them(client, covenant):
    agreement = services.create_agreement(
        actor=covenant.coordinator,
        title="Prestatieafspraken Tiel",
        agreement_type="performance_agreement",
        municipalities=[covenant.tiel],
        signed_on=TODAY,
    )
    assert agreement.region is None
    with pytest.raises(ValidationError):
        services.create_agreement(
            actor=covenant.coordinator,
            title="Zonder gebied",
            agreement_type="performance_agreement",
            signed_on=TODAY,
        )
    with pytest.raises(NotAllowed):  # Amsterdam lies outside the coordinator's region: nothing saved
        services.create_agreement(
            actor=covenant.coordinator,
            title="Buiten de regio",
            agreement_type="performance_agreement",
            municipalities=[Municipality.objects.get(code="GM0363")],
        )
    assert not Agreement.objects.filter(title="Buiten de regio").exists()


def test_planning_page_counts_back_and_flags_too_late(client, covenant):
    client.force_login(covenant.reader)
    response = client.get(
        "/afspraken/terugplannen/", {"target_date": (TODAY + dt.timedelta(days=100)).isoformat(), "beds": 80}
    )
    content = response.content.decode()
    assert response.status_code == 200 and "can no longer be met" in content
    response = client.get("/afspraken/terugplannen/", {"target_date": "niet-een-datum"})
    assert response.status_code == 400 and "Enter a valid date" in response.content.decode()


def test_milestones_flag_lateness_on_the_commitment_page(client, covenant):
    client.force_login(covenant.coordinator)
    url = f"/afspraken/toezeggingen/{covenant.commitment.pk}/"
    response = client.post(
        url + "mijlpalen/", {"mijlpaal-key": "permit_applied", "mijlpaal-achieved_on": TODAY.isoformat()}
    )
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "days late" in page  # with the default lead times the permit should have been applied for long ago
    response = client.post(
        url + "mijlpalen/", {"mijlpaal-key": "permit_applied", "mijlpaal-achieved_on": "2999-01-01"}
    )
    assert response.status_code == 400 and "future" in response.content.decode()
