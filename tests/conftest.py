import datetime as dt
from functools import cached_property

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from aanjager.accounts import services as account_services
from aanjager.accounts.models import Role
from aanjager.geo import services as geo_services
from aanjager.geo.models import Municipality
from aanjager.organisations import services as org_services

PASSWORD = "een-lang-test-wachtwoord-42"


def municipality(code: str) -> Municipality:
    return Municipality.objects.get(code=code)


@pytest.fixture(autouse=True)
def _two_factor_done_on_force_login(monkeypatch):
    """force_login skips the login form, so it skips the code too: mark the session as having entered it (with an
    app set up for the user), as a real sign-in of an administrator or coordinator would. The two-factor tests
    themselves sign in through the forms."""
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        from django_otp import DEVICE_ID_SESSION_KEY
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Test-app", confirmed=True)
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


LAZY_TARGETS = {
    "agreement": "agreement_targets",
    "progress_update": "update_targets",
    "team": "team_targets",
    "meeting": "meeting_targets",
    "progress_report": "report_targets",
    "business_case": "business_case_targets",
    "programme": "programme_targets",
    "participation": "participation_targets",
    "policy_scan": "policy_scan_targets",
}


class World:
    """A small, fixed world for scoping tests.

    Region 'Testregio' holds Tiel (home) and Zaltbommel (in the area); Amsterdam lies outside it, in 'Andere regio'.
    The actor is a member of the home organisation with the given role.
    """

    def __init__(self, role: str):
        self.tiel, self.zaltbommel, self.amsterdam = (
            municipality("GM0281"),
            municipality("GM0297"),
            municipality("GM0363"),
        )
        self.region = geo_services.create_region(
            actor=None, name="Testregio", municipalities=[self.tiel, self.zaltbommel]
        )
        self.other_region = geo_services.create_region(
            actor=None, name="Andere regio", municipalities=[self.amsterdam]
        )
        self.home = org_services.create_organisation(
            actor=None, name="Thuisorganisatie", org_type="municipality", seat_municipality=self.tiel
        )
        self.in_area = org_services.create_organisation(
            actor=None,
            name="Buur in de regio",
            org_type="employer",
            seat_municipality=self.zaltbommel,
            kvk_number="12345678",
        )
        self.outside = org_services.create_organisation(
            actor=None,
            name="Ver weg",
            org_type="employer",
            seat_municipality=self.amsterdam,
            kvk_number="87654321",
        )
        self.contacts = {
            key: org_services.create_contact_person(actor=None, organisation=org, name=f"Contact {key}")
            for key, org in (("own", self.home), ("in", self.in_area), ("out", self.outside))
        }
        self.actor = account_services.create_user(
            actor=None, username="actor", password=PASSWORD, first_name="Acti", last_name="Persoon"
        )
        self.actor_membership = account_services.create_membership(
            actor=None,
            user=self.actor,
            organisation=self.home,
            role=role,
            region=self.region if role == Role.REGIONAL_COORDINATOR else None,
        )
        self.user_in = account_services.create_user(actor=None, username="buurman", password=PASSWORD)
        self.user_out = account_services.create_user(actor=None, username="verre-vriend", password=PASSWORD)
        self.membership_in = account_services.create_membership(
            actor=None, user=self.user_in, organisation=self.in_area, role=Role.READER
        )
        self.membership_out = account_services.create_membership(
            actor=None, user=self.user_out, organisation=self.outside, role=Role.READER
        )
        self.newcomer = account_services.create_user(actor=None, username="nieuwkomer", password=PASSWORD)
        self.locations = {
            key: _location(f"Locatie {key}", municipality, operator)
            for key, municipality, operator in (
                ("own", self.tiel, self.home),
                ("in", self.zaltbommel, self.in_area),
                ("out", self.amsterdam, self.outside),
            )
        }
        self.inspections = {key: _inspection(location) for key, location in self.locations.items()}
        self.bed_plans = {key: _bed_plan(location) for key, location in self.locations.items()}
        self.norm_rules = {key: _norm_rule(location.municipality) for key, location in self.locations.items()}
        self.company_plans = {
            key: _company_plan(f"Bedrijf {key}", municipality, region, organisation)
            for key, municipality, region, organisation in (
                ("own", self.tiel, self.region, self.home),
                ("in", self.zaltbommel, self.region, self.in_area),
                ("out", self.amsterdam, self.other_region, self.outside),
            )
        }
        self.runs = {
            "own": _finished_run("Schatting thuis", self.region, self.home),
            "in": _finished_run("Schatting buur", self.region, self.in_area),
            "out": _finished_run("Schatting ver weg", self.other_region, self.outside),
        }

    def targets(self, object_type: str) -> dict:
        """The object owned by the actor, one in their area and one outside it."""
        from aanjager.audit.models import AuditEntry

        if object_type in LAZY_TARGETS:  # made only when asked for: a dict literal would make them all
            return getattr(self, LAZY_TARGETS[object_type])
        entry = AuditEntry.objects.first()
        return {
            "organisation": {"own": self.home, "in": self.in_area, "out": self.outside},
            "contact_person": self.contacts,
            "membership": {
                "own": self.actor_membership,
                "in": self.membership_in,
                "out": self.membership_out,
            },
            "user": {"own": self.actor, "in": self.user_in, "out": self.user_out},
            "region": {"own": self.region, "in": self.region, "out": self.other_region},
            "municipality": {"own": self.tiel, "in": self.zaltbommel, "out": self.amsterdam},
            "audit_entry": {"own": entry, "in": entry, "out": entry},
            "estimate_run": self.runs,
            "location": self.locations,
            "inspection": self.inspections,
            "bed_plan": self.bed_plans,
            "norm_rule": self.norm_rules,
            "company_plan": self.company_plans,
        }[object_type]

    # Agreement objects are made when a test asks for them: most tests never do.
    @cached_property
    def agreement_targets(self) -> dict:
        """own: the home organisation is a party; in: an agreement of the region without it; out: elsewhere."""
        return {
            "own": _agreement("Convenant thuis", self.region, self.home),
            "in": _agreement("Convenant buur", self.region, self.in_area),
            "out": _agreement("Convenant ver weg", self.other_region, self.outside),
        }

    @cached_property
    def update_targets(self) -> dict:
        from aanjager.agreements import services

        result = {}
        for key, agreement in self.agreement_targets.items():
            commitment = agreement.commitments.get()
            result[key] = services.report_progress(
                actor=None,
                commitment=commitment,
                reported_on=dt.date(2025, 3, 1),
                delivered=5,
                narrative=f"Stand {key}",
            )
        return result

    @cached_property
    def team_targets(self) -> dict:
        """own: a team with the home organisation as member (in a region of its own); in: the region's team."""
        team_region = geo_services.create_region(
            actor=None, name="Teamregio", municipalities=[self.amsterdam]
        )
        return {
            "own": _team("Aanjaagteam eigen", team_region, self.home),
            "in": _team("Aanjaagteam Testregio", self.region, self.in_area),
            "out": _team("Aanjaagteam ver weg", self.other_region, self.outside),
        }

    @cached_property
    def meeting_targets(self) -> dict:
        return {
            "own": _meeting("Overleg thuis", self.region, self.home),
            "in": _meeting("Overleg buur", self.region, self.in_area),
            "out": _meeting("Overleg ver weg", self.other_region, self.outside),
        }

    @cached_property
    def business_case_targets(self) -> dict:
        """At the site of each location: own run by the home organisation, in the area, and outside it."""
        return {
            key: _business_case(f"Businesscase {key}", location) for key, location in self.locations.items()
        }

    @cached_property
    def programme_targets(self) -> dict:
        """Programmes belong to a region: own and in are both of the home region, out of the other."""
        return {
            "own": _programme("Programma thuis", self.region),
            "in": _programme("Programma buur", self.region),
            "out": _programme("Programma ver weg", self.other_region),
        }

    @cached_property
    def participation_targets(self) -> dict:
        """own: Tiel's (the home seat) decision in the region's programme; in: Zaltbommel's; out: Amsterdam's."""
        from aanjager.programme import services

        here = _programme("Programma deelname", self.region).spearheads.get().packages.get().measures.get()
        there = _programme("Programma deelname ver weg", self.other_region).spearheads.get().packages.get()
        there = there.measures.get()
        return {
            key: services.set_participation(
                actor=None, measure=measure, municipality=municipality, decision="in", progress_percent=20
            )
            for key, measure, municipality in (
                ("own", here, self.tiel),
                ("in", here, self.zaltbommel),
                ("out", there, self.amsterdam),
            )
        }

    @cached_property
    def policy_scan_targets(self) -> dict:
        """own: held by the home organisation in Tiel; in: held by the neighbour in Zaltbommel; out: Amsterdam."""
        from aanjager.policyscan import services

        return {
            key: services.create_scan(
                actor=None,
                municipality=municipality,
                organisation=organisation,
                held_on=dt.date(2025, 4, 1),
                notes=f"Scan {key}",
            )
            for key, municipality, organisation in (
                ("own", self.tiel, self.home),
                ("in", self.zaltbommel, self.in_area),
                ("out", self.amsterdam, self.outside),
            )
        }

    @cached_property
    def report_targets(self) -> dict:
        return {
            "own": _report(self.region, dt.date(2025, 6, 30)),
            "in": _report(self.region, dt.date(2025, 3, 31)),
            "out": _report(self.other_region, dt.date(2025, 6, 30)),
        }


