"""The demo region: Regio Rivierenland's real 8 municipalities, with synthetic organisations, people and accounts.

Every organisation, contact and account made here has is_demo=True and "(demo)" in its name. The KvK numbers
start with 9999 so they cannot be mistaken for real registrations.
"""

import datetime as dt

from django.db import transaction

from aanjager.accounts import services as account_services
from aanjager.accounts.models import Membership, Role, User
from aanjager.geo import services as geo_services
from aanjager.geo.models import Municipality, Region
from aanjager.organisations import services as org_services
from aanjager.organisations.models import Organisation, OrganisationType

REGION_NAME = "Regio Rivierenland"
MUNICIPALITIES = ["GM0214", "GM0216", "GM0263", "GM1740", "GM0281", "GM1960", "GM0668", "GM0297"]
DEMO_PASSWORD = "Rivierenland-demo-2026"

# (name, type, seat, kvk, contact name, job title)
ORGANISATIONS = [
    (
        "Regio Rivierenland – regiokantoor (demo)",
        OrganisationType.GOVERNMENT,
        "GM0281",
        "",
        "Kees Voorbeeld (demo)",
        "Kwartiermaker arbeidsmigratie",
    ),
    (
        "Gemeente Buren (demo)",
        OrganisationType.MUNICIPALITY,
        "GM0214",
        "",
        "Fenna Jansen (demo)",
        "Beleidsmedewerker wonen",
    ),
    (
        "Gemeente Culemborg (demo)",
        OrganisationType.MUNICIPALITY,
        "GM0216",
        "",
        "Ruben de Wit (demo)",
        "Beleidsmedewerker wonen",
    ),
    (
        "Gemeente Maasdriel (demo)",
        OrganisationType.MUNICIPALITY,
        "GM0263",
        "",
        "Sanne Bakker (demo)",
        "Beleidsmedewerker economie",
    ),
    (
        "Gemeente Neder-Betuwe (demo)",
        OrganisationType.MUNICIPALITY,
        "GM1740",
        "",
        "Thijs Mulder (demo)",
        "Beleidsmedewerker wonen",
    ),
    (
        "Gemeente Tiel (demo)",
        OrganisationType.MUNICIPALITY,
        "GM0281",
        "",
        "Aylin Yilmaz (demo)",
        "Beleidsmedewerker arbeidsmigratie",
    ),
    (
        "Gemeente West Betuwe (demo)",
        OrganisationType.MUNICIPALITY,
        "GM1960",
        "",
        "Joost van Dijk (demo)",
        "Beleidsmedewerker wonen",
    ),
    (
        "Gemeente West Maas en Waal (demo)",
        OrganisationType.MUNICIPALITY,
        "GM0668",
        "",
        "Noor Smit (demo)",
        "Beleidsmedewerker wonen",
    ),
    (
        "Gemeente Zaltbommel (demo)",
        OrganisationType.MUNICIPALITY,
        "GM0297",
        "",
        "Lars Visser (demo)",
        "Toezichthouder wonen",
    ),
    (
        "Woonstichting Lingestroom (demo)",
        OrganisationType.HOUSING_CORPORATION,
        "GM0281",
        "99990001",
        "Marieke Bos (demo)",
        "Directeur-bestuurder",
    ),
    (
        "Betuwse Woonpartners (demo)",
        OrganisationType.HOUSING_CORPORATION,
        "GM0216",
        "99990002",
        "Hans Peters (demo)",
        "Manager vastgoed",
    ),
    (
        "Flexwonen Waal & Linge (demo)",
        OrganisationType.PRIVATE_HOUSING_PROVIDER,
        "GM0281",
        "99990003",
        "Ewa Nowak (demo)",
        "Locatiemanager",
    ),
    (
        "Logiesgroep Bommelerwaard (demo)",
        OrganisationType.PRIVATE_HOUSING_PROVIDER,
        "GM0297",
        "99990004",
        "Bram Hendriks (demo)",
        "Eigenaar",
    ),
    (
        "Seizoenshuisvesting Neder-Betuwe (demo)",
        OrganisationType.PRIVATE_HOUSING_PROVIDER,
        "GM1740",
        "99990005",
        "Ilse van Leeuwen (demo)",
        "Bedrijfsleider",
    ),
    (
        "Fruitbedrijf De Linge (demo)",
        OrganisationType.EMPLOYER,
        "GM1740",
        "99990006",
        "Gert Janssen (demo)",
        "Directeur",
    ),
    (
        "Logistiek Centrum Tiel (demo)",
        OrganisationType.EMPLOYER,
        "GM0281",
        "99990007",
        "Sara Koster (demo)",
        "HR-manager",
    ),
    (
        "Kwekerij Maasoever (demo)",
        OrganisationType.EMPLOYER,
        "GM0263",
        "99990008",
        "Piotr Kowalski (demo)",
        "Teeltmanager",
    ),
    (
        "Flexkracht Uitzendgroep (demo)",
        OrganisationType.TEMP_AGENCY,
        "GM0216",
        "99990009",
        "Ioana Popescu (demo)",
        "Vestigingsmanager",
    ),
]

