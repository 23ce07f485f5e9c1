"""The data behind the query-count tests: the scoping World (a small set: about two rows of everything the
actor may see) and `grow`, which adds GROWTH more rows of everything, with their related objects, in the
actor's region and under the objects that detail pages show."""

import datetime as dt

from aanjager.accounts import services as account_services
from aanjager.accounts.models import Role
from aanjager.agreements import meeting_services, report_services, team_services
from aanjager.agreements import services as agreement_services
from aanjager.agreements.models import Notification
from aanjager.businesscase import services as case_services
from aanjager.estimates import services as estimate_services
from aanjager.estimates.models import EstimateRow, EstimateRun
from aanjager.geo import services as geo_services
from aanjager.geo.models import Municipality
from aanjager.housingtask import services as housing_services
from aanjager.housingtask.models import Allocation
from aanjager.locations import bed_plan_services, norm_rule_services
from aanjager.locations import services as location_services
from aanjager.organisations import services as org_services
from aanjager.policyscan import services as scan_services
from aanjager.programme import services as programme_services
from aanjager.reference import services as reference_services
from tests import conftest
from tests.conftest import PASSWORD, World

GROWTH = 8
TODAY = dt.date.today()
DAY = dt.date(2025, 6, 1)  # after the World's inspections (2025-05-01): deadlines may not lie before them


class Data:
    """The World of a regional coordinator of 'Testregio', an administrator, and the objects pages open."""

    def __init__(self):
        self.world = world = World(Role.REGIONAL_COORDINATOR)
        self.coordinator = world.actor
        self.admin = account_services.create_user(actor=None, username="beheerder", password=PASSWORD)
        account_services.create_membership(
            actor=None, user=self.admin, organisation=world.home, role=Role.ADMINISTRATOR
        )
        for name in conftest.LAZY_TARGETS:
            world.targets(name)  # made lazily: make them now, in the small set
        self.agreement = world.agreement_targets["own"]
        self.commitment = self.agreement.commitments.get()
        self.team = world.team_targets["in"]  # the team of Testregio
        self.meeting = world.meeting_targets["own"]
        self.report = world.report_targets["own"]
        self.case = world.business_case_targets["own"]
        self.scan = world.policy_scan_targets["own"]
        self.measure = world.participation_targets["own"].measure
        self.programme = self.measure.programme  # the programme that grows
        self.location = world.locations["own"]
        self.inspection = world.inspections["own"]
        self.bed_plan = world.bed_plans["own"]
        self.company_plan = world.company_plans["own"]
        self.run = world.runs["own"]
        self.other_run = world.runs["in"]
        for run in (self.run, self.other_run):
            for municipality in (world.tiel, world.zaltbommel):
                _row(run, municipality)
        self.scenario = estimate_services.create_scenario(actor=None, run=self.run, name="Scenario klein")
        _allocation(self.scenario, "Verdeling klein")
        location_services.add_follow_up(
            actor=None, inspection=self.inspection, kind="warning", deadline=DAY + dt.timedelta(days=30)
        )
        bed_plan_services.add_step(
            actor=None, plan=self.bed_plan, new_location=self.location, beds_in=1, in_on=dt.date(2026, 1, 1)
        )
        scan_services.add_participant(actor=None, scan=self.scan, department="Wonen", name="Deelnemer")
        _recommendation(self.scan, 0)
        _answers(self.scan, limit=2)
        for number in range(2):
            _notification(self.coordinator, number)
            _notification(self.admin, number)
        reference_services.set_minimum_wage(
            actor=None, valid_from=dt.date(2090, 1, 1), hourly_gross="15.00", source="Klein"
        )
        # Public pages show only what is published or certified: two rows of each there too.
        _certified_location("Register thuis", world.tiel, world.home)
        _certified_location("Register buur", world.zaltbommel, world.in_area)
        for key in ("own", "in"):
            estimate_services.set_published(actor=None, run=world.runs[key], published=True)
            report_services.publish_report(actor=None, report=world.report_targets[key])
        self.extra_municipalities = list(
            Municipality.objects.filter(province=world.tiel.province, valid_to__isnull=True)
            .exclude(pk__in=[world.tiel.pk, world.zaltbommel.pk])
            .order_by("code")[:GROWTH]
        )


