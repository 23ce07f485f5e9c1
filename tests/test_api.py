"""API conventions: Problem JSON on every error, API-Version header, pagination, tokens, a committed OpenAPI file."""

from pathlib import Path

import pytest
from django.core.management import call_command

from aanjager.accounts.models import Role

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def world(make_world):
    return make_world(Role.READER)


def _is_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail", "instance"} <= set(body)
    return body


def test_anonymous_gets_problem_401(db, client):
    response = client.get("/api/v1/organisations")
    _is_problem(response, 401)
    assert response["API-Version"] == "1.0.0"


def test_bad_token_gets_problem_401(db, client):
    _is_problem(client.get("/api/v1/regions", HTTP_AUTHORIZATION="Bearer nonsense"), 401)


def test_both_token_keywords_are_accepted(world, api_client_for):
    client = api_client_for(world.actor)
    assert client.get("/api/v1/regions").status_code == 200
    token = client._credentials["HTTP_AUTHORIZATION"].split()[1]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/regions").status_code == 200


def test_forbidden_write_is_problem_403(world, api_client_for):
    client = api_client_for(world.actor)
    body = _is_problem(
        client.post("/api/v1/regions", {"name": "X", "municipalities": []}, format="json"), 403
    )
    assert body["instance"] == "/api/v1/regions"


def test_invisible_object_is_problem_404(world, api_client_for):
    client = api_client_for(world.actor)
    _is_problem(client.get(f"/api/v1/organisations/{world.outside.pk}"), 404)


def test_unknown_path_and_method_are_problems(world, api_client_for):
    client = api_client_for(world.actor)
    response = client.get("/api/v1/does-not-exist")
    _is_problem(response, 404)
    assert response["API-Version"] == "1.0.0"
    _is_problem(client.delete("/api/v1/municipalities/GM0281"), 405)
    _is_problem(client.get("/api/v1/organisations/"), 404)  # no trailing slashes


def test_lists_are_paginated_and_filterable(world, api_client_for):
    client = api_client_for(world.actor)
    response = client.get("/api/v1/municipalities", {"page_size": 10})
    assert response.status_code == 200
    assert response["API-Version"] == "1.0.0"
    body = response.json()
    assert body["count"] == 342
    assert len(body["results"]) == 10
    assert "page=2" in body["next"]
    gelderland = client.get("/api/v1/municipalities", {"province": "PV25", "page_size": 500}).json()
    assert {m["province"] for m in gelderland["results"]} == {"PV25"}
    assert "GM0281" in {m["code"] for m in gelderland["results"]}
    in_region = client.get("/api/v1/organisations", {"region": world.region.pk}).json()
    assert {o["name"] for o in in_region["results"]} == {"Thuisorganisatie", "Buur in de regio"}


def test_municipality_detail_by_cbs_code(world, api_client_for):
    body = api_client_for(world.actor).get("/api/v1/municipalities/GM0281").json()
    assert body["name"] == "Tiel" and body["province"] == "PV25" and body["valid_to"] is None


def test_committed_openapi_file_is_up_to_date(db, tmp_path):
    generated = tmp_path / "openapi.yaml"
    call_command("spectacular", "--lang", "en", "--file", str(generated), "--validate", "--fail-on-warn")
    committed = (ROOT / "openapi.yaml").read_text()
    assert generated.read_text() == committed, (
        "openapi.yaml is stale: run `.venv/bin/aanjager spectacular --lang en --file openapi.yaml --validate`"
    )


def test_schema_documents_problem_responses():
    text = (ROOT / "openapi.yaml").read_text()
    assert "application/problem+json" in text
    assert "API-Version" in text
