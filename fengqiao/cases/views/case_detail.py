"""The case page: everything about one case, and the forms for what this user may do next."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from fengqiao.audit.models import PersonalDataAccess
from fengqiao.audit.services import personal_data_access_record
from fengqiao.cases import seen
from fengqiao.cases.choices import LEAD_EFFECTS, ExtensionStatus, TransitionEffect
from fengqiao.cases.forms import (
    AttachmentUploadForm,
    CoHandlerForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    NoteForm,
    TransitionForm,
    explain_rule_due,
)
from fengqiao.cases.limits import step_limits
from fengqiao.cases.models import Case, Transition
from fengqiao.cases.panels import steps_owned_elsewhere
from fengqiao.cases.permissions import may_decide_extension
from fengqiao.cases.petition_forms import add_petition_fields
from fengqiao.cases.selectors import CaseDetail, case_detail_load, case_get_visible
from fengqiao.core.viewkit import Panel, staff_view

# Steps shown as a caution (a step back, an end without settlement, a reopening), by what they do.
CAUTION_EFFECTS = {TransitionEffect.RETURN, TransitionEffect.REFUSED, TransitionEffect.DECLINE, TransitionEffect.FAIL,
                   TransitionEffect.REOPEN}


def transition_form(case: Case, transition: Transition, data: dict | None = None, *, key: str) -> TransitionForm:
    form = TransitionForm(data, case=case, needs_target=transition.effect in LEAD_EFFECTS,
                          notice_kind=transition.notice_kind, needs_routes=transition.requires_routes,
                          initial={"version": case.version}, auto_id=f"id_{key}_%s")
    if transition.from_state_id == case.state_id:
        add_petition_fields(form, case, transition)
    if "due_on" in form.fields and transition.from_state_id == case.state_id:
        explain_rule_due(form.fields["due_on"], case=case, state=transition.to_state)
    # A step from another state (the case moved on since the form was shown) is left to the service,
    # which answers "stale" or "not allowed now" instead of asking for a note.
    if transition.requires_note and transition.from_state_id == case.state_id:
        form.fields["note"].required = True
        form.fields["note"].error_messages["required"] = _("“%(action)s”必须填写理由。") % {"action": transition.name}
        form.fields["note"].label = _("理由")
    if transition.requires_routes and transition.from_state_id == case.state_id:
        form.fields["routes"].required = True
        form.fields["routes"].error_messages["required"] = _(
            "请勾选已告知当事人的途径：调解不成的，应当告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利"
            "（人民调解法 第二十六条）。")
    return form


def transition_panel(case: Case, transition: Transition, form: TransitionForm | None = None) -> Panel:
    key = f"t-{transition.action}"
    return Panel(
        key=key,
        url=reverse("cases:transition", args=[case.pk, transition.action]),
        legend=transition.name,
        submit=transition.name,
        form=form or transition_form(case, transition, key=key),
        style="caution" if transition.effect in CAUTION_EFFECTS or transition.notice_kind
        else ("primary" if not transition.requires_note else ""),
        description=_("执行后进入“%(state)s”环节。") % {"state": transition.to_state.name}
        if transition.to_state_id != transition.from_state_id else "",
    )


def co_handler_panel(case: Case, form: CoHandlerForm | None = None) -> Panel:
    return Panel(
        key="co", url=reverse("cases:co_handler_add", args=[case.pk]), legend=_("增加协办"), submit=_("增加协办"),
        form=form or CoHandlerForm(case=case, initial={"version": case.version}, auto_id="id_co_%s"),
        description=_("联合处置：主办单位牵头，协办单位配合。"),
    )


def note_panel(case: Case, form: NoteForm | None = None) -> Panel:
    return Panel(
        key="note", url=reverse("cases:note_add", args=[case.pk]), legend=_("添加办理记录"), submit=_("保存记录"),
        form=form or NoteForm(initial={"version": case.version, "visibility": "internal"}, auto_id="id_note_%s"),
    )


def extension_request_panel(case: Case, form: ExtensionRequestForm | None = None) -> Panel:
    return Panel(
        key="extension", url=reverse("cases:extension_request", args=[case.pk]), legend=_("申请延期"),
        submit=_("提交延期申请"), form=form or ExtensionRequestForm(auto_id="id_extension_%s"),
        description=(_("本环节最多可延长 %(days)d 日，须经承办机关、单位负责人批准。") if case.deadline_rule.extension_by_head
                     else _("本环节最多可延长 %(days)d 日，须经中心或领导审批。")) % {"days": case.deadline_rule.max_extension}
        if case.deadline_rule else "",
    )


def extension_decide_panel(case: Case, extension, form: ExtensionDecisionForm | None = None) -> Panel:
    key = f"decide-{extension.pk}"
    return Panel(
        key=key, url=reverse("cases:extension_decide", args=[case.pk, extension.pk]),
        legend=_("审批延期申请（%(days)d 日）") % {"days": extension.days}, submit=_("提交审批"),
        form=form or ExtensionDecisionForm(auto_id=f"id_{key}_%s"),
        description=_("%(who)s 申请：%(reason)s") % {"who": extension.requested_by, "reason": extension.reason},
    )


def upload_panel(case: Case, form: AttachmentUploadForm | None = None) -> Panel:
    return Panel(
        key="upload", url=reverse("cases:attachment_upload", args=[case.pk]), legend=_("上传附件"), submit=_("上传"),
        form=form or AttachmentUploadForm(auto_id="id_upload_%s"), multipart=True,
    )


def build_panels(request: HttpRequest, detail: CaseDetail, overrides: dict[str, Panel]) -> dict[str, list[Panel]]:
    case = detail.case
    owned = steps_owned_elsewhere(case)  # e.g. 调解不成 while a mediation is active: its own form does it
    workflow = [transition_panel(case, t) for t in detail.transitions if t.effect not in owned]
    other: list[Panel] = []
    if detail.can_manage and case.is_open:
        other.append(co_handler_panel(case))
    if detail.can_work:
        other.append(note_panel(case))
        rule = case.deadline_rule
        if case.is_open and rule is not None and rule.max_extension > 0 and case.due_at and not detail.pending_extensions:
            other.append(extension_request_panel(case))
        other.append(upload_panel(case))
    decisions = []
    if detail.pending_extensions and may_decide_extension(request.user, case):
        decisions = [extension_decide_panel(case, e) for e in detail.pending_extensions
                     if e.requested_by_id != request.user.pk or request.user.is_superuser]

    def swap(panels: list[Panel]) -> list[Panel]:
        return [overrides.get(p.key, p) for p in panels]

    from fengqiao.cases.views.oversight_panels import oversight_panels

    oversight = oversight_panels(request, detail)
    for key, value in oversight.items():
        if isinstance(value, Panel):
            oversight[key] = overrides.get(value.key, value)
        elif isinstance(value, list):
            oversight[key] = [(obj, swap(panels)) for obj, panels in value]
    return {"workflow": swap(workflow), "other": swap(other), "decisions": swap(decisions), "oversight": oversight}


def render_case_page(request: HttpRequest, case: Case, *, overrides: dict[str, Panel] | None = None,
                     status: int = 200) -> HttpResponse:
    """The whole case page. Showing it is a (masked) view of personal data and is logged once."""
    detail = case_detail_load(user=request.user, case=case)
    personal_data_access_record(user=request.user, kind=PersonalDataAccess.Kind.VIEW, obj=case)
    context = {
        "case": case,
        "detail": detail,
        "panels": build_panels(request, detail, overrides or {}),
        "ExtensionStatus": ExtensionStatus,
        "now_at": timezone.now(),
        "limits": step_limits(case=case),
        "case_notices": list(case.notices.all()),
    }
    return render(request, "cases/case_detail.html", context, status=status)


@staff_view
@require_safe
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_get_visible(user=request.user, case_id=pk)
    response = render_case_page(request, case)
    seen.case_opened(user=request.user, case=case)
    return response
