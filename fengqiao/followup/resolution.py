"""When a case last left handling, and which follow-up rule applies to it (reads shared by services and selectors)."""
from __future__ import annotations

import datetime as dt

from django.db.models import OuterRef, Q, Subquery

from fengqiao.cases.choices import EventKind, StateKind
from fengqiao.cases.models import Case, CaseEvent, State
from fengqiao.followup.models import FollowUpRule

DONE_KINDS = (StateKind.RESOLVED, StateKind.CLOSED)  # steps that end handling; those with State.ends_unsettled
# (不予受理, 告知其他途径) end it without resolving anything: no follow-up, no settlement figure


def rule_for(case: Case) -> FollowUpRule | None:
    """The process's own active rule, else the first active rule for all processes."""
    rules = FollowUpRule.objects.filter(Q(process_id=case.process_id) | Q(process__isnull=True), is_active=True)
    return min(rules, key=lambda r: (r.process_id is None, r.pk), default=None)


def resolutions_subquery() -> Subquery:
    """For each case: when it last went from handling (an open state) to resolved or closed."""
    return Subquery(
        CaseEvent.objects.filter(case_id=OuterRef("pk"), kind=EventKind.TRANSITION, from_state__kind=StateKind.OPEN,
                                 to_state__kind__in=DONE_KINDS, to_state__ends_unsettled=False)
        .order_by("-created_at", "-id").values("created_at")[:1]
    )


def resolution_of(case: Case) -> tuple[dt.datetime, State] | None:
    """When and into which state the case last left handling; None while it is open."""
    if case.state.kind not in DONE_KINDS or case.state.ends_unsettled:
        return None
    event = (
        CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION, from_state__kind=StateKind.OPEN,
                                 to_state__kind__in=DONE_KINDS)
        .select_related("to_state").order_by("-created_at", "-id").first()
    )
    if event is not None:
        return event.created_at, event.to_state
    # A case that never moved through a transition (an import, say): its closing time, else its last change.
    return (case.closed_at or case.updated_at), case.state
