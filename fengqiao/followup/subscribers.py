"""The follow-up app's subscribers to case events (subscribed in FollowupConfig.ready)."""
from __future__ import annotations

from fengqiao.cases.events import CaseClosed, CaseReopened
from fengqiao.cases.models import Case


def on_case_closed(event: CaseClosed) -> None:
    """A case left handling: its follow-up comes due (none for a step that settles nothing, 不予受理 say)."""
    from fengqiao.followup.services import followup_create_for

    if event.ends_unsettled:
        return
    followup_create_for(case=Case(pk=event.case_id))


def on_case_reopened(event: CaseReopened) -> None:
    """A case went back to handling: its pending follow-up no longer applies (the next resolution gets its own)."""
    from fengqiao.followup.services import followups_retire_for

    followups_retire_for(case_id=event.case_id)