def grow(data: Data) -> None:
    """GROWTH more of every row: new municipalities in the region, each with an organisation, people, a
    location, plans, runs, agreements, meetings, cases, scans and programmes; and more children under the
    objects that detail pages show."""
    world = data.world
    world.region.municipalities.add(*data.extra_municipalities)
    for number, municipality in enumerate(data.extra_municipalities):
        org = org_services.create_organisation(
            actor=None, name=f"Partij {number}", org_type="employer", seat_municipality=municipality
        )
        for organisation in (org, world.home):  # the home organisation's page lists its contacts
            org_services.create_contact_person(
                actor=None, organisation=organisation, name=f"Contact {number}"
            )
        user = account_services.create_user(actor=None, username=f"lid-{number}", password=PASSWORD)
        account_services.create_membership(actor=None, user=user, organisation=org, role=Role.READER)
        region = geo_services.create_region(actor=None, name=f"Regio {number}", municipalities=[municipality])
        _locations(data, number, municipality, org)
        _plans_and_runs(data, number, municipality, org)
        _agreements(data, number, org)
        _teams_and_meetings(data, number, org, region)
        _cases_scans_programmes(data, number, municipality, org)
        _notification(data.coordinator, 10 + number)
        _notification(data.admin, 10 + number)
        reference_services.set_minimum_wage(
            actor=None,
            valid_from=dt.date(2091 + number, 1, 1),
            hourly_gross="16.00",
            source=f"Groei {number}",
        )
    _answers(data.scan, limit=None)


def _certified_location(name, municipality, org, *, also=()):
    """A location in use with a valid certificate: in the public register."""
    location = location_services.create_location(
        actor=None,
        effective=dt.date(2024, 1, 1),
        name=name,
        street="Dorpsstraat",
        house_number=1,
        postcode="4001 AB",
        place=municipality.name,
        municipality=municipality,
        housing_form="building_units",
        beds=10,
        status="in_use",
        operator=org,
    )
    location_services.update_location(actor=None, location=location, beds=12, effective=dt.date(2024, 6, 1))
    location_services.create_certificate(
        actor=None,
        scheme="snf",
        number=f"SNF-{name}",
        holder=org,
        valid_from=dt.date(2024, 1, 1),
        valid_to=dt.date(2099, 1, 1),
        locations=[location, *also],
    )
    return location


def _locations(data, number, municipality, org):
    location = _certified_location(f"Locatie groei {number}", municipality, org, also=[data.location])
    conftest._location(f"Tiel groei {number}", data.world.tiel, org)  # the housing task's trace of Tiel
    inspection = conftest._inspection(location)
    for kind in ("warning", "reinspection"):
        location_services.add_follow_up(
            actor=None, inspection=inspection, kind=kind, deadline=DAY + dt.timedelta(days=30)
        )
    # Under the objects that detail pages show: more inspections, versions and actions.
    extra = location_services.record_inspection(
        actor=None,
        location=data.location,
        visited_on=DAY + dt.timedelta(days=number),
        notes=f"Bezoek {number}",
    )
    location_services.add_follow_up(
        actor=None, inspection=extra, kind="warning", deadline=DAY + dt.timedelta(days=30)
    )
    location_services.add_follow_up(
        actor=None, inspection=data.inspection, kind="reinspection", deadline=DAY + dt.timedelta(days=number)
    )
    location_services.update_location(
        actor=None, location=data.location, beds=8 + number, effective=TODAY + dt.timedelta(days=number + 1)
    )  # after its first version, which began today
    plan = conftest._bed_plan(location)
    for target, into in ((plan, location), (data.bed_plan, data.location)):  # a provider plans its own
        bed_plan_services.add_step(
            actor=None, plan=target, new_location=into, beds_in=1, in_on=dt.date(2026, 1, 1 + number)
        )
    norm_rule_services.create_local_rule(
        actor=None,
        municipality=municipality,
        label=f"Regel {number}",
        kind="area_per_person",
        threshold=12,
        valid_from=dt.date(2090, 1, 1),
        source="Verordening",
    )


def _plans_and_runs(data, number, municipality, org):
    world = data.world
    conftest._company_plan(f"Bedrijf groei {number}", municipality, world.region, org)
    housing_services.add_phase(
        actor=None, plan=data.company_plan, starts_on=dt.date(2028 + number, 1, 1), amount=10, unit="fte"
    )
    run = conftest._finished_run(f"Schatting groei {number}", world.region, org)
    for existing in (run, data.run, data.other_run):
        _row(existing, municipality)
    _row(run, world.tiel)
    estimate_services.set_published(actor=None, run=run, published=True)
    scenario = estimate_services.create_scenario(actor=None, run=run, name=f"Scenario {number}")
    _allocation(scenario, f"Verdeling {number}")
    _allocation(data.scenario, f"Verdeling extra {number}")


