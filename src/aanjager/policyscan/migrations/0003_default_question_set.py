from django.db import migrations


def load_default(apps, schema_editor):
    from aanjager.policyscan import question_sets

    QuestionSet = apps.get_model("policyscan", "QuestionSet")
    fields = question_sets.model_fields(question_sets.read())
    QuestionSet.objects.update_or_create(code=fields.pop("code"), version=fields.pop("version"), defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("policyscan", "0002_initial")]

    operations = [migrations.RunPython(load_default, migrations.RunPython.noop)]
