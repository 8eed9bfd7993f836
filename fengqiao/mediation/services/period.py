"""The mediation period the parties agree, or agree to extend (recorded with their consent)."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import TransitionEffect
from fengqiao.cases.services.agreed import case_step_due_agreed
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.mediation.choices import COURT_PERIOD_CLOCKS
from fengqiao.mediation.models import Mediation
from fengqiao.mediation.services.common import clean_text, ensure_active, lock_mediation, record_event
from fengqiao.mediation.services.start import case_step


@transaction.atomic
def mediation_period_agree(*, mediation: Mediation, acting_user, until: dt.date, consent: str) -> Mediation:
    """The parties agree the mediation period or agree to extend it (人民调解法 sets no period; 人民法院在线调解规则
    第二十四条: the court's periods yield to the parties' agreement). A court-entrusted mediation's period clock moves;
    otherwise the case's 调解中 step does (cases.services.agreed). The consent is recorded on both."""
    mediation = lock_mediation(mediation, acting_user)
    ensure_active(mediation)
    consent = clean_text(consent, field="consent", label=_("当事人约定或同意延长的情况"), required=True, max_length=300)
    if until < timezone.localdate():
        raise ValidationFailed(_("约定的期限不能早于今天。"), field_errors={"until": [_("日期过早")]})
    case = mediation.case
    clock = None
    if mediation.court_referral_kind:
        clock = mediation.clocks.filter(kind=COURT_PERIOD_CLOCKS[mediation.court_referral_kind], met_on__isnull=True).first()
        if clock is None:
            raise TransitionRefused(_("请先确认接受法院的委派/委托，调解期限自确认接受之日起算。"))
        old = clock.end_on
        clock.end_on, clock.warn_on = until, min(clock.warn_on, until)
        clock.overdue_notified_at = None
        clock.note = f"{clock.note}\n{consent}".strip()[:5000]
        clock.save(update_fields=["end_on", "warn_on", "overdue_notified_at", "note"])
        record_event(case, actor=acting_user, action="mediation_period_agreed",
                     note=_("各方当事人同意调解期限至 %(until)s（原 %(old)s，人民法院在线调解规则 第二十四条）：%(consent)s") % {
                         "until": until.isoformat(), "old": old.isoformat(), "consent": consent},
                     data={"mediation": mediation.pk, "clock": clock.pk})
    elif case_step(case, TransitionEffect.FAIL) is not None:  # the case is in its mediation step
        case_step_due_agreed(case=case, acting_user=acting_user, due_on=until, consent=consent)
    else:
        raise TransitionRefused(_("案件不在“调解中”环节，没有可约定的调解期限。"))
    audit_record(actor=acting_user, action="mediation.period_agreed", obj=mediation,
                 after={"until": until.isoformat(), "consent": consent, "court_clock": clock.pk if clock else None})
    return mediation
