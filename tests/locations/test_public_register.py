"""The public register: certified locations in use, without sign-in, without personal data or confidential
addresses; as a page, a CSV download and the open-data API."""

import csv
import datetime as dt
import io

import pytest

from aanjager.accounts.models import Role
from aanjager.locations import services
from tests.locations.test_locations import new

TODAY = dt.date.today()


@pytest.fixture
def register(make_world):
    world = make_world(Role.POLICY_ADVISOR)
    certified = new(world, name="Logies Kerkstraat", beds=20, effective=TODAY - dt.timedelta(days=400))
    family = new(
        world,
        name="Kamer bij gezin",
        street="Geheimstraat",
        housing_form="room_in_family_home",
        beds=2,
        is_confidential=True,
        effective=TODAY - dt.timedelta(days=400),
    )
    expired = new(world, name="Verlopen certificaat", beds=9, effective=TODAY - dt.timedelta(days=400))
    uncertified = new(world, name="Zonder certificaat", beds=30)
    closed = new(world, name="Gesloten", beds=12, effective=TODAY - dt.timedelta(days=400))
    services.change_status(actor=world.actor, location=closed, status="closed", effective=TODAY)
    for number, locations, valid_to in (
        ("SNF-1", [certified, family, closed], TODAY + dt.timedelta(days=200)),
        ("SNF-2", [expired], TODAY - dt.timedelta(days=1)),
    ):
        services.create_certificate(
            actor=world.actor,
            scheme="snf",
            number=number,
            holder=world.home,
            valid_from=TODAY - dt.timedelta(days=365),
            valid_to=valid_to,
            locations=locations,
        )
    return {"certified": certified, "uncertified": uncertified}


def test_the_page_shows_certified_locations_in_use_to_anyone(client, register):
    page = client.get("/register/").content.decode()
    assert "Logies Kerkstraat" in page
    assert "Verlopen certificaat" not in page and "Zonder certificaat" not in page and "Gesloten" not in page
    assert "Geheimstraat" not in page  # confidential address
    assert "Kamer bij gezin" not in page and "Kamerverhuur in een gezinswoning, Tiel" in page  # nor its name
    assert "Kamer bij gezin" not in client.get("/register/", {"q": "Kamer bij"}).content.decode()
    assert "2 gecertificeerde locaties met 22 bedden" in page
    filtered = client.get("/register/", {"gemeente": "GM0297"}).content.decode()
    assert "Geen gecertificeerde locaties" in filtered
    searched = client.get("/register/", {"q": "thuisorg"}).content.decode()
    assert "Logies Kerkstraat" in searched


def test_the_csv_and_the_api_give_the_same_lines(client, register):
    response = client.get("/register/register.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert {r["name"] for r in rows} == {"Logies Kerkstraat", "Kamerverhuur in een gezinswoning, Tiel"}
    family = next(r for r in rows if r["name"].startswith("Kamerverhuur"))
    assert family["address"] == "" and family["certificates"].endswith("SNF-1")
    api = client.get("/api/v1/public/locations", {"municipality": "GM0281"}).json()
    assert {r["name"] for r in api["results"]} == {r["name"] for r in rows}
    assert all(set(r) >= {"operator", "beds", "certified_until"} for r in api["results"])
    assert "person" not in str(api).lower()


def test_a_public_csv_cell_cannot_start_a_formula(client, make_world):
    world = make_world(Role.POLICY_ADVISOR)
    sneaky = new(
        world, name='=HYPERLINK("http://example.org")', beds=4, effective=TODAY - dt.timedelta(days=10)
    )
    services.create_certificate(
        actor=world.actor,
        scheme="akf",
        number="AKF-9",
        holder=world.home,
        valid_from=TODAY - dt.timedelta(days=10),
        valid_to=TODAY + dt.timedelta(days=10),
        locations=[sneaky],
    )
    text = client.get("/register/register.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ";=HYPERLINK" not in text and not text.split("\n")[1].startswith("=")
