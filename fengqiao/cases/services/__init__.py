"""Every write to a case goes through these functions: atomic, permission-checked, audited."""
from fengqiao.cases.services.attachments import case_attachment_add
from fengqiao.cases.services.bulk import (
    BULK_ACTION,
    BulkLoadError,
    BulkReport,
    case_bulk_analyze,
    case_bulk_load,
)
from fengqiao.cases.services.care_team import case_care_team_assign
from fengqiao.cases.services.classify import case_classify
from fengqiao.cases.services.clock import case_clock_pause, case_clock_resume
from fengqiao.cases.services.create import case_create
from fengqiao.cases.services.extensions import case_extension_decide, case_extension_request
from fengqiao.cases.services.joint import (
    JointMeetingInput,
    case_co_task_complete,
    case_co_task_waive,
    case_joint_meeting_record,
)
from fengqiao.cases.services.oversight import case_escalate, case_leader_assign, case_leader_release
from fengqiao.cases.services.personal_data import party_reveal
from fengqiao.cases.services.supervision import (
    case_supervision_close,
    case_supervision_raise,
    case_supervision_reply,
    supervision_raise_overdue,
)
from fengqiao.cases.services.timeline import (
    TimelineEntry,
    case_ensure_visible,
    case_lock,
    case_log_event,
    case_log_events,
)
from fengqiao.cases.services.workflow import case_add_note, case_assign, case_transition

__all__ = [
    "BULK_ACTION",
    "BulkLoadError",
    "BulkReport",
    "TimelineEntry",
    "JointMeetingInput",
    "case_add_note",
    "case_assign",
    "case_attachment_add",
    "case_bulk_analyze",
    "case_bulk_load",
    "case_care_team_assign",
    "case_classify",
    "case_clock_pause",
    "case_clock_resume",
    "case_co_task_complete",
    "case_co_task_waive",
    "case_create",
    "case_ensure_visible",
    "case_escalate",
    "case_extension_decide",
    "case_extension_request",
    "case_joint_meeting_record",
    "case_leader_assign",
    "case_leader_release",
    "case_lock",
    "case_log_event",
    "case_log_events",
    "case_supervision_close",
    "case_supervision_raise",
    "case_supervision_reply",
    "case_transition",
    "party_reveal",
    "supervision_raise_overdue",
]
