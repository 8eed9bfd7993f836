"""Seed the default follow-up rule after migrations."""
from __future__ import annotations

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def _seed_after_migrate(sender, app_config=None, **kwargs):
    if app_config is None or app_config.name != "fengqiao.followup":
        return
    from fengqiao.followup.seed import seed_followup_rules

    seed_followup_rules()
