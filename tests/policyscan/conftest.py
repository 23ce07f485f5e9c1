"""A small world for the policy scan: region Scanregio (Tiel, Zaltbommel, Culemborg, West Betuwe), Amsterdam
outside it, a short question set of two domains, and users with different roles."""

import datetime as dt

import pytest
from django.utils import translation

from aanjager.accounts import services as account_services
from aanjager.geo import services as geo_services
from aanjager.geo.models import Municipality
from aanjager.organisations import services as org_services
from aanjager.policyscan import services
from aanjager.policyscan.models import QuestionSet

PASSWORD = "een-lang-test-wachtwoord-42"
HELD_ON = dt.date(2025, 3, 1)
CONTENT = {
    "scale": [
        {"value": 0, "label": "Niet aanwezig"},
        {"value": 1, "label": "In ontwikkeling"},
        {"value": 2, "label": "Geregeld"},
        {"value": 3, "label": "Geborgd"},
    ],
    "domains": [
        {
            "code": "registration",
            "title": "Registratie",
            "statements": [
                {"code": "reg-1", "text": "Inschrijving in de BRP"},
                {"code": "reg-2", "text": "RNI-loket"},
            ],
        },
        {
            "code": "housing",
            "title": "Huisvesting",
            "statements": [
                {"code": "hou-1", "text": "Schatting bedden"},
                {"code": "hou-2", "text": "Beleid huisvesting"},
                {"code": "hou-3", "text": "Zicht op locaties"},
            ],
        },
    ],
}
ALL = {"reg-1": 2, "reg-2": 3, "hou-1": 1, "hou-2": 2, "hou-3": 0}


class Scene:
    def __init__(self):
        m = Municipality.objects.get
        self.tiel, self.zaltbommel = m(code="GM0281"), m(code="GM0297")
        self.culemborg, self.west_betuwe = m(code="GM0216"), m(code="GM1960")
        self.amsterdam = m(code="GM0363")
        self.region = geo_services.create_region(
            actor=None,
            name="Scanregio",
            municipalities=[self.tiel, self.zaltbommel, self.culemborg, self.west_betuwe],
        )
        self.other_region = geo_services.create_region(
            actor=None, name="Elders", municipalities=[self.amsterdam]
        )
        self.gemeente = org_services.create_organisation(
            actor=None, name="Gemeente Tiel", org_type="municipality", seat_municipality=self.tiel
        )
        self.employer = org_services.create_organisation(
            actor=None, name="Teler BV", org_type="employer", seat_municipality=self.tiel
        )
        self.far = org_services.create_organisation(
            actor=None, name="Gemeente Amsterdam", org_type="municipality", seat_municipality=self.amsterdam
        )
        self.advisor = self.user("beleid", self.gemeente, "policy_advisor")
        self.reader = self.user("lezer", self.gemeente, "reader")
        self.employer_user = self.user("werkgever", self.employer, "employer")
        self.far_advisor = self.user("ver", self.far, "policy_advisor")
        self.question_set = QuestionSet.objects.create(
            code="test-set", version=1, title="Testvragen", content=CONTENT
        )
        self.scan = self.new_scan(self.tiel, HELD_ON)

    def user(self, username, organisation, role):
        user = account_services.create_user(actor=None, username=username, password=PASSWORD)
        account_services.create_membership(actor=None, user=user, organisation=organisation, role=role)
        return user

    def new_scan(self, municipality, held_on, answers=None, complete=False):
        scan = services.create_scan(
            actor=None,
            municipality=municipality,
            organisation=self.gemeente,
            question_set=self.question_set,
            held_on=held_on,
        )
        if answers:
            services.save_answers(
                actor=None, scan=scan, answers={code: (score, "") for code, score in answers.items()}
            )
        if complete:
            services.complete_scan(actor=None, scan=scan)
        return scan


@pytest.fixture
def scene(db):
    return Scene()


@pytest.fixture(autouse=True)
def english(client):
    """Messages are checked by their English msgids, in services and pages alike."""
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def api_for(api_client_for):
    """An API client for a user that asks for English messages."""

    def make(user):
        client = api_client_for(user)
        client.cookies["django_language"] = "en"
        return client

    return make
