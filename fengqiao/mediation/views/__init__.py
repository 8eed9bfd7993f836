from fengqiao.mediation.views.actions import (
    agreement_draft,
    agreement_sign,
    assign,
    confirmation,
    court_acceptance,
    fail,
    performance_check,
    period,
    refusal,
    session_cancel,
    session_minutes,
    session_schedule,
    start,
)
from fengqiao.mediation.views.labour import arbitration_refer, arbitration_step, labour_limitation
from fengqiao.mediation.views.pages import directory, mediation_detail, suggestions
from fengqiao.mediation.views.pdf import agreement_download

__all__ = [
    "arbitration_refer",
    "arbitration_step",
    "labour_limitation",
    "agreement_download",
    "agreement_draft",
    "agreement_sign",
    "assign",
    "confirmation",
    "court_acceptance",
    "directory",
    "fail",
    "mediation_detail",
    "performance_check",
    "period",
    "refusal",
    "session_cancel",
    "session_minutes",
    "session_schedule",
    "start",
    "suggestions",
]