# (username, first name, last name, role, organisation)
USERS = [
    ("beheerder", "Bea", "Beheer (demo)", Role.ADMINISTRATOR, "Regio Rivierenland – regiokantoor (demo)"),
    (
        "coordinator",
        "Kees",
        "Voorbeeld (demo)",
        Role.REGIONAL_COORDINATOR,
        "Regio Rivierenland – regiokantoor (demo)",
    ),
    ("beleid", "Aylin", "Yilmaz (demo)", Role.POLICY_ADVISOR, "Gemeente Tiel (demo)"),
    ("inspecteur", "Lars", "Visser (demo)", Role.INSPECTOR, "Gemeente Zaltbommel (demo)"),
    ("huisvester", "Ewa", "Nowak (demo)", Role.HOUSING_PROVIDER, "Flexwonen Waal & Linge (demo)"),
    ("werkgever", "Gert", "Janssen (demo)", Role.EMPLOYER, "Fruitbedrijf De Linge (demo)"),
    ("lezer", "Ruben", "de Wit (demo)", Role.READER, "Gemeente Culemborg (demo)"),
]


@transaction.atomic
def load() -> dict:
    """Create what is missing; running it again changes nothing. Returns counts of what was created."""
    created = {"regions": 0, "organisations": 0, "users": 0, "memberships": 0}
    municipalities = list(Municipality.objects.filter(code__in=MUNICIPALITIES))
    region = Region.objects.filter(name__iexact=REGION_NAME).first()
    if region is None:
        region = geo_services.create_region(
            actor=None,
            name=REGION_NAME,
            region_type=Region.Type.COOPERATION,
            municipalities=municipalities,
            valid_from=dt.date(2021, 1, 1),
            description="De acht gemeenten van Regio Rivierenland. Organisaties, personen en accounts in deze "
            "omgeving zijn synthetische demodata.",
        )
        created["regions"] += 1
    organisations = {}
    for name, org_type, seat, kvk, contact, job_title in ORGANISATIONS:
        organisation = Organisation.objects.filter(name=name, is_demo=True).first()
        if organisation is None:
            organisation = org_services.create_organisation(
                actor=None,
                name=name,
                org_type=org_type,
                kvk_number=kvk,
                is_demo=True,
                seat_municipality=Municipality.objects.get(code=seat),
            )
            org_services.create_contact_person(
                actor=None,
                organisation=organisation,
                name=contact,
                job_title=job_title,
                is_demo=True,
                email=f"{contact.split()[0].lower()}@example.org",
            )
            created["organisations"] += 1
        organisations[name] = organisation
    for username, first, last, role, org_name in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = account_services.create_user(
                actor=None,
                username=username,
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                email=f"{username}@example.org",
                is_demo=True,
            )
            created["users"] += 1
        organisation = organisations[org_name]
        if not Membership.objects.filter(user=user, organisation=organisation, role=role).exists():
            account_services.create_membership(
                actor=None,
                user=user,
                organisation=organisation,
                role=role,
                region=region if role == Role.REGIONAL_COORDINATOR else None,
            )
            created["memberships"] += 1
    _demo_two_factor()
    return created


# Demo accounts whose role requires two-factor authentication get an app already set up, with a key that is public
# on purpose (printed by load_demo; `aanjager demo_code USERNAME` prints the current code).
DEMO_TOTP_KEYS = {
    "beheerder": b"aanjager-demo-beheer".hex(),
    "coordinator": b"aanjager-demo-coord!".hex(),
}


def _demo_two_factor() -> None:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    for username, key in DEMO_TOTP_KEYS.items():
        user = User.objects.get(username=username)
        TOTPDevice.objects.get_or_create(user=user, name="Demo-app", defaults={"key": key, "confirmed": True})


