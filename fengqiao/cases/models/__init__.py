from fengqiao.cases.models.activity import Assignment, CaseEvent, DeadlineExtension
from fengqiao.cases.models.case import Attachment, Case, Party
from fengqiao.cases.models.workflow import Category, DeadlineRule, DisputeType, Process, State, Transition

__all__ = [
    "Assignment",
    "Attachment",
    "Case",
    "CaseEvent",
    "Category",
    "DeadlineExtension",
    "DeadlineRule",
    "DisputeType",
    "Party",
    "Process",
    "State",
    "Transition",
]
