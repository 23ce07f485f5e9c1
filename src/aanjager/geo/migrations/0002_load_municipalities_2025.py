"""Ship the 342 municipalities of 1 January 2025 and the 12 provinces (source: CBS, see geo/data/README.md)."""

from pathlib import Path

from django.db import migrations

from aanjager.geo.municipality_list import parse

DATA = Path(__file__).resolve().parent.parent / "data" / "gemeenten_2025.csv"


def load(apps, schema_editor):
    Province = apps.get_model("geo", "Province")
    Municipality = apps.get_model("geo", "Municipality")
    records = parse(DATA.read_bytes())
    provinces = {}
    for record in records:
        if record.province_code not in provinces:
            provinces[record.province_code], _ = Province.objects.get_or_create(
                code=record.province_code, defaults={"name": record.province_name}
            )
    existing = set(Municipality.objects.values_list("code", flat=True))
    Municipality.objects.bulk_create(
        Municipality(
            code=r.code,
            name=r.name,
            province=provinces[r.province_code],
            corop_code=r.corop_code,
            corop_name=r.corop_name,
            centroid_lon=r.centroid_lon,
            centroid_lat=r.centroid_lat,
        )
        for r in records
        if r.code not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
