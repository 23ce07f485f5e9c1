"""Company plans: lifecycle, validation, the effect report, confirmed plans in the housing task, the API."""

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from aanjager.accounts.models import Role, User
from aanjager.estimates.models import Scenario
from aanjager.housingtask import calculation, selectors, services
from aanjager.housingtask.models import CompanyPlan

D = dt.date


@pytest.fixture
def world(make_world):
    return make_world(Role.POLICY_ADVISOR)


def _plan(world, **overrides):
    fields = {
        "name": "DC Kellen",
        "sector": "meat_processing",
        "municipality": world.tiel,
        "region": world.region,
        "phases": [{"starts_on": D(2027, 1, 1), "amount": 100, "unit": "jobs"}],
    }
    return services.create_company_plan(actor=world.actor, **{**fields, **overrides})


def test_status_follows_the_table_and_a_plan_needs_phases_to_be_confirmed(world):
    plan = _plan(world, phases=[])
    with pytest.raises(ValidationError, match="zonder fasen"):
        services.change_status(actor=world.actor, plan=plan, status="confirmed")
    services.add_phase(actor=world.actor, plan=plan, starts_on=D(2027, 1, 1), amount=50, unit="fte")
    assert services.change_status(actor=world.actor, plan=plan, status="confirmed").status == "confirmed"
    services.change_status(actor=world.actor, plan=plan, status="rejected")
    with pytest.raises(ValidationError):
        services.change_status(
            actor=world.actor, plan=plan, status="confirmed"
        )  # rejected → exploration first


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"share_operational": 2}, "share_operational"),
        ({"target_occupancy": 0}, "target_occupancy"),
        ({"split_short": "0.5"}, "split_long"),
        ({"seasonal_peak": 0}, "seasonal_peak"),
        ({"sector": "mining"}, "sector"),
        ({"phases": [{"starts_on": D(2027, 1, 1), "amount": 0, "unit": "fte"}]}, "phases"),
    ],
)
def test_bad_plans_are_refused_per_field(world, overrides, field):
    with pytest.raises(ValidationError) as error:
        _plan(world, **overrides)
    assert field in error.value.message_dict
    assert not CompanyPlan.objects.filter(name="DC Kellen").exists()


def test_the_site_must_lie_in_the_region(world):
    with pytest.raises(ValidationError) as error:
        _plan(world, region=world.other_region)  # Tiel lies in Testregio, not in Andere regio
    assert "region" in error.value.message_dict


def test_the_effect_report_shows_steps_years_and_where(client, world):
    plan = _plan(world, distribution="own_municipality")
    client.force_login(world.actor)
    page = client.get(f"/woonopgave/bedrijven/{plan.pk}/").content.decode()
    assert "Banen voor arbeidsmigranten" in page and "sectorgemiddelde" in page and "Tiel" in page
    beds = 100 * 0.8 * 0.65 * 0.7 / 0.9  # jobs × operational × meat processing 0.65 × (1 − 0.3) ÷ 0.9
    assert f"{beds:.0f}" in page
    bad = client.post(f"/woonopgave/bedrijven/{plan.pk}/fasen/", {"fase-starts_on": "", "fase-amount": "-1"})
    assert bad.status_code == 400


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", "--quiet-logins", stdout=StringIO())
    return Scenario.objects.get(name__endswith="(demo)")


def test_the_demo_distribution_centre_adds_to_the_housing_task(demo):
    plan = CompanyPlan.objects.get(is_demo=True)
    assert plan.status == "confirmed"
    with_plan = calculation.totals(
        selectors.housing_task(scenario=demo, params=calculation.Parameters())["cells"]
    )
    assert with_plan[2026].company == 0
    expected = 400 * 1.2 * 0.8 * 0.45 * 0.7 / 0.9  # first hall from April 2027
    assert with_plan[2027].company == pytest.approx(expected)
    assert with_plan[2029].company == pytest.approx(700 * 1.2 * 0.8 * 0.45 * 0.7 / 0.9)
    services.change_status(actor=None, plan=plan, status="exploration")
    without = calculation.totals(
        selectors.housing_task(scenario=demo, params=calculation.Parameters())["cells"]
    )
    assert without[2029].company == 0
    assert without[2029].gap("central") == pytest.approx(
        with_plan[2029].gap("central") - with_plan[2029].company
    )


