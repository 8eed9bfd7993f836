"""Seed data (issue 9): the clocks that run before a people's court (applying for judicial confirmation, the court's
mediation periods) move a last day that is a rest day to the next working day (民事诉讼法 第八十五条). Only a rule
still with its first seeded period is changed; an administrator's edits stay."""
from django.db import migrations

SEEDED = {
    "judicial_confirmation": 30,
    "court_pre_filing": 30,
    "court_post_filing_ordinary": 15,
    "court_post_filing_simplified": 7,
}


def _set(apps, *, roll: bool) -> None:  # noqa: ANN001
    ClockRule = apps.get_model("mediation", "ClockRule")
    for kind, duration in SEEDED.items():
        ClockRule.objects.filter(kind=kind, duration=duration, unit="calendar_days", roll_to_workday=not roll).update(
            roll_to_workday=roll)


def forwards(apps, schema_editor):  # noqa: ANN001, ANN201
    _set(apps, roll=True)


def backwards(apps, schema_editor):  # noqa: ANN001, ANN201
    _set(apps, roll=False)


class Migration(migrations.Migration):
    dependencies = [("mediation", "0004_clock_overdue_notice")]
    operations = [migrations.RunPython(forwards, backwards)]
