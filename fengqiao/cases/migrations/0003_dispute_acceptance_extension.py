"""Seed data: the dispute acceptance clock allows an approved extension to 10 working days for a complex matter
(深圳矛盾纠纷多元化解条例 第46条). Only a row still exactly as first seeded is changed, so an administrator's edits
stay; a new database gets the row from cases.seed after migrating."""
from django.db import migrations

BEFORE = {
    "duration": 5, "unit": "working_days", "start_event": "received", "max_extension": 0,
    "legal_basis": "深圳矛盾纠纷多元化解条例 第46条：5个工作日内决定是否受理",
}
AFTER = {
    "max_extension": 5,
    "legal_basis": "深圳矛盾纠纷多元化解条例 第46条：5个工作日内决定是否受理；法律关系复杂或者涉及多个行政机关的，"
    "经批准延长至10个工作日",
}


def _rows(apps, values):  # noqa: ANN001, ANN202
    DeadlineRule = apps.get_model("cases", "DeadlineRule")
    return DeadlineRule.objects.filter(process__code="dispute", state__code="registered", region=None, **values)


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    _rows(apps, BEFORE).update(**AFTER)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    _rows(apps, {**BEFORE, **AFTER}).update(**{key: BEFORE[key] for key in AFTER})


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_joint_supervision_leader_escalation_clock")]
    operations = [migrations.RunPython(forwards, backwards)]
