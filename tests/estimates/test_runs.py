"""Estimate runs through the UI and the API: upload, background execution, failure, cancel, publish, export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from aanjager.audit.models import AuditEntry
from aanjager.demo import rivierenland
from aanjager.estimates import services
from aanjager.estimates.models import EstimateRow, EstimateRun
from aanjager.geo.models import Region

PERSONS = (
    "person_id,nationality,registration,residence_municipality,registered_on,deregistered_on,birth_year\n"
    "a,PL,BRP,GM0281,2024-01-01,,1990\n"
    "b,RO,RNI,,2025-01-01,,1992\n"
    "c,PL,BRP,GM0297,2020-01-01,,1985\n"
)
JOBS = (
    "person_id,month,employer_id,sector,work_municipality,temp_agency\n"
    "a,2025-01,E1,A,GM0281,0\na,2025-02,E1,A,GM0281,0\n"
    "b,2025-03,E2,H,GM0297,1\n"
    "c,2025-04,E3,C,GM0281,0\n"
)


def files(persons=PERSONS, jobs=JOBS):
    return (
        SimpleUploadedFile("personen.csv", persons.encode(), "text/csv"),
        SimpleUploadedFile("banen.csv", jobs.encode(), "text/csv"),
    )


def form(region, **overrides):
    persons, jobs = files()
    data = {
        "title": "Test 2025",
        "region": region.pk,
        "year": 2025,
        "definition_code": "eu11",
        "persons_file": persons,
        "jobs_file": jobs,
        "short_max": 3,
        "mid_max": 11,
        "registration_rate_low": 0.33,
        "registration_rate_central": 0.4,
        "registration_rate_high": 0.5,
        "rni_assignment": "work",
    }
    data.update(overrides)
    return data


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    rivierenland.load()
    return Region.objects.get(name="Regio Rivierenland")


def login(client, username):
    from aanjager.accounts.models import User

    client.force_login(User.objects.get(username=username))


def test_upload_runs_stores_counts_and_deletes_the_files(client, demo, settings):
    login(client, "beleid")
    response = client.post("/schattingen/nieuw/", form(demo))
    run = EstimateRun.objects.get(title="Test 2025")
    assert response.status_code == 302 and response.url == f"/schattingen/{run.pk}/"
    assert run.status == EstimateRun.Status.DONE and run.in_scope == 3
    assert {i["name"] for i in run.inputs} == {"personen.csv", "banen.csv"}
    assert all(len(i["sha256"]) == 64 and i["size"] > 0 for i in run.inputs)
    tiel = EstimateRow.objects.get(run=run, municipality__code="GM0281")
    assert (tiel.workers, tiel.residents_brp) == (2, 1)
    assert not list((settings.DATA_DIR / "uploads" / "estimates").iterdir())  # microdata gone
    assert AuditEntry.objects.filter(
        object_type="estimates.estimaterun", action="create", actor__username="beleid"
    )
    page = client.get(f"/schattingen/{run.pk}/").content.decode()
    assert "<svg" in page and "Tiel" in page and "personen.csv" in page


def test_bad_input_fails_the_run_with_lines_and_stores_nothing(client, demo, settings):
    login(client, "beleid")
    persons, _ = files()
    bad_jobs = SimpleUploadedFile("banen.csv", (JOBS + "a,2025-13,E1,A,GM0281,0\n").encode())
    client.post("/schattingen/nieuw/", form(demo, persons_file=persons, jobs_file=bad_jobs))
    run = EstimateRun.objects.get(title="Test 2025")
    assert run.status == EstimateRun.Status.FAILED
    assert run.problems[0]["file"] == "banen.csv" and run.problems[0]["line"] == 6
    assert run.problems[0]["column"] == "month"
    assert not EstimateRow.objects.filter(run=run).exists()
    page = client.get(f"/schattingen/{run.pk}/").content.decode()
    assert "banen.csv" in page and "month" in page
    assert not list((settings.DATA_DIR / "uploads" / "estimates").iterdir())


def test_form_errors_keep_the_user_on_the_form(client, demo, settings):
    login(client, "beleid")
    response = client.post("/schattingen/nieuw/", form(demo, short_max=8, mid_max=5))
    assert response.status_code == 200
    assert "mid_max" in response.context["form"].errors
    settings.AANJAGER_MAX_UPLOAD_MB = 0
    response = client.post("/schattingen/nieuw/", form(demo))
    assert response.status_code == 200
    assert "persons_file" in response.context["form"].errors
    assert not EstimateRun.objects.filter(title="Test 2025").exists()
    assert not list((settings.DATA_DIR / "uploads" / "estimates").glob("*/*"))


def test_cancelled_run_stores_nothing(demo, settings):
    from aanjager.accounts.models import User

    settings.AANJAGER_JOBS_INLINE = False
    persons, jobs = files()
    actor = User.objects.get(username="beleid")
    run = services.create_run(
        actor=actor, title="Stop", region=demo, year=2025, persons_file=persons, jobs_file=jobs, start=False
    )
    services.cancel_run(actor=actor, run=run)
    services.execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == EstimateRun.Status.CANCELLED
    assert not run.rows.exists()
    assert not services.upload_dir(run).exists()


def test_cancel_while_running_stops_at_the_next_step(demo, monkeypatch):
    from aanjager.accounts.models import User

    persons, jobs = files()
    actor = User.objects.get(username="beleid")
    run = services.create_run(
        actor=actor,
        title="Halverwege",
        region=demo,
        year=2025,
        persons_file=persons,
        jobs_file=jobs,
        start=False,
    )
    real_finish = services._finish  # progress steps are written through it, while the run is running

    def cancel_when_jobs_start(run_id, **fields):
        written = real_finish(run_id, **fields)
        if fields.get("step") == "jobs":
            EstimateRun.objects.filter(pk=run_id).update(cancel_requested=True)
        return written

    monkeypatch.setattr(services, "_finish", cancel_when_jobs_start)
    services.execute_run(run.pk)
    run.refresh_from_db()
    assert run.status == EstimateRun.Status.CANCELLED and not run.rows.exists()


def test_publication_opens_the_run_to_the_region(client, demo):
    login(client, "beleid")
    client.post("/schattingen/nieuw/", form(demo))
    run = EstimateRun.objects.get(title="Test 2025")
    login(client, "huisvester")
    assert client.get(f"/schattingen/{run.pk}/").status_code == 404
    login(client, "beleid")
    client.post(f"/schattingen/{run.pk}/publiceren/", {"publish": "1"})
    login(client, "huisvester")
    assert client.get(f"/schattingen/{run.pk}/").status_code == 200
    assert client.post(f"/schattingen/{run.pk}/publiceren/", {"publish": "0"}).status_code == 403
    assert EstimateRun.objects.get(pk=run.pk).is_published  # the provider may not withdraw it


def test_exports(client, demo):
    login(client, "beleid")
    client.post("/schattingen/nieuw/", form(demo))
    run = EstimateRun.objects.get(title="Test 2025")
    csv_text = client.get(f"/schattingen/{run.pk}/export.csv").content.decode("utf-8-sig")
    lines = csv_text.splitlines()
    assert lines[0].startswith("municipality_name;municipality_code;workers;workers_short")
    assert any(line.startswith("Tiel;GM0281;2;") for line in lines)
    response = client.get(f"/schattingen/{run.pk}/export.xlsx")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(book["Resultaat"].iter_rows(values_only=True))
    assert rows[0][:3] == ("municipality_name", "municipality_code", "workers")
    assert ("Tiel", "GM0281", 2) in {r[:3] for r in rows}
    about = dict(book["Verantwoording"].iter_rows(values_only=True))
    assert about["parameter_registration_rate_central"] == "0.4"
    assert "sha256" in about["input_persons"]


def test_status_json(client, demo):
    login(client, "beleid")
    client.post("/schattingen/nieuw/", form(demo))
    run = EstimateRun.objects.get(title="Test 2025")
    assert client.get(f"/schattingen/{run.pk}/status.json").json() == {
        "status": "done",
        "progress": 1.0,
        "step": "done",
        "finished": True,
    }


def test_api_create_and_results(demo, api_client_for):
    from aanjager.accounts.models import User

    client = api_client_for(User.objects.get(username="coordinator"))
    persons, jobs = files()
    response = client.post(
        "/api/v1/estimate-runs",
        {
            "title": "Via API",
            "region": demo.pk,
            "year": 2025,
            "persons_file": persons,
            "jobs_file": jobs,
            "rni_assignment": "commute",
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "done" and body["parameters"]["rni_assignment"] == "commute"
    results = client.get(f"/api/v1/estimate-runs/{body['id']}/results").json()
    assert {r["municipality_code"] for r in results["results"]} <= set(
        demo.municipalities.values_list("code", flat=True)
    )
    tiel = next(r for r in results["results"] if r["municipality_code"] == "GM0281")
    assert tiel["workers"] == 2
    bad = client.post(
        "/api/v1/estimate-runs",
        {"title": "Zonder bestanden", "region": demo.pk, "year": 2025},
        format="multipart",
    )
    assert bad.status_code == 400
    assert {"persons_file", "jobs_file"} <= {p["name"] for p in bad.json()["invalid-params"]}
    assert (
        client.patch(f"/api/v1/estimate-runs/{body['id']}", {"is_published": "ja"}, format="json").status_code
        == 400
    )


def test_demo_loads_a_published_estimate(db, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    rivierenland.load()
    assert rivierenland.load_estimate(persons=800) is True
    assert rivierenland.load_estimate(persons=800) is False
    run = EstimateRun.objects.get(title=rivierenland.DEMO_RUN_TITLE)
    assert run.status == EstimateRun.Status.DONE and run.is_published and run.rows.count() >= 8


def test_api_applies_the_same_upload_rules(demo, api_client_for, settings):
    from aanjager.accounts.models import User

    client = api_client_for(User.objects.get(username="coordinator"))
    persons, jobs = files()
    jobs.name = "banen.exe"
    response = client.post(
        "/api/v1/estimate-runs",
        {"title": "Exe", "region": demo.pk, "year": 2025, "persons_file": persons, "jobs_file": jobs},
        format="multipart",
    )
    assert response.status_code == 400
    assert "jobs_file" in {p["name"] for p in response.json()["invalid-params"]}
    settings.AANJAGER_MAX_UPLOAD_MB = 0
    persons, jobs = files()
    response = client.post(
        "/api/v1/estimate-runs",
        {"title": "Groot", "region": demo.pk, "year": 2025, "persons_file": persons, "jobs_file": jobs},
        format="multipart",
    )
    assert response.status_code == 400
    assert (
        not EstimateRun.objects.exists()
        or not EstimateRun.objects.filter(title__in=["Exe", "Groot"]).exists()
    )


def test_interrupted_runs_are_expired_and_their_files_removed(client, demo, settings):
    from django.utils import timezone

    from aanjager.accounts.models import User

    persons, jobs = files()
    actor = User.objects.get(username="beleid")
    run = services.create_run(
        actor=actor,
        title="Onderbroken",
        region=demo,
        year=2025,
        persons_file=persons,
        jobs_file=jobs,
        start=False,
    )
    EstimateRun.objects.filter(pk=run.pk).update(
        status=EstimateRun.Status.RUNNING, created_at=timezone.now() - timezone.timedelta(hours=5)
    )
    assert services.upload_dir(run).exists()
    login(client, "beleid")
    client.get("/schattingen/")
    run.refresh_from_db()
    assert run.status == EstimateRun.Status.FAILED and "onderbroken" in run.problems[0]["message"]
    assert not services.upload_dir(run).exists()


def test_readers_see_only_published_runs_of_others(client, demo):
    login(client, "beleid")
    client.post("/schattingen/nieuw/", form(demo))
    run = EstimateRun.objects.get(title="Test 2025")
    for username in ("lezer", "inspecteur"):
        login(client, username)
        assert client.get(f"/schattingen/{run.pk}/").status_code == 404
    login(client, "coordinator")
    assert client.get(f"/schattingen/{run.pk}/").status_code == 200


def test_small_cells_are_suppressed_for_those_who_see_a_run_only_because_it_is_published(client, demo):
    login(client, "beleid")
    client.post("/schattingen/nieuw/", form(demo))
    run = EstimateRun.objects.get(title="Test 2025")
    client.post(f"/schattingen/{run.pk}/publiceren/", {"publish": "1"})
    own_view = client.get(f"/schattingen/{run.pk}/").content.decode()
    assert '<td class="num">2</td>' in own_view
    login(client, "huisvester")
    page = client.get(f"/schattingen/{run.pk}/").content.decode()
    assert '<td class="num">2</td>' not in page and "&lt;10" in page
    csv_text = client.get(f"/schattingen/{run.pk}/export.csv").content.decode("utf-8-sig")
    tiel = next(line for line in csv_text.splitlines() if line.startswith("Tiel;"))
    assert tiel.split(";")[2] == "<10"


def test_api_gives_published_runs_to_the_region_with_small_cells_suppressed(client, demo, api_client_for):
    from aanjager.accounts.models import User

    login(client, "beleid")
    client.post("/schattingen/nieuw/", form(demo))
    run = EstimateRun.objects.get(title="Test 2025")
    provider = api_client_for(User.objects.get(username="huisvester"))
    assert provider.get(f"/api/v1/estimate-runs/{run.pk}").status_code == 404
    client.post(f"/schattingen/{run.pk}/publiceren/", {"publish": "1"})
    assert provider.get(f"/api/v1/estimate-runs/{run.pk}").status_code == 200
    tiel = next(
        r
        for r in provider.get(f"/api/v1/estimate-runs/{run.pk}/results").json()["results"]
        if r["municipality_code"] == "GM0281"
    )
    assert tiel["workers"] is None
    assert (
        provider.patch(f"/api/v1/estimate-runs/{run.pk}", {"is_published": False}, format="json").status_code
        == 403
    )
    own = api_client_for(User.objects.get(username="beleid"))
    tiel = next(
        r
        for r in own.get(f"/api/v1/estimate-runs/{run.pk}/results").json()["results"]
        if r["municipality_code"] == "GM0281"
    )
    assert tiel["workers"] == 2
