"""The reports app's subscriber to case and follow-up events (subscribed in ReportsConfig.ready)."""
from __future__ import annotations

from fengqiao.cases.events import CaseChange


def on_case_change(event: CaseChange) -> None:
    """Whatever changed, recount the case: its counts move from what it contributed to what it contributes now.
    The recount (some fifty row updates) is a task: a worker does it where a broker is configured, so the request
    that changed the case does not wait; without one (tests, a single laptop) it runs here, at once."""
    from fengqiao.reports.tasks import counts_refresh_case

    counts_refresh_case.delay(event.case_id)
