"""Writes of the replies app: save a draft (checked against the request each time) and send it.

Sending records the answer as a public note on the case (what the resident sees when tracking); it never moves
the case: for a petition the handler then runs the "answer" step from the case page."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import roles_for_case
from fengqiao.cases.services import case_add_note, case_log_event
from fengqiao.core.errors import (
    NotFoundError,
    PermissionRefused,
    StaleVersionError,
    TransitionRefused,
    ValidationFailed,
)
from fengqiao.replies.checks import CheckResult, reply_check
from fengqiao.replies.choices import ReplyStatus
from fengqiao.replies.models import MAX_TEXT, WrittenReply

MAX_OVERRIDE_NOTE = 1000

__all__ = ["reply_check", "reply_draft_save", "reply_send", "request_text_of"]


def request_text_of(case: Case) -> str:
    """What the answer is checked against: the case's title, then its narrative."""
    return f"{case.title}\n{case.narrative}"


def _case_for_writing(acting_user, case: Case) -> Case:
    """The case re-read through the user's scope (404 outside it); the user must hold a role on it."""
    current = Case.objects.visible_to(acting_user).select_related("state", "process").filter(pk=case.pk).first()
    if current is None:
        raise NotFoundError(_("未找到该案件。"))
    if not roles_for_case(acting_user, current):
        raise PermissionRefused(_("您无权为该案件起草或发送书面答复。"))
    if current.state.kind == StateKind.CLOSED:
        raise TransitionRefused(_("案件已办结，不能再起草或发送书面答复。"))
    return current


def _clean_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationFailed(_("请填写答复内容。"), field_errors={"text": [_("必填")]})
    if len(text) > MAX_TEXT:
        raise ValidationFailed(_("答复内容过长（最多5000字）。"), field_errors={"text": [_("过长")]})
    return text


def _check(case: Case, text: str, now: dt.datetime) -> CheckResult:
    return reply_check(request_text=request_text_of(case), reply_text=text, due_at=case.due_at, now=now)


def _summary(result: CheckResult) -> dict:
    return {"passed": result.passed, "failed": [item.code for item in result.failed],
            "warned": [item.code for item in result.warnings]}


@transaction.atomic
def reply_draft_save(*, case: Case, acting_user, text: str, expected_version: int | None = None) -> WrittenReply:
    """Create or update the case's draft answer and check it against the request (the result is stored with it)."""
    case = _case_for_writing(acting_user, case)
    text = _clean_text(text)
    now = timezone.now()
    draft = WrittenReply.objects.select_for_update().filter(case=case, status=ReplyStatus.DRAFT).first()
    if draft is not None and expected_version is not None and draft.version != expected_version:
        raise StaleVersionError(_("该答复草稿已被他人修改，请刷新后重试。"))
    before = {"length": len(draft.text), "version": draft.version} if draft else None
    result = _check(case, text, now)
    if draft is None:
        draft = WrittenReply(case=case, author=acting_user, created_at=now)
    else:
        draft.version += 1
    draft.text, draft.updated_at, draft.updated_by = text, now, acting_user
    draft.check_result, draft.checked_at = result.to_json(), now
    draft.save()
    audit_record(actor=acting_user, action="reply.draft_save", obj=draft, before=before,
                 after={"case": case.pk, "length": len(text), "version": draft.version, **_summary(result)})
    return draft


@transaction.atomic
def reply_send(*, reply: WrittenReply, acting_user, override_note: str = "", expected_version: int | None = None) -> WrittenReply:
    """Check the draft once more and send it. With something missing it goes out only with a note saying why
    (recorded on the answer, in the case's internal timeline and in the audit trail)."""
    case = _case_for_writing(acting_user, reply.case)
    draft = WrittenReply.objects.select_for_update().filter(pk=reply.pk, case=case).first()
    if draft is None:
        raise NotFoundError(_("未找到该答复。"))
    if draft.status != ReplyStatus.DRAFT:
        raise TransitionRefused(_("该答复已发送。"))
    if expected_version is not None and draft.version != expected_version:
        raise StaleVersionError(_("该答复草稿已被他人修改，请刷新后重试。"))
    override_note = (override_note or "").strip()
    if len(override_note) > MAX_OVERRIDE_NOTE:
        raise ValidationFailed(_("理由过长（最多1000字）。"), field_errors={"override_note": [_("过长")]})
    now = timezone.now()
    result = _check(case, draft.text, now)
    if not result.passed and not override_note:
        missing = "、".join(item.title for item in result.failed)
        raise ValidationFailed(
            _("答复还缺少：%(items)s。请补充后再发送；确需发送的，请填写仍要发送的理由。") % {"items": missing},
            field_errors={"override_note": [_("未通过检查的答复须填写仍要发送的理由。")]},
        )
    draft.status, draft.sent_at, draft.sent_by = ReplyStatus.SENT, now, acting_user
    draft.sent_anyway = not result.passed
    draft.override_note = override_note if draft.sent_anyway else ""
    draft.check_result, draft.checked_at = result.to_json(), now
    draft.save()
    case_add_note(case=case, acting_user=acting_user, note=draft.text, public=True)
    if draft.sent_anyway:
        case_log_event(case=case, acting_user=acting_user, action="reply_sent_anyway",
            note=_("书面答复未通过发送前检查（缺少：%(items)s），仍发送。理由：%(note)s") % {
                "items": "、".join(item.title for item in result.failed), "note": override_note},
            data={"reply": draft.pk, "failed": [item.code for item in result.failed]},
        )
    audit_record(actor=acting_user, action="reply.send", obj=draft,
                 after={"case": case.pk, "sent_anyway": draft.sent_anyway, "override_note": draft.override_note,
                        **_summary(result)})
    return draft
