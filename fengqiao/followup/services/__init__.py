"""Writes of the follow-up app: every one atomic, permission-checked and audited."""
from fengqiao.followup.services.answers import followup_call_record, followup_rate_by_resident
from fengqiao.followup.services.create import (
    followup_create_for,
    followup_open,
    followups_open_due,
    followups_retire_for,
    resolution_of,
)
from fengqiao.followup.services.history import PastAnswer, followups_record_past_answers
from fengqiao.followup.services.review import followup_reopen, followup_review_dismiss, reopen_path

__all__ = [
    "PastAnswer",
    "followup_call_record",
    "followup_create_for",
    "followup_open",
    "followup_rate_by_resident",
    "followup_reopen",
    "followup_review_dismiss",
    "followups_open_due",
    "followups_record_past_answers",
    "followups_retire_for",
    "reopen_path",
    "resolution_of",
]
