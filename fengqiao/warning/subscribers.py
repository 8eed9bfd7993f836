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
    """Queue the recomputation (a worker does it where a broker is configured, so the request does not wait; it
    reads the case as it is then, so a late run after the case closed clears the level)."""
    from fengqiao.warning.tasks import warning_case_changed

    warning_case_changed.delay(event.case_id, isinstance(event, events.CaseCreated))


def on_case_closed(event: events.CaseClosed) -> None:
    from fengqiao.warning.services.risk import risk_case_closed

    risk_case_closed(case_id=event.case_id)
