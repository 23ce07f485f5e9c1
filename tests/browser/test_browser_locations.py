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
    assert "niet alles is bekend" in page.locator("#norms-title ~ p.lead").inner_text()
    assert page.locator("#history-title ~ div table tbody tr").count() == 1
    assert_accessible(page)
    page.goto(f"{live_server.url}/locaties/?gemeente=GM0281")
    assert "Logies Waalkade (demo)" in page.locator("table").inner_text()


def test_inspector_records_a_visit_and_an_action(login_as, live_server):
    from aanjager.demo import locations as demo_locations
    from aanjager.locations.models import Location

    demo_locations.load()
    target = Location.objects.filter(municipality__code="GM0297", status="in_use").order_by("pk").first()
    page = login_as("inspecteur")
    page.goto(f"{live_server.url}/locaties/{target.pk}/")
    page.get_by_role("link", name="Inspectie vastleggen").click()
    assert_accessible(page)
    page.fill("#id_found_occupancy", str(target.beds + 4))
    page.fill("#id_notes", "Browserbezoek")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r"/locaties/inspecties/\d+/$"))
    assert "overbewoond" in page.locator("dl.facts").inner_text()
    page.locator("summary", has_text="Actie toevoegen").click()
    page.select_option("#id_actie-kind", "warning")
    page.fill("#id_actie-deadline", "2025-01-01")
    page.get_by_role("button", name="Actie toevoegen").click()
    assert page.locator("[role=alert]").count() >= 1  # the deadline lies before the visit
    assert_accessible(page)
    page.goto(f"{live_server.url}/locaties/acties/")
    assert_accessible(page)


def test_anyone_searches_the_public_register(page, live_server):
    from aanjager.demo import locations as demo_locations
    from aanjager.demo import rivierenland

    rivierenland.load()
    demo_locations.load()
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Openbaar register van gecertificeerde huisvesting").click()
    page.wait_for_url("**/register/")
    assert_accessible(page)
    page.select_option("#gemeente", label="Neder-Betuwe")
    page.get_by_role("button", name="Zoeken").click()
    cells = page.locator("table tbody td:nth-child(2)").all_inner_texts()
    assert cells and set(cells) == {"Neder-Betuwe"}
    assert_accessible(page)


def test_policy_advisor_follows_a_bed_for_bed_plan_and_adds_a_step(login_as, live_server):
    from aanjager.demo import locations as demo_locations

    demo_locations.load()
    page = login_as("beleid")
    page.goto(f"{live_server.url}/locaties/")
    page.get_by_role("link", name="Bed-voor-bedplannen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Bed voor bed Kesteren 2025–2027 (demo)").click()
    page.wait_for_url(re.compile(r"/locaties/bed-voor-bed/\d+/$"))
    assert page.locator("figure.chart svg").count() == 1
    assert "niet in het register" in page.locator("#steps-title ~ div table").inner_text()
    assert_accessible(page)
    rows = page.locator("#steps-title ~ div table tbody tr").count()
    page.select_option("#id_stap-old_location", label="Kamers Molenweg (demo)")
    page.fill("#id_stap-beds_out", "2")
    page.get_by_role("button", name="Stap toevoegen").click()
    assert page.locator("#form-errors").is_visible()
    assert "Geef de datum" in page.locator("#form-errors").inner_text()
    assert_accessible(page)
    page.fill("#id_stap-out_on", "2027-06-01")
    page.get_by_role("button", name="Stap toevoegen").click()
    page.wait_for_url(re.compile(r"/locaties/bed-voor-bed/\d+/$"))
    assert page.locator("#steps-title ~ div table tbody tr").count() == rows + 1


def test_housing_provider_imports_a_spreadsheet_with_an_error_then_a_good_one(
    login_as, live_server, tmp_path
):
    from aanjager.locations.models import Location
    from aanjager.organisations.models import Organisation

    provider = Organisation.objects.get(name="Flexwonen Waal & Linge (demo)")
    header = "name;street;house_number;postcode;place;municipality;housing_form;beds;operator\n"
    row = (
        "Logies Import {n} (demo);Havenweg;{n};4001 AB;Tiel;GM0281;building_units;{beds};"
        + provider.name
        + "\n"
    )
    bad = tmp_path / "fout.csv"
    bad.write_text(header + row.format(n=1, beds=10) + row.format(n=2, beds="veel"), encoding="utf-8")
    good = tmp_path / "goed.csv"
    good.write_text(header + row.format(n=1, beds=10) + row.format(n=2, beds=6), encoding="utf-8")
    page = login_as("huisvester")
    page.goto(f"{live_server.url}/locaties/")
    page.get_by_role("link", name="Importeren").click()
    assert_accessible(page)
    page.set_input_files("#id_file", str(bad))
    page.get_by_role("button", name="Bestand controleren").click()
    assert "Er is niets opgeslagen" in page.locator("#form-errors").inner_text()
    assert "'veel' is geen geheel getal" in page.locator("#form-errors").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server.url}/locaties/import/")
    page.set_input_files("#id_file", str(good))
    page.get_by_role("button", name="Bestand controleren").click()
    assert "2 nieuw" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Import toepassen").click()
    page.wait_for_url(re.compile(r"/locaties/$"))
    assert Location.objects.filter(name__startswith="Logies Import").count() == 2


def test_inspector_adds_a_photo_to_a_visit(login_as, live_server, tmp_path, settings):
    from aanjager.demo import locations as demo_locations
    from aanjager.locations.models import Inspection
    from tests.locations.test_inspection_photos import png_bytes

    settings.DATA_DIR = tmp_path
    demo_locations.load()
    inspection = Inspection.objects.filter(location__municipality__code="GM0297").order_by("pk").first()
    photo = tmp_path / "keuken.png"
    photo.write_bytes(png_bytes())
    page = login_as("inspecteur")
    page.goto(f"{live_server.url}/locaties/inspecties/{inspection.pk}/")
    page.locator("summary", has_text="Foto toevoegen").click()
    page.set_input_files("#id_photo", str(photo))
    page.fill("#id_caption", "Keuken met schimmel")
    page.get_by_role("button", name="Foto toevoegen").click()
    page.wait_for_url(re.compile(r"/locaties/inspecties/\d+/$"))
    image = page.get_by_role("img", name="Keuken met schimmel")
    # decode() loads the (lazy) image first; it fails when the rights check does not serve it
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth)") == 1
    assert_accessible(page)
