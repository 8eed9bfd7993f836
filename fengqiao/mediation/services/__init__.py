"""Every write of the mediation app: atomic, keyword-only, permission-checked, audited, on the case timeline."""
from fengqiao.mediation.services.agreement import (
    InstalmentInput,
    agreement_draft,
    agreement_record_confirmation,
    agreement_sign,
)
from fengqiao.mediation.services.court_acceptance import mediation_confirm_court_acceptance
from fengqiao.mediation.services.court_overdue import court_clock_overdue_sweep
from fengqiao.mediation.services.court_referral import CourtReferralInput
from fengqiao.mediation.services.directory import mediator_create, organisation_create
from fengqiao.mediation.services.failure import mediation_fail
from fengqiao.mediation.services.performance import (
    performance_check_record,
    performance_overdue_sweep,
    session_reminders_send,
)
from fengqiao.mediation.services.period import mediation_period_agree
from fengqiao.mediation.services.sessions import session_cancel, session_minute, session_schedule
from fengqiao.mediation.services.start import (
    mediation_assign_mediator,
    mediation_record_refusal,
    mediation_start,
)

__all__ = [
    "CourtReferralInput",
    "InstalmentInput",
    "agreement_draft",
    "agreement_record_confirmation",
    "agreement_sign",
    "court_clock_overdue_sweep",
    "mediation_assign_mediator",
    "mediation_confirm_court_acceptance",
    "mediation_fail",
    "mediation_period_agree",
    "mediation_record_refusal",
    "mediation_start",
    "mediator_create",
    "organisation_create",
    "performance_check_record",
    "performance_overdue_sweep",
    "session_cancel",
    "session_minute",
    "session_reminders_send",
    "session_schedule",
]
