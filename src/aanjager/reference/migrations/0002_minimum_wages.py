import datetime as dt
from decimal import Decimal

from django.db import migrations

SOURCE = "Wettelijk minimumloon per uur, 21 jaar en ouder (w-o.nl; admintrend.nl); zie docs/data-sources.md"
WAGES = [
    (dt.date(2025, 1, 1), Decimal("14.06")),
    (dt.date(2025, 7, 1), Decimal("14.40")),
    (dt.date(2026, 1, 1), Decimal("14.71")),
]


def seed(apps, schema_editor):
    MinimumWage = apps.get_model("reference", "MinimumWage")
    for valid_from, hourly in WAGES:
        MinimumWage.objects.get_or_create(valid_from=valid_from, defaults={"hourly_gross": hourly, "source": SOURCE})


def unseed(apps, schema_editor):
    apps.get_model("reference", "MinimumWage").objects.filter(valid_from__in=[w[0] for w in WAGES]).delete()


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
