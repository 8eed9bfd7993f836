"""Answers to a follow-up: a staff member's call (reached or not), or the resident's own rating on the portal.

An answer of "not settled" or "dissatisfied" asks the center to review the case: the follow-up is marked
"review requested" and the center staff of the case's area are notified; they reopen the case (or explain why
not) from the follow-up section of the case page — see services.review."""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases import events
from fengqiao.cases.choices import StateKind
from fengqiao.cases.models import Case
from fengqiao.cases.services import case_log_event
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.followup.choices import AnswerChannel, FollowUpStatus, ReviewStatus, Satisfaction, Settled
from fengqiao.followup.events import FollowUpAnswered
from fengqiao.followup.models import FollowUp, FollowUpCall
from fengqiao.followup.services.common import (
    case_for_work,
    clean_text,
    lock_followup,
    notify_review_requested,
)
from fengqiao.followup.services.create import followup_create_for

RESIDENT_WORDS_MAX = 1000
FUTURE_TOLERANCE = dt.timedelta(minutes=5)


def _check_answers(settled: str, satisfaction: str) -> None:
    errors = {}
    if settled not in Settled.values:
        errors["settled"] = [_("请选择问题是否已解决。")]
    if satisfaction not in Satisfaction.values:
        errors["satisfaction"] = [_("请选择满意程度。")]
    if errors:
        raise ValidationFailed(_("请完整填写回访结果。"), field_errors=errors)


def _not_pending_message(followup: FollowUp) -> str:
    if followup.status == FollowUpStatus.SUPERSEDED:
        return _("案件已重新办理，本次回访已失效。")
    return _("本次回访已完成，不能重复评价。")


def _record_answer(followup: FollowUp, *, channel: str, by: User | None, at: dt.datetime, settled: str,
                   satisfaction: str, words: str) -> bool:
    """Complete the follow-up with the answers; True when they ask the center to review the case."""
    followup.status, followup.channel, followup.answered_by, followup.answered_at = FollowUpStatus.ANSWERED, channel, by, at
    followup.settled, followup.satisfaction, followup.resident_words = settled, satisfaction, words
    review = settled == Settled.NO or satisfaction == Satisfaction.DISSATISFIED
    if review:
        followup.review_status, followup.review_requested_at = ReviewStatus.REQUESTED, timezone.now()
    followup.save()
    events.publish(FollowUpAnswered(case_id=followup.case_id, acting_user_id=getattr(by, "pk", None), at=at,
                                    followup_id=followup.pk, channel=channel, settled=settled,
                                    satisfaction=satisfaction))
    return review


def _answer_line(followup: FollowUp) -> str:
    line = _("%(settled)s，%(satisfaction)s。") % {
        "settled": followup.get_settled_display(), "satisfaction": followup.get_satisfaction_display()}
    if followup.resident_words:
        line += _("群众意见：%(words)s") % {"words": followup.resident_words}
    return line


@transaction.atomic
def followup_call_record(
    *,
    followup: FollowUp,
    acting_user: User,
    reached: bool,
    called_at: dt.datetime | None = None,
    settled: str = "",
    satisfaction: str = "",
    resident_words: str = "",
    note: str = "",
) -> FollowUpCall:
    """Record one call. A reached call needs the resident's answers and completes the follow-up; a call that
    did not reach anyone is kept as an attempt."""
    case = case_for_work(acting_user, followup.case)
    followup = lock_followup(followup, case)
    if not followup.is_pending:
        raise TransitionRefused(_not_pending_message(followup))
    now = timezone.now()
    called_at = called_at or now
    if called_at > now + FUTURE_TOLERANCE:
        raise ValidationFailed(_("回访时间不能晚于现在。"), field_errors={"called_at": [_("时间有误")]})
    if called_at < followup.resolved_at:
        raise ValidationFailed(_("回访时间不能早于案件化解或办结的时间。"), field_errors={"called_at": [_("时间有误")]})
    resident_words = clean_text(resident_words, field="resident_words")
    note = clean_text(note, field="note")
    if reached:
        _check_answers(settled, satisfaction)
    else:
        settled, satisfaction, resident_words = "", "", ""
    call = FollowUpCall.objects.create(
        followup=followup, called_by=acting_user, called_at=called_at, reached=reached, settled=settled,
        satisfaction=satisfaction, resident_words=resident_words, note=note, created_at=now,
    )
    review = False
    if reached:
        review = _record_answer(followup, channel=AnswerChannel.CALL, by=acting_user, at=called_at, settled=settled,
                                satisfaction=satisfaction, words=resident_words)
        summary = _("电话回访：%(answer)s") % {"answer": _answer_line(followup)}
    else:
        summary = _("电话回访未联系上。")
    if note:
        summary += " " + _("备注：%(note)s") % {"note": note}
    case_log_event(case=case, acting_user=acting_user, action="followup_call", note=summary,
              data={"followup": followup.pk, "call": call.pk, "reached": reached, "settled": settled,
                    "satisfaction": satisfaction})
    audit_record(actor=acting_user, action="followup.call", obj=followup,
                 after={"case": case.pk, "call": call.pk, "reached": reached, "settled": settled,
                        "satisfaction": satisfaction, "review_requested": review})
    if review:
        notify_review_requested(followup=followup, case=case, acting_user=acting_user)
    return call


@transaction.atomic
def followup_rate_by_resident(*, case: Case, settled: str, satisfaction: str, words: str = "") -> FollowUp:
    """The resident's own answer, given on the portal after verifying the case (tracking code + phone number).
    Once per follow-up, and only for a resolved or closed case; there is no staff user behind it."""
    case = Case.objects.select_related("state", "region").get(pk=case.pk)
    if case.state.kind == StateKind.OPEN:
        raise TransitionRefused(_("该事项仍在办理中，办结后才能评价。"))
    _check_answers(settled, satisfaction)
    words = clean_text(words, field="words", limit=RESIDENT_WORDS_MAX)
    followup = followup_create_for(case=case, respect_lookback=False)
    if followup is None:
        raise TransitionRefused(_("该事项暂不接受评价。"))
    followup = lock_followup(followup, case)
    if not followup.is_pending:
        raise TransitionRefused(_not_pending_message(followup))
    review = _record_answer(followup, channel=AnswerChannel.PORTAL, by=None, at=timezone.now(), settled=settled,
                            satisfaction=satisfaction, words=words)
    case_log_event(case=case, acting_user=None, action="followup_rating",
              note=_("群众网上评价：%(answer)s") % {"answer": _answer_line(followup)},
              data={"followup": followup.pk, "settled": settled, "satisfaction": satisfaction})
    audit_record(actor=None, action="followup.rate", obj=followup,
                 after={"case": case.pk, "channel": AnswerChannel.PORTAL, "settled": settled,
                        "satisfaction": satisfaction, "review_requested": review})
    if review:
        notify_review_requested(followup=followup, case=case, acting_user=None)
    return followup
