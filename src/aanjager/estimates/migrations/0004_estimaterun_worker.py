from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("estimates", "0003_aggregated_input"),
    ]

    operations = [
        migrations.AddField(
            model_name="estimaterun",
            name="worker",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
    ]
