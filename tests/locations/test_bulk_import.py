"""Bulk import and export of locations: template, preview per row, all-or-nothing apply, round trip, bad files."""

import csv
import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from aanjager.accounts.models import Role
from aanjager.audit.models import AuditEntry
from aanjager.locations import bulk, bulk_services, services
from aanjager.locations.models import Location, LocationImport

HEADER = ["id", "name", "street", "house_number", "postcode", "place", "municipality", "housing_form", "beds",
          "operator", "status", "effective"]  # fmt: skip


@pytest.fixture
def world(make_world):
    return make_world(Role.POLICY_ADVISOR)  # may register locations in Tiel and Zaltbommel


def _csv(rows, header=HEADER, delimiter=";") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _xlsx(rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Locaties"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _damaged_xlsx() -> bytes:
    import zipfile

    good = _xlsx([["", "x"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(
                item, b"<worksheet><sheetData><row>" if item.filename.endswith("sheet1.xml") else data
            )
    return out.getvalue()


def _new(name, **overrides):
    row = {
        "id": "",
        "name": name,
        "street": "Havenweg",
        "house_number": "4",
        "postcode": "4001ab",
        "place": "Tiel",
        "municipality": "GM0281",
        "housing_form": "building_units",
        "beds": "12",
        "operator": "12345678",  # the KvK number of 'Buur in de regio'
        "status": "",
        "effective": "01-02-2025",
    }
    row.update(overrides)
    return [row[h] for h in HEADER]


def test_a_valid_file_previews_then_applies_all_rows(client, world):
    before = Location.objects.count()
    data = _csv([_new("Logies Haven"), _new("Logies Kade", beds="8", status="planned")])
    client.force_login(world.actor)
    preview = client.post("/locaties/import/", {"file": _upload("locaties.csv", data)})
    assert preview.status_code == 200
    assert "2 nieuw, 0 gewijzigd" in preview.content.decode()
    assert Location.objects.count() == before  # nothing yet
    staged = LocationImport.objects.get()
    response = client.post(f"/locaties/import/{staged.pk}/toepassen/")
    assert response.status_code == 302
    haven = Location.objects.get(name="Logies Haven")
    assert haven.postcode == "4001 AB" and haven.status == "in_use" and haven.operator == world.in_area
    assert haven.versions.get().valid_from == dt.date(2025, 2, 1)
    assert Location.objects.get(name="Logies Kade").status == "planned"
    assert LocationImport.objects.get().status == "applied"
    assert AuditEntry.objects.filter(object_type="locations.locationimport").count() == 1
    again = client.post(f"/locaties/import/{staged.pk}/toepassen/", follow=True)
    assert "al toegepast" in again.content.decode()
    assert Location.objects.count() == before + 2


def _upload(name, data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def test_mixed_errors_are_reported_per_row_and_column_and_nothing_is_saved(client, world):
    before = Location.objects.count()
    data = _xlsx(
        [
            _new("Goed"),
            _new("Slechte postcode", postcode="12345"),
            _new("Negatief", beds="-3"),
            _new("Geen getal", beds="veel"),
            _new("Onbekende gemeente", municipality="GM9999"),
            _new("Buiten bereik", municipality="GM0363"),  # Amsterdam: outside the advisor's area
            _new("Onbekende huisvester", operator="Niemand BV"),
            _new("Verkeerde vorm", housing_form="kasteel"),
            _new("Foute datum", effective="31-02-2025"),
        ]
    )
    client.force_login(world.actor)
    response = client.post("/locaties/import/", {"file": _upload("locaties.xlsx", data)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Er is niets opgeslagen" in page or "Niets is opgeslagen" in page
    staged_results = bulk_services.judge(actor=world.actor, rows=LocationImport.objects.get().rows)
    errors = {r.row: set(r.errors) for r in staged_results if r.errors}
    assert errors == {
        3: {"postcode"},
        4: {"beds"},
        5: {"beds"},
        6: {"municipality"},
        7: {"operator"},
        8: {"operator"},
        9: {"housing_form"},
        10: {"effective"},
    }
    assert "Toepassen" not in page
    staged = LocationImport.objects.get()
    client.post(f"/locaties/import/{staged.pk}/toepassen/")
    assert Location.objects.count() == before


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("x.csv", b"naam;straat\nA;B\n", "onbekende kolommen: naam, straat"),
        ("x.csv", _csv([], header=["id", "name"]), "ontbrekende kolommen: street"),
        ("x.csv", _csv([["1"]], header=["name", "name"]), "dubbele kolommen: name"),
        ("x.csv", _csv([]), "geen regels"),
        ("x.csv", b"", "leeg"),
        ("x.xlsx", b"not a zip", "Excel-bestand is niet te lezen"),
        ("x.xlsx", _damaged_xlsx(), "Excel-bestand is niet te lezen"),
        ("x.pdf", b"%PDF", ".xlsx- of .csv"),
    ],
)
def test_bad_files_are_refused_whole(client, world, name, data, message):
    client.force_login(world.actor)
    response = client.post("/locaties/import/", {"file": _upload(name, data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LocationImport.objects.exists()


def test_export_round_trips_and_a_change_shows_before_it_is_applied(client, world):
    location = services.create_location(
        actor=None,
        name="Logies =Rond",
        street="Dijk",
        house_number=2,
        house_number_addition="-2",
        postcode="4001 AA",
        place="Tiel",
        municipality=world.tiel,
        housing_form="building_units",
        beds=10,
        operator=world.in_area,
        employers=[world.in_area, world.outside],
        target_groups=["labour_migrants", "students"],
        effective=dt.date(2024, 1, 1),
    )
    client.force_login(world.actor)
    exported = client.get("/locaties/export.xlsx?gemeente=GM0281")
    data = b"".join(exported.streaming_content)
    staged, results = bulk_services.stage_import(actor=world.actor, file_name="terug.xlsx", data=data)
    mine = next(r for r in results if r.location_id == location.pk)
    assert mine.action == "unchanged", mine.changes or mine.errors
    # Change the beds in the exported file: the preview names the change, apply makes it.
    book = load_workbook(io.BytesIO(data))
    sheet = book["Locaties"]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == location.pk:
            row[header.index("beds")].value = 14
            row[header.index("effective")].value = dt.date(2025, 6, 1)
    changed = io.BytesIO()
    book.save(changed)
    staged, results = bulk_services.stage_import(
        actor=world.actor, file_name="meer.xlsx", data=changed.getvalue()
    )
    mine = next(r for r in results if r.location_id == location.pk)
    assert mine.action == "update" and mine.changes == [("beds", "10", "14")]
    too_early = bulk_services.judge(
        actor=world.actor, rows=[{"_row": 2, "id": str(location.pk), "beds": "15", "effective": "2023-12-31"}]
    )
    assert "vóór de vorige (01-01-2024)" in too_early[0].errors["effective"][0]
    bulk_services.apply_import(actor=world.actor, staged=staged)
    location.refresh_from_db()
    assert location.beds == 14 and location.versions.count() == 2


def test_csv_export_quotes_formulas_and_reads_back(client, world):
    services.create_location(
        actor=None,
        name="=HYPERLINK(1)",
        street="Dijk",
        house_number=2,
        postcode="4001 AA",
        place="Tiel",
        municipality=world.tiel,
        housing_form="building_units",
        beds=10,
        operator=world.in_area,
    )
    client.force_login(world.actor)
    text = client.get("/locaties/export.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    rows = bulk.read_table(text.encode("utf-8"), "x.csv")
    assert any(r["name"] == "=HYPERLINK(1)" for r in rows)
    assert client.get("/locaties/export.pdf").status_code == 404


def test_status_changes_follow_the_lifecycle_and_rights_are_checked_per_row(world, make_world):
    location = services.create_location(
        actor=None,
        name="Plan",
        street="Dijk",
        house_number=2,
        postcode="4001 AA",
        place="Tiel",
        municipality=world.tiel,
        housing_form="building_units",
        beds=10,
        operator=world.in_area,
        status="idea",
    )
    outside = world.locations["out"]
    rows = [
        {"_row": 2, "id": str(location.pk), "status": "in_use"},
        {"_row": 3, "id": str(outside.pk), "beds": "3"},
        {"_row": 4, "id": str(location.pk), "beds": "3"},
    ]
    unknown = bulk_services.judge(
        actor=world.actor, rows=[{"_row": 2, "id": str(location.pk), "status": "inuse"}]
    )
    assert "onbekende status" in unknown[0].errors["status"][0]
    results = bulk_services.judge(actor=world.actor, rows=rows)
    assert "status" in results[0].errors  # idea → in use skips the lifecycle
    assert "id" in results[1].errors  # not visible to this advisor
    assert "meer dan eens" in results[2].errors["id"][0]


def test_template_and_page_show_the_columns(client, world):
    client.force_login(world.actor)
    page = client.get("/locaties/import/").content.decode()
    assert "Sjabloon downloaden" in page and "housing_form" in page
    template = load_workbook(
        io.BytesIO(b"".join(client.get("/locaties/import/sjabloon.xlsx").streaming_content))
    )
    assert [c.value for c in template["Locaties"][1]] == bulk.COLUMN_NAMES
    assert template["Toelichting"].max_row == len(bulk.COLUMNS) + 1


def test_who_may_import(client, make_world):
    world = make_world(Role.READER)
    client.force_login(world.actor)
    assert client.get("/locaties/import/").status_code == 403


def test_an_empty_municipality_or_operator_is_a_row_error_not_a_crash(world):
    rows = [{"_row": 2, **dict(zip(HEADER, _new("Leeg", municipality=""), strict=True))},
            {"_row": 3, **dict(zip(HEADER, _new("Geen huisvester", operator=""), strict=True))}]  # fmt: skip
    results = bulk_services.judge(actor=world.actor, rows=rows)
    assert results[0].action == "error" and "municipality" in results[0].errors
    assert results[1].action == "error" and "operator" in results[1].errors
    location = world.locations["own"]
    [update] = bulk_services.judge(
        actor=world.actor, rows=[{"_row": 2, "id": str(location.pk), "operator": ""}]
    )
    assert update.action == "error" and "operator" in update.errors


def test_a_nul_character_refuses_the_file_and_names_row_and_column(world):
    data = _csv([_new("Logies\x00Haven")])
    with pytest.raises(bulk.FileProblem, match="Regel 2, kolom name bevat een NUL-teken"):
        bulk.read_table(data, "x.csv")
    with pytest.raises(ValidationError):  # on PostgreSQL the staged rows (JSON) could not hold it
        bulk_services.stage_import(actor=world.actor, file_name="x.csv", data=data)
    assert not LocationImport.objects.exists()


def test_csv_lines_may_end_in_a_carriage_return_and_odd_csv_is_refused_in_dutch():
    rows = bulk.read_table(_csv([_new("Logies Haven"), _new("Kade")]).replace(b"\r\n", b"\r"), "x.csv")
    assert [r["name"] for r in rows] == ["Logies Haven", "Kade"]
    too_long = _csv([_new("x" * 140_000)])
    with pytest.raises(
        bulk.FileProblem, match="Regel 2 van het CSV-bestand: een veld is langer dan 131.072 tekens"
    ):
        bulk.read_table(too_long, "x.csv")


def test_a_workbook_that_claims_a_million_rows_is_read_quickly():
    import time
    import zipfile

    good = _xlsx([_new("Logies Haven")])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename.endswith("sheet1.xml"):
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
                far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>ver weg</t></is></c></row>'
                data = data.replace(b"</sheetData>", far + b"</sheetData>")
            target.writestr(item, data)
    started = time.monotonic()
    with pytest.raises(bulk.FileProblem, match="Regel 1048576 heeft meer cellen"):
        bulk.read_table(out.getvalue(), "x.xlsx")
    assert time.monotonic() - started < 20  # openpyxl alone fills 1,048,576 rows of 16,384 cells: minutes


def test_a_row_with_an_unknown_or_repeated_id_is_an_error_and_apply_refuses(world):
    before = Location.objects.count()
    rows = [_new("Logies Haven"), _new("Onbekend nummer", id="999999")]
    own = world.locations["own"].pk
    rows += [_new("Eerste", id=str(own)), _new("Tweede", id=str(own))]
    staged, results = bulk_services.stage_import(actor=world.actor, file_name="x.csv", data=_csv(rows))
    # Both were "create" before: the preview counted them as new and apply then failed on an empty location.
    assert (results[1].action, results[3].action) == ("error", "error")
    assert "geen locatie met nummer 999999" in results[1].errors["id"][0]
    assert "meer dan eens" in results[3].errors["id"][0]
    with pytest.raises(ValidationError):
        bulk_services.apply_import(actor=world.actor, staged=staged)
    assert Location.objects.count() == before
