"""The events a case step publishes (fengqiao.cases.events), built from the rows the step wrote."""
from __future__ import annotations

import datetime as dt

from fengqiao.cases import events
from fengqiao.cases.choices import AssignmentRole, StateKind
from fengqiao.cases.models import Case, Transition

DONE_KINDS = (StateKind.RESOLVED, StateKind.CLOSED)


def publish_step(*, case: Case, transition: Transition, acting_user, now: dt.datetime,
                 lead_changed: bool) -> None:
    """case_transitioned always; case_assigned when the step gave the case a (new) lead; case_closed when it left
    handling (open → resolved or closed); case_reopened when it went back to handling."""
    actor = getattr(acting_user, "pk", None)
    from_state, to_state = transition.from_state, transition.to_state
    events.publish(events.CaseTransitioned(
        case_id=case.pk, acting_user_id=actor, at=now, action=transition.action, from_state=from_state.code,
        to_state=to_state.code, from_kind=from_state.kind, to_kind=to_state.kind,
    ))
    if lead_changed and (case.lead_user_id or case.lead_department_id):
        events.publish(events.CaseAssigned(case_id=case.pk, acting_user_id=actor, at=now, role=AssignmentRole.LEAD,
                                           user_id=case.lead_user_id, department_id=case.lead_department_id))
    if from_state.kind == StateKind.OPEN and to_state.kind in DONE_KINDS:
        events.publish(events.CaseClosed(case_id=case.pk, acting_user_id=actor, at=now, action=transition.action,
                                         state=to_state.code, state_kind=to_state.kind,
                                         ends_unsettled=to_state.ends_unsettled))
    elif from_state.kind in DONE_KINDS and to_state.kind == StateKind.OPEN:
        events.publish(events.CaseReopened(case_id=case.pk, acting_user_id=actor, at=now, action=transition.action,
                                           state=to_state.code))
