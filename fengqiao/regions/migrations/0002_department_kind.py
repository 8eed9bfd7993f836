"""Departments get a kind (公安机关, 司法行政, 人民法院, other) so that code never matches a word in a name.
Existing police departments (name with 派出所 or 公安) are marked once here; an administrator edits the rest."""

from django.db import migrations, models
from django.db.models import Q

POLICE_NAMES = Q(name__contains="派出所") | Q(name__contains="公安")


def mark_police(apps, schema_editor):  # noqa: ANN001, ANN201
    Department = apps.get_model("regions", "Department")
    Department.objects.filter(POLICE_NAMES).update(kind="police")


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="department",
            name="kind",
            field=models.CharField(
                choices=[
                    ("other", "行政部门或其他单位"),
                    ("police", "公安机关（公安局、派出所）"),
                    ("justice", "司法行政（司法局、司法所）"),
                    ("court", "人民法院"),
                ],
                db_index=True,
                default="other",
                max_length=10,
                verbose_name="类型",
            ),
        ),
        migrations.RunPython(mark_police, migrations.RunPython.noop),
    ]
