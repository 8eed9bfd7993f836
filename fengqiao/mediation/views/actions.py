"""Writes from the case page's mediation section and the mediation page: one form, one service each."""
from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from fengqiao.cases.selectors import case_get_visible
from fengqiao.core.viewkit import staff_view
from fengqiao.mediation import services
from fengqiao.mediation.forms import (
    AgreementForm,
    AssignMediatorForm,
    CancelSessionForm,
    CheckForm,
    ConfirmationForm,
    CourtAcceptanceForm,
    FailForm,
    MinutesForm,
    PeriodForm,
    RefusalForm,
    SessionForm,
    SignForm,
    StartForm,
)
from fengqiao.mediation.models import Instalment, Mediation, MediationSession
from fengqiao.mediation.panel import (
    agreement_panel,
    assign_panel,
    cancel_panel,
    check_panel,
    confirmation_panel,
    court_acceptance_panel,
    fail_panel,
    minutes_panel,
    period_panel,
    refusal_panel,
    schedule_panel,
    sign_panel,
    start_panel,
)
from fengqiao.mediation.ranking import rank_mediators
from fengqiao.mediation.selectors import agreement_for, mediation_get_visible
from fengqiao.mediation.views.common import submit


def _agreement_or_404(mediation: Mediation):
    agreement = agreement_for(mediation)
    if agreement is None:
        raise Http404
    return agreement


def _session_or_404(mediation: Mediation, session_id: int) -> MediationSession:
    session = next((s for s in mediation.sessions.all() if s.pk == session_id), None)
    if session is None:
        raise Http404
    return session


