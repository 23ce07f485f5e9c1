"""The policy-scan API: /api/v1/policy-scans (with answers, baseline and the answers/complete/reopen actions),
/api/v1/scan-participants, /api/v1/scan-recommendations and /api/v1/question-sets.

Bad input gets a Problem JSON 400 naming the field (or the statement) and saves nothing; a write the role does not
allow is a 403; what the user may not see is a 404."""

import datetime as dt

import pytest

from aanjager.audit.models import AuditEntry
from aanjager.policyscan import services
from aanjager.policyscan.models import Answer, Participant, Recommendation, Scan
from aanjager.programme.models import MeasurePackage, Programme, Spearhead

from .conftest import ALL

PROBLEM = "application/problem+json"
SCANS = "/api/v1/policy-scans"
RECOMMENDATIONS = "/api/v1/scan-recommendations"
PARTICIPANTS = "/api/v1/scan-participants"


def _invalid(response, field):
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith(PROBLEM)
    names = {param["name"] for param in response.json()["invalid-params"]}
    assert field in names, names


@pytest.fixture
def advisor(scene, api_for):
    return api_for(scene.advisor)


def test_question_sets_are_readable(scene, advisor):
    body = advisor.get("/api/v1/question-sets", {"code": "test-set"}).json()
    assert body["count"] == 1
    question_set = body["results"][0]
    assert [d["code"] for d in question_set["domains"]] == ["registration", "housing"]
    assert question_set["scale"][3] == {"value": 3, "label": "Geborgd"}
    assert advisor.post("/api/v1/question-sets", {}, format="json").status_code == 405


