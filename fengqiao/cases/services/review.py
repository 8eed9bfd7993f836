"""Petition answers and reviews (信访工作条例 第三十二条, 第三十五条, 第三十六条).

A written answer, a 复查 opinion and a 复核 opinion are documents: text, outcome, the body that gave it and its
delivery to the resident. A 复查 request must be received within 30 days of the day the resident received the
written answer, and goes to a body other than the one that answered (the level above, chosen by a person); a 复核
request likewise after the 复查 opinion. The step clocks run from those dates (seed rules start on "step_date")."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.choices import EventKind, StateKind, TransitionEffect
from fengqiao.cases.deadlines import add_period, rule_for, start_of_day
from fengqiao.cases.models import Case, CaseEvent, PetitionAnswer, Transition
from fengqiao.cases.petition_choices import AnswerStage
from fengqiao.cases.services.petition import check_not_accused, ensure_kind_allows_review, petition_detail_of
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.regions.models import Department
from fengqiao.regions.paths import county_path

# Steps (by effect) by which a petitioner asks for the answer to be looked at again, and the stage each opens.
REVIEW_REQUEST_EFFECTS: dict[str, str] = {TransitionEffect.REQUEST_REVIEW: AnswerStage.REVIEW,
                                          TransitionEffect.REQUEST_RE_REVIEW: AnswerStage.RE_REVIEW}
# The answer a request contests: 复查 contests the written answer, 复核 the 复查 opinion.
CONTESTED_STAGE: dict[str, str] = {AnswerStage.REVIEW: AnswerStage.ANSWER, AnswerStage.RE_REVIEW: AnswerStage.REVIEW}
ARTICLE: dict[str, str] = {
    AnswerStage.ANSWER: _("信访工作条例 第三十二条"),
    AnswerStage.REVIEW: _("信访工作条例 第三十五条"),
    AnswerStage.RE_REVIEW: _("信访工作条例 第三十六条第一款"),
}


@dataclass
class ReviewRequestInput:
    """A 复查/复核 request: the day it was received (entered by staff) and the reviewing body chosen."""

    received_on: dt.date | None = None
    body: Department | None = None


def local_today(now: dt.datetime | None = None) -> dt.date:
    return timezone.localtime(now or timezone.now()).date()


def fmt_day(day: dt.date | dt.datetime) -> str:
    if isinstance(day, dt.datetime):
        day = timezone.localtime(day).date()
    return day.strftime("%Y-%m-%d")


def request_stage_of(transition: Transition) -> str | None:
    return REVIEW_REQUEST_EFFECTS.get(transition.effect)


def issuing_stage_of(case: Case, transition: Transition) -> str | None:
    """The document `transition` issues: an answer step from the 复查 step gives the 复查 opinion, the closing step
    of the 复核 step the 复核 opinion, any other answer step the written answer; None for other steps."""
    opened_by = {
        t.to_state_id: REVIEW_REQUEST_EFFECTS[t.effect]
        for t in Transition.objects.filter(process_id=case.process_id, effect__in=REVIEW_REQUEST_EFFECTS).only(
            "to_state_id", "effect")
    }
    stage = opened_by.get(transition.from_state_id)
    if transition.effect == TransitionEffect.ANSWER:
        return stage or AnswerStage.ANSWER
    if stage == AnswerStage.RE_REVIEW and transition.to_state.kind == StateKind.CLOSED:
        return AnswerStage.RE_REVIEW
    return None


def answers_of(case: Case) -> QuerySet[PetitionAnswer]:
    return PetitionAnswer.objects.filter(case_id=case.pk).select_related("body", "body__home_region")


def latest_answer(case: Case, stage: str) -> PetitionAnswer | None:
    return answers_of(case).filter(stage=stage).order_by("-issued_at", "-id").first()


def latest_request(case: Case, stage: str):
    return case.petition_requests.filter(stage=stage).select_related("body").order_by("-created_at", "-id").first()


def earlier_bodies(case: Case, stage: str) -> set[int]:
    """Bodies that gave an answer this stage reviews (the written answer; for 复核 also the 复查 opinion)."""
    stages = [AnswerStage.ANSWER] if stage == AnswerStage.REVIEW else [AnswerStage.ANSWER, AnswerStage.REVIEW]
    return set(answers_of(case).filter(stage__in=stages).values_list("body_id", flat=True))


def reviewing_bodies(case: Case, stage: str) -> QuerySet[Department]:
    """The bodies a person may choose for a 复查 (or 复核): active departments of the county at the level of the
    body whose answer is contested or above it, never a body that answered this matter before (第三十五条,
    第三十六条) nor, for an accusation, the accused body (第三十条第三款)."""
    bodies = Department.objects.filter(is_active=True, home_region__path__startswith=county_path(case.region_path))
    contested = latest_answer(case, CONTESTED_STAGE[stage])
    excluded = earlier_bodies(case, stage)
    if contested is None and case.lead_department_id:
        excluded.add(case.lead_department_id)
    detail = petition_detail_of(case)
    if detail is not None and detail.accused_department_id:
        excluded.add(detail.accused_department_id)
    if contested is not None:
        above = [p for p in contested.body.home_region.path.strip("/").split("/") if p]
        paths = ["/" + "/".join(above[: i + 1]) + "/" for i in range(len(above))]
        bodies = bodies.filter(home_region__path__in=paths)
    return bodies.exclude(pk__in=excluded).select_related("home_region").order_by("home_region__path", "name")


def check_reviewing_body(case: Case, stage: str, body: Department | None) -> Department:
    """Refuse a reviewing body the law does not allow, naming the article."""
    if body is None:
        raise ValidationFailed(_("请选择%(stage)s机关、单位。") % {"stage": _("复查") if stage == AnswerStage.REVIEW else _("复核")},
                               field_errors={"reviewing_body": [_("必填")]})
    if reviewing_bodies(case, stage).filter(pk=body.pk).exists():
        return body
    if body.pk in earlier_bodies(case, stage) or body.pk == case.lead_department_id:
        if stage == AnswerStage.REVIEW:
            message = _("%(article)s：复查由原办理机关、单位的上一级机关、单位办理。“%(body)s”出具了本事项的书面答复，"
                        "不能复查本事项。")
        else:
            message = _("%(article)s：复核由复查机关、单位的上一级机关、单位办理。“%(body)s”已对本事项出具答复或复查意见，"
                        "不能复核本事项。")
        raise TransitionRefused(message % {"article": ARTICLE[stage], "body": body})
    check_not_accused(case, to_department=body, step=_("复查或复核"))
    raise TransitionRefused(
        _("%(article)s：“%(body)s”不是可以办理本事项%(stage)s的机关、单位（须为本县内作出答复的机关、单位同级或上级区划的"
          "其他机关、单位）。") % {"article": ARTICLE[stage], "body": body,
                          "stage": _("复查") if stage == AnswerStage.REVIEW else _("复核")}
    )


# ---------------------------------------------------------------- windows


def _entered_at(case: Case) -> dt.datetime | None:
    """When the case entered its current step (the latest transition into it)."""
    event = (
        CaseEvent.objects.filter(case=case, kind=EventKind.TRANSITION, to_state_id=case.state_id)
        .order_by("-created_at", "-id")
        .only("created_at")
        .first()
    )
    return event.created_at if event else None


def review_window(case: Case) -> tuple[dt.datetime, dt.datetime] | None:
    """(window start, last moment to ask) for the current answered step, or None when no rule sets a window."""
    if case.deadline_rule_id and case.clock_started_at and case.due_at:
        return case.clock_started_at, case.due_at
    rule = rule_for(case=case, state=case.state)
    entered = _entered_at(case)
    if rule is None or entered is None:
        return None
    due, _uncovered = add_period(start=entered, amount=rule.duration, unit=rule.unit, roll_to_workday=rule.roll_to_workday)
    return entered, due


def window_from_delivery(case: Case, answer: PetitionAnswer) -> dt.datetime | None:
    """The last moment to ask for the next review: the answered step's rule counted from the day received."""
    rule = rule_for(case=case, state=case.state)
    if rule is None or answer.delivered_on is None:
        return None
    due, _uncovered = add_period(start=start_of_day(answer.delivered_on), amount=rule.duration, unit=rule.unit,
                                 roll_to_workday=rule.roll_to_workday)
    return due


