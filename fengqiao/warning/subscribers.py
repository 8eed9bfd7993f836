"""The warning app's subscribers to case events (subscribed in WarningConfig.ready): a case's keys, clusters and
risk level follow each committed change; a closed case loses its level and override."""
from __future__ import annotations

from fengqiao.cases import events
from fengqiao.core.coalesce import Coalescer

# Changes after which the facts of a case may differ (its parties, state, clock, handling).
RECOMPUTE_ON: tuple[type[events.CaseChange], ...] = (
    events.CaseCreated, events.CaseTransitioned, events.CaseReopened, events.CaseAssigned, events.CaseNoteAdded,
    events.CaseClockPaused, events.CaseClockResumed, events.CaseEscalated, events.SupervisionRaised,
    events.ExtensionDecided, events.LeaderAssigned,
)

# New cases (keys, clusters, then the level) and changed ones (the level): each worked off a batch at a time by a
# worker (fengqiao.warning.tasks); where tasks run eagerly the work runs at once.
PENDING_NEW = Coalescer("warning:new", task_name="fengqiao.warning.new_cases_pending")
PENDING_CHANGED = Coalescer("warning:changed", task_name="fengqiao.warning.changed_cases_pending")


def new_cases(case_ids: list[int]) -> None:
    """Keys for the new cases, each joins the cluster of its linked cases, then their levels."""
    from fengqiao.warning.services.clusters import clusters_attach_new
    from fengqiao.warning.services.keys import matter_keys_refresh
    from fengqiao.warning.services.risk import risk_recompute

    matter_keys_refresh(case_ids=case_ids)
    for case_id in case_ids:
        clusters_attach_new(case_id=case_id)
    risk_recompute(case_ids=case_ids)


def changed_cases(case_ids: list[int]) -> None:
    from fengqiao.warning.services.risk import risk_recompute

    risk_recompute(case_ids=case_ids)


def on_case_changed(event: events.CaseChange) -> None:
    """Queue the recomputation (coalesced: the events of one case within moments are one recomputation, and a
    worker takes the changed cases in batches, so the request does not wait; it reads the cases as they are then,
    so a late run after a case closed clears its level)."""
    if isinstance(event, events.CaseCreated):
        PENDING_NEW.add([event.case_id], new_cases)
    else:
        PENDING_CHANGED.add([event.case_id], changed_cases)


def on_case_closed(event: events.CaseClosed) -> None:
    from fengqiao.warning.services.risk import risk_case_closed

    risk_case_closed(case_id=event.case_id)
