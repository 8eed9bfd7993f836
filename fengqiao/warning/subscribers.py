"""The warning app's subscribers to case events (subscribed in WarningConfig.ready): a case's keys, clusters and
risk level follow each committed change; a closed case loses its level and override."""
from __future__ import annotations

from fengqiao.cases import events

# Changes after which the facts of a case may differ (its parties, state, clock, handling).
RECOMPUTE_ON: tuple[type[events.CaseChange], ...] = (
    events.CaseCreated, events.CaseTransitioned, events.CaseReopened, events.CaseAssigned, events.CaseNoteAdded,
    events.CaseClockPaused, events.CaseClockResumed, events.CaseEscalated, events.SupervisionRaised,
    events.ExtensionDecided, events.LeaderAssigned,
)


def on_case_changed(event: events.CaseChange) -> None:
    from fengqiao.warning.services.clusters import clusters_refresh_for
    from fengqiao.warning.services.keys import matter_keys_refresh
    from fengqiao.warning.services.risk import risk_recompute

    if isinstance(event, events.CaseCreated):
        matter_keys_refresh(case_ids=[event.case_id])
        clusters_refresh_for(case_ids=[event.case_id])
    risk_recompute(case_ids=[event.case_id])


def on_case_closed(event: events.CaseClosed) -> None:
    from fengqiao.warning.services.risk import risk_case_closed

    risk_case_closed(case_id=event.case_id)