def _programme(name, region):
    """A programme with one spearhead, package and measure (optional, in phase 1)."""
    from aanjager.programme import services

    programme = services.create_programme(actor=None, region=region, name=name, description="Programma")
    phase = services.add_phase(actor=None, programme=programme, number=1, name="Kwartiermakersfase")
    spearhead = services.add_spearhead(actor=None, programme=programme, number=1, name="Registratie")
    package = services.add_package(actor=None, spearhead=spearhead, code="1.1", name="Inschrijving")
    services.add_measure(actor=None, package=package, code="1.1.a", name="Loket", phase=phase)
    return programme


def _business_case(name, location):
    from aanjager.businesscase import services

    case = services.create_case(
        actor=None,
        name=name,
        municipality=location.municipality,
        organisation=location.operator,
        notes="Locatie",
    )
    services.add_variant(
        actor=None,
        case=case,
        name="Modulair",
        housing_form="modular",
        beds=100,
        floor_area_per_bed=12,
        capex_per_bed=35000,
        permit_term_years=15,
        rent_per_bed_per_week=125,
        opex_per_bed_per_week=30,
    )
    return case


def _agreement(title, region, party):
    from aanjager.agreements import services

    agreement = services.create_agreement(
        actor=None,
        title=title,
        agreement_type="regional_covenant",
        region=region,
        signed_on=dt.date(2025, 1, 1),
        description="Afspraken",
    )
    services.add_party(actor=None, agreement=agreement, organisation=party, signed_on=dt.date(2025, 1, 1))
    services.create_commitment(
        actor=None,
        agreement=agreement,
        organisation=party,
        kind="beds",
        stay_class="mid",
        description=f"Bedden {title}",
        target=40,
        due_on=dt.date(2026, 12, 31),
    )
    return agreement


