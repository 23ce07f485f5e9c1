import pytest

from aanjager.accounts.models import User
from aanjager.audit.models import AuditEntry
from aanjager.demo import rivierenland
from aanjager.estimates.models import EstimateRun, Scenario


@pytest.fixture
def run(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    rivierenland.load()
    rivierenland.load_estimate(persons=600)
    return EstimateRun.objects.get(title=rivierenland.DEMO_RUN_TITLE)


def test_policy_advisor_adds_a_percentage_scenario(client, run):
    client.force_login(User.objects.get(username="beleid"))
    response = client.post(
        f"/schattingen/{run.pk}/scenarios/",
        {
            "name": "Beleidsarm",
            "method": "percentage",
            "growth_low": "-1",
            "growth_central": "2",
            "growth_high": "5",
        },
    )
    scenario = Scenario.objects.get(name="Beleidsarm")
    assert response.url == f"/schattingen/scenario/{scenario.pk}/"
    assert AuditEntry.objects.filter(object_type="estimates.scenario", action="create").count() == 1
    page = client.get(response.url).content.decode()
    assert "2035" in page and "polyline" in page
    rows = run.rows.filter(municipality__in=run.region.municipalities.all())
    base = sum(r.estimate_central for r in rows)
    assert f'<td class="num">{round(base * 1.02)}</td>' in page  # 2026 central = base × 1.02


def test_trend_needs_two_years(client, run):
    client.force_login(User.objects.get(username="beleid"))
    client.post(
        f"/schattingen/{run.pk}/scenarios/",
        {"name": "Trend", "method": "trend", "growth_low": "0", "growth_central": "0", "growth_high": "0"},
    )
    assert not Scenario.objects.filter(name="Trend").exists()
    earlier = EstimateRun.objects.create(
        title="2023", region=run.region, year=2023, definition_code="eu11", status=EstimateRun.Status.DONE
    )
    for row in run.rows.all():
        row.pk, row.run = None, earlier
        row.estimate_central = round(row.estimate_central / 1.21)
        row.save()
    client.post(
        f"/schattingen/{run.pk}/scenarios/",
        {"name": "Trend", "method": "trend", "growth_low": "0", "growth_central": "0", "growth_high": "0"},
    )
    scenario = Scenario.objects.get(name="Trend")
    assert scenario.growth_central == pytest.approx(10, abs=0.2)
    assert "2023" in scenario.basis


def test_readers_see_but_cannot_make_scenarios(client, run):
    form_action = f'action="/schattingen/{run.pk}/scenarios/"'
    client.force_login(User.objects.get(username="beleid"))
    assert form_action in client.get(f"/schattingen/{run.pk}/").content.decode()
    client.force_login(User.objects.get(username="lezer"))
    assert form_action not in client.get(f"/schattingen/{run.pk}/").content.decode()
    response = client.post(
        f"/schattingen/{run.pk}/scenarios/",
        {"name": "X", "method": "percentage", "growth_low": 0, "growth_central": 0, "growth_high": 0},
    )
    assert response.status_code == 403


def test_api_scenarios(run, api_client_for):
    client = api_client_for(User.objects.get(username="coordinator"))
    response = client.post(
        "/api/v1/scenarios",
        {
            "run": run.pk,
            "name": "API",
            "method": "percentage",
            "growth_low": 0,
            "growth_central": 1,
            "growth_high": 2,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert [r["year"] for r in body["projection"]["total"]] == list(range(2025, 2036))
    assert "GM0281" in body["projection"]
    bad = client.post(
        "/api/v1/scenarios",
        {"run": run.pk, "name": "Omgekeerd", "growth_low": 5, "growth_central": 1, "growth_high": 2},
        format="json",
    )
    assert bad.status_code == 400
    reader = api_client_for(User.objects.get(username="lezer"))
    assert reader.delete(f"/api/v1/scenarios/{body['id']}").status_code == 403
    assert client.delete(f"/api/v1/scenarios/{body['id']}").status_code == 204


def test_compare_two_runs(client, run):
    other = EstimateRun.objects.create(
        title="Vorig jaar",
        region=run.region,
        year=2024,
        definition_code="eu11",
        status=EstimateRun.Status.DONE,
    )
    tiel = run.rows.get(municipality__code="GM0281")
    tiel.pk, tiel.run, tiel.workers = None, other, tiel.workers - 5
    tiel.save()
    client.force_login(User.objects.get(username="beleid"))
    page = client.get("/schattingen/vergelijken/", {"a": other.pk, "b": run.pk})
    rows = {r["name"]: r for r in page.context["rows"]}
    assert rows["Tiel"]["d_work"] == 5
    assert rows["Buren"]["a_work"] == 0  # no data in run A: a zero, not a gap
    assert client.get("/schattingen/vergelijken/", {"a": "x"}).status_code == 200


def test_an_invalid_scenario_shows_the_form_again_with_errors(client, run):
    client.force_login(User.objects.get(username="beleid"))
    response = client.post(
        f"/schattingen/{run.pk}/scenarios/",
        {"name": "", "method": "percentage", "growth_low": "5", "growth_central": "1", "growth_high": "2"},
    )
    assert response.status_code == 200
    assert "name" in response.context["scenario_form"].errors
    assert 'role="alert"' in response.content.decode()
