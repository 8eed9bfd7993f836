from fengqiao.mediation.models.agreement import Agreement, Instalment, PerformanceCheck
from fengqiao.mediation.models.clocks import ClockRule, MediationClock
from fengqiao.mediation.models.directory import Mediator, Organisation
from fengqiao.mediation.models.labour import ArbitrationReferral, LabourLimitation
from fengqiao.mediation.models.mediation import Mediation, MediationSession

__all__ = [
    "Agreement",
    "ArbitrationReferral",
    "ClockRule",
    "Instalment",
    "LabourLimitation",
    "Mediation",
    "MediationClock",
    "MediationSession",
    "Mediator",
    "Organisation",
    "PerformanceCheck",
]
