"""The programme in the API: structure, participations, Problem JSON on bad input, and the business-case link."""

from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from aanjager.businesscase import services as case_services
from aanjager.organisations.models import Organisation
from aanjager.programme import services
from aanjager.programme.models import Measure, Participation


def _client(user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def test_the_programme_reads_as_a_tree(world):
    body = _client(world.employer).get(f"/api/v1/programmes/{world.programme.pk}").json()
    assert [p["name"] for p in body["phases"]] == ["Kwartiermakersfase", "Structurele fase"]
    package = body["spearheads"][0]["packages"][0]
    assert package["code"] == "1.1"
    assert [(m["code"], m["is_optional"]) for m in package["measures"]] == [("1.1.a", True), ("1.1.b", False)]


def test_the_coordinator_builds_the_structure(world):
    client = _client(world.coordinator)
    response = client.post(
        "/api/v1/measures", {"package": world.package.pk, "code": "1.1.c", "name": "Nieuw"}, format="json"
    )
    assert response.status_code == 201, response.content
    measure_id = response.json()["id"]
    response = client.post(
        "/api/v1/measures", {"package": world.package.pk, "code": "1.1.c", "name": "Dubbel"}, format="json"
    )
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert "code" in str(response.json()) or "package" in str(response.json())
    other = services.create_programme(actor=None, region=world.other_region, name="Elders")
    spearhead = services.add_spearhead(actor=None, programme=other, number=1, name="X")
    package = services.add_package(actor=None, spearhead=spearhead, code="9", name="Y")
    response = client.patch(f"/api/v1/measures/{measure_id}", {"package": package.pk}, format="json")
    assert response.status_code == 400
    assert Measure.objects.get(pk=measure_id).package == world.package
    assert (
        _client(world.advisor)
        .post(
            "/api/v1/measures", {"package": world.package.pk, "code": "1.1.d", "name": "Nee"}, format="json"
        )
        .status_code
        == 403
    )


def test_participations_through_the_api(world):
    client = _client(world.advisor)
    payload = {"measure": world.measure.pk, "municipality": "GM0281", "decision": "out"}
    response = client.post("/api/v1/participations", payload, format="json")
    assert response.status_code == 400 and {p["name"] for p in response.json()["invalid-params"]} == {
        "reason"
    }
    assert not Participation.objects.exists()
    response = client.post("/api/v1/participations", {**payload, "reason": "Past niet"}, format="json")
    assert response.status_code == 201, response.content
    again = client.post("/api/v1/participations", {**payload, "reason": "Nogmaals"}, format="json")
    assert again.status_code == 400
    pk = response.json()["id"]
    response = client.patch(
        f"/api/v1/participations/{pk}",
        {"decision": "in", "reason": "", "progress_percent": 150},
        format="json",
    )
    assert response.status_code == 400
    response = client.patch(
        f"/api/v1/participations/{pk}", {"decision": "in", "progress_percent": 50}, format="json"
    )
    assert response.status_code == 200 and Participation.objects.get().progress_percent == 50
    listed = client.get("/api/v1/participations", {"municipality": "GM0281", "programme": world.programme.pk})
    assert [p["id"] for p in listed.json()["results"]] == [pk]


def test_a_business_case_links_to_a_package_of_its_region_only(world):
    provider = Organisation.objects.get(name="Teler BV")
    case = case_services.create_case(
        actor=None,
        name="Kavel 7",
        municipality=world.tiel,
        organisation=provider,
        measure_package=world.package,
    )
    assert case.measure_package == world.package
    client = _client(world.coordinator)
    other = services.create_programme(actor=None, region=world.other_region, name="Elders")
    spearhead = services.add_spearhead(actor=None, programme=other, number=1, name="X")
    foreign = services.add_package(actor=None, spearhead=spearhead, code="9", name="Y")
    response = client.patch(
        f"/api/v1/business-cases/{case.pk}", {"measure_package": foreign.pk}, format="json"
    )
    assert response.status_code == 400, response.content
    case.refresh_from_db()
    assert case.measure_package == world.package
    assert client.get(f"/api/v1/business-cases/{case.pk}").json()["measure_package"] == world.package.pk
