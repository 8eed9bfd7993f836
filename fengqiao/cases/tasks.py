"""Celery tasks of the cases app; they only call services."""
from __future__ import annotations

from fengqiao.cases.services import supervision_raise_overdue
from fengqiao.config.celery import app

SUPERVISE_EVERY_SECONDS = 30 * 60


@app.task(name="fengqiao.cases.supervise_overdue", ignore_result=True, soft_time_limit=600, time_limit=900)
def supervise_overdue() -> int:
    """Periodic check (every 30 minutes, settings.CELERY_BEAT_SCHEDULE): one supervision notice per overdue
    case step and per overdue co-handler task, to the handlers and the center staff above them."""
    return supervision_raise_overdue()
