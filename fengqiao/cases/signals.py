"""Seed workflow data and the calendar after migrations (only what is missing)."""
from __future__ import annotations

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def _seed_after_migrate(sender, app_config=None, **kwargs):
    if app_config is None or app_config.name != "fengqiao.cases":
        return
    from fengqiao.cases.seed import seed_workflow
    from fengqiao.worktime.services import calendar_seed_from_package

    seed_workflow()
    calendar_seed_from_package()


def _recompute_after_calendar_change(sender, years, acting_user=None, **kwargs):
    """worktime published that a year's holidays were entered or changed: recount the open due dates in it."""
    from fengqiao.cases.services.recompute import case_due_dates_recompute

    case_due_dates_recompute(years=years, acting_user=acting_user)


def connect_calendar_events() -> None:
    from fengqiao.worktime.signals import calendar_changed

    calendar_changed.connect(_recompute_after_calendar_change, dispatch_uid="cases.recompute_due_dates")
