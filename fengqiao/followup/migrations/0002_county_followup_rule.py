"""Seed data (issue 9): the default follow-up rule cites the county's own rule, not another city's regulation.
Only a row still exactly as first seeded changes; an administrator's edits stay."""
from django.db import migrations

BEFORE = "北京市接诉即办工作条例 第二十三条：办理时限期满，通过电话、短信、网络等方式回访"
AFTER = "县矛调中心工作规则（本县自定，可修改）：办理完毕后3个工作日内通过电话、短信、上门等方式回访"
SEEDED = {"process": None, "duration": 3, "unit": "working_days"}


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    apps.get_model("followup", "FollowUpRule").objects.filter(legal_basis=BEFORE, **SEEDED).update(legal_basis=AFTER)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    apps.get_model("followup", "FollowUpRule").objects.filter(legal_basis=AFTER, **SEEDED).update(legal_basis=BEFORE)


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
