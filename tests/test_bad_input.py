"""Bad input gets a clear field error (UI) or a Problem JSON 400 naming the field (API), and nothing is saved."""

import pytest

from aanjager.accounts.models import Role
from aanjager.geo.models import Region
from aanjager.organisations.models import Organisation


@pytest.fixture
def world(make_world):
    return make_world(Role.ADMINISTRATOR)


def _org_data(world, **overrides):
    data = {
        "name": "Nieuwe werkgever",
        "org_type": "employer",
        "kvk_number": "",
        "corner": "",
        "seat_municipality": world.tiel.pk,
        "website": "",
        "email": "",
        "phone": "",
    }
    data.update(overrides)
    return data


UI_CASES = [
    ("kvk_number", {"kvk_number": "1234567"}, "8"),
    ("kvk_number", {"kvk_number": "12A45678"}, "8"),
    ("kvk_number", {"kvk_number": "12345678"}, None),  # duplicate of 'Buur in de regio'
    ("name", {"name": "x" * 201}, "200"),
    ("seat_municipality", {"seat_municipality": 999999}, None),
    ("email", {"email": "geen-adres"}, None),
]


@pytest.mark.parametrize(("field", "overrides", "hint"), UI_CASES)
def test_organisation_form_shows_field_errors_and_saves_nothing(client, world, field, overrides, hint):
    client.force_login(world.actor)
    before = Organisation.objects.count()
    response = client.post("/organisaties/nieuw/", _org_data(world, **overrides))
    assert response.status_code == 200
    form = response.context["form"]
    assert field in form.errors, form.errors
    if hint:
        assert hint in " ".join(form.errors[field])
    assert 'role="alert"' in response.content.decode()
    assert f'href="#id_{field}"' in response.content.decode()
    assert Organisation.objects.count() == before


def test_duplicate_region_name_is_refused_case_insensitively_in_the_ui(client, world):
    client.force_login(world.actor)
    response = client.post(
        "/regios/nieuw/",
        {
            "name": "TESTREGIO",
            "region_type": "custom",
            "description": "",
            "valid_from": "2025-01-01",
            "valid_to": "",
            "municipalities": [world.tiel.pk],
        },
    )
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Region.objects.filter(name__iexact="testregio").count() == 1


def test_region_end_before_start_is_refused(client, world):
    client.force_login(world.actor)
    response = client.post(
        "/regios/nieuw/",
        {
            "name": "Omgekeerd",
            "region_type": "custom",
            "description": "",
            "valid_from": "2025-01-01",
            "valid_to": "2024-01-01",
            "municipalities": [],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Region.objects.filter(name="Omgekeerd").exists()


API_CASES = [
    ({"kvk_number": "1234"}, "kvk_number"),
    ({"seat_municipality": "GM9999"}, "seat_municipality"),
    ({"name": "y" * 201}, "name"),
    ({"org_type": "bakery"}, "org_type"),
    ({"kvk_number": "12345678"}, "kvk_number"),  # duplicate
]


@pytest.mark.parametrize(("overrides", "field"), API_CASES)
def test_organisation_api_answers_problem_json_400(world, api_client_for, overrides, field):
    client = api_client_for(world.actor)
    before = Organisation.objects.count()
    payload = {"name": "Nieuw via API", "org_type": "employer", "seat_municipality": "GM0281", **overrides}
    response = client.post("/api/v1/organisations", payload, format="json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400 and body["title"]
    assert field in {p["name"] for p in body["invalid-params"]}, body
    assert Organisation.objects.count() == before


def test_region_api_refuses_duplicate_name_and_unknown_municipality(world, api_client_for):
    client = api_client_for(world.actor)
    duplicate = client.post("/api/v1/regions", {"name": "testregio", "municipalities": []}, format="json")
    assert duplicate.status_code == 400
    assert "name" in {p["name"] for p in duplicate.json()["invalid-params"]}
    unknown = client.post("/api/v1/regions", {"name": "Nieuw", "municipalities": ["GM9999"]}, format="json")
    assert unknown.status_code == 400
    assert "municipalities" in {p["name"] for p in unknown.json()["invalid-params"]}
    too_long = client.post("/api/v1/regions", {"name": "z" * 201, "municipalities": []}, format="json")
    assert too_long.status_code == 400
    assert Region.objects.count() == 2


def test_malformed_json_is_a_problem_400(world, api_client_for):
    client = api_client_for(world.actor)
    response = client.post("/api/v1/organisations", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
