"""The reports app's subscriber to case and follow-up events (subscribed in ReportsConfig.ready)."""
from __future__ import annotations

from fengqiao.cases.events import CaseChange
from fengqiao.core.coalesce import Coalescer

# The cases whose counts are to follow their latest change, worked off a batch at a time by a worker
# (fengqiao.reports.tasks.counts_refresh_pending); where tasks run eagerly the recount runs at once.
PENDING_RECOUNTS = Coalescer("reports:counts", task_name="fengqiao.reports.counts_refresh_pending")


def recount(case_ids: list[int]) -> None:
    from fengqiao.reports.services import case_counts_refresh_many

    case_counts_refresh_many(case_ids=case_ids)


def on_case_change(event: CaseChange) -> None:
    """Whatever changed, recount the case: its counts move from what it contributed to what it contributes now.
    The events of one case (created, classified, assigned ...) arrive within moments of each other: they are
    coalesced, and a worker recounts the changed cases in batches, so neither the request that changed the case
    nor the database's write lock waits for some fifty row updates per event."""
    PENDING_RECOUNTS.add([event.case_id], recount)
