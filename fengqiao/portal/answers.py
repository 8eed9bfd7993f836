"""What the resident sees of a petition's written answers (信访工作条例 第三十二条, 第三十五条, 第三十六条): the outcome,
who answered, when it reached them, and what they may do next. Public facts only."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case, PetitionAnswer
from fengqiao.cases.petition_choices import AnswerStage, PetitionKind
from fengqiao.cases.services.petition import petition_kind_of


@dataclass(frozen=True)
class PublicAnswer:
    stage: str
    outcome: str
    body: str
    issued_on: dt.date
    delivered_on: dt.date | None
    next_step: str


def _next_step(case: Case, answer: PetitionAnswer, kind: str) -> str:
    if kind == PetitionKind.SUGGESTION:
        return _("建议意见类事项经研究论证后予以回复，不适用复查、复核（信访工作条例 第二十九条）。")
    if answer.stage == AnswerStage.RE_REVIEW:
        return _("复核意见为最终处理意见。对复核意见不服，仍以同一事实和理由提出投诉请求的，不再受理（信访工作条例 第三十六条第三款）。")
    days = case.deadline_rule.duration if case.deadline_rule_id else 30
    waiting = case.state.kind != StateKind.CLOSED and case.due_at and case.clock_started_at
    until = (_("，即 %(day)s 前") % {"day": timezone.localtime(case.due_at).strftime("%Y-%m-%d")}) if waiting else ""
    if answer.stage == AnswerStage.ANSWER:
        return _("如不服本处理意见，可自收到书面答复之日起 %(days)s 日内%(until)s，请求“%(body)s”的上一级机关、单位复查"
                 "（信访工作条例 第三十五条）。") % {"days": days, "until": until, "body": answer.body.name}
    return _("如不服复查意见，可自收到之日起 %(days)s 日内%(until)s，向复查机关“%(body)s”的上一级机关、单位请求复核"
             "（信访工作条例 第三十六条）。") % {"days": days, "until": until, "body": answer.body.name}


def public_answers(*, case: Case) -> list[PublicAnswer]:
    answers = list(PetitionAnswer.objects.filter(case_id=case.pk).select_related("body").order_by("issued_at", "id"))
    if not answers:
        return []
    kind = petition_kind_of(case)
    latest = answers[-1]
    return [
        PublicAnswer(
            stage=a.get_stage_display(), outcome=a.get_outcome_display(), body=a.body.name,
            issued_on=timezone.localtime(a.issued_at).date(), delivered_on=a.delivered_on,
            next_step=_next_step(case, a, kind) if a.pk == latest.pk and case.state.kind != StateKind.OPEN else "",
        )
        for a in answers
    ]
