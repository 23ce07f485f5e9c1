"""Reference data: the shipped municipalities, the CBS-list import with mergers, maps."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from aanjager.audit.models import AuditEntry
from aanjager.geo import maps
from aanjager.geo.models import Municipality, Province, Region

HEADER = "GemeentecodeGM;Gemeentenaam;ProvinciecodePV;Provincienaam\n"


def test_342_municipalities_and_12_provinces_are_shipped(db):
    assert Municipality.objects.filter(valid_to__isnull=True).count() == 342
    assert Province.objects.count() == 12
    tiel = Municipality.objects.get(code="GM0281")
    assert (tiel.name, tiel.province.name) == ("Tiel", "Gelderland")
    assert tiel.centroid_lat and tiel.centroid_lon


def _current_list_without(*codes, extra=""):
    rows = [
        f"{m.code};{m.name};{m.province.code};{m.province.name}\n"
        for m in Municipality.objects.select_related("province").filter(valid_to__isnull=True)
        if m.code not in codes
    ]
    return HEADER + "".join(rows) + extra


def test_import_ends_merged_municipalities_and_keeps_them(db, tmp_path):
    # A made-up merger: Buren and Culemborg become "Lingewaard-Zuid" (GM1999) on 1-1-2027.
    path = tmp_path / "gemeenten_2027.csv"
    path.write_text(
        _current_list_without("GM0214", "GM0216", extra="GM1999;Lingewaard-Zuid;PV25;Gelderland\n"),
        encoding="utf-8",
    )
    changes = tmp_path / "changes.csv"
    changes.write_text("old_code,new_code\nGM0214,GM1999\nGM0216,GM1999\n")
    region = Region.objects.create(name="Met Buren")
    region.municipalities.add(Municipality.objects.get(code="GM0214"))
    call_command("import_municipalities", str(path), "--date", "2027-01-01", "--changes", str(changes))
    buren = Municipality.objects.get(code="GM0214")
    assert buren.valid_to == dt.date(2026, 12, 31)
    assert buren.successor.code == "GM1999"
    assert Municipality.objects.get(code="GM1999").valid_from == dt.date(2027, 1, 1)
    assert Municipality.objects.filter(valid_to__isnull=True).count() == 341
    assert Municipality.objects.active_on(dt.date(2026, 6, 1)).filter(code="GM0214").exists()
    assert not Municipality.objects.active_on(dt.date(2027, 6, 1)).filter(code="GM0214").exists()
    assert region.municipalities.filter(code="GM0214").exists()  # history stays valid
    assert (
        AuditEntry.objects.filter(object_type="geo.municipality", action="create", channel="cli").count() == 1
    )


def test_import_is_all_or_nothing_and_names_row_and_column(db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        HEADER + "GM0281;Tiel;PV25;Gelderland\nXX12;Kapot;PV25;Gelderland\nGM0297;;PV25;Gelderland\n"
    )
    with pytest.raises(CommandError) as error:
        call_command("import_municipalities", str(path), "--date", "2027-01-01")
    message = str(error.value)
    assert "rij 3, kolom gemeentecodegm" in message
    assert "rij 4, kolom gemeentenaam" in message
    assert Municipality.objects.filter(valid_to__isnull=True).count() == 342


def test_dry_run_changes_nothing(db, tmp_path, capsys):
    path = tmp_path / "list.csv"
    path.write_text(_current_list_without("GM0214"), encoding="cp1252")
    call_command("import_municipalities", str(path), "--date", "2027-01-01", "--dry-run")
    assert "ended: 1 (GM0214)" in capsys.readouterr().out
    assert Municipality.objects.get(code="GM0214").valid_to is None


def test_unknown_merger_target_is_refused(db, tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(_current_list_without("GM0214"))
    changes = tmp_path / "changes.csv"
    changes.write_text("old_code,new_code\nGM0214,GM1998\n")
    with pytest.raises(CommandError, match="GM1998"):
        call_command("import_municipalities", str(path), "--date", "2027-01-01", "--changes", str(changes))
    assert Municipality.objects.get(code="GM0214").valid_to is None


def test_map_of_a_region_projects_every_member():
    drawing = maps.svg_paths(["GM0281", "GM0297", "GM9999"], width=500)
    assert [p["code"] for p in drawing["paths"]] == ["GM0281", "GM0297"]
    assert 0 < drawing["height"] < 2000
    for path in drawing["paths"]:
        assert path["d"].startswith("M") and path["d"].endswith("Z")
        assert 0 <= path["label_x"] <= 500 and 0 <= path["label_y"] <= drawing["height"]


def test_region_page_shows_map_and_table(client, make_world):
    world = make_world("reader")
    client.force_login(world.actor)
    html = client.get(f"/regios/{world.region.pk}/").content.decode()
    assert "<svg" in html and "<title>GM0297</title>" in html
    assert "Zaltbommel" in html and "Thuisorganisatie" in html
    assert "Ver weg" not in html
