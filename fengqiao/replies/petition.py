"""The written answers of a petition on the case page (信访工作条例 第三十二条): each answer, 复查 and 复核 opinion
with its body, outcome, check and delivery, and the form to record a delivery known only later. The check of the
replies app runs on every answer the petition steps issue (registered with the cases layer)."""
from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone

from fengqiao.cases.models import Case, PetitionAnswer
from fengqiao.cases.permissions import roles_for_case
from fengqiao.cases.petition_forms import DeliveryForm
from fengqiao.replies.checks import reply_check
from fengqiao.replies.services import request_text_of


def petition_answer_check(case: Case, text: str, now: dt.datetime | None = None) -> dict:
    """The replies check of an answer a petition step issues at `now` (the present by default), as the cases layer
    takes it."""
    result = reply_check(request_text=request_text_of(case), reply_text=text, due_at=case.due_at,
                         now=now or timezone.now())
    return {"passed": result.passed, "failed": [str(item.title) for item in result.failed], "result": result.to_json()}


def answers_panel_context(request: HttpRequest, case: Case) -> dict | None:
    answers = list(PetitionAnswer.objects.filter(case_id=case.pk).select_related("body").order_by("issued_at", "id"))
    if not answers:
        return None
    can_write = bool(roles_for_case(request.user, case))
    return {
        "petition_answers": answers,
        "delivery_form": DeliveryForm(initial={"version": case.version}, auto_id="id_delivery_%s") if can_write else None,
    }
