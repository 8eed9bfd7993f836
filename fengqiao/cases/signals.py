"""Seed workflow data and the calendar after migrations (only what is missing)."""
from __future__ import annotations

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def _seed_after_migrate(sender, app_config=None, **kwargs):  # noqa: ANN001, ANN003
    if app_config is None or app_config.name != "fengqiao.cases":
        return
    from fengqiao.cases.seed import seed_workflow
    from fengqiao.worktime.services import calendar_seed_from_package

    seed_workflow()
    calendar_seed_from_package()
