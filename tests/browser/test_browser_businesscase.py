"""The business case in a real browser: variants side by side, the tornado, a new variant with bad input first."""

import re

import pytest

from .support import assert_accessible, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_provider_compares_variants_and_adds_one(login_as, live_server):
    page = login_as("huisvester")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Businesscases").click()
    assert_accessible(page, "business case list")
    page.get_by_role("link", name="Bedrijventerrein Medel, kavel 7 (demo)").click()
    page.wait_for_url(re.compile(r"/businesscases/\d+/$"))
    main = page.locator("main").inner_text()
    assert "Modulaire nieuwbouw" in main and "Ombouw hotel" in main and "Transformatie kantoorpand" in main
    assert page.locator("figure.chart svg rect").count() >= 5  # the tornado
    assert_accessible(page, "business case page")
    page.get_by_role("link", name="Variant toevoegen").click()
    page.fill("#id_name", "Tweede bouwlaag")
    page.select_option("#id_housing_form", "modular")
    page.fill("#id_beds", "-5")
    page.fill("#id_floor_area_per_bed", "12")
    page.fill("#id_capex_per_bed", "36000")
    page.fill("#id_permit_term_years", "15")
    page.fill("#id_rent_per_bed_per_week", "128")
    page.fill("#id_occupancy_percent", "120")
    page.fill("#id_opex_per_bed_per_week", "31")
    submit(page, page.locator("main form button[type=submit]"))
    assert page.locator("#form-errors").is_visible()
    assert_accessible(page, "variant form, error state")
    page.fill("#id_beds", "60")
    page.fill("#id_occupancy_percent", "90")
    submit(page, page.locator("main form button[type=submit]"))
    assert "Tweede bouwlaag" in page.locator("main").inner_text()