def test_housing_task_api(demo, api_client_for):
    api = api_client_for(User.objects.get(username="beleid"))
    body = api.get(f"/api/v1/housing-tasks/{demo.pk}?variant=high&bezetting=0.85").json()
    assert body["variant"] == "high" and body["parameters"]["target_occupancy"] == 0.85
    assert [y["year"] for y in body["region_years"]] == list(range(2025, 2036))
    tiel = [m for m in body["municipalities"] if m["municipality"] == "GM0281"]
    assert {m["stay_class"] for m in tiel} == {"all", "short", "mid", "long"}
    first = body["region_years"][0]
    assert first["gap"] == pytest.approx(first["demand"] - first["supply"], abs=0.05)
    assert api.get("/api/v1/housing-tasks/999999").status_code == 404
    outsider = User.objects.create_user(username="buiten", password="een-lang-wachtwoord-1")
    assert api_client_for(outsider).get(f"/api/v1/housing-tasks/{demo.pk}").status_code == 404


def test_company_plan_api_with_phases_and_status(world, api_client_for):
    api = api_client_for(world.actor)
    created = api.post(
        "/api/v1/company-plans",
        {
            "name": "Kas Zaltbommel",
            "sector": "glasshouse_horticulture",
            "municipality": "GM0297",
            "region": world.region.pk,
            "phases": [{"starts_on": "2027-03-01", "amount": "40", "unit": "jobs"}],
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "exploration"
    pk = created.json()["id"]
    confirmed = api.patch(f"/api/v1/company-plans/{pk}", {"status": "confirmed"}, format="json")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "confirmed"
    bad = api.patch(f"/api/v1/company-plans/{pk}", {"split_short": "0.9"}, format="json")
    assert bad.status_code == 400
    assert float(CompanyPlan.objects.get(pk=pk).split_short) == pytest.approx(0.3)


def test_pdf_reports(client, demo):
    client.force_login(User.objects.get(username="beleid"))
    plan = CompanyPlan.objects.get(is_demo=True)
    report = client.get(f"/woonopgave/bedrijven/{plan.pk}/effectrapportage.pdf")
    assert report.status_code == 200 and report["Content-Type"] == "application/pdf"
    assert report.content.startswith(b"%PDF")
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from aanjager.housingtask.company_views import _report

    html = render_to_string(
        "housingtask/pdf_company.html", _report(User.objects.get(username="beleid"), plan)
    )
    assert len(HTML(string=html).render().pages) == 1  # one page for the council
    task = client.get(f"/woonopgave/{demo.pk}/woonopgave.pdf?scenario=high")
    assert task.status_code == 200 and task.content.startswith(b"%PDF")


def test_pdf_without_pango_says_so(client, demo, monkeypatch):
    from aanjager.core import pdf

    def missing(*args, **kwargs):
        raise pdf.PdfUnavailable("no pango")

    monkeypatch.setattr(pdf, "render_pdf", missing)
    client.force_login(User.objects.get(username="beleid"))
    response = client.get(f"/woonopgave/{demo.pk}/woonopgave.pdf")
    assert response.status_code == 503 and "XLSX" in response.content.decode()


def test_an_employer_cannot_confirm_its_own_plan_and_a_refused_api_change_saves_nothing(
    make_world, api_client_for
):
    world = make_world(Role.EMPLOYER)
    plan = world.company_plans["own"]
    with pytest.raises(ValidationError, match="bevestigen"):
        services.change_status(actor=world.actor, plan=plan, status="confirmed")
    api = api_client_for(world.actor)
    response = api.patch(
        f"/api/v1/company-plans/{plan.pk}", {"name": "Nieuw", "status": "confirmed"}, format="json"
    )
    assert response.status_code == 400
    assert CompanyPlan.objects.get(pk=plan.pk).name == "Bedrijf own"
