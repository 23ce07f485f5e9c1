"""The regional programme in a real browser: the matrix, and a municipality opting out (reason first forgotten)."""

import re

import pytest

from .support import assert_accessible, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_advisor_reads_the_matrix_and_opts_tiel_out_of_a_measure(login_as, live_server):
    page = login_as("beleid")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Programma's").click()
    assert_accessible(page, "programme list")
    page.get_by_role(
        "link", name="Uitvoeringsprogramma huisvesting arbeidsmigranten Rivierenland (demo)", exact=True
    ).click()
    page.wait_for_url(re.compile(r"/programmas/\d+/$"))
    assert "7. Governance" in page.locator("main").inner_text()
    assert_accessible(page, "programme page")
    page.get_by_role("link", name="Wie doet wat (matrix)").click()
    page.wait_for_url(re.compile(r"/programmas/\d+/matrix/$"))
    table = page.locator("table.matrix")
    assert table.locator("thead th").count() == 1 + 8 + 2  # measure, 8 municipalities, two totals
    assert "18 maatregelen × 8 gemeenten" in table.locator("caption").inner_text()
    assert_accessible(page, "programme matrix")

    page.get_by_role("link", name="5.2.a Taalaanbod en ontmoetingsplekken").click()
    assert_accessible(page, "measure page")
    page.get_by_role("link", name="Besluit van Tiel vastleggen").click()
    page.get_by_label("Doet niet mee").check()
    page.fill("#id_reason", "")
    page.fill("#id_progress_percent", "0")
    submit(page, page.locator("main form button[type=submit]"))
    assert page.locator("#form-errors").is_visible()
    assert_accessible(page, "participation form, error state")
    page.fill("#id_reason", "Eerst besluitvorming in de raad (browsertest).")
    submit(page, page.locator("main form button[type=submit]"))
    row = page.locator("main table tbody tr", has_text="Tiel")
    assert "Doet niet mee" in row.inner_text() and "browsertest" in row.inner_text()


def test_the_matrix_filters_with_the_keyboard(login_as, live_server):
    page = login_as("coordinator")
    page.goto("/programmas/")
    page.get_by_role("link", name=re.compile("Matrix van")).click()
    page.get_by_label("Speerpunt").select_option(label="7. Governance")
    page.get_by_role("button", name="Filteren").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "2 maatregelen × 8 gemeenten" in page.locator("table.matrix caption").inner_text()
    assert "7.1.a" in page.locator("table.matrix").inner_text()
    assert "1.1.a" not in page.locator("table.matrix").inner_text()
