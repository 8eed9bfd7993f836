"""The generator's vocabulary: what it writes are the cases app's descriptions of a case and its steps
(fengqiao.cases.specs), which fengqiao.cases.services.case_bulk_load writes as the case services would.

Places are region codes, departments are department codes and people are usernames, so the generator never
needs the database and the same seed always describes the same cases.
"""
from fengqiao.cases.specs import (
    ASSIGN_CO,
    CO_TASK_DONE,
    EXTENSION_APPROVE,
    EXTENSION_REQUEST,
    NON_TRANSITIONS,
    NOTE,
    AnswerSpec,
    CaseSpec,
    PartySpec,
    ReviewSpec,
    StepSpec,
)

__all__ = ["ASSIGN_CO", "CO_TASK_DONE", "EXTENSION_APPROVE", "EXTENSION_REQUEST", "NON_TRANSITIONS", "NOTE",
           "AnswerSpec", "CaseSpec", "PartySpec", "ReviewSpec", "StepSpec"]
