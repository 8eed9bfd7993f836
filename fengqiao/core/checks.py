"""System checks: a production install never carries demo accounts."""
from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def no_demo_accounts_in_production(app_configs, **kwargs):
    if settings.FENGQIAO_DEMO:
        return []
    from django.contrib.auth import get_user_model

    try:
        present = get_user_model().objects.filter(username__startswith="demo-", is_active=True).exists()
    except DatabaseError:
        return []
    if present:
        return [
            Error(
                "Active demo accounts (demo-*) exist in a non-demo install; disable them with `fengqiao demo --remove-accounts`.",
                id="fengqiao.E001",
            )
        ]
    return []