def _team(name, region, member):
    from aanjager.agreements import team_services

    team = team_services.create_team(actor=None, region=region, name=name)
    team_services.add_member(actor=None, team=team, organisation=member, name=f"Lid {member.name}")
    return team


def _meeting(title, region, participant):
    from aanjager.agreements import meeting_services

    return meeting_services.create_meeting(
        actor=None,
        region=region,
        kind="administrative",
        title=title,
        held_on=dt.date(2025, 4, 1),
        agenda="Opening",
        participants=[participant],
    )


def _report(region, reference_date):
    from aanjager.agreements import report_services

    return report_services.generate_report(actor=None, region=region, reference_date=reference_date)


def _location(name, municipality, operator):
    from aanjager.locations import services as location_services

    return location_services.create_location(
        actor=None,
        name=name,
        street="Stationsweg",
        house_number=1,
        postcode="4001 AA",
        place=municipality.name,
        municipality=municipality,
        housing_form="building_units",
        beds=8,
        operator=operator,
    )


def _bed_plan(location):
    from aanjager.locations import bed_plan_services

    return bed_plan_services.create_bed_plan(
        actor=None,
        name=f"Plan {location.name}",
        provider=location.operator,
        municipality=location.municipality,
        notes="Bed voor bed",
    )


def _norm_rule(municipality):
    import datetime as dt

    from aanjager.locations import norm_rule_services

    return norm_rule_services.create_local_rule(
        actor=None,
        municipality=municipality,
        label=f"Ruimte {municipality.name}",
        kind="area_per_person",
        threshold=14,
        valid_from=dt.date(2090, 1, 1),  # far ahead: the scoping world's rules change no evaluation today
        source="Huisvestingsverordening",
    )


def _company_plan(name, municipality, region, organisation):
    import datetime as dt

    from aanjager.housingtask import services as housing_services

    return housing_services.create_company_plan(
        actor=None,
        name=name,
        sector="xxl_logistics",
        municipality=municipality,
        region=region,
        organisation=organisation,
        notes="Plan",
        phases=[{"starts_on": dt.date(2027, 1, 1), "amount": 100, "unit": "fte"}],
    )


def _inspection(location):
    import datetime as dt

    from aanjager.locations import services as location_services

    return location_services.record_inspection(
        actor=None, location=location, visited_on=dt.date(2025, 5, 1), notes=f"Bezoek {location.name}"
    )


def _finished_run(title, region, organisation):
    from aanjager.estimates.models import EstimateRun

    return EstimateRun.objects.create(
        title=title,
        region=region,
        organisation=organisation,
        year=2025,
        definition_code="eu11",
        status=EstimateRun.Status.DONE,
        progress=1.0,
    )


@pytest.fixture
def make_world(db):
    return World


@pytest.fixture
def api_client_for():
    def make(user) -> APIClient:
        client = APIClient()
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token.key}")
        return client

    return make


@pytest.fixture
def admin_world(make_world):
    return make_world(Role.ADMINISTRATOR)
