"""Celery tasks of the intake app; they only call services."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fengqiao.config.celery import app
from fengqiao.intake.services import idempotency_keys_purge

IDEMPOTENCY_KEEP_DAYS = 7


@app.task(name="fengqiao.intake.purge_idempotency_keys", ignore_result=True)
def purge_idempotency_keys() -> int:
    """Stored answers to idempotent creates are kept a week, then forgotten."""
    return idempotency_keys_purge(before=timezone.now() - dt.timedelta(days=IDEMPOTENCY_KEEP_DAYS))