def demo_totp_secret(username: str) -> str:
    from base64 import b32encode

    return b32encode(bytes.fromhex(DEMO_TOTP_KEYS[username])).decode()


DEMO_RUN_TITLE = "Rivierenland 2025, synthetische microdata (demo)"
# Rivierenland plus neighbours where people also work or live, largest first for the synthetic skew.
ESTIMATE_MUNICIPALITIES = [
    "GM0281",
    "GM1740",
    "GM0297",
    "GM0214",
    "GM0216",
    "GM1960",
    "GM0263",
    "GM0668",
    "GM0268",
    "GM0202",
    "GM0344",
    "GM0796",
]


def load_estimate(persons: int = 12000) -> bool:
    """A finished estimate run on synthetic microdata, so the estimates pages have something to show."""
    import tempfile
    from pathlib import Path

    from aanjager.estimates import services as estimate_services
    from aanjager.estimates import synthetic
    from aanjager.estimates.models import EstimateRun

    existing = EstimateRun.objects.filter(title=DEMO_RUN_TITLE).first()
    if existing is not None:
        # A load_demo killed half-way leaves its run unfinished or unpublished: finish the job instead of
        # taking the run for done. (expire_stale_runs fails a run whose process is gone.)
        estimate_services.expire_stale_runs()
        existing.refresh_from_db()
        if existing.status != EstimateRun.Status.DONE:
            estimate_services.delete_run(actor=None, run=existing)
        else:
            if not existing.is_published:
                estimate_services.set_published(actor=None, run=existing, published=True)
            return False
    region = Region.objects.get(name__iexact=REGION_NAME)
    with tempfile.TemporaryDirectory() as folder:
        persons_path, jobs_path = Path(folder) / "persons.csv", Path(folder) / "jobs.csv"
        synthetic.generate(
            persons_path=persons_path,
            jobs_path=jobs_path,
            municipalities=ESTIMATE_MUNICIPALITIES,
            persons=persons,
            year=2025,
            seed=2025,
        )
        with transaction.atomic():
            run = estimate_services.create_run(
                actor=None,
                title=DEMO_RUN_TITLE,
                region=region,
                year=2025,
                persons_file=persons_path,
                jobs_file=jobs_path,
                start=False,
            )
        estimate_services.execute_run(run.pk)
    run.refresh_from_db()
    estimate_services.set_published(actor=None, run=run, published=True)
    return True


DEMO_SCENARIO_NAME = "Groei 0 / 2 / 4% per jaar (demo)"


def load_scenario() -> bool:
    """A forecast on the demo estimate, so the housing task has a demand to show."""
    from aanjager.estimates import services as estimate_services
    from aanjager.estimates.models import EstimateRun, Scenario

    run = EstimateRun.objects.filter(title=DEMO_RUN_TITLE, status=EstimateRun.Status.DONE).first()
    if run is None or Scenario.objects.filter(run=run, name=DEMO_SCENARIO_NAME).exists():
        return False
    estimate_services.create_scenario(
        actor=None, run=run, name=DEMO_SCENARIO_NAME, growth_low=0.0, growth_central=2.0, growth_high=4.0
    )
    return True


DEMO_COMPANY_PLAN = "Distributiecentrum Medel (demo)"


def load_company_plan() -> bool:
    """One synthetic distribution centre near Tiel, confirmed, so the housing task shows a company's impact."""
    from aanjager.housingtask import services as housing_services
    from aanjager.housingtask.models import CompanyPlan

    if CompanyPlan.objects.filter(name=DEMO_COMPANY_PLAN).exists():
        return False
    region = Region.objects.get(name__iexact=REGION_NAME)
    plan = housing_services.create_company_plan(
        actor=None,
        name=DEMO_COMPANY_PLAN,
        sector="xxl_logistics",
        municipality=Municipality.objects.get(code="GM0281"),
        region=region,
        distribution="distance",
        notes="Synthetisch: een XXL-distributiecentrum op bedrijventerrein Medel, in twee fasen.",
        phases=[
            {"starts_on": dt.date(2027, 4, 1), "amount": 400, "unit": "fte", "description": "Eerste hal"},
            {"starts_on": dt.date(2029, 1, 1), "amount": 300, "unit": "fte", "description": "Uitbreiding"},
        ],
        is_demo=True,
    )
    housing_services.change_status(actor=None, plan=plan, status="confirmed")
    return True
