"""Writes from the case page's labour section: one form, one service each (see mediation.labour_panel)."""
from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fengqiao.cases.selectors import case_get_visible
from fengqiao.core.errors import ValidationFailed
from fengqiao.core.viewkit import staff_view
from fengqiao.mediation.labour_panel import (
    STEP_ACCEPT,
    STEP_EXTEND,
    ArbitrationStepForm,
    LimitationForm,
    ReferralForm,
    limitation_panel,
    referral_panel,
    step_panel,
)
from fengqiao.mediation.models import ArbitrationReferral
from fengqiao.mediation.services import labour
from fengqiao.mediation.views.common import submit


@staff_view
@require_POST
def labour_limitation(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = limitation_panel(case, LimitationForm(request.POST, auto_id=f"id_c{case.pk}-labour-limitation_%s"))

    def perform(data: dict[str, Any]) -> object:
        return labour.labour_limitation_record(
            case=case, acting_user=request.user, knew_on=data["knew_on"],
            wage_arrears_in_employment=data["wage_arrears_in_employment"],
            employment_ended_on=data.get("employment_ended_on"), interruption_on=data.get("interruption_on"),
            interruption_reason=data.get("interruption_reason", ""), note=data.get("note", ""))

    return submit(request, panel=panel, case=case, mediation=None, perform=perform, success=_("已保存仲裁时效信息。"))


@staff_view
@require_POST
def arbitration_refer(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = referral_panel(case, ReferralForm(request.POST, auto_id=f"id_c{case.pk}-arbitration_%s"))

    def perform(data: dict[str, Any]) -> object:
        return labour.arbitration_refer(case=case, acting_user=request.user, commission=data["commission"],
                                        applied_on=data["commission_received_on"], note=data.get("note", ""))

    return submit(request, panel=panel, case=case, mediation=None, perform=perform, success=_("已登记申请劳动仲裁。"))


@staff_view
@require_POST
def arbitration_step(request: HttpRequest, pk: int) -> HttpResponse:
    referral = ArbitrationReferral.objects.select_related("case").filter(pk=pk).first()
    if referral is None:
        raise Http404
    case = case_get_visible(user=request.user, case_id=referral.case_id)
    panel = step_panel(referral, ArbitrationStepForm(request.POST, auto_id=f"id_a{referral.pk}-step_%s"))

    def perform(data: dict[str, Any]) -> object:
        if data["step"] == STEP_ACCEPT:
            return labour.arbitration_accept(referral=referral, acting_user=request.user, accepted_on=data["on"])
        if data["step"] == STEP_EXTEND:
            return labour.arbitration_extend(referral=referral, acting_user=request.user, extended_on=data["on"],
                                             note=data.get("note", ""))
        if not data.get("outcome"):
            raise ValidationFailed(_("请选择仲裁结果。"), field_errors={"outcome": [_("必选")]})
        return labour.arbitration_outcome(referral=referral, acting_user=request.user, outcome=data["outcome"],
                                          outcome_on=data["on"], award_received_on=data.get("award_received_on"),
                                          note=data.get("note", ""))

    return submit(request, panel=panel, case=case, mediation=None, perform=perform, success=_("已登记劳动仲裁进展。"))
