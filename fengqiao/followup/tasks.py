"""Tasks of the follow-up app. Follow-ups open on the case_closed event (followup.subscribers); this task is only
the catch-up, run by hand (e.g. after an import), no longer on a schedule."""
from __future__ import annotations

from fengqiao.config.celery import app
from fengqiao.followup.services import followups_open_due


@app.task(name="fengqiao.followup.open_due")
def followup_open_due() -> int:
    """Create the follow-ups of recently resolved or closed cases that have none yet (the catch-up)."""
    return followups_open_due()
