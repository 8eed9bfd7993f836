"""Past follow-up answers brought in at once: a ledger kept before Fengqiao, or the demo county's two years.

Each answer completes the follow-up of a case's latest resolution as a reached call would have at its own time:
the follow-up (answered, by call), the call, and a line on the case's timeline at the call's moment, all in one
transaction with one audit row for the batch. Like the cases app's bulk path (case_bulk_load), a batch of history
publishes no events: the apps that keep figures recount after it (`fengqiao reports rebuild-counts`, which the
demo runs once its county is settled), instead of recounting thousands of cases one event at a time.
A negative answer that the ledger says was reviewed is stored as reviewed (`review_note`); one without a review
stays "review requested", as a live call would leave it."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.accounts.models import User
from fengqiao.audit.services import audit_record
from fengqiao.cases.deadlines import add_period
from fengqiao.cases.models import Case
from fengqiao.cases.services import TimelineEntry, case_log_events
from fengqiao.core.errors import ValidationFailed
from fengqiao.followup.choices import AnswerChannel, FollowUpStatus, ReviewStatus, Satisfaction, Settled
from fengqiao.followup.models import FollowUp, FollowUpCall, FollowUpRule
from fengqiao.followup.resolution import DONE_KINDS, resolutions_subquery, rule_for
from fengqiao.followup.services.common import MAX_WORDS

MAX_BATCH = 5000
ANSWER_FIELDS = ["status", "answered_at", "channel", "answered_by", "settled", "satisfaction", "resident_words",
                 "review_status", "review_requested_at", "reviewed_by", "reviewed_at", "review_note"]


@dataclass(frozen=True)
class PastAnswer:
    case_id: int
    called_at: dt.datetime
    called_by: User
    settled: str
    satisfaction: str
    resident_words: str = ""
    review_note: str = ""  # for a negative answer: how the center's review ended (empty: not reviewed yet)


@transaction.atomic
def followups_record_past_answers(*, acting_user: User | None, answers: Sequence[PastAnswer]) -> int:
    """Record answered follow-ups for resolved or closed cases that have none for their latest resolution.
    The whole batch is refused, naming the first problems, if any answer is not possible; returns how many were
    recorded."""
    if len(answers) > MAX_BATCH:
        raise ValidationFailed(_("一次最多导入 %(n)d 条回访。") % {"n": MAX_BATCH})
    cases = {c.pk: c for c in Case.objects.filter(pk__in=[a.case_id for a in answers], state__kind__in=DONE_KINDS,
                                                   state__ends_unsettled=False)
             .annotate(resolved=resolutions_subquery()).select_related("state", "process")}
    existing = {(f.case_id, f.resolved_at): f for f in FollowUp.objects.filter(case_id__in=list(cases))}
    taken = {key for key, f in existing.items() if f.status != FollowUpStatus.PENDING}
    now = timezone.now()
    rules = _RuleCache()
    problems: list[str] = []
    followups: list[FollowUp] = []
    for n, answer in enumerate(answers, start=1):
        problem = _problem(answer, cases.get(answer.case_id), taken, now, rules)
        if problem:
            problems.append(_("第 %(n)d 条：%(problem)s") % {"n": n, "problem": problem})
            continue
        case = cases[answer.case_id]
        resolved_at = _resolved_at(case)
        taken.add((case.pk, resolved_at))
        followups.append(_followup(case, resolved_at, answer, rules(case), existing.get((case.pk, resolved_at))))
    if problems:
        raise ValidationFailed(_("回访记录有误，未导入：%(first)s") % {"first": "；".join(problems[:3])},
                               field_errors={"answers": problems[:20]})
    completed = [f for f in followups if f.pk is not None]  # pending ones this batch answers
    FollowUp.objects.bulk_create([f for f in followups if f.pk is None], batch_size=500)
    FollowUp.objects.bulk_update(completed, ANSWER_FIELDS, batch_size=500)
    FollowUpCall.objects.bulk_create([
        FollowUpCall(followup=f, called_by=a.called_by, called_at=a.called_at, reached=True, settled=a.settled,
                     satisfaction=a.satisfaction, resident_words=a.resident_words, created_at=now)
        for f, a in zip(followups, answers, strict=True)
    ], batch_size=500)
    case_log_events(entries=[
        TimelineEntry(case_id=f.case_id, actor_id=a.called_by.pk, at=a.called_at, action="followup_call",
                      note=_("电话回访：%(settled)s，%(satisfaction)s。") % {
                          "settled": f.get_settled_display(), "satisfaction": f.get_satisfaction_display()},
                      data={"followup": f.pk, "reached": True, "settled": f.settled, "satisfaction": f.satisfaction,
                            "recorded_later": True})
        for f, a in zip(followups, answers, strict=True)
    ])
    audit_record(actor=acting_user, action="followup.record_past_answers", object_type=FollowUp._meta.label_lower,
                 after={"answers": len(followups), "completed_pending": len(completed),
                        "cases": sorted({f.case_id for f in followups})[:50]})
    return len(followups)


def _resolved_at(case: Case) -> dt.datetime:
    return case.resolved or case.closed_at or case.updated_at  # type: ignore[attr-defined]


class _RuleCache(dict):
    """The follow-up rule of each process, read once per batch."""

    def __call__(self, case: Case) -> FollowUpRule | None:
        if case.process_id not in self:
            self[case.process_id] = rule_for(case)
        return self[case.process_id]


def _problem(answer: PastAnswer, case: Case | None, taken: set, now: dt.datetime, rules: _RuleCache) -> str:
    if case is None:
        return _("案件 %(id)s 不存在或尚未化解、办结。") % {"id": answer.case_id}
    if rules(case) is None:
        return _("案件 %(ref)s 的流程没有启用回访规则。") % {"ref": case.reference}
    resolved_at = _resolved_at(case)
    if (case.pk, resolved_at) in taken:
        return _("案件 %(ref)s 本次办结已有回访。") % {"ref": case.reference}
    if not resolved_at <= answer.called_at <= now:
        return _("案件 %(ref)s 的回访时间须在办结之后、现在之前。") % {"ref": case.reference}
    if answer.settled not in Settled.values or answer.satisfaction not in Satisfaction.values:
        return _("案件 %(ref)s 的回访结果不完整。") % {"ref": case.reference}
    if len(answer.resident_words) > MAX_WORDS or len(answer.review_note) > MAX_WORDS:
        return _("案件 %(ref)s 的意见过长。") % {"ref": case.reference}
    if not answer.called_by.is_active:
        return _("回访人 %(user)s 已停用。") % {"user": answer.called_by}
    return ""


def _followup(case: Case, resolved_at: dt.datetime, answer: PastAnswer, rule: FollowUpRule | None,
              pending: FollowUp | None) -> FollowUp:
    """The follow-up as the answer leaves it: the pending one of that resolution completed, else a new one."""
    followup = pending
    if followup is None:
        assert rule is not None  # checked in _problem
        due_at, _uncovered = add_period(start=resolved_at, amount=rule.duration, unit=rule.unit)
        followup = FollowUp(case=case, resolved_at=resolved_at, resolved_state=case.state, due_at=due_at,
                            created_at=resolved_at)
    negative = answer.settled == Settled.NO or answer.satisfaction == Satisfaction.DISSATISFIED
    reviewed = negative and bool(answer.review_note)
    followup.status, followup.answered_at, followup.channel = FollowUpStatus.ANSWERED, answer.called_at, AnswerChannel.CALL
    followup.answered_by, followup.settled, followup.satisfaction = answer.called_by, answer.settled, answer.satisfaction
    followup.resident_words = answer.resident_words
    followup.review_status = (ReviewStatus.DISMISSED if reviewed else ReviewStatus.REQUESTED) if negative else ReviewStatus.NONE
    followup.review_requested_at = answer.called_at if negative else None
    followup.reviewed_by = answer.called_by if reviewed else None
    followup.reviewed_at = answer.called_at if reviewed else None
    followup.review_note = answer.review_note if reviewed else ""
    return followup