def _agreements(data, number, org):
    world = data.world
    agreement = conftest._agreement(f"Convenant groei {number}", world.region, org)
    agreement_services.report_progress(
        actor=None, commitment=agreement.commitments.get(), reported_on=DAY, delivered=3, narrative="Stand"
    )
    # Under the agreement and commitment that detail pages show.
    agreement_services.add_party(actor=None, agreement=data.agreement, organisation=org, signed_on=DAY)
    commitment = agreement_services.create_commitment(
        actor=None,
        agreement=data.agreement,
        organisation=org,
        kind="beds",
        stay_class="short",
        description=f"Bedden partij {number}",
        target=10,
        due_on=dt.date(2026, 12, 31),
    )
    agreement_services.report_progress(
        actor=None, commitment=commitment, reported_on=DAY, delivered=2, narrative=f"Stand {number}"
    )
    update = agreement_services.report_progress(
        actor=None,
        commitment=data.commitment,
        reported_on=DAY + dt.timedelta(days=number + 1),
        delivered=number,
        narrative=f"Melding {number}",
    )
    if number % 2:
        agreement_services.review_update(actor=None, update=update, review="accepted")
    if number < 4:
        key = ("permit_applied", "permit_granted", "construction_started", "beds_delivered")[number]
        agreement_services.record_milestone(actor=None, commitment=data.commitment, key=key, achieved_on=DAY)
    report = report_services.generate_report(
        actor=None, region=world.region, reference_date=dt.date(2024, 1 + number, 28)
    )
    report_services.publish_report(actor=None, report=report)


def _teams_and_meetings(data, number, org, region):
    world = data.world
    team = data.team
    member = team_services.add_member(actor=None, team=team, organisation=org, name=f"Lid {number}")
    team_services.add_contact(
        actor=None,
        team=team,
        organisation=org,
        contacted_on=DAY,
        channel="phone",
        summary=f"Gesprek {number}",
        next_step="Terugbellen",
        next_step_on=DAY + dt.timedelta(days=7),
        owner=member,
    )
    team_services.escalate(
        actor=None, team=team, organisation=org, level="portfolio_holder", reason="Traag", escalated_on=DAY
    )
    conftest._team(f"Team groei {number}", region, org)  # one team per region
    meeting = conftest._meeting(f"Overleg groei {number}", world.region, org)
    for target in (meeting, data.meeting):
        meeting_services.add_action_item(
            actor=None,
            meeting=target,
            description=f"Actie {number}",
            owner=org,
            due_on=DAY,
            commitment=data.commitment,
        )


def _cases_scans_programmes(data, number, municipality, org):
    world = data.world
    location = world.locations["in"]
    conftest._business_case(f"Businesscase groei {number}", location)
    case_services.add_variant(
        actor=None,
        case=data.case,
        name=f"Variant {number}",
        housing_form="modular",
        beds=50 + number,
        floor_area_per_bed=12,
        capex_per_bed=30000,
        permit_term_years=10,
        rent_per_bed_per_week=120,
        opex_per_bed_per_week=30,
    )
    scan = scan_services.create_scan(
        actor=None, municipality=municipality, organisation=org, held_on=DAY, notes=f"Scan {number}"
    )
    _answers(scan, limit=4)
    _recommendation(scan, number)
    scan_services.add_participant(actor=None, scan=data.scan, department=f"Afdeling {number}", name="Iemand")
    _recommendation(data.scan, number)
    conftest._programme(f"Programma groei {number}", world.region)
    package = data.measure.package
    measure = programme_services.add_measure(
        actor=None,
        package=package,
        code=f"1.1.{number + 2}",
        name=f"Maatregel {number}",
        phase=data.measure.phase,
    )
    for target in (measure, data.measure):
        programme_services.set_participation(
            actor=None, measure=target, municipality=municipality, decision="in", progress_percent=10
        )
    programme_services.set_participation(
        actor=None, measure=measure, municipality=world.tiel, decision="out", reason="Geen geld"
    )


def _row(run: EstimateRun, municipality) -> EstimateRow:
    return EstimateRow.objects.create(
        run=run,
        municipality=municipality,
        workers=100,
        workers_short=30,
        workers_mid=40,
        workers_long=30,
        residents_brp=20,
        residents_rni_assigned=10.0,
        estimate_low=60,
        estimate_central=80,
        estimate_high=100,
    )


def _allocation(scenario, name):
    codes = list(scenario.run.rows.values_list("municipality__code", flat=True))
    return Allocation.objects.create(
        scenario=scenario,
        name=name,
        method=Allocation.Method.KEY,
        year=2027,
        gap=100.0,
        weights={"jobs": 1},
        bounds={},
        beds=dict.fromkeys(codes, 10.0),
        targets={"2027": dict.fromkeys(codes, 10.0)},
    )


def _answers(scan, limit):
    statements = list(scan.question_set.statements())[:limit]
    scan_services.save_answers(actor=None, scan=scan, answers=dict.fromkeys(statements, (2, "Besproken")))


def _recommendation(scan, number):
    return scan_services.create_recommendation(
        actor=None,
        scan=scan,
        domain_code="housing",
        text=f"Aanbeveling {number}",
        owner="Wonen",
        priority="high",
        due_on=DAY,
    )


def _notification(user, number):
    Notification.objects.create(
        user=user, kind="review", subject=f"Melding {number}", link="/afspraken/", event_key=f"qc-{number}"
    )
