"""The mediation section of the case page and of the mediation page: each mediation with its sessions,
agreement, clocks and follow-ups, and the forms for what this user may do next."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.models import Case
from fengqiao.cases.permissions import roles_for_case
from fengqiao.core.viewkit import Panel
from fengqiao.mediation.choices import ClockStatus, SessionStatus
from fengqiao.mediation.display import ClockView, clock_view, instalment_status, judicial_confirmation_view
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
from fengqiao.mediation.models import Agreement, Instalment, Mediation, MediationSession
from fengqiao.mediation.ranking import Suggestion, rank_mediators
from fengqiao.mediation.selectors import agreement_for, mediations_for_case

DISPUTE_PROCESS = "dispute"


def _initial(return_to: str, **extra: object) -> dict:
    return {"return_to": return_to, **extra}


def start_panel(case: Case, form: StartForm | None = None, *, return_to: str = "case") -> Panel:
    return Panel(
        key=f"c{case.pk}-mediation-start", url=reverse("mediation:start", args=[case.pk]), legend=_("开始调解"),
        submit=_("开始调解"), style="primary",
        form=form or StartForm(case=case, initial=_initial(return_to), auto_id=f"id_c{case.pk}_start_%s"),
        description=_("当事人申请或调解组织主动调解；一方明确拒绝的，不得调解（人民调解法第十七条）。"),
    )


def assign_panel(mediation: Mediation, suggestions: list[Suggestion], form: AssignMediatorForm | None = None, *,
                 return_to: str = "case") -> Panel:
    key = f"m{mediation.pk}-assign"
    return Panel(
        key=key, url=reverse("mediation:assign", args=[mediation.pk]),
        legend=_("更换调解员") if mediation.mediator_id else _("指派调解员"), submit=_("指派"),
        form=form or AssignMediatorForm(mediation=mediation, suggestions=suggestions, initial=_initial(return_to),
                                        auto_id=f"id_{key}_%s"),
        description=_("推荐按专长、服务区域远近和当前在办数量排序；当事人也可以选择调解员（人民调解法第十九条）。"),
    )


def schedule_panel(mediation: Mediation, form: SessionForm | None = None, *, return_to: str = "case") -> Panel:
    key = f"m{mediation.pk}-session"
    return Panel(
        key=key, url=reverse("mediation:session_schedule", args=[mediation.pk]), legend=_("安排调解"),
        submit=_("安排"), form=form or SessionForm(case=mediation.case, initial=_initial(return_to), auto_id=f"id_{key}_%s"),
    )


def refusal_panel(mediation: Mediation, form: RefusalForm | None = None, *, return_to: str = "case") -> Panel:
    key = f"m{mediation.pk}-refusal"
    return Panel(
        key=key, url=reverse("mediation:refusal", args=[mediation.pk]), legend=_("当事人拒绝调解"),
        submit=_("登记拒绝调解"), style="caution",
        form=form or RefusalForm(case=mediation.case, initial=_initial(return_to), auto_id=f"id_{key}_%s"),
        description=_("登记后本次调解终止，案件可转其他途径处理。"),
    )


def period_panel(mediation: Mediation, form: PeriodForm | None = None, *, return_to: str = "case") -> Panel:
    key = f"m{mediation.pk}-period"
    return Panel(
        key=key, url=reverse("mediation:period", args=[mediation.pk]), legend=_("约定或延长调解期限"),
        submit=_("登记"), form=form or PeriodForm(initial=_initial(return_to), auto_id=f"id_{key}_%s"),
        description=_("人民调解法未规定调解期限：当事人约定期限的从其约定，同意延长的可以延长（人民法院在线调解规则 第二十四条"
                      "亦同）。请记录当事人同意的情况。"),
    )


def minutes_panel(session: MediationSession, form: MinutesForm | None = None, *, return_to: str = "case") -> Panel:
    key = f"s{session.pk}-minutes"
    return Panel(
        key=key, url=reverse("mediation:session_minutes", args=[session.mediation_id, session.pk]),
        legend=_("记录第%(n)d次调解") % {"n": session.number}, submit=_("保存调解记录"),
        form=form or MinutesForm(session=session, initial=_initial(return_to), auto_id=f"id_{key}_%s"),
    )


def cancel_panel(session: MediationSession, form: CancelSessionForm | None = None, *, return_to: str = "case") -> Panel:
    key = f"s{session.pk}-cancel"
    return Panel(
        key=key, url=reverse("mediation:session_cancel", args=[session.mediation_id, session.pk]),
        legend=_("取消第%(n)d次调解") % {"n": session.number}, submit=_("取消调解"), style="caution",
        form=form or CancelSessionForm(initial=_initial(return_to), auto_id=f"id_{key}_%s"),
    )


def agreement_panel(mediation: Mediation, agreement: Agreement | None, form: AgreementForm | None = None, *,
                    return_to: str = "case") -> Panel:
    key = f"m{mediation.pk}-agreement"
    initial = _initial(return_to, **AgreementForm.initial_from(agreement))
    return Panel(
        key=key, url=reverse("mediation:agreement_draft", args=[mediation.pk]),
        legend=_("修改调解协议书") if agreement else _("达成协议：制作调解协议书"),
        submit=_("保存协议书"), style="" if agreement else "primary",
        form=form or AgreementForm(initial=initial, auto_id=f"id_{key}_%s"),
        description=_("保存后可下载协议书（PDF）供各方签署；签署后登记生效日期。"),
    )


def sign_panel(agreement: Agreement, form: SignForm | None = None, *, return_to: str = "case") -> Panel:
    key = f"a{agreement.pk}-sign"
    return Panel(
        key=key, url=reverse("mediation:agreement_sign", args=[agreement.mediation_id]), legend=_("登记协议生效"),
        submit=_("登记生效"), style="primary",
        form=form or SignForm(initial=_initial(return_to), auto_id=f"id_{key}_%s"),
        description=_("各方当事人签名、盖章或按指印，调解员签名并加盖调解组织印章之日起生效（人民调解法第二十九条）；"
                      "自生效之日起计算申请司法确认的期限。"),
    )


def confirmation_panel(agreement: Agreement, form: ConfirmationForm | None = None, *, return_to: str = "case") -> Panel:
    key = f"a{agreement.pk}-confirmation"
    initial = _initial(return_to, applied_on=agreement.confirmation_applied_on, court=agreement.confirmation_court,
                       result=agreement.confirmation_result or "pending", result_on=agreement.confirmation_result_on,
                       note=agreement.confirmation_note)
    return Panel(
        key=key, url=reverse("mediation:confirmation", args=[agreement.mediation_id]), legend=_("登记司法确认"),
        submit=_("保存"), form=form or ConfirmationForm(initial=initial, auto_id=f"id_{key}_%s"),
    )


def check_panel(instalment: Instalment, form: CheckForm | None = None, *, return_to: str = "case") -> Panel:
    key = f"i{instalment.pk}-check"
    return Panel(
        key=key, url=reverse("mediation:performance_check", args=[instalment.agreement.mediation_id, instalment.pk]),
        legend=_("回访第%(n)d期履行情况") % {"n": instalment.number}, submit=_("保存回访"),
        form=form or CheckForm(initial=_initial(return_to), auto_id=f"id_{key}_%s"),
    )


def court_acceptance_panel(mediation: Mediation, form: CourtAcceptanceForm | None = None, *,
                           return_to: str = "case") -> Panel:
    key = f"m{mediation.pk}-court-acceptance"
    return Panel(
        key=key, url=reverse("mediation:court_acceptance", args=[mediation.pk]), legend=_("确认接受委派/委托"),
        submit=_("确认接受"), style="primary",
        form=form or CourtAcceptanceForm(initial=_initial(return_to), auto_id=f"id_{key}_%s"),
        description=_("调解组织或调解员应在收到委派/委托后三个工作日内确认接受；调解期限自确认接受之日起算"
                      "（人民法院在线调解规则第十二条、第二十四条）。"),
    )


def fail_panel(mediation: Mediation, form: FailForm | None = None, *, return_to: str = "case") -> Panel:
    key = f"m{mediation.pk}-fail"
    return Panel(
        key=key, url=reverse("mediation:fail", args=[mediation.pk]), legend=_("调解不成"), submit=_("终止调解"),
        style="caution", form=form or FailForm(case=mediation.case, court_entrusted=mediation.is_court_entrusted,
                                               initial=_initial(return_to), auto_id=f"id_{key}_%s"),
        description=_("终止调解，告知当事人可以通过仲裁、行政、诉讼等途径维护权利（人民调解法第二十六条）。"),
    )


@dataclass
class SessionView:
    session: MediationSession
    panels: list[Panel] = field(default_factory=list)


@dataclass
class InstalmentView:
    instalment: Instalment
    status: str
    panel: Panel | None = None

    @property
    def label(self) -> str:
        shown = self.instalment.get_status_display()
        return _("%(status)s（已逾期）") % {"status": shown} if self.status == ClockStatus.RED else str(shown)


@dataclass
class MediationView:
    mediation: Mediation
    agreement: Agreement | None
    sessions: list[SessionView]
    clocks: list[ClockView]
    instalments: list[InstalmentView]
    suggestions: list[Suggestion]
    panels: list[Panel]
    agreement_panels: list[Panel]
    pdf_url: str = ""
    overdue_instalments: int = 0


def mediation_view(mediation: Mediation, *, can_act: bool, return_to: str = "case",
                   overrides: dict[str, Panel] | None = None) -> MediationView:
    overrides = overrides or {}
    today = timezone.localdate()
    agreement = agreement_for(mediation)
    active = mediation.is_active
    sessions = []
    for session in mediation.sessions.all():
        panels = []
        if can_act and session.status == SessionStatus.SCHEDULED:
            panels = [minutes_panel(session, return_to=return_to), cancel_panel(session, return_to=return_to)]
        sessions.append(SessionView(session=session, panels=[overrides.get(p.key, p) for p in panels]))
    clocks = []
    if agreement is not None:
        jc = judicial_confirmation_view(agreement, today=today)
        if jc is not None:
            clocks.append(jc)
    clocks += [clock_view(c, today=today, mediation_active=active) for c in mediation.clocks.all()]
    instalments = []
    if agreement is not None and agreement.is_effective:
        for instalment in agreement.instalments.all():
            status = instalment_status(instalment, today=today)
            panel = check_panel(instalment, return_to=return_to) if can_act and status != ClockStatus.DONE else None
            instalments.append(InstalmentView(instalment=instalment, status=status,
                                              panel=overrides.get(panel.key, panel) if panel else None))
    suggestions: list[Suggestion] = []
    panels: list[Panel] = []
    agreement_panels: list[Panel] = []
    if can_act and active:
        suggestions = rank_mediators(case=mediation.case, organisation=mediation.organisation, limit=5)
        panels = [assign_panel(mediation, suggestions, return_to=return_to), schedule_panel(mediation, return_to=return_to),
                  agreement_panel(mediation, agreement, return_to=return_to)]
        if mediation.is_court_entrusted and mediation.court_accepted_on is None:
            panels.insert(0, court_acceptance_panel(mediation, return_to=return_to))
        if agreement is not None:
            panels.append(sign_panel(agreement, return_to=return_to))
        panels += [period_panel(mediation, return_to=return_to), fail_panel(mediation, return_to=return_to),
                   refusal_panel(mediation, return_to=return_to)]
    if can_act and agreement is not None and agreement.is_effective:
        agreement_panels.append(confirmation_panel(agreement, return_to=return_to))
    return MediationView(
        mediation=mediation, agreement=agreement, sessions=sessions, clocks=clocks, instalments=instalments,
        suggestions=suggestions, panels=[overrides.get(p.key, p) for p in panels],
        agreement_panels=[overrides.get(p.key, p) for p in agreement_panels],
        pdf_url=reverse("mediation:agreement_pdf", args=[mediation.pk]) if agreement is not None and can_act else "",
        overdue_instalments=sum(1 for i in instalments if i.status == ClockStatus.RED),
    )


def case_panel_context(request: HttpRequest, case: Case) -> dict | None:
    """The case page's mediation section (None hides it: a petition or work order that was never mediated)."""
    mediations = mediations_for_case(case=case)
    if case.process.code != DISPUTE_PROCESS and not mediations:
        return None
    can_act = bool(roles_for_case(request.user, case))
    views = [mediation_view(m, can_act=can_act, return_to="case") for m in mediations]
    may_start = can_act and case.is_open and not any(m.is_active for m in mediations)
    waiting_state = ""
    if case.process.code == DISPUTE_PROCESS and any(m.is_active for m in mediations) and case.state.code != "mediating":
        waiting_state = case.state.name
    # The case already says 调解中 (accepted on the case page) but no mediation is recorded here yet: say that,
    # not "not started", which would contradict the case's own step.
    unrecorded_state = case.state.name if not mediations and case.state.code == "mediating" else ""
    return {
        "mediation_waiting_state": waiting_state,
        "mediation_unrecorded_state": unrecorded_state,
        "mediation_case": case,
        "mediation_views": views,
        "mediation_start_panel": start_panel(case) if may_start else None,
        "mediation_can_act": can_act,
    }
