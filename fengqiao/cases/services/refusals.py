"""Refusals and redirections as written notices (告知书): a step whose transition names a notice kind must say why
and which channel the resident is told to use (信访工作条例 第二十三条、第三十一条 for a petition not accepted,
第二十二条第二款 for 涉法涉诉 matters; 人民调解法 第二十六条 for the routes of a declined dispute; the emergency
lines and other channels of a hotline call). The notice is written once, when the step is taken, and kept as
written; cases.notice_pdf prints it."""
from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.choices import NoticeKind, PartyRole
from fengqiao.cases.models import Case, CaseNotice, NoticeChannel, Transition
from fengqiao.core.errors import ValidationFailed

MAX_DETAIL = 300

# The article each kind of notice follows, named in the messages of a refused step.
NOTICE_ARTICLES: dict[str, str] = {
    NoticeKind.PETITION_NOT_ACCEPTED: "信访工作条例 第二十三条、第三十一条",
    NoticeKind.PETITION_LEGAL_CHANNEL: "信访工作条例 第二十二条第二款",
    NoticeKind.DISPUTE_DECLINED: "人民调解法 第二十六条",
    NoticeKind.WORKORDER_EMERGENCY: "",
    NoticeKind.WORKORDER_REDIRECTED: "",
}


def notice_channels(*, kind: str) -> QuerySet[NoticeChannel]:
    return NoticeChannel.objects.filter(notice_kind=kind, is_active=True).order_by("order", "id")


def _article(kind: str) -> str:
    article = NOTICE_ARTICLES.get(kind, "")
    return _("（%(article)s）") % {"article": article} if article else ""


def check_notice_input(*, transition: Transition, channel: str, channel_detail: str) -> tuple[NoticeChannel, str]:
    """The channel chosen for a notice step (one of its kind's active channels) and the detail it needs."""
    kind = transition.notice_kind
    channel_detail = (channel_detail or "").strip()
    if len(channel_detail) > MAX_DETAIL:
        raise ValidationFailed(_("具体去向过长（最多300字）。"), field_errors={"channel_detail": [_("过长")]})
    if not channel:
        raise ValidationFailed(
            _("“%(action)s”须书面告知应当通过的途径%(article)s，请选择告知的途径。")
            % {"action": transition.name, "article": _article(kind)},
            field_errors={"channel": [_("必填")]},
        )
    found = notice_channels(kind=kind).filter(code=channel).first()
    if found is None:
        raise ValidationFailed(_("“%(action)s”不能告知该途径。") % {"action": transition.name},
                               field_errors={"channel": [_("不在可选途径中")]})
    if found.needs_detail and not channel_detail:
        raise ValidationFailed(
            _("选择“%(channel)s”须写明具体的机关、单位或途径。") % {"channel": found.name},
            field_errors={"channel_detail": [_("必填")]},
        )
    return found, channel_detail


def _addressee(case: Case) -> str:
    applicant = next((p for p in case.parties.all() if p.role == PartyRole.APPLICANT), None)
    return applicant.name if applicant is not None else _("反映人")


def _issuer(case: Case, acting_user) -> str:
    if case.lead_department is not None:
        return case.lead_department.name
    department = next((m.department for m in getattr(acting_user, "active_memberships", []) if m.department_id), None)
    return department.name if department is not None else case.current_handling_region.name


def _date(moment: dt.datetime) -> str:
    day = timezone.localtime(moment).date()
    return _("%(y)d年%(m)d月%(d)d日") % {"y": day.year, "m": day.month, "d": day.day}


def _decision(kind: str, guidance: str) -> str:
    if kind == NoticeKind.PETITION_NOT_ACCEPTED:
        return _("本机关、单位决定不予受理。请%(guidance)s。") % {"guidance": guidance}
    if kind == NoticeKind.PETITION_LEGAL_CHANNEL:
        return _("该事项涉及诉讼权利救济，依法由政法部门处理，%(guidance)s，请向其反映问题。") % {"guidance": guidance}
    if kind == NoticeKind.DISPUTE_DECLINED:
        return _("本中心不予受理。你%(guidance)s。") % {"guidance": guidance}
    if kind == NoticeKind.WORKORDER_EMERGENCY:
        return _("你反映的是紧急事项，%(guidance)s。") % {"guidance": guidance}
    return _("你反映的事项，%(guidance)s。") % {"guidance": guidance}


def notice_text(*, case: Case, kind: str, reason: str, channel: NoticeChannel, detail: str) -> str:
    guidance = channel.guidance or channel.name
    if detail:
        guidance = _("%(guidance)s（%(detail)s）") % {"guidance": guidance, "detail": detail}
    lines = [
        _("%(name)s：") % {"name": _addressee(case)},
        _("你于%(date)s提出的“%(title)s”（编号 %(ref)s），经审查：%(reason)s") % {
            "date": _date(case.received_at), "title": case.title, "ref": case.reference, "reason": reason.rstrip("。")},
        _decision(kind, guidance),
    ]
    if channel.legal_basis:
        lines.append(_("依据：%(basis)s。") % {"basis": channel.legal_basis})
    lines.append(_("特此告知。"))
    return "\n".join(lines)


def issue_notice(*, case: Case, transition: Transition, acting_user, reason: str, channel: NoticeChannel,
                 detail: str, now: dt.datetime) -> CaseNotice:
    """Write the notice of a refusal or redirection step (called by case_transition inside its transaction)."""
    kind = transition.notice_kind
    count = CaseNotice.objects.filter(case=case).count()
    return CaseNotice.objects.create(
        case=case, kind=kind, number=_("%(ref)s-告%(n)d") % {"ref": case.reference, "n": count + 1},
        state=transition.to_state, reason=reason, channel=channel, channel_name=channel.name, channel_detail=detail,
        legal_basis=channel.legal_basis, text=notice_text(case=case, kind=kind, reason=reason, channel=channel,
                                                          detail=detail),
        issuer=_issuer(case, acting_user), issued_by=acting_user, issued_at=now,
    )


def notice_public_note(notice: CaseNotice) -> str:
    """The line the resident sees in the portal's timeline."""
    channel = notice.channel_name + (f"（{notice.channel_detail}）" if notice.channel_detail else "")
    return _("%(kind)s：%(reason)s；告知途径：%(channel)s。") % {
        "kind": notice.get_kind_display(), "reason": notice.reason.rstrip("。"), "channel": channel}
