"""Certificates in the API: read with the locations they cover, recorded and removed by those who inspect them."""

import pytest

from aanjager.accounts.models import Role
from aanjager.locations.models import Certificate


def _payload(location, number="SNF-API-1", **overrides):
    return {
        "scheme": "snf",
        "number": number,
        "holder": location.operator_id,
        "valid_from": "2025-01-01",
        "valid_to": "2026-12-31",
        "locations": [location.pk],
        **overrides,
    }


@pytest.mark.parametrize(
    ("role", "where", "status"),
    [
        (Role.INSPECTOR, "own", 201),
        (Role.INSPECTOR, "in", 201),
        (Role.INSPECTOR, "out", 403),
        (Role.HOUSING_PROVIDER, "own", 403),  # an operator cannot certify itself
        (Role.READER, "own", 403),
    ],
)
def test_who_records_a_certificate(make_world, api_client_for, role, where, status):
    world = make_world(role)
    response = api_client_for(world.actor).post(
        "/api/v1/certificates", _payload(world.locations[where]), format="json"
    )
    assert response.status_code == status, response.content
    assert Certificate.objects.filter(number="SNF-API-1").exists() is (status == 201)


def test_certificates_are_listed_with_visible_locations_and_bad_input_is_a_problem(
    make_world, api_client_for
):
    world = make_world(Role.INSPECTOR)
    api = api_client_for(world.actor)
    assert (
        api.post("/api/v1/certificates", _payload(world.locations["own"]), format="json").status_code == 201
    )
    Certificate.objects.create(
        scheme="akf", number="AKF-VER", holder=world.outside, valid_from="2025-01-01", valid_to="2025-12-31"
    ).locations.set([world.locations["out"]])
    numbers = {c["number"] for c in api.get("/api/v1/certificates").json()["results"]}
    assert numbers == {"SNF-API-1"}
    bad = api.post(
        "/api/v1/certificates",
        _payload(world.locations["own"], number="SNF-API-1", valid_to="2024-01-01"),
        format="json",
    )
    assert bad.status_code == 400 and bad["Content-Type"].startswith("application/problem+json")
    names = {p["name"] for p in bad.json()["invalid-params"]}
    assert names & {"valid_to", "nonFieldErrors", "number"}
    certificate = Certificate.objects.get(number="SNF-API-1")
    assert api.delete(f"/api/v1/certificates/{certificate.pk}").status_code == 204


def test_certificate_filter_on_a_location_id_out_of_range_is_a_problem_not_a_crash(
    make_world, api_client_for
):
    # Found by the schemathesis scan: an id past 64 bits reached the database and crashed (500) on SQLite.
    world = make_world(Role.INSPECTOR)
    api = api_client_for(world.actor)
    for value in ("99999999999999999999999999", "-99999999999999999999999999", "1.5", "x"):
        response = api.get("/api/v1/certificates", {"locations": [value]})
        assert response.status_code == 400, (value, response.content)
        assert response.json()["invalid-params"][0]["name"] == "locations"
    assert api.get("/api/v1/certificates", {"locations": [world.locations["own"].pk]}).status_code == 200
