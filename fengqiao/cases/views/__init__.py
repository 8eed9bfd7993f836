"""Staff pages of the case app, one module per page."""
from fengqiao.cases.views.attachments import attachment_download
from fengqiao.cases.views.audit import case_audit
from fengqiao.cases.views.case_actions import (
    attachment_upload,
    co_handler_add,
    extension_decide,
    extension_request,
    note_add,
    transition,
)
from fengqiao.cases.views.case_create import case_create, party_row
from fengqiao.cases.views.case_detail import case_detail
from fengqiao.cases.views.case_list import case_list
from fengqiao.cases.views.my_work import my_work
from fengqiao.cases.views.notices import notice_download
from fengqiao.cases.views.oversight_actions import (
    clock_pause,
    clock_resume,
    co_task_done,
    co_task_waive,
    escalate,
    joint_meeting_add,
    leader_assign,
    leader_release,
    supervision_add,
    supervision_close,
    supervision_reply,
)
from fengqiao.cases.views.reveal import party_reveal

__all__ = [
    "attachment_download",
    "clock_pause",
    "clock_resume",
    "co_task_done",
    "co_task_waive",
    "escalate",
    "joint_meeting_add",
    "leader_assign",
    "leader_release",
    "notice_download",
    "supervision_add",
    "supervision_close",
    "supervision_reply",
    "attachment_upload",
    "case_audit",
    "case_create",
    "case_detail",
    "case_list",
    "co_handler_add",
    "extension_decide",
    "extension_request",
    "my_work",
    "note_add",
    "party_reveal",
    "party_row",
    "transition",
]
