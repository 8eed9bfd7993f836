from fengqiao.cases.models.activity import Assignment, CaseEvent, DeadlineExtension
from fengqiao.cases.models.case import Attachment, Case, Party
from fengqiao.cases.models.clock import ClockPause, PauseGround
from fengqiao.cases.models.coordination import JointMeeting
from fengqiao.cases.models.notices import CaseNotice, NoticeChannel
from fengqiao.cases.models.oversight import Escalation, LeaderCase, Supervision
from fengqiao.cases.models.petition import PetitionAnswer, PetitionDetail, PetitionReviewRequest
from fengqiao.cases.models.workflow import Category, DeadlineRule, DisputeType, Process, State, Transition

__all__ = [
    "Assignment",
    "Attachment",
    "Case",
    "CaseEvent",
    "CaseNotice",
    "Category",
    "ClockPause",
    "DeadlineExtension",
    "DeadlineRule",
    "DisputeType",
    "Escalation",
    "JointMeeting",
    "LeaderCase",
    "NoticeChannel",
    "Party",
    "PetitionAnswer",
    "PetitionDetail",
    "PetitionReviewRequest",
    "PauseGround",
    "Process",
    "State",
    "Supervision",
    "Transition",
]
