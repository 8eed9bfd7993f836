"""A dispute a court sends to a mediation organisation (法院委派/委托调解, 人民法院在线调解规则): the referral's
facts checked at the start, and the dated clocks it runs against (第10条 appointment, 第12条 acceptance,
第24条 mediation period)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fengqiao.core.errors import ValidationFailed
from fengqiao.mediation.choices import COURT_PERIOD_CLOCKS, CourtReferralKind
from fengqiao.mediation.models import Mediation, MediationClock
from fengqiao.mediation.services.common import check_past_date, clean_text


@dataclass(frozen=True)
class CourtReferralInput:
    kind: str
    court_name: str
    received_on: dt.date | None
    applied_on: dt.date | None = None  # when the party applied at the court


def clean_court_referral(referral: CourtReferralInput) -> CourtReferralInput:
    """The referral's kind and court are required; the received date is required and not in the future; the
    party's application date, when given, is not after the received date."""
    if referral.kind not in CourtReferralKind.values:
        raise ValidationFailed(_("请选择法院委派/委托类型。"), field_errors={"court_referral_kind": [_("必选")]})
    court_name = clean_text(referral.court_name, field="court_name", label=_("委派/委托法院"), required=True,
                            max_length=100)
    if referral.received_on is None:
        raise ValidationFailed(_("请填写收到委派/委托日期。"), field_errors={"court_received_on": [_("必填")]})
    check_past_date(referral.received_on, field="court_received_on", label=_("收到委派/委托日期"))
    if referral.applied_on is not None and referral.applied_on > referral.received_on:
        raise ValidationFailed(
            _("当事人向法院申请日期不能晚于收到委派/委托日期。"), field_errors={"court_applied_on": [_("晚于收到日期")]},
        )
    return CourtReferralInput(kind=referral.kind, court_name=court_name, received_on=referral.received_on,
                              applied_on=referral.applied_on)


def close_court_period(mediation: Mediation, *, ended_on: dt.date) -> MediationClock | None:
    """A court-entrusted mediation that ends (agreement, failure, refusal) has run its period: the period clock is
    met on the day it ended. Nothing for other mediations or before acceptance."""
    if not mediation.court_referral_kind:
        return None
    clock = mediation.clocks.filter(kind=COURT_PERIOD_CLOCKS[mediation.court_referral_kind], met_on__isnull=True).first()
    if clock is not None:
        clock.met_on = ended_on
        clock.save(update_fields=["met_on"])
    return clock


def refuse_second_court_referral(mediation: Mediation) -> None:
    """A court-entrusted mediation that fails goes back to the court that sent it: it is not referred again."""
    if mediation.court_referral_kind:
        raise ValidationFailed(
            _("本调解由%(court)s委派/委托，调解不成的退回该法院依法处理，不能再移送诉前调解。") % {"court": mediation.referring_court},
            field_errors={"refer_to_court": [_("法院委派/委托的调解不能再移送")]},
        )
