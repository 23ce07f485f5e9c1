"""The policy scan in a real browser: the baseline chart, answering a draft scan, a recommendation with bad input."""

import re

import pytest

from .support import assert_accessible, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_advisor_reads_the_baseline_and_works_on_a_draft_scan(login_as, live_server):
    page = login_as("beleid")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Beleidsscans").click()
    assert_accessible(page, "policy scan list")
    rows = page.locator("main table tbody tr")
    assert rows.count() == 3
    # Tiel's latest scan: the baseline chart compares it with the earlier one
    page.get_by_role("link", name="Tiel").first.click()  # latest first
    page.wait_for_url(re.compile(r"/beleidsscans/\d+/$"))
    assert "12 maart 2026" in page.locator("h1").inner_text()
    assert page.locator("svg[role=img]").count() >= 1
    assert "Eerdere scan" in page.locator("main").inner_text()
    assert_accessible(page, "policy scan page")

    page.goto("/beleidsscans/")
    page.get_by_role("link", name="Zaltbommel").click()
    page.wait_for_url(re.compile(r"/beleidsscans/\d+/$"))
    page.get_by_role("link", name="Antwoorden invullen").click()
    assert page.locator("fieldset legend h2").count() == 8  # the eight domains
    assert_accessible(page, "answers page")
    submit(page, page.locator("main form button[type=submit]"))
    assert "De antwoorden zijn opgeslagen." in page.locator("body").inner_text()

    page.get_by_role("link", name="Aanbeveling toevoegen").click()
    submit(page, page.locator("main form button[type=submit]"))
    assert page.locator("#form-errors").is_visible()
    assert_accessible(page, "recommendation form, error state")
