"""Written answers of a petition as documents (信访工作条例 第三十二条): the text (checked by the registered answer
check), the outcome, the body that gave it (never, for a 复查/复核 opinion, a body that answered before: 第三十五条,
第三十六条) and the delivery to the resident, whose date starts the window for the next review."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.audit.services import audit_record
from fengqiao.cases.choices import EventKind
from fengqiao.cases.models import Case, PetitionAnswer, PetitionReviewRequest
from fengqiao.cases.petition_choices import OUTCOMES_BY_KIND, AnswerOutcome, AnswerStage, DeliveryMethod
from fengqiao.cases.services.common import add_event, ensure_case_visible, lock_case, save_case, start_clock
from fengqiao.cases.services.petition import check_answer_text, check_not_accused, petition_kind_of
from fengqiao.cases.services.review import (
    ARTICLE,
    earlier_bodies,
    fmt_day,
    latest_request,
    local_today,
)
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.regions.models import Department

MAX_TEXT = 5000


@dataclass
class AnswerInput:
    """A written answer, 复查 or 复核 opinion as issued; the delivery may follow later (petition_delivery_record)."""

    text: str = ""
    outcome: str = ""
    body: Department | None = None
    override_note: str = ""
    delivery_method: str = ""
    delivered_on: dt.date | None = None
    delivery_note: str = ""


def clean_delivery(method: str, delivered_on: dt.date | None, *, issued_on: dt.date, now: dt.datetime) -> None:
    if not method and delivered_on is None:
        return
    if method not in DeliveryMethod.values:
        raise ValidationFailed(_("请选择送达方式。"), field_errors={"delivery_method": [_("必填")]})
    if delivered_on is None:
        raise ValidationFailed(_("请填写信访人收到答复的日期（邮寄送达以回执签收日期为准）。"),
                               field_errors={"delivered_on": [_("必填")]})
    if delivered_on > local_today(now):
        raise ValidationFailed(_("收到日期不能晚于今天。"), field_errors={"delivered_on": [_("晚于今天")]})
    if delivered_on < issued_on:
        raise ValidationFailed(_("收到日期不能早于出具日期（%(day)s）。") % {"day": fmt_day(issued_on)},
                               field_errors={"delivered_on": [_("早于出具日期")]})


def _answering_body(case: Case, stage: str, given: Department | None, acting_user) -> Department:
    if stage != AnswerStage.ANSWER:
        request = latest_request(case, stage)
        body = given or (request.body if request else None) or case.lead_department
    else:
        departments = {m.department for m in getattr(acting_user, "active_memberships", []) if m.department_id}
        body = given or case.lead_department or (departments.pop() if len(departments) == 1 else None)
    if body is None:
        raise ValidationFailed(_("请选择出具答复的机关、单位。"), field_errors={"body": [_("必填")]})
    if stage != AnswerStage.ANSWER and body.pk in earlier_bodies(case, stage):
        what = _("复查意见") if stage == AnswerStage.REVIEW else _("复核意见")
        raise TransitionRefused(
            _("%(article)s：“%(body)s”已对本事项出具书面答复%(also)s，不能出具%(what)s；应由其上一级机关、单位出具。")
            % {"article": ARTICLE[stage], "body": body, "what": what,
               "also": "" if stage == AnswerStage.REVIEW else _("或复查意见")}
        )
    if stage != AnswerStage.ANSWER:
        request = latest_request(case, stage)
        if request is not None and request.body_id != body.pk:
            raise TransitionRefused(_("%(article)s：本次请求由“%(chosen)s”办理，不能由“%(body)s”出具意见。")
                                    % {"article": ARTICLE[stage], "chosen": request.body, "body": body})
    return body


def _check_person_recusal(case: Case, stage: str, acting_user) -> None:
    """A member of a body that answered this matter before does not issue its 复查 or 复核 opinion (信访工作条例
    第二十八条第三款, 第三十五条, 第三十六条)."""
    if stage == AnswerStage.ANSWER:
        return
    earlier = earlier_bodies(case, stage)
    own = [m.department for m in getattr(acting_user, "active_memberships", []) if m.department_id in earlier]
    if own:
        raise TransitionRefused(
            _("信访工作条例 第二十八条第三款、%(article)s：您所在的“%(body)s”已对本事项出具答复，应当回避，"
              "不能出具%(what)s。") % {"article": ARTICLE[stage], "body": own[0],
                                    "what": _("复查意见") if stage == AnswerStage.REVIEW else _("复核意见")}
        )


def check_answer(case: Case, stage: str, answer: AnswerInput | None, *, acting_user, now: dt.datetime,
                 action_name: str) -> tuple[Department, dict | None]:
    """Validate a written answer / 复查 / 复核 opinion before the step runs. Returns (body, check summary)."""
    if answer is None or not (answer.text or "").strip():
        raise ValidationFailed(
            _("“%(action)s”须附答复正文、处理意见和出具机关（%(article)s：信访处理意见书应当载明处理意见及其依据）。")
            % {"action": action_name, "article": ARTICLE[AnswerStage.ANSWER]},
            field_errors={"answer_text": [_("必填")]},
        )
    if len(answer.text.strip()) > MAX_TEXT:
        raise ValidationFailed(_("答复正文过长（最多5000字）。"), field_errors={"answer_text": [_("过长")]})
    kind = petition_kind_of(case)
    allowed = OUTCOMES_BY_KIND[kind]
    if answer.outcome not in allowed:
        labels = "、".join(str(AnswerOutcome(o).label) for o in allowed)
        article = _("信访工作条例 第二十九条") if kind == "suggestion" else ARTICLE[AnswerStage.ANSWER]
        raise ValidationFailed(_("请选择处理意见（%(article)s：%(labels)s）。") % {"article": article, "labels": labels},
                               field_errors={"outcome": [_("必填")]})
    body = _answering_body(case, stage, answer.body, acting_user)
    check_not_accused(case, to_department=body, step=_("出具答复"))
    check_not_accused(case, to_user=acting_user if getattr(acting_user, "pk", None) else None, step=_("出具答复"))
    _check_person_recusal(case, stage, acting_user)
    clean_delivery(answer.delivery_method, answer.delivered_on, issued_on=local_today(now), now=now)
    summary = check_answer_text(case, answer.text.strip(), now)
    if summary is not None and not summary["passed"] and not (answer.override_note or "").strip():
        raise ValidationFailed(
            _("答复还缺少：%(items)s。请补充后再出具；确需出具的，请填写仍要出具的理由。") % {"items": "、".join(summary["failed"])},
            field_errors={"override_note": [_("未通过检查的答复须填写仍要出具的理由。")]},
        )
    return body, summary




def record_answer(*, case: Case, stage: str, answer: AnswerInput, body: Department, summary: dict | None,
                  acting_user, now: dt.datetime) -> PetitionAnswer:
    """Store the issued document (called by case_transition once the step ran)."""
    sent_anyway = bool(summary is not None and not summary["passed"])
    delivered = answer.delivered_on is not None
    actor = acting_user if getattr(acting_user, "pk", None) else None
    row = PetitionAnswer.objects.create(
        case=case, stage=stage, body=body, text=answer.text.strip(), outcome=answer.outcome,
        check_result=(summary or {}).get("result", {}), sent_anyway=sent_anyway,
        override_note=(answer.override_note or "").strip() if sent_anyway else "", issued_at=now, issued_by=actor,
        delivery_method=answer.delivery_method if delivered else "", delivered_on=answer.delivered_on,
        delivery_note=(answer.delivery_note or "").strip()[:300], delivery_recorded_at=now if delivered else None,
        delivery_recorded_by=actor if delivered else None,
    )
    return row


def record_request(*, case: Case, stage: str, contested: PetitionAnswer | None, received_on: dt.date,
                   body: Department, acting_user, now: dt.datetime) -> PetitionReviewRequest:
    return PetitionReviewRequest.objects.create(
        case=case, stage=stage, answer=contested, received_on=received_on, body=body, created_at=now,
        created_by=acting_user if getattr(acting_user, "pk", None) else None,
    )


def _opens_window(case: Case, row: PetitionAnswer) -> bool:
    """Whether recording this answer's delivery starts the current step's clock: it is the latest answer and the
    case still waits in the step it led to, with no clock yet."""
    latest = PetitionAnswer.objects.filter(case_id=case.pk).order_by("-issued_at", "-id").first()
    return latest is not None and latest.pk == row.pk and case.state.kind != "closed" and case.clock_started_at is None


@transaction.atomic
def petition_delivery_record(*, answer: PetitionAnswer, acting_user, method: str, delivered_on: dt.date | None,
                             note: str = "", expected_version: int | None = None) -> PetitionAnswer:
    """Record how and when the resident received an answer issued before its delivery was known. The window to ask
    for the next review (第三十五条, 第三十六条) starts on that day."""
    from fengqiao.cases.permissions import roles_for_case

    ensure_case_visible(acting_user, answer.case_id)
    case = lock_case(answer.case, expected_version)
    if not roles_for_case(acting_user, case):
        raise PermissionRefused(_("您无权登记该答复的送达。"))
    row = PetitionAnswer.objects.select_for_update().get(pk=answer.pk, case_id=case.pk)
    if row.delivered_on is not None:
        raise TransitionRefused(_("该答复的送达已登记：%(day)s 收到。") % {"day": fmt_day(row.delivered_on)})
    now = timezone.now()
    if not method and delivered_on is None:
        raise ValidationFailed(_("请选择送达方式并填写信访人收到的日期。"), field_errors={"delivery_method": [_("必填")]})
    clean_delivery(method, delivered_on, issued_on=local_today(row.issued_at), now=now)
    assert delivered_on is not None  # clean_delivery refuses a method without the day it was received
    row.delivery_method, row.delivered_on, row.delivery_note = method, delivered_on, (note or "").strip()[:300]
    row.delivery_recorded_at, row.delivery_recorded_by = now, acting_user
    row.save(update_fields=["delivery_method", "delivered_on", "delivery_note", "delivery_recorded_at",
                            "delivery_recorded_by"])
    fields = start_clock(case, case.state, now, step_date=delivered_on) if _opens_window(case, row) else []
    save_case(case, fields)
    add_event(case, kind=EventKind.NOTE, actor=acting_user, action="answer_delivered",
              public_note=_("%(stage)s已送达（%(method)s），您于 %(day)s 收到。")
              % {"stage": row.get_stage_display(), "method": row.get_delivery_method_display(), "day": fmt_day(delivered_on)},
              data={"answer": row.pk, "method": method, "delivered_on": delivered_on.isoformat()})
    audit_record(actor=acting_user, action="case.answer_delivered", obj=case,
                 after={"answer": row.pk, "method": method, "delivered_on": delivered_on.isoformat(),
                        "due_at": case.due_at.isoformat() if case.due_at else None})
    return row


def answer_event_data(row: PetitionAnswer) -> dict:
    """What the timeline row of the issuing step keeps of the document (a failed check and why it went anyway)."""
    data = {"answer": row.pk, "stage": row.stage, "outcome": row.outcome, "body": str(row.body)}
    if row.sent_anyway:
        data.update(sent_anyway=True, failed=row.check_result.get("failed", []) if isinstance(row.check_result, dict) else [],
                    override_note=row.override_note)
    return data
