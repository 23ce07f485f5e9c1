"""The housing task in a real browser: choose a scenario, change a parameter, follow a figure to its inputs."""

import re

import pytest

from .support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_policy_advisor_reads_the_housing_task_and_traces_a_municipality(login_as, live_server):
    from aanjager.demo import locations as demo_locations

    demo_locations.load()
    page = login_as("beleid")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Woonopgave").click()
    assert_accessible(page)
    page.get_by_role("link", name="Groei 0 / 2 / 4% per jaar (demo)").click()
    page.wait_for_url(re.compile(r"/woonopgave/\d+/$"))
    assert page.locator("figure.chart svg").count() == 1
    assert_accessible(page)
    before = page.locator("#years-caption ~ tbody tr").first.inner_text()
    page.locator("summary", has_text="Parameters en normenset").click()
    page.fill("#bezetting", "0.6")
    page.get_by_role("button", name="Opnieuw berekenen").click()
    page.wait_for_url(re.compile(r"bezetting=0.6"))
    assert (
        page.locator("#years-caption ~ tbody tr").first.inner_text() != before
    )  # fewer beds per person: more
    assert_accessible(page)
    page.get_by_role("link", name="Tiel").first.click()
    page.wait_for_url(re.compile(r"/gemeente/GM0281/"))
    assert "Wat er in ging" in page.locator("main").inner_text()
    assert_accessible(page)


def test_coordinator_works_out_a_company_plan(login_as, live_server):
    page = login_as("coordinator")
    page.goto(f"{live_server.url}/woonopgave/")
    page.get_by_role("link", name="Bedrijfsplannen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuw bedrijfsplan").click()
    page.fill("#id_name", "Kwekerij Waardenburg (demo)")
    page.select_option("#id_sector", "glasshouse_horticulture")
    page.select_option("#id_municipality", label="Zaltbommel (GM0297)")
    page.select_option("#id_region", label="Regio Rivierenland")
    page.fill("#id_first_starts_on", "2027-03-01")
    page.click("main button[type=submit]")  # no jobs given: the error summary takes the focus
    assert page.locator("#form-errors").is_visible()
    assert_accessible(page)
    page.fill("#id_first_amount", "120")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/woonopgave/bedrijven/\d+/$"))
    assert "Banen voor arbeidsmigranten" in page.locator("main").inner_text()
    assert_accessible(page)
    page.select_option("#status", "confirmed")
    page.get_by_role("button", name="Status wijzigen").click()
    assert "Bevestigd: deze bedden tellen mee" in page.locator("main").inner_text()


def test_coordinator_compares_distributions_and_chooses_one(login_as, live_server):
    from aanjager.estimates.models import Scenario

    scenario = Scenario.objects.get(name__endswith="(demo)")
    page = login_as("coordinator")
    page.goto(f"{live_server.url}/woonopgave/{scenario.pk}/verdeling/")
    assert_accessible(page)
    page.fill("#max_GM0281", "1")
    page.fill("#max_GM0297", "1")
    page.fill("#max_GM0214", "1")
    for code in ("GM0216", "GM0263", "GM1740", "GM1960", "GM0668"):
        page.fill(f"#max_{code}", "1")
    page.get_by_role("button", name="Berekenen").click()
    assert page.locator("#form-errors").is_visible()  # 8 × 1% leaves no room: say which bound to relax
    assert "Verhoog het maximum" in page.locator("#form-errors").inner_text()
    assert_accessible(page)
    page.goto(
        f"{live_server.url}/woonopgave/{scenario.pk}/verdeling/?methode=optimiser&jaar=2035&max_GM0281=25"
    )
    page.fill("#naam", "Dicht bij het werk")
    page.get_by_role("button", name="Verdeling opslaan").click()
    page.get_by_role("button", name="Kiezen als programmadoel Dicht bij het werk").click()
    assert page.locator("#targets-caption").is_visible()
    assert_accessible(page)
