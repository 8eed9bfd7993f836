"""The follow-up section of the case page: each follow-up with its calls and answers, the call form for a
pending one, and — for center staff — the review of an answer that was "not settled" or "dissatisfied"."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import can_manage, roles_for_case
from fengqiao.core.viewkit import Panel
from fengqiao.followup.forms import CallForm, OpenForm, ReviewForm
from fengqiao.followup.models import FollowUp
from fengqiao.followup.selectors import followups_for_case
from fengqiao.followup.services import reopen_path, resolution_of


def call_panel(case: Case, followup: FollowUp, form: CallForm | None = None) -> Panel:
    key = f"fu{followup.pk}-call"
    return Panel(
        key=key, url=reverse("followup:call", args=[case.pk]), legend=_("登记回访电话"), submit=_("保存回访"),
        style="primary",
        form=form or CallForm(initial={"followup": followup.pk, "reached": "yes"}, auto_id=f"id_{key}_%s"),
        description=_("联系上群众时记录是否解决和满意程度；未联系上也请登记，便于再次回访。"),
    )


def _reopen_note(followup: FollowUp) -> str:
    """A ready-made reason, so that reopening is one click (it can be edited)."""
    note = _("回访中群众表示%(settled)s、%(satisfaction)s，重新办理。") % {
        "settled": followup.get_settled_display(), "satisfaction": followup.get_satisfaction_display()}
    if followup.resident_words:
        note += _("群众意见：%(words)s") % {"words": followup.resident_words}
    return note


def reopen_panel(case: Case, followup: FollowUp, form: ReviewForm | None = None) -> Panel:
    key = f"fu{followup.pk}-reopen"
    path = reopen_path(case)
    steps = " → ".join(step.to_state.name for step in path) if path else ""
    return Panel(
        key=key, url=reverse("followup:reopen", args=[case.pk]), legend=_("重新办理"), submit=_("重新办理"),
        style="caution",
        form=form or ReviewForm(initial={"followup": followup.pk, "note": _reopen_note(followup)}, auto_id=f"id_{key}_%s"),
        description=_("案件将回到“%(steps)s”，群众可在查询进度时看到已重新办理。") % {"steps": steps},
    )


def dismiss_panel(case: Case, followup: FollowUp, form: ReviewForm | None = None) -> Panel:
    key = f"fu{followup.pk}-dismiss"
    return Panel(
        key=key, url=reverse("followup:dismiss", args=[case.pk]), legend=_("不重新办理"), submit=_("记录复核意见"),
        form=form or ReviewForm(initial={"followup": followup.pk}, auto_id=f"id_{key}_%s"),
        description=_("例如诉求缺乏法律政策依据且已向群众解释清楚。理由记入办理记录。"),
    )


def open_panel(case: Case) -> Panel:
    return Panel(
        key="fu-open", url=reverse("followup:open", args=[case.pk]), legend=_("立即生成回访"), submit=_("生成回访"),
        form=OpenForm(), description=_("案件化解或办结时系统即生成回访；没有生成的（如导入的案件），可以现在生成。"),
    )


@dataclass
class FollowUpView:
    followup: FollowUp
    panels: list[Panel] = field(default_factory=list)
    reopen_blocked: str = ""


def followup_views(case: Case, followups: list[FollowUp], *, can_work: bool, can_review: bool,
                   overrides: dict[str, Panel] | None = None) -> list[FollowUpView]:
    overrides = overrides or {}
    views = []
    for followup in followups:
        panels: list[Panel] = []
        blocked = ""
        if can_work and followup.is_pending:
            panels.append(call_panel(case, followup))
        if can_review and followup.needs_review:
            if reopen_path(case) is not None:
                panels.append(reopen_panel(case, followup))
            else:
                blocked = _("案件当前环节“%(state)s”没有“重新办理”，请按该流程的规定处理（如信访事项由信访人申请复查）。") % {
                    "state": case.state.name}
            panels.append(dismiss_panel(case, followup))
        views.append(FollowUpView(followup=followup, panels=[overrides.get(p.key, p) for p in panels],
                                  reopen_blocked=blocked))
    return views


def case_panel_context(request: HttpRequest, case: Case) -> dict | None:
    """None hides the section: the case is still being handled and was never followed up."""
    followups = followups_for_case(case=case)
    if not followups and case.state.kind == StateKind.OPEN:
        return None
    can_work = bool(roles_for_case(request.user, case))
    views = followup_views(case, followups, can_work=can_work, can_review=can_manage(request.user, case))
    resolution = resolution_of(case)
    may_open = can_work and resolution is not None and not any(f.resolved_at == resolution[0] for f in followups)
    return {"followup_views": views, "followup_open_panel": open_panel(case) if may_open else None}