def test_create_read_and_baseline(scene, advisor):
    response = advisor.post(
        SCANS,
        {"municipality": "GM0297", "organisation": scene.gemeente.pk, "question_set": scene.question_set.pk,
         "held_on": "2025-05-01"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["municipality"] == "GM0297"
    assert created["baseline"]["domains"][0] == {
        "code": "registration",
        "title": "Registratie",
        "score": None,
        "answered": 0,
        "total": 2,
        "earlier_score": None,
        "delta": None,
        "regions": [{"region": scene.region.pk, "name": "Scanregio", "average": None, "municipalities": 0}],
    }
    url = f"{SCANS}/{created['id']}/answers"
    response = advisor.put(
        url,
        {
            "answers": [
                {"statement": "reg-1", "score": 2, "comment": "Loket"},
                {"statement": "reg-2", "score": 1},
            ]
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["baseline"]["domains"][0]["score"] == "1.50"
    assert body["baseline"]["overall"] == "1.50"
    assert {(a["statement"], a["score"], a["comment"]) for a in body["answers"]} == {
        ("reg-1", 2, "Loket"),
        ("reg-2", 1, ""),
    }
    # PUT replaces the whole set
    advisor.put(url, {"answers": [{"statement": "hou-1", "score": 3}]}, format="json")
    assert list(Answer.objects.filter(scan_id=created["id"]).values_list("statement_code", "score")) == [
        ("hou-1", 3)
    ]


@pytest.mark.parametrize(
    ("answer", "name"),
    [
        ({"statement": "reg-2", "score": 4}, "reg-2"),
        ({"statement": "reg-2", "score": -1}, "reg-2"),
        ({"statement": "nope-1", "score": 1}, "nope-1"),
        ({"statement": "reg-2", "score": "veel"}, "answers.1.score"),
    ],
)
def test_bad_answers_save_nothing(scene, advisor, answer, name):
    services.save_answers(actor=None, scan=scene.scan, answers={"hou-1": (1, "bewaard")})
    before = AuditEntry.objects.count()
    response = advisor.put(
        f"{SCANS}/{scene.scan.pk}/answers",
        {"answers": [{"statement": "reg-1", "score": 3}, answer]},
        format="json",
    )
    _invalid(response, name)
    assert list(Answer.objects.values_list("statement_code", "score", "comment")) == [("hou-1", 1, "bewaard")]
    assert AuditEntry.objects.count() == before


def test_complete_and_reopen(scene, advisor):
    url = f"{SCANS}/{scene.scan.pk}"
    response = advisor.post(f"{url}/complete")
    _invalid(response, "nonFieldErrors")
    assert "5 statements are not answered yet" in response.json()["invalid-params"][0]["reason"]
    advisor.put(
        f"{url}/answers", {"answers": [{"statement": k, "score": v} for k, v in ALL.items()]}, format="json"
    )
    assert advisor.post(f"{url}/complete").json()["status"] == "completed"
    _invalid(advisor.put(f"{url}/answers", {"answers": []}, format="json"), "nonFieldErrors")  # frozen
    assert advisor.post(f"{url}/reopen").json()["status"] == "draft"


def test_rights(scene, api_for):
    reader = api_for(scene.reader)
    assert reader.get(f"{SCANS}/{scene.scan.pk}").status_code == 200
    assert reader.post(f"{SCANS}/{scene.scan.pk}/complete").status_code == 403
    response = reader.put(f"{SCANS}/{scene.scan.pk}/answers", {"answers": []}, format="json")
    assert response.status_code == 403 and response["Content-Type"].startswith(PROBLEM)
    assert reader.delete(f"{SCANS}/{scene.scan.pk}").status_code == 403
    far = api_for(scene.far_advisor)
    assert far.get(f"{SCANS}/{scene.scan.pk}").status_code == 404
    assert far.put(f"{SCANS}/{scene.scan.pk}/answers", {"answers": []}, format="json").status_code == 404
    assert far.get(SCANS).json()["count"] == 0
    employer = api_for(scene.employer_user)
    assert employer.get(SCANS).status_code == 403
    response = api_for(scene.advisor).post(
        SCANS,
        {"municipality": "GM0363", "organisation": scene.gemeente.pk, "held_on": "2025-05-01"},
        format="json",
    )
    assert response.status_code == 403
    assert Scan.objects.count() == 1


def test_bad_scan_input(scene, advisor):
    payload = {"municipality": "GM0281", "organisation": scene.gemeente.pk, "held_on": "2025-05-01"}
    _invalid(advisor.post(SCANS, {**payload, "municipality": "GM9999"}, format="json"), "municipality")
    _invalid(advisor.post(SCANS, {**payload, "held_on": "gisteren"}, format="json"), "held_on")
    _invalid(advisor.post(SCANS, {**payload, "organisation": scene.far.pk}, format="json"), "organisation")
    assert Scan.objects.count() == 1


def _rec(scene, **overrides):
    return {"scan": scene.scan.pk, "text": "RNI-loket", "domain_code": "registration", "owner": "Burgerzaken",
            "priority": "high", "due_on": "2025-12-31", **overrides}  # fmt: skip


def test_recommendations(scene, advisor):
    response = advisor.post(RECOMMENDATIONS, _rec(scene), format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "open" and created["measure"] is None
    url = f"{RECOMMENDATIONS}/{created['id']}"
    assert advisor.patch(url, {"status": "done"}, format="json").json()["status"] == "done"
    response = advisor.patch(url, {"status": "dropped"}, format="json")
    _invalid(response, "status")
    assert "Going from done to dropped is not allowed." in response.json()["invalid-params"][0]["reason"]
    other = services.create_scan(
        actor=None, municipality=scene.zaltbommel, organisation=scene.gemeente, held_on=dt.date(2025, 1, 1)
    )
    _invalid(advisor.patch(url, {"scan": other.pk}, format="json"), "scan")
    assert advisor.get(RECOMMENDATIONS, {"scan": scene.scan.pk}).json()["count"] == 1
    assert advisor.delete(url).status_code == 204
    assert not Recommendation.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": ""}, "text"),
        ({"domain_code": "weather"}, "domain_code"),
        ({"due_on": "2025-01-01"}, "due_on"),
        ({"priority": "urgent"}, "priority"),
    ],
)
def test_bad_recommendations_save_nothing(scene, advisor, overrides, field):
    _invalid(advisor.post(RECOMMENDATIONS, _rec(scene, **overrides), format="json"), field)
    assert not Recommendation.objects.exists()


def test_participants(scene, advisor, api_for):
    response = advisor.post(PARTICIPANTS, {"scan": scene.scan.pk, "department": "Handhaving"}, format="json")
    assert response.status_code == 201, response.content
    _invalid(
        advisor.post(PARTICIPANTS, {"scan": scene.scan.pk, "department": ""}, format="json"), "department"
    )
    assert advisor.get(f"{SCANS}/{scene.scan.pk}").json()["participants"][0]["department"] == "Handhaving"
    assert api_for(scene.reader).delete(f"{PARTICIPANTS}/{response.json()['id']}").status_code == 403
    assert advisor.patch(f"{PARTICIPANTS}/{response.json()['id']}", {}, format="json").status_code == 405
    assert advisor.delete(f"{PARTICIPANTS}/{response.json()['id']}").status_code == 204
    assert not Participant.objects.exists()


def test_turn_into_measure(scene, api_for):
    from aanjager.accounts import services as account_services

    coordinator = account_services.create_user(
        actor=None, username="coordinator", password="x-lang-wachtwoord-42"
    )
    account_services.create_membership(
        actor=None,
        user=coordinator,
        organisation=scene.gemeente,
        role="regional_coordinator",
        region=scene.region,
    )
    programme = Programme.objects.create(region=scene.region, name="Regioprogramma")
    package = MeasurePackage.objects.create(
        spearhead=Spearhead.objects.create(programme=programme, number=1, name="Registratie"),
        code="1.1",
        name="X",
    )
    recommendation = services.create_recommendation(
        actor=None, scan=scene.scan, text="RNI-loket openen", domain_code="registration", owner="Burgerzaken"
    )
    url = f"{RECOMMENDATIONS}/{recommendation.pk}/measure"
    advisor = api_for(scene.advisor)  # may change the scan, not the programme
    _invalid(advisor.post(url, {"package": package.pk, "code": "1.1.1"}, format="json"), "package")
    client = api_for(coordinator)
    response = client.post(url, {"package": package.pk, "code": "1.1.1"}, format="json")
    assert response.status_code == 200, response.content
    measure = package.measures.get()
    assert response.json()["measure"] == measure.pk
    assert (measure.code, measure.name) == ("1.1.1", "RNI-loket openen")
    _invalid(client.post(url, {"package": package.pk, "code": "1.1.2"}, format="json"), "nonFieldErrors")
    assert package.measures.count() == 1
