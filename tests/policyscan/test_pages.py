"""Policy scans through the pages: rights, forms with errors that save nothing, the answer form, completing, the
baseline chart and table, recommendations, turning one into a programme measure, and the XLSX export."""

import datetime as dt
import io
import re

import pytest
from openpyxl import load_workbook

from aanjager.accounts import services as account_services
from aanjager.policyscan import services
from aanjager.policyscan.models import Answer, Participant, Recommendation, Scan
from aanjager.programme.models import MeasurePackage, Programme, Spearhead

from .conftest import ALL, HELD_ON

BASE = "/beleidsscans/"


def _page(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _scan_data(scene, **overrides):
    data = {
        "municipality": scene.tiel.pk,
        "organisation": scene.gemeente.pk,
        "question_set": scene.question_set.pk,
        "held_on": "2025-09-01",
        "facilitator": "Bureau Beleid",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_list_and_empty_state(client, scene):
    client.force_login(scene.advisor)
    page = _page(client.get(BASE))
    assert f'href="{BASE}nieuw/"' in page and "Tiel" in page
    Scan.objects.all().delete()
    page = _page(client.get(BASE))
    assert "No policy scans yet" in page and "New scan" in page
    client.force_login(scene.reader)
    page = _page(client.get(BASE))
    assert "There are no policy scans you may see yet." in page and "nieuw/" not in page


def test_create_a_scan(client, scene):
    client.force_login(scene.advisor)
    form = _page(client.get(f"{BASE}nieuw/"))
    assert 'name="held_on"' in form
    # only municipalities of the advisor's area are offered
    assert f'value="{scene.zaltbommel.pk}"' in form and f'value="{scene.amsterdam.pk}"' not in form
    response = client.post(f"{BASE}nieuw/", _scan_data(scene))
    scan = Scan.objects.get(held_on=dt.date(2025, 9, 1))
    assert response.status_code == 302 and response["Location"] == scan.get_absolute_url()
    assert scan.facilitator == "Bureau Beleid" and scan.status == "draft"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"municipality": ""}, "municipality"),
        ({"held_on": ""}, "held_on"),
        ({"held_on": "31-02-2025"}, "held_on"),
        ({"organisation": "999999"}, "organisation"),
        ({"facilitator": "x" * 201}, "facilitator"),
    ],
)
def test_bad_scan_input_gets_a_field_error_and_nothing_is_saved(client, scene, overrides, field):
    client.force_login(scene.advisor)
    response = client.post(f"{BASE}nieuw/", _scan_data(scene, **overrides))
    page = _page(response)
    assert field in response.context["form"].errors
    assert 'role="alert"' in page and f'href="#id_{field}"' in page
    assert "<title>Error:" in page
    assert Scan.objects.count() == 1


def test_rights(client, scene):
    pk = scene.scan.pk
    client.force_login(scene.employer_user)
    assert client.get(BASE).status_code == 403
    assert client.get(f"{BASE}{pk}/").status_code == 404
    client.force_login(scene.far_advisor)
    assert client.get(f"{BASE}{pk}/").status_code == 404
    assert client.get(f"{BASE}{pk}/beleidsscan.xlsx").status_code == 404
    assert client.post(f"{BASE}{pk}/afronden/").status_code == 404
    client.force_login(scene.reader)
    page = _page(client.get(f"{BASE}{pk}/"))
    for hidden in (
        "bewerken/",
        "verwijderen/",
        "antwoorden/",
        "afronden/",
        "aanbevelingen/nieuw/",
        "deelnemers",
    ):
        assert f"{BASE}{pk}/{hidden}" not in page, hidden
    assert 'class="form"' not in page
    for path in ("bewerken/", "antwoorden/", "aanbevelingen/nieuw/", "verwijderen/"):
        assert client.get(f"{BASE}{pk}/{path}").status_code == 403, path
    assert client.post(f"{BASE}{pk}/afronden/").status_code == 403
    assert client.post(f"{BASE}{pk}/deelnemers/nieuw/", {"department": "Wonen"}).status_code == 403
    assert not Participant.objects.exists()
    client.force_login(scene.advisor)
    page = _page(client.get(f"{BASE}{pk}/"))
    for shown in ("bewerken/", "verwijderen/", "antwoorden/", "afronden/", "aanbevelingen/nieuw/"):
        assert f"{BASE}{pk}/{shown}" in page, shown


