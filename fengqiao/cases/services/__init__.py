"""Every write to a case goes through these functions: atomic, permission-checked, audited."""
from fengqiao.cases.services.attachments import case_attachment_add
from fengqiao.cases.services.create import case_create
from fengqiao.cases.services.extensions import case_extension_decide, case_extension_request
from fengqiao.cases.services.personal_data import party_reveal
from fengqiao.cases.services.workflow import case_add_note, case_assign, case_transition

__all__ = [
    "case_add_note",
    "case_assign",
    "case_attachment_add",
    "case_create",
    "case_extension_decide",
    "case_extension_request",
    "case_transition",
    "party_reveal",
]