def check_review_request(case: Case, transition: Transition, request: ReviewRequestInput | None,
                         now: dt.datetime) -> tuple[PetitionAnswer | None, dt.date]:
    """Validate a 复查/复核 request: its received date, the window counted from the resident's receipt of the
    contested answer, and the reviewing body. Returns (contested answer, received date)."""
    stage = REVIEW_REQUEST_EFFECTS[transition.effect]
    ensure_kind_allows_review(case, transition.name)
    request = request or ReviewRequestInput()
    today = local_today(now)
    received = request.received_on
    if received is None:
        raise ValidationFailed(_("请填写收到%(action)s的日期。") % {"action": transition.name},
                               field_errors={"received_on": [_("必填")]})
    if received > today:
        raise ValidationFailed(_("收到请求的日期不能晚于今天。"), field_errors={"received_on": [_("晚于今天")]})
    contested = latest_answer(case, CONTESTED_STAGE[stage])
    start: dt.date | None
    if contested is not None:
        if contested.delivered_on is None:
            raise TransitionRefused(
                _("%(article)s：请求期限自信访人收到书面答复之日起计算。请先登记该答复的送达方式和信访人收到的日期。")
                % {"article": ARTICLE[stage]}
            )
        if received < contested.delivered_on:
            raise ValidationFailed(_("收到请求的日期早于信访人收到答复的日期（%(day)s）。") % {"day": fmt_day(contested.delivered_on)},
                                   field_errors={"received_on": [_("早于送达日期")]})
        last = case.due_at if case.clock_started_at and case.due_at else window_from_delivery(case, contested)
        start = contested.delivered_on
    else:  # answered before answers were recorded as documents: the step's own clock
        window = review_window(case)
        last, start = (window[1], local_today(window[0])) if window else (None, None)
    if last is not None and start is not None and received > local_today(last):  # both set, or neither
        rule = case.deadline_rule or rule_for(case=case, state=case.state)
        raise TransitionRefused(
            _("%(article)s：“%(action)s”须自信访人收到书面答复之日起 %(days)s 日内提出。信访人于 %(start)s 收到答复，"
              "请求期限至 %(last)s 届满；收到请求的日期为 %(received)s，已超过期限，不能受理。")
            % {"article": ARTICLE[stage], "action": transition.name, "days": rule.duration if rule else "—",
               "start": fmt_day(start), "last": fmt_day(last), "received": fmt_day(received)}
        )
    check_reviewing_body(case, stage, request.body)
    check_not_accused(case, to_department=request.body, step=transition.name)
    return contested, received


def final_review_after(case: Case, transition: Transition) -> bool:
    """Whether the case is final after `transition`: closed from the step a 复核 request leads to. Reopening it
    makes it an open matter again."""
    if transition.to_state.kind != StateKind.CLOSED:
        return False
    return case.is_final_review or Transition.objects.filter(
        process_id=case.process_id, effect=TransitionEffect.REQUEST_RE_REVIEW, to_state_id=transition.from_state_id
    ).exists()
