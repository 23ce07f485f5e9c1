"""Agreements in a real browser, with axe-core on each page: the covenant, a commitment (with a party reporting
progress by keyboard and the coordinator reviewing), the aanjaagteam's board and a progress report."""

import re

import pytest

from .support import assert_accessible, submit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

COVENANT = "Convenant huisvesting arbeidsmigranten Rivierenland (demo)"
MEDEL = "120 bedden short stay Medel (demo)"


def test_party_reports_progress_and_coordinator_reviews(login_as, live_server):
    page = login_as("huisvester")
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role("link", name="Afspraken").click()
    assert_accessible(page, "agreement list")
    assert "Risico" in page.locator("main").inner_text()  # status words, not colour alone
    page.get_by_role("link", name=COVENANT).click()
    page.wait_for_url(re.compile(r"/afspraken/\d+/$"))
    assert_accessible(page, "agreement page")
    page.get_by_role("link", name=MEDEL).click()
    page.wait_for_url(re.compile(r"/afspraken/toezeggingen/\d+/$"))
    assert_accessible(page, "commitment page")
    assert "Terugplannen" in page.locator("main").inner_text()

    # The form emptied: the error summary, then filled and sent with the keyboard only.
    page.fill("#id_voortgang-delivered", "")
    submit(page, page.get_by_role("button", name="Melding versturen"))
    assert page.locator("#form-errors").is_visible()
    assert page.title().startswith("Fout:")
    assert_accessible(page, "commitment page, error state")
    page.locator("#id_voortgang-delivered").focus()
    page.keyboard.type("100")
    page.keyboard.press("Tab")
    page.keyboard.type("Eerste paviljoen in gebruik")
    with page.expect_navigation():  # Enter in a field sends the form
        page.locator("#id_voortgang-delivered").press("Enter")
    assert "wacht op beoordeling" in page.locator("main").inner_text()

    page.context.clear_cookies()
    page = login_as("coordinator")
    page.goto(f"{live_server.url}/meldingen/")
    assert "Voortgangsmelding te beoordelen" in page.locator("main").inner_text()
    assert_accessible(page, "notifications")
    page.get_by_role("link", name=re.compile("Voortgangsmelding te beoordelen: 120 bedden")).first.click()
    page.get_by_role("radio", name="Goedkeuren").first.check()
    submit(page, page.get_by_role("button", name="Beoordeling opslaan").first)
    assert "De beoordeling is opgeslagen." in page.locator("main").inner_text()
    assert "Goedgekeurd" in page.locator("main").inner_text()


def test_team_board_and_progress_report(login_as, live_server):
    page = login_as("coordinator")
    page.goto(f"{live_server.url}/afspraken/teams/")
    assert_accessible(page, "team list")
    page.get_by_role("link", name="Aanjaagteam Rivierenland (demo)").click()
    main = page.locator("main").inner_text()
    assert "Het team mist een lid uit deze hoek van de driehoek: Werkgever" in main
    assert "Kwekerij Maasoever (demo)" in main and "Betuwse Woonpartners (demo)" in main
    assert_accessible(page, "team board")
    page.select_option("#id_escalatie-organisation", label="Betuwse Woonpartners (demo)")
    page.select_option("#id_escalatie-level", "ministry")
    page.fill("#id_escalatie-reason", "Geen reactie op drie uitnodigingen (demo)")
    submit(page, page.get_by_role("button", name="Escalatie vastleggen"))
    assert "De escalatie is vastgelegd" in page.locator("main").inner_text()

    page.goto(f"{live_server.url}/afspraken/rapportages/")
    assert_accessible(page, "report list")
    page.get_by_role("link", name="Nieuwe voortgangsrapportage").click()
    submit(page, page.locator("main form button[type=submit]"))
    page.wait_for_url(re.compile(r"/afspraken/rapportages/\d+/$"))
    main = page.locator("main").inner_text()
    assert "Achterblijvende partijen" in main and "Kwekerij Maasoever (demo)" in main
    assert "Betuwse Woonpartners (demo)" in main  # the escalation just made is in the new snapshot
    assert_accessible(page, "report page")
    pdf = page.request.get(page.get_by_role("link", name="Pdf downloaden").get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
