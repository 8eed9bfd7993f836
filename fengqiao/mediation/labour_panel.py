"""The case page's labour section: the arbitration limitation (劳动争议调解仲裁法 第二十七条) and labour arbitration
referrals with their clocks; shown for labour disputes only (the labour clock rules' dispute types)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from fengqiao.cases.models import Case
from fengqiao.cases.permissions import roles_for_case
from fengqiao.core.viewkit import Panel
from fengqiao.mediation.choices import ArbitrationOutcome, ClockStatus
from fengqiao.mediation.deadlines import date_status
from fengqiao.mediation.forms import ActionForm, _date_field
from fengqiao.mediation.models import ArbitrationReferral, LabourLimitation
from fengqiao.mediation.services.labour import is_labour_case, limitation_for

STEP_ACCEPT, STEP_EXTEND, STEP_OUTCOME = "accept", "extend", "outcome"


class LimitationForm(ActionForm):
    knew_on = _date_field(_("知道或者应当知道权利被侵害之日"))
    wage_arrears_in_employment = forms.BooleanField(label=_("劳动关系存续期间因拖欠劳动报酬发生争议"), required=False)
    employment_ended_on = _date_field(_("劳动关系终止之日"), required=False)
    interruption_on = _date_field(_("时效中断之日（可选）"), required=False,
                                  help_text=_("向对方主张权利、向有关部门请求权利救济或对方同意履行义务之日；调解申请日自动计入"))
    interruption_reason = forms.CharField(label=_("中断事由"), required=False, max_length=200)
    note = forms.CharField(label=_("说明"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class ReferralForm(ActionForm):
    commission = forms.CharField(label=_("劳动人事争议仲裁委员会"), max_length=100)
    commission_received_on = _date_field(_("仲裁委收到申请之日"))
    note = forms.CharField(label=_("说明"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))


class ArbitrationStepForm(ActionForm):
    step = forms.ChoiceField(label=_("登记事项"), choices=[(STEP_ACCEPT, _("仲裁委受理")), (STEP_EXTEND, _("批准延期")),
                                                        (STEP_OUTCOME, _("仲裁结果"))])
    on = _date_field(_("日期"))
    outcome = forms.ChoiceField(label=_("结果"), choices=[("", "—"), *ArbitrationOutcome.choices], required=False)
    award_received_on = _date_field(_("收到裁决书之日"), required=False)
    note = forms.CharField(label=_("说明"), required=False, max_length=300)


def limitation_panel(case: Case, form: LimitationForm | None = None) -> Panel:
    key = f"c{case.pk}-labour-limitation"
    row = LabourLimitation.objects.filter(case=case).first()
    initial = {"return_to": "case"}
    if row is not None:
        initial |= {"knew_on": row.knew_on, "wage_arrears_in_employment": row.wage_arrears_in_employment,
                    "employment_ended_on": row.employment_ended_on, "note": row.note}
    return Panel(key=key, url=reverse("mediation:labour_limitation", args=[case.pk]), legend=_("登记仲裁时效信息"),
                 submit=_("保存"), form=form or LimitationForm(initial=initial, auto_id=f"id_{key}_%s"),
                 description=_("劳动争议申请仲裁的时效期间为一年（劳动争议调解仲裁法 第二十七条）。"))


def referral_panel(case: Case, form: ReferralForm | None = None) -> Panel:
    key = f"c{case.pk}-arbitration"
    return Panel(key=key, url=reverse("mediation:arbitration_refer", args=[case.pk]), legend=_("登记申请劳动仲裁"),
                 submit=_("登记"), form=form or ReferralForm(initial={"return_to": "case", "commission_received_on": timezone.localdate()},
                                                         auto_id=f"id_{key}_%s"),
                 description=_("仲裁委收到申请之日起五日内决定是否受理（第二十九条）。"))


def step_panel(referral: ArbitrationReferral, form: ArbitrationStepForm | None = None) -> Panel:
    key = f"a{referral.pk}-step"
    return Panel(key=key, url=reverse("mediation:arbitration_step", args=[referral.pk]), legend=_("登记仲裁进展"),
                 submit=_("登记"), form=form or ArbitrationStepForm(initial={"return_to": "case", "on": timezone.localdate()},
                                                                 auto_id=f"id_{key}_%s"),
                 description=_("受理后四十五日内结案，经主任批准可延长不超过十五日（第四十三条）；不服裁决的，"
                               "自收到裁决书之日起十五日内起诉（第四十八条、第五十条）。"))


@dataclass
class ClockLine:
    label: Any
    end_on: dt.date | None
    status: str

    @property
    def status_label(self) -> str:
        return str(ClockStatus(self.status).label)


def referral_clocks(referral: ArbitrationReferral, today: dt.date) -> list[ClockLine]:
    lines = [ClockLine(_("受理决定（第二十九条）"), referral.accept_due,
                       date_status(end_on=referral.accept_due, warn_on=None, today=today,
                                   done=referral.accepted_on is not None or bool(referral.outcome)))]
    if referral.award_due:
        lines.append(ClockLine(_("仲裁裁决（第四十三条）"), referral.award_due,
                               date_status(end_on=referral.award_due, warn_on=None, today=today, done=bool(referral.outcome))))
    if referral.suit_due:
        lines.append(ClockLine(_("起诉期限（第四十八条、第五十条）"), referral.suit_due,
                               date_status(end_on=referral.suit_due, warn_on=None, today=today)))
    return lines


def labour_panel_context(request: HttpRequest, case: Case) -> dict | None:
    if not is_labour_case(case):
        return None
    can_act = bool(roles_for_case(request.user, case))
    today = timezone.localdate()
    referrals = list(ArbitrationReferral.objects.filter(case=case))
    return {
        "labour_limitation": limitation_for(case, today=today),
        "labour_referrals": [(r, referral_clocks(r, today), step_panel(r) if can_act and r.is_open else None)
                             for r in referrals],
        "labour_limitation_panel": limitation_panel(case) if can_act else None,
        "labour_referral_panel": referral_panel(case) if can_act and not any(r.is_open for r in referrals) else None,
    }
