"""The housing task from the demo: region page, parameters, trace per municipality, export, rights."""

import io
import re
from io import StringIO

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from aanjager.accounts.models import User
from aanjager.estimates.models import Scenario
from aanjager.housingtask import calculation, selectors
from aanjager.housingtask.views import parameters


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    call_command("load_demo", "--quiet-logins", stdout=StringIO())
    return Scenario.objects.get(name__endswith="(demo)")


def test_the_demo_has_a_full_housing_task(demo):
    data = selectors.housing_task(scenario=demo, params=calculation.Parameters())
    region = calculation.totals(data["cells"])
    assert sorted(region) == list(range(2025, 2036))
    first, last = region[2025], region[2035]
    assert first.need["low"] < first.need["central"] < first.need["high"]
    assert last.need["central"] > first.need["central"]  # 2% growth a year
    assert first.existing > 0 and last.pipeline > 0
    assert any(cell.replacement_failing > 0 for cell in region.values())  # some demo locations fail SNF
    codes = {m.code for m in data["municipalities"]}
    assert {code for code, _y, _c in data["cells"]} <= codes


def test_region_page_trace_and_export(client, demo):
    client.force_login(User.objects.get(username="beleid"))
    page = client.get(f"/woonopgave/{demo.pk}/?jaar=2027&scenario=high")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Vraag tegenover aanbod in de regio" in html and "<svg" in html and "Tiel" in html
    # The value axis in round steps, written the Dutch way (core/chart_scale.py).
    axis = re.findall(r'text-anchor="end" class="chart__label">([^<]+)</text>', html)
    values = [int(label.replace(".", "")) for label in axis]
    step = values[1]
    assert values == [k * step for k in range(len(values))] and str(step).rstrip("0") in ("1", "2", "5")
    assert any("." in label for label in axis), axis  # 5.000, not 5000
    trace = client.get(f"/woonopgave/{demo.pk}/gemeente/GM0281/")
    assert trace.status_code == 200 and "Wat er in ging" in trace.content.decode()
    assert client.get(f"/woonopgave/{demo.pk}/gemeente/GM0363/").status_code == 404  # not in the region
    export = client.get(f"/woonopgave/{demo.pk}/woonopgave.xlsx?bezetting=0.85")
    book = load_workbook(io.BytesIO(b"".join(export.streaming_content)))
    assert book.sheetnames == ["Regio", "Gemeenten", "Verantwoording"]
    about = dict(book["Verantwoording"].iter_rows(values_only=True))
    assert about["Bezettingsgraad"] == "0.85"
    assert book["Regio"].max_row == 12  # header + 11 years


def test_parameters_come_from_the_query_within_bounds():
    from django.http import QueryDict

    params = parameters(QueryDict("bezetting=0,85&aandeel_long=0.5&gewicht_planned=2&uitfasering=x"))
    assert params.target_occupancy == 0.85 and params.housing_share["long"] == 0.5
    assert params.pipeline_weights["planned"] == 0.2  # 2 is out of bounds: the default
    assert params.phase_out_years == 1


def test_who_sees_the_housing_task(client, demo):
    client.force_login(
        User.objects.get(username="huisvester")
    )  # the run is published to the provider's region
    assert client.get(f"/woonopgave/{demo.pk}/").status_code == 200
    client.force_login(User.objects.create_user(username="los", password="een-lang-wachtwoord-1"))
    assert client.get(f"/woonopgave/{demo.pk}/").status_code == 404
    assert "Nog geen scenario" in client.get("/woonopgave/").content.decode()


def test_small_cells_stay_hidden_from_those_who_see_the_estimate_only_as_published(client, demo):
    from aanjager.estimates.models import EstimateRow

    row = EstimateRow.objects.get(run=demo.run, municipality__code="GM0668")  # West Maas en Waal
    EstimateRow.objects.filter(pk=row.pk).update(estimate_low=4, estimate_central=6, estimate_high=8)
    client.force_login(User.objects.get(username="huisvester"))
    trace = client.get(f"/woonopgave/{demo.pk}/gemeente/GM0668/").content.decode()
    assert "&lt;10" in trace and "wonend hier" not in trace
    client.force_login(User.objects.get(username="beleid"))
    trace = client.get(f"/woonopgave/{demo.pk}/gemeente/GM0668/").content.decode()
    assert "wonend hier 4 / 6 / 8" in trace