def test_detail_page_with_chart_table_and_participants(client, scene):
    services.save_answers(actor=None, scan=scene.scan, answers={"reg-1": (2, "Loket open"), "reg-2": (3, "")})
    client.force_login(scene.advisor)
    page = _page(client.get(f"{BASE}{scene.scan.pk}/"))
    assert re.search(r'<svg [^>]*role="img"[^>]*aria-labelledby="baseline-svg-title"', page)
    assert '<title id="baseline-svg-title">' in page
    assert "<caption" in page and '<th scope="row">Registratie</th>' in page
    assert "2.50" in page  # registration: (2 + 3) / 2
    assert "2 – Geregeld" in page and "Loket open" in page and "not answered" in page
    assert page.count('class="form"') == 1  # the participant form is the page's one edit form

    response = client.post(f"{BASE}{scene.scan.pk}/deelnemers/nieuw/", {"department": "", "name": "Piet"})
    page = _page(response)
    assert "<title>Error:" in page and 'id="form-errors"' in page and 'aria-invalid="true"' in page
    assert not Participant.objects.exists()
    response = client.post(
        f"{BASE}{scene.scan.pk}/deelnemers/nieuw/",
        {"department": "Burgerzaken", "name": "Piet", "function": ""},
    )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert "Burgerzaken" in _page(client.get(f"{BASE}{scene.scan.pk}/"))
    assert client.post(f"{BASE}deelnemers/{participant.pk}/verwijderen/").status_code == 302
    assert not Participant.objects.exists()


def test_answer_page_saves_all_or_nothing(client, scene):
    url = f"{BASE}{scene.scan.pk}/antwoorden/"
    client.force_login(scene.advisor)
    page = _page(client.get(url))
    assert page.count("<fieldset") == 2 + 5  # one per domain, one per statement
    assert "<legend><h2>Registratie</h2></legend>" in page
    assert "3 – Geborgd" in page and 'type="radio"' in page
    data = {"score_reg-1": "2", "comment_reg-1": "Goed geregeld", "score_hou-2": "1"}
    assert client.post(url, data).status_code == 302
    assert dict(scene.scan.answers.values_list("statement_code", "score")) == {"reg-1": 2, "hou-2": 1}
    # one bad score refuses the lot
    response = client.post(url, {**data, "score_reg-1": "3", "score_hou-1": "4"})
    page = _page(response)
    assert "score_hou-1" in response.context["form"].errors
    assert 'id="form-errors"' in page and 'href="#id_score_hou-1_0"' in page and "<title>Error:" in page
    assert dict(scene.scan.answers.values_list("statement_code", "score")) == {"reg-1": 2, "hou-2": 1}
    # a comment without a maturity: the service's error lands on the statement
    response = client.post(url, {**data, "comment_hou-3": "Nog niets"})
    assert "score_hou-3" in response.context["form"].errors
    assert not Answer.objects.filter(statement_code="hou-3").exists()


def test_complete_and_reopen(client, scene):
    client.force_login(scene.advisor)
    url = f"{BASE}{scene.scan.pk}/"
    response = client.post(f"{url}afronden/", follow=True)
    assert "5 statements are not answered yet" in _page(response)
    assert Scan.objects.get(pk=scene.scan.pk).status == "draft"
    services.save_answers(actor=None, scan=scene.scan, answers={k: (v, "") for k, v in ALL.items()})
    client.post(f"{url}afronden/")
    assert Scan.objects.get(pk=scene.scan.pk).status == "completed"
    page = _page(client.get(url))
    assert f"{url}antwoorden/" not in page and f"{url}heropenen/" in page
    assert client.get(f"{url}antwoorden/").status_code == 302  # completed: back to the scan
    assert client.get(f"{url}afronden/").status_code == 405
    client.post(f"{url}heropenen/")
    assert Scan.objects.get(pk=scene.scan.pk).status == "draft"


def _rec_data(**overrides):
    data = {"text": "Stel een RNI-loket in", "domain_code": "registration", "owner": "Burgerzaken",
            "priority": "high", "due_on": "2025-12-31"}  # fmt: skip
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"text": ""}, "text"),
        ({"owner": ""}, "owner"),
        ({"domain_code": "weather"}, "domain_code"),
        ({"due_on": "2025-02-01"}, "due_on"),  # before the scan was held
        ({"priority": "urgent"}, "priority"),
    ],
)
def test_bad_recommendation_input_gets_a_field_error(client, scene, overrides, field):
    client.force_login(scene.advisor)
    response = client.post(f"{BASE}{scene.scan.pk}/aanbevelingen/nieuw/", _rec_data(**overrides))
    page = _page(response)
    assert field in response.context["form"].errors
    assert f'href="#id_{field}"' in page
    assert not Recommendation.objects.exists()


def test_recommendations_through_the_pages(client, scene):
    client.force_login(scene.advisor)
    assert client.post(f"{BASE}{scene.scan.pk}/aanbevelingen/nieuw/", _rec_data()).status_code == 302
    recommendation = Recommendation.objects.get()
    page = _page(client.get(f"{BASE}{scene.scan.pk}/"))
    assert "Stel een RNI-loket in" in page and "31 December 2025" in page
    assert "Turn into a measure" not in page  # no programme the advisor may change
    assert client.get(f"{BASE}aanbevelingen/{recommendation.pk}/maatregel/").status_code == 403
    edit = f"{BASE}aanbevelingen/{recommendation.pk}/bewerken/"
    assert client.post(edit, _rec_data(status="done")).status_code == 302
    response = client.post(edit, _rec_data(status="dropped"))
    assert "Going from done to dropped is not allowed." in _page(response)
    assert Recommendation.objects.get().status == "done"
    assert client.post(f"{BASE}aanbevelingen/{recommendation.pk}/verwijderen/").status_code == 302
    assert not Recommendation.objects.exists()


