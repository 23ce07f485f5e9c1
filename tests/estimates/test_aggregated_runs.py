"""Runs from an aggregated table (CBS-style counts) through the UI and the API."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from aanjager.accounts.models import User
from aanjager.estimates.models import EstimateRow, EstimateRun
from tests.estimates.test_runs import demo, files, form, login  # noqa: F401  (demo is a fixture)

# Tiel with stay classes, Zaltbommel polis as a total only; the other municipalities of the region are absent.
TABLE = (
    "municipality_code,year,source,nationality_group,count,stay_class\n"
    "GM0281,2025,polis,eu11,40,short\n"
    "GM0281,2025,polis,eu11,60,long\n"
    "GM0281,2025,brp,eu11,100,\n"
    "GM0281,2025,rni,eu11,20,\n"
    "GM0297,2025,polis,eu11,75,\n"
    "GM0297,2025,brp,eu11,30,\n"
)


def table(text=TABLE, name="cbs-tabel.csv"):
    return SimpleUploadedFile(name, text.encode(), "text/csv")


def aggregated_form(region, **overrides):
    data = form(region, source="aggregates", aggregates_file=table(), title="Uit CBS-tabel")
    del data["persons_file"], data["jobs_file"]
    data.update(overrides)
    return data


def test_a_table_through_the_form_gives_rows_and_keeps_no_file(client, demo, settings):  # noqa: F811
    login(client, "beleid")
    response = client.post("/schattingen/nieuw/", aggregated_form(demo))
    run = EstimateRun.objects.get(title="Uit CBS-tabel")
    assert response.status_code == 302
    assert run.source == "aggregates" and run.status == EstimateRun.Status.DONE
    [item] = run.inputs
    assert item["role"] == "aggregates" and item["name"] == "cbs-tabel.csv" and len(item["sha256"]) == 64
    tiel = EstimateRow.objects.get(run=run, municipality__code="GM0281")
    assert (tiel.workers, tiel.workers_short, tiel.workers_mid, tiel.workers_long) == (100, 40, 0, 60)
    zaltbommel = EstimateRow.objects.get(run=run, municipality__code="GM0297")
    assert zaltbommel.workers == 75 and zaltbommel.workers_short is None
    assert not list((settings.DATA_DIR / "uploads" / "estimates").iterdir())

    page = client.get(f"/schattingen/{run.pk}/").content.decode()
    assert "Geaggregeerde tabel" in page and "Niet in de tabel, dus niet meegeteld" in page
    assert "niet in de tabel" in page  # the absent municipalities are marked in the table
    export = client.get(f"/schattingen/{run.pk}/export.csv").content.decode("utf-8-sig")
    rows = {r["municipality_code"]: r for r in csv.DictReader(io.StringIO(export), delimiter=";")}
    assert rows["GM0297"]["workers"] == "75" and rows["GM0297"]["workers_short"] == ""
    assert rows["GM0281"]["workers_short"] == "40"
    absent = next(r for code, r in rows.items() if code not in ("GM0281", "GM0297"))
    assert absent["workers"] == "" and absent["estimate_central"] == ""


def test_the_chosen_input_needs_its_own_files(client, demo):  # noqa: F811
    login(client, "beleid")
    data = aggregated_form(demo)
    del data["aggregates_file"]
    response = client.post("/schattingen/nieuw/", data)
    assert response.status_code == 200
    assert "Dit bestand is verplicht" in response.content.decode()
    # Microdata chosen but only a table given: the persons and jobs files are asked for.
    response = client.post("/schattingen/nieuw/", aggregated_form(demo, source="microdata"))
    assert response.status_code == 200 and not EstimateRun.objects.exists()


def test_a_bad_table_fails_the_run_with_line_and_column(client, demo):  # noqa: F811
    login(client, "beleid")
    bad = TABLE + "GM9999,2025,brp,eu11,5,\n"
    client.post("/schattingen/nieuw/", aggregated_form(demo, aggregates_file=table(bad)))
    run = EstimateRun.objects.get(title="Uit CBS-tabel")
    assert run.status == EstimateRun.Status.FAILED and not run.rows.exists()
    assert {k: run.problems[0][k] for k in ("file", "line", "column")} == {
        "file": "cbs-tabel.csv",
        "line": 8,
        "column": "municipality_code",
    }


def test_a_table_through_the_api(demo, api_client_for):  # noqa: F811
    client = api_client_for(User.objects.get(username="beleid"))
    response = client.post(
        "/api/v1/estimate-runs",
        {"title": "Tabel via API", "region": demo.pk, "year": 2025, "aggregates_file": table()},
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["source"] == "aggregates" and body["status"] == "done"
    results = client.get(f"/api/v1/estimate-runs/{body['id']}/results").json()["results"]
    zaltbommel = next(r for r in results if r["municipality_code"] == "GM0297")
    assert zaltbommel["workers"] == 75 and zaltbommel["workers_short"] is None
    persons, jobs = files()
    both = client.post(
        "/api/v1/estimate-runs",
        {
            "title": "Beide",
            "region": demo.pk,
            "year": 2025,
            "aggregates_file": table(),
            "persons_file": persons,
            "jobs_file": jobs,
        },
        format="multipart",
    )
    assert both.status_code == 400 and both["Content-Type"] == "application/problem+json"
    parquet = client.post(
        "/api/v1/estimate-runs",
        {"title": "Parquet", "region": demo.pk, "year": 2025, "aggregates_file": table(name="t.parquet")},
        format="multipart",
    )
    assert parquet.status_code == 400
    assert "aggregates_file" in {p["name"] for p in parquet.json()["invalid-params"]}
