"""Seed the mediation clock rules after migrations."""
from __future__ import annotations

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def _seed_after_migrate(sender, app_config=None, **kwargs):
    if app_config is None or app_config.name != "fengqiao.mediation":
        return
    from fengqiao.mediation.seed import seed_clock_rules

    seed_clock_rules()


def _recompute_after_calendar_change(sender, years, acting_user=None, **kwargs):
    from fengqiao.mediation.services.recompute import mediation_clocks_recompute

    mediation_clocks_recompute(years=years, acting_user=acting_user)


def connect_calendar_events() -> None:
    from fengqiao.worktime.signals import calendar_changed

    calendar_changed.connect(_recompute_after_calendar_change, dispatch_uid="mediation.recompute_clocks")
