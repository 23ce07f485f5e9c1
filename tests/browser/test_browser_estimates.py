"""The estimate upload in a real browser: files in, progress, result page with charts and table, all accessible."""

import pytest

from .support import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PERSONS = (
    "person_id,nationality,registration,residence_municipality,registered_on,deregistered_on,birth_year\n"
    "a,PL,BRP,GM0281,2024-01-01,,1990\nb,RO,RNI,,2025-01-01,,1992\n"
)
JOBS = "person_id,month,employer_id,sector,work_municipality,temp_agency\na,2025-01,E1,A,GM0281,0\nb,2025-03,E2,H,GM0297,1\n"


def test_policy_advisor_uploads_microdata_and_sees_the_result(login_as, live_server, tmp_path):
    page = login_as("beleid")
    (tmp_path / "personen.csv").write_text(PERSONS)
    (tmp_path / "banen.csv").write_text(JOBS)
    page.goto(f"{live_server.url}/schattingen/nieuw/")
    assert_accessible(page)
    page.fill("#id_title", "Browsertest 2025")
    page.fill("#id_year", "2025")
    page.set_input_files("#id_persons_file", str(tmp_path / "personen.csv"))
    page.set_input_files("#id_jobs_file", str(tmp_path / "banen.csv"))
    page.click("main button[type=submit]")
    page.wait_for_url("**/schattingen/*/")
    assert page.locator("h1").inner_text() == "Browsertest 2025"
    assert page.locator("table tbody tr").count() == 8  # the region's municipalities
    assert page.locator("figure.chart svg").count() == 2 and page.locator("figure.map svg").count() == 1
    assert_accessible(page)


def test_bad_upload_shows_the_problems(login_as, live_server, tmp_path):
    page = login_as("beleid")
    (tmp_path / "personen.csv").write_text(PERSONS)
    (tmp_path / "banen.csv").write_text(JOBS + "b,2025-13,E2,H,GM0297,1\n")
    page.goto(f"{live_server.url}/schattingen/nieuw/")
    page.fill("#id_title", "Kapot")
    page.fill("#id_year", "2025")
    page.set_input_files("#id_persons_file", str(tmp_path / "personen.csv"))
    page.set_input_files("#id_jobs_file", str(tmp_path / "banen.csv"))
    page.click("main button[type=submit]")
    page.wait_for_url("**/schattingen/*/")
    alert = page.locator("[role=alert]")
    assert "banen.csv" in alert.inner_text() and "4" in alert.inner_text()
    assert_accessible(page)


def test_an_aggregated_table_instead_of_microdata(login_as, live_server, tmp_path):
    page = login_as("beleid")
    (tmp_path / "cbs.csv").write_text(
        "municipality_code,year,source,nationality_group,count\nGM0281,2025,polis,eu11,120\nGM0281,2025,brp,eu11,40\n"
    )
    page.goto(f"{live_server.url}/schattingen/nieuw/")
    assert page.locator("#id_aggregates_file").is_hidden()  # microdata is the default choice
    page.get_by_label("Geaggregeerde tabel (tellingen zoals van het CBS)").check()
    assert page.locator("#id_persons_file").is_hidden() and page.locator("#id_aggregates_file").is_visible()
    assert_accessible(page)
    page.fill("#id_title", "Tabel 2025")
    page.fill("#id_year", "2025")
    page.set_input_files("#id_aggregates_file", str(tmp_path / "cbs.csv"))
    page.click("main button[type=submit]")
    page.wait_for_url("**/schattingen/*/")
    assert "niet in de tabel" in page.locator("table").inner_text()
    assert page.locator("figure.chart svg").count() == 1  # no stay classes given: no stay chart
    assert_accessible(page)
