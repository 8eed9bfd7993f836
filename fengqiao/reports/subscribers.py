"""The reports app's subscriber to case and follow-up events (subscribed in ReportsConfig.ready)."""
from __future__ import annotations

from fengqiao.cases.events import CaseChange


def on_case_change(event: CaseChange) -> None:
    """Whatever changed, recount the case: its counts move from what it contributed to what it contributes now."""
    from fengqiao.reports.services import case_counts_refresh

    case_counts_refresh(case_id=event.case_id)
