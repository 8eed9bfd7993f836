"""The written-answer section of the case page: answers sent so far and, for those who work on the case, the
editor with the result of the last check."""
from __future__ import annotations

from django.http import HttpRequest

from fengqiao.cases.choices import StateKind, TransitionEffect
from fengqiao.cases.models import Case
from fengqiao.cases.permissions import available_transitions, roles_for_case
from fengqiao.replies.forms import ReplyForm
from fengqiao.replies.models import WrittenReply
from fengqiao.replies.selectors import draft_for, replies_sent_for


def editor_context(case: Case, draft: WrittenReply | None, form: ReplyForm | None = None) -> dict:
    if form is None:
        initial = {"text": draft.text, "version": draft.version} if draft else {}
        form = ReplyForm(initial=initial, auto_id="id_reply_%s")
    check = draft.check_outcome if draft else None
    return {"case": case, "reply_form": form, "reply_draft": draft, "reply_check": check,
            "reply_needs_note": bool(check and not check.passed)}


def case_panel_context(request: HttpRequest, case: Case) -> dict | None:
    """None hides the section: nobody answered yet and this user cannot write an answer."""
    can_write = bool(roles_for_case(request.user, case)) and case.state.kind != StateKind.CLOSED
    sent = list(replies_sent_for(case=case))
    if not sent and not can_write:
        return None
    answer_step = None
    if sent and can_write:
        answer_step = next((t for t in available_transitions(request.user, case)
                           if t.effect == TransitionEffect.ANSWER), None)
    return {
        "replies_sent": sent,
        "reply_editor": editor_context(case, draft_for(case=case)) if can_write else None,
        "reply_answer_step": answer_step,
    }
