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


def test_answers_the_schemathesis_scan_found_undocumented_now_match_the_schema(db):
    """Each call failed a check of tests/test_api_schemathesis.py before its fix: a status openapi.yaml did not
    document, or a body it did not describe (a null in a field documented as never null, a page as a bare list)."""
    from django.core.cache import cache

    from aanjager.geo.models import Region
    from aanjager.policyscan.models import Recommendation
    from tests.api_scanner import call_and_check, in_process_requests, load_demo, load_schema, tokens

    load_demo()
    admin = tokens(["beheerder"])["beheerder"]
    schema = load_schema()
    region = Region.objects.get(name="Regio Rivierenland")  # in use by the demo's memberships
    recommendation = Recommendation.objects.filter(measure__isnull=True).first()
    with in_process_requests():
        town = call_and_check(
            schema, "GET", "/api/v1/municipalities/{code}", admin, path_parameters={"code": "GM0281"}
        )
        assert town.json()["successor"] is None
        runs = call_and_check(schema, "GET", "/api/v1/estimate-runs", admin).json()["results"]
        assert None in {run["created_by"] for run in runs}
        advice = call_and_check(
            schema,
            "GET",
            "/api/v1/scan-recommendations/{id}",
            admin,
            path_parameters={"id": recommendation.pk},
        )
        assert advice.json()["measure"] is None
        register = call_and_check(schema, "GET", "/api/v1/public/locations", {}, query={"page_size": 2})
        assert register.json()["count"] > 2 and len(register.json()["results"]) == 2
        bad_filter = call_and_check(schema, "GET", "/api/v1/agreements", admin, query={"region": 2**40})
        past_the_end = call_and_check(schema, "GET", "/api/v1/regions", admin, query={"page": 999})
        in_use = call_and_check(
            schema, "DELETE", "/api/v1/regions/{id}", admin, path_parameters={"id": region.pk}
        )
    assert (bad_filter.status_code, past_the_end.status_code, in_use.status_code) == (400, 404, 400)
    cache.clear()  # the public API's throttle counts in the cache


def test_public_operations_document_their_throttle_and_no_sign_in():
    import yaml

    paths = yaml.safe_load((ROOT / "openapi.yaml").read_text())["paths"]
    public = [operation for path, item in paths.items() if "/public/" in path for operation in item.values()]
    assert len(public) == 4
    for operation in public:
        assert "429" in operation["responses"]
        assert not {"401", "403"} & set(operation["responses"])
    assert "429" not in paths["/api/v1/regions"]["get"]["responses"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/municipalities?region={}",
        "/api/v1/organisations?region={}",
        "/api/v1/participations?programme={}",
    ],
)
def test_id_filters_out_of_range_are_problems_not_crashes(world, api_client_for, url):
    # Found by the schemathesis scan: an id past 64 bits reached SQLite through a relation and crashed (500).
    client = api_client_for(world.actor)
    for value in (-(2**64), 2**64, "1.5"):
        body = _is_problem(client.get(url.format(value)), 400)
        assert body["invalid-params"][0]["name"] == url.split("?")[1].split("=")[0]
    assert client.get(url.format(world.region.pk)).status_code == 200