@staff_view
@require_POST
def start(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    panel = start_panel(case, StartForm(request.POST, case=case, auto_id=f"id_c{case.pk}_start_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.mediation_start(
            case=case, acting_user=request.user, channel=data["channel"], organisation=data["organisation"],
            mediator=data.get("mediator"), applied_on=data["applied_on"], note=data.get("note", ""),
            court_referral=panel.form.court_referral(),
        )

    return submit(request, panel=panel, case=case, mediation=None, perform=perform, success=_("已开始调解。"))


@staff_view
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    ranked = rank_mediators(case=mediation.case, organisation=mediation.organisation, limit=5)
    key = f"m{mediation.pk}-assign"
    panel = assign_panel(mediation, ranked, AssignMediatorForm(request.POST, mediation=mediation, suggestions=ranked,
                                                                auto_id=f"id_{key}_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.mediation_assign_mediator(mediation=mediation, mediator=data["mediator"],
                                                  acting_user=request.user, reason=data.get("reason", ""))

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已指派调解员。"))


@staff_view
@require_POST
def refusal(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    panel = refusal_panel(mediation, RefusalForm(request.POST, case=mediation.case, auto_id=f"id_m{mediation.pk}-refusal_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.mediation_record_refusal(mediation=mediation, party=data["party"], acting_user=request.user,
                                                 refused_on=data["refused_on"], note=data.get("note", ""))

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已登记当事人拒绝调解，本次调解终止。"))


@staff_view
@require_POST
def period(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    panel = period_panel(mediation, PeriodForm(request.POST, auto_id=f"id_m{mediation.pk}-period_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.mediation_period_agree(mediation=mediation, acting_user=request.user, until=data["until"],
                                               consent=data["consent"])

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已登记当事人约定的调解期限。"))


@staff_view
@require_POST
def session_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    panel = schedule_panel(mediation, SessionForm(request.POST, case=mediation.case, auto_id=f"id_m{mediation.pk}-session_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.session_schedule(mediation=mediation, acting_user=request.user,
                                         scheduled_at=data["scheduled_at"], place=data["place"],
                                         parties=data["parties"], staff=data["staff"])

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已安排调解。"))


@staff_view
@require_POST
def session_minutes(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    session = _session_or_404(mediation, session_id)
    panel = minutes_panel(session, MinutesForm(request.POST, session=session, auto_id=f"id_s{session.pk}-minutes_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.session_minute(session=session, acting_user=request.user, minutes=data["minutes"],
                                       outcome=data["outcome"], attended_parties=data["attended_parties"],
                                       attended_staff=data["attended_staff"], held_at=data.get("held_at"))

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已保存调解记录。"))


@staff_view
@require_POST
def session_cancel(request: HttpRequest, pk: int, session_id: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    session = _session_or_404(mediation, session_id)
    panel = cancel_panel(session, CancelSessionForm(request.POST, auto_id=f"id_s{session.pk}-cancel_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.session_cancel(session=session, acting_user=request.user, reason=data["reason"])

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已取消该次调解。"))


@staff_view
@require_POST
def agreement_draft(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    agreement = agreement_for(mediation)
    panel = agreement_panel(mediation, agreement, AgreementForm(request.POST, auto_id=f"id_m{mediation.pk}-agreement_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.agreement_draft(
            mediation=mediation, acting_user=request.user, facts=data["facts"], terms=data["terms"],
            performance_method=data["performance_method"], performance_deadline=data.get("performance_deadline"),
            instalments=data["instalments"],
        )

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已保存调解协议书，可下载打印供各方签署。"))


@staff_view
@require_POST
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    agreement = _agreement_or_404(mediation)
    panel = sign_panel(agreement, SignForm(request.POST, auto_id=f"id_a{agreement.pk}-sign_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.agreement_sign(agreement=agreement, acting_user=request.user, signed_on=data["signed_on"])

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("调解协议已生效，调解成功。"))


@staff_view
@require_POST
def confirmation(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    agreement = _agreement_or_404(mediation)
    panel = confirmation_panel(agreement, ConfirmationForm(request.POST, auto_id=f"id_a{agreement.pk}-confirmation_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.agreement_record_confirmation(
            agreement=agreement, acting_user=request.user, applied_on=data["applied_on"], court=data["court"],
            result=data["result"], result_on=data.get("result_on"), note=data.get("note", ""),
        )

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已登记司法确认。"))


@staff_view
@require_POST
def performance_check(request: HttpRequest, pk: int, instalment_id: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    agreement = _agreement_or_404(mediation)
    instalment = Instalment.objects.filter(agreement=agreement, pk=instalment_id).select_related("agreement").first()
    if instalment is None:
        raise Http404
    panel = check_panel(instalment, CheckForm(request.POST, auto_id=f"id_i{instalment.pk}-check_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.performance_check_record(instalment=instalment, acting_user=request.user,
                                                 result=data["result"], note=data.get("note", ""),
                                                 checked_on=data["checked_on"])

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已保存履行回访。"))


@staff_view
@require_POST
def fail(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    panel = fail_panel(mediation, FailForm(request.POST, case=mediation.case, court_entrusted=mediation.is_court_entrusted,
                                           auto_id=f"id_m{mediation.pk}-fail_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.mediation_fail(
            mediation=mediation, acting_user=request.user, reason=data["reason"], routes=data["routes"],
            refer_to_court=data.get("refer_to_court", False), court_organisation=data.get("court_organisation"),
            court_name=data.get("court_name", ""), court_accepted_on=data.get("court_accepted_on"),
        )

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已终止调解并告知其他途径。"))


@staff_view
@require_POST
def court_acceptance(request: HttpRequest, pk: int) -> HttpResponse:
    mediation = mediation_get_visible(user=request.user, mediation_id=pk)
    key = f"m{mediation.pk}-court-acceptance"
    panel = court_acceptance_panel(mediation, CourtAcceptanceForm(request.POST, auto_id=f"id_{key}_%s"))

    def perform(data: dict[str, Any]) -> object:
        return services.mediation_confirm_court_acceptance(mediation=mediation, acting_user=request.user,
                                                           accepted_on=data["accepted_on"])

    return submit(request, panel=panel, case=mediation.case, mediation=mediation, perform=perform,
                  success=_("已确认接受委派/委托，调解期限开始计算。"))