def test_turn_a_recommendation_into_a_programme_measure(client, scene):
    coordinator = account_services.create_user(
        actor=None, username="coordinator", password="x-lang-wachtwoord-42"
    )
    account_services.create_membership(
        actor=None,
        user=coordinator,
        organisation=scene.gemeente,
        role="regional_coordinator",
        region=scene.region,
    )
    programme = Programme.objects.create(region=scene.region, name="Regioprogramma")
    spearhead = Spearhead.objects.create(programme=programme, number=1, name="Registratie")
    package = MeasurePackage.objects.create(spearhead=spearhead, code="1.1", name="Inschrijven")
    elsewhere = Programme.objects.create(region=scene.other_region, name="Elders")
    foreign = MeasurePackage.objects.create(
        spearhead=Spearhead.objects.create(programme=elsewhere, number=1, name="X"), code="9", name="Ver"
    )
    recommendation = services.create_recommendation(
        actor=None,
        scan=scene.scan,
        text="Stel een RNI-loket in",
        domain_code="registration",
        owner="Burgerzaken",
    )
    client.force_login(coordinator)
    page = _page(client.get(f"{BASE}{scene.scan.pk}/"))
    url = f"{BASE}aanbevelingen/{recommendation.pk}/maatregel/"
    assert url in page
    form = _page(client.get(url))
    assert "Stel een RNI-loket in" in form and f'value="{package.pk}"' in form
    assert f'value="{foreign.pk}"' not in form
    response = client.post(url, {"package": foreign.pk, "code": "9.1", "name": "Loket"})
    assert "package" in response.context["form"].errors
    response = client.post(url, {"package": package.pk, "code": "", "name": "Loket"})
    assert "code" in response.context["form"].errors
    assert not package.measures.exists()
    assert client.post(url, {"package": package.pk, "code": "1.1.1", "name": "RNI-loket"}).status_code == 302
    measure = package.measures.get()
    assert (measure.code, measure.name, measure.description) == (
        "1.1.1",
        "RNI-loket",
        "Stel een RNI-loket in",
    )
    recommendation.refresh_from_db()
    assert recommendation.measure == measure
    page = _page(client.get(f"{BASE}{scene.scan.pk}/"))
    assert "1.1.1 RNI-loket" in page and url not in page


def test_xlsx_export_has_the_numbers(client, scene):
    services.save_answers(
        actor=None, scan=scene.scan, answers={"reg-1": (2, "=SOM(A1)"), "reg-2": (3, ""), "hou-1": (1, "")}
    )
    services.add_participant(actor=None, scan=scene.scan, department="Wonen", name="Jan")
    services.create_recommendation(
        actor=None, scan=scene.scan, text="Beleid vaststellen", domain_code="housing", owner="Wonen",
        due_on=HELD_ON + dt.timedelta(days=90),
    )  # fmt: skip
    client.force_login(scene.reader)
    response = client.get(f"{BASE}{scene.scan.pk}/beleidsscan.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Scan", "Antwoorden", "Aanbevelingen", "Deelnemers"]
    rows = list(book["Scan"].iter_rows(values_only=True))
    domain_rows = {r[1]: r for r in rows if r and r[1] in ("registration", "housing")}
    assert domain_rows["registration"][2:5] == (2.5, 2, 2)
    assert domain_rows["housing"][2:5] == (1.0, 1, 3)
    assert ("totaalscore (0-3)", 1.75) in [r[:2] for r in rows]
    answers = list(book["Antwoorden"].iter_rows(values_only=True))
    assert len(answers) == 1 + 5
    assert ("Registratie", "reg-1", "Inschrijving in de BRP", 2, "Geregeld", "'=SOM(A1)") in answers
    assert list(book["Aanbevelingen"].iter_rows(values_only=True))[1][:3] == (
        "Beleid vaststellen",
        "Huisvesting",
        "Wonen",
    )
    assert list(book["Deelnemers"].iter_rows(values_only=True))[1] == ("Wonen", "Jan", None)


def test_edit_and_delete_a_scan(client, scene):
    client.force_login(scene.advisor)
    url = f"{BASE}{scene.scan.pk}/bewerken/"
    assert client.post(url, _scan_data(scene, notes="Tweede sessie")).status_code == 302
    assert Scan.objects.get(pk=scene.scan.pk).notes == "Tweede sessie"
    assert _page(client.get(f"{BASE}{scene.scan.pk}/verwijderen/"))
    assert client.post(f"{BASE}{scene.scan.pk}/verwijderen/").status_code == 302
    assert not Scan.objects.exists()
