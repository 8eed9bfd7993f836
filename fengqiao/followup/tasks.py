"""Periodic work of the follow-up app (Celery beat runs it; see CELERY_BEAT_SCHEDULE in settings)."""
from __future__ import annotations

from fengqiao.config.celery import app
from fengqiao.followup.services import followups_open_due


@app.task(name="fengqiao.followup.open_due")
def followup_open_due() -> int:
    """Create the follow-ups of recently resolved or closed cases that have none yet."""
    return followups_open_due()
