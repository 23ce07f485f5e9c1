"""Programme pages: the matrix says who does what in words, filters, exports, forms that lose nothing."""

import csv
import io

from openpyxl import load_workbook

from aanjager.programme import services
from aanjager.programme.models import Measure, Participation


def _decide(world):
    services.set_participation(
        actor=None, measure=world.measure, municipality=world.tiel, decision="in", progress_percent=40
    )
    services.set_participation(
        actor=None,
        measure=world.measure,
        municipality=world.zaltbommel,
        decision="out",
        reason="Geen werkgevers",
    )


def test_the_matrix_shows_each_decision_in_words_and_the_totals(client, world):
    _decide(world)
    client.force_login(world.employer)  # partners read the programme too
    html = client.get(f"/programmas/{world.programme.pk}/matrix/").content.decode()
    assert "2 measures × 2 municipalities" in html
    assert "Takes part</span> <span>40%</span>" in html
    assert "Does not take part" in html
    # the measure for everyone: both take part (at 0%); the other: Tiel only, 40% on average
    assert '<td class="num">2 / 2</td><td class="num">0%</td>' in html
    assert '<td class="num">1 / 2</td><td class="num">40%</td>' in html
    assert "Edit" not in html


def test_the_matrix_filters_by_phase(client, world):
    client.force_login(world.coordinator)
    html = client.get(f"/programmas/{world.programme.pk}/matrix/?fase={world.phase1.pk}").content.decode()
    assert "Regionale monitor" in html and "Loket op locatie" not in html
    html = client.get(f"/programmas/{world.programme.pk}/matrix/?fase=999999").content.decode()
    assert "Loket op locatie" in html  # an unknown phase filters nothing


def test_exports_hold_every_cell(client, world):
    _decide(world)
    client.force_login(world.advisor)
    response = client.get(f"/programmas/{world.programme.pk}/matrix.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4
    zaltbommel = next(r for r in rows if r["maatregel_code"] == "1.1.a" and r["gemeente_code"] == "GM0297")
    assert (zaltbommel["besluit"], zaltbommel["reden"]) == ("doet niet mee", "Geen werkgevers")
    book = load_workbook(io.BytesIO(client.get(f"/programmas/{world.programme.pk}/matrix.xlsx").content))
    sheet = book["Matrix"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert ["1.1.a Loket op locatie", "40%", "doet niet mee", 1, 40.0] in values
    assert book["Per gemeente"].max_row == 5


def test_opting_out_without_reason_is_a_field_error_and_saves_nothing(client, world):
    client.force_login(world.advisor)
    url = f"/programmas/maatregelen/{world.measure.pk}/gemeenten/GM0281/"
    response = client.post(url, {"decision": "out", "reason": "", "progress_percent": "0"})
    html = response.content.decode()
    assert response.status_code == 200 and "Give the reason for not taking part." in html
    assert 'aria-invalid="true"' in html
    assert not Participation.objects.exists()
    response = client.post(url, {"decision": "out", "reason": "Past niet", "progress_percent": "0"})
    assert response.status_code == 302 and Participation.objects.get().reason == "Past niet"


def test_a_measure_for_everyone_offers_no_opt_out(client, world):
    client.force_login(world.coordinator)
    html = client.get(f"/programmas/maatregelen/{world.for_all.pk}/gemeenten/GM0281/").content.decode()
    assert 'value="out"' not in html and 'value="in"' in html


def test_the_advisor_may_decide_for_its_own_municipality_only(client, world):
    client.force_login(world.advisor)
    html = client.get(f"/programmas/maatregelen/{world.measure.pk}/").content.decode()
    assert "Record the decision of Tiel" in html and "Record the decision of Zaltbommel" not in html
    assert client.get(f"/programmas/maatregelen/{world.measure.pk}/gemeenten/GM0297/").status_code == 403
    assert client.get(f"/programmas/maatregelen/{world.measure.pk}/gemeenten/GM0363/").status_code == 404


def test_structure_forms_refuse_bad_input(client, world):
    client.force_login(world.coordinator)
    response = client.post(
        f"/programmas/pakketten/{world.package.pk}/maatregelen/nieuw/", {"code": "1.1.a", "name": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "This field is required." in html
    response = client.post(
        f"/programmas/pakketten/{world.package.pk}/maatregelen/nieuw/", {"code": "1.1.a", "name": "Dubbel"}
    )
    assert "This package already has a measure with this code." in response.content.decode()
    assert Measure.objects.count() == 2
    response = client.post(
        f"/programmas/pakketten/{world.package.pk}/maatregelen/nieuw/",
        {"code": "1.1.c", "name": "Nieuw", "phase": world.phase2.pk, "is_optional": "on"},
    )
    assert response.status_code == 302 and Measure.objects.filter(code="1.1.c", phase=world.phase2).exists()


def test_the_empty_programme_list_says_what_to_do(client, world):
    world.programme.delete()
    client.force_login(world.coordinator)
    assert "No programmes yet." in client.get("/programmas/").content.decode()
    client.force_login(world.employer)
    assert "The regional coordinator sets up" in client.get("/programmas/").content.decode()
