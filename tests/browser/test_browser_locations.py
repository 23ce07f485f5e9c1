"""The location register in a real browser: register a location, see its norms and history; all accessible."""

import re

import pytest

from .support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_policy_advisor_registers_a_location_and_reads_its_norms(login_as, live_server):
    page = login_as("beleid")
    page.goto(f"{live_server.url}/locaties/")
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe locatie").click()
    assert_accessible(page)
    page.fill("#id_name", "Logies Waalkade (demo)")
    page.fill("#id_street", "Waalkade")
    page.fill("#id_house_number", "7")
    page.fill("#id_postcode", "4001lk")
    page.fill("#id_place", "Tiel")
    page.select_option("#id_municipality", label="Tiel (GM0281)")
    page.select_option("#id_housing_form", "building_units")
    page.fill("#id_beds", "12")
    page.fill("#id_bedrooms", "6")
    page.fill("#id_max_persons_per_bedroom", "2")
    page.fill("#id_floor_area_gbo", "150")
    page.select_option("#id_operator", label="Flexwonen Waal & Linge (demo)")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/locaties/\d+/$"))
    assert page.locator("h1").inner_text() == "Logies Waalkade (demo)", page.locator("main").inner_text()[
        :600
    ]
    assert "4001 LK" in page.locator("dl.facts").inner_text()
    assert "niet alles is bekend" in page.locator("#norms-title + form + p").inner_text()
    assert page.locator("#history-title ~ div table tbody tr").count() == 1
    assert_accessible(page)
    page.goto(f"{live_server.url}/locaties/?gemeente=GM0281")
    assert "Logies Waalkade (demo)" in page.locator("table").inner_text()
