import pytest

from aanjager.accounts import services as account_services
from aanjager.geo import services as geo_services
from aanjager.geo.models import Municipality
from aanjager.organisations import services as org_services
from aanjager.programme import services

PASSWORD = "een-lang-test-wachtwoord-42"


class Region:
    """A region of Tiel and Zaltbommel with a programme; a coordinator, Tiel's advisor, an employer."""

    def __init__(self):
        self.tiel = Municipality.objects.get(code="GM0281")
        self.zaltbommel = Municipality.objects.get(code="GM0297")
        self.amsterdam = Municipality.objects.get(code="GM0363")
        self.region = geo_services.create_region(
            actor=None, name="Testregio", municipalities=[self.tiel, self.zaltbommel]
        )
        self.other_region = geo_services.create_region(
            actor=None, name="Elders", municipalities=[self.amsterdam]
        )
        office = org_services.create_organisation(
            actor=None, name="Regiokantoor", org_type="government", seat_municipality=self.tiel
        )
        tiel_org = org_services.create_organisation(
            actor=None, name="Gemeente Tiel", org_type="municipality", seat_municipality=self.tiel
        )
        employer = org_services.create_organisation(
            actor=None,
            name="Teler BV",
            org_type="employer",
            seat_municipality=self.tiel,
            kvk_number="12345678",
        )
        self.coordinator = self._user("coordinator", office, "regional_coordinator", region=self.region)
        self.advisor = self._user("beleid", tiel_org, "policy_advisor")
        self.employer = self._user("werkgever", employer, "employer")
        self.programme = services.create_programme(actor=None, region=self.region, name="Programma Testregio")
        self.phase1 = services.add_phase(
            actor=None, programme=self.programme, number=1, name="Kwartiermakersfase"
        )
        self.phase2 = services.add_phase(
            actor=None, programme=self.programme, number=2, name="Structurele fase"
        )
        self.spearhead = services.add_spearhead(
            actor=None, programme=self.programme, number=1, name="Registratie en informatie"
        )
        self.package = services.add_package(
            actor=None, spearhead=self.spearhead, code="1.1", name="Inschrijving"
        )
        self.measure = services.add_measure(
            actor=None, package=self.package, code="1.1.a", name="Loket op locatie", phase=self.phase2
        )
        self.for_all = services.add_measure(
            actor=None,
            package=self.package,
            code="1.1.b",
            name="Regionale monitor",
            phase=self.phase1,
            is_optional=False,
        )

    def _user(self, username, organisation, role, region=None):
        user = account_services.create_user(actor=None, username=username, password=PASSWORD)
        account_services.create_membership(
            actor=None,
            user=user,
            organisation=organisation,
            role=role,
            **({"region": region} if region else {}),
        )
        return user


@pytest.fixture
def world(db):
    return Region()


@pytest.fixture(autouse=True)
def english(client):
    client.cookies["django_language"] = "en"
