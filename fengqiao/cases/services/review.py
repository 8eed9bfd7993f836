"""Petition review rules (信访工作条例 Arts. 35-36): 复查 and 复核 must be asked for within the window that
the answered step's clock holds (30 days of the written answer, seed data), and after 复核 the matter is final."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from fengqiao.cases.choices import EventKind, StateKind
from fengqiao.cases.deadlines import add_period, rule_for
from fengqiao.cases.models import Case, CaseEvent, Transition
from fengqiao.core.errors import TransitionRefused

# Steps by which a petitioner asks for the answer to be looked at again, and how the refusal names them.
REVIEW_REQUEST_ACTIONS = {"request_review", "request_re_review"}
RE_REVIEW_ACTION = "request_re_review"


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
    """(answered at, last moment to ask) for the current answered step, or None when no rule sets a window."""
    if case.deadline_rule_id and case.clock_started_at and case.due_at:
        return case.clock_started_at, case.due_at
    rule = rule_for(case=case, state=case.state)
    entered = _entered_at(case)
    if rule is None or entered is None:
        return None
    due, _uncovered = add_period(start=entered, amount=rule.duration, unit=rule.unit, roll_to_workday=rule.roll_to_workday)
    return entered, due


def check_review_window(case: Case, transition: Transition, now: dt.datetime) -> None:
    """Refuse a 复查/复核 request made after its window closed, naming the dates."""
    if transition.action not in REVIEW_REQUEST_ACTIONS:
        return
    window = review_window(case)
    if window is None:
        return
    answered_at, last = window
    if now <= last:
        return
    rule = case.deadline_rule or rule_for(case=case, state=case.state)
    raise TransitionRefused(
        _("“%(action)s”须在收到书面答复之日起 %(days)s 日内提出：答复于 %(answered)s，申请期限至 %(last)s 届满，"
          "今天是 %(today)s，已超过期限，不能受理。")
        % {
            "action": transition.name,
            "days": rule.duration if rule else "—",
            "answered": timezone.localtime(answered_at).strftime("%Y-%m-%d"),
            "last": timezone.localtime(last).strftime("%Y-%m-%d"),
            "today": timezone.localtime(now).strftime("%Y-%m-%d"),
        }
    )


def final_review_after(case: Case, transition: Transition) -> bool:
    """Whether the case is final after `transition`: closed from the step a 复核 request leads to. Reopening it
    makes it an open matter again."""
    if transition.to_state.kind != StateKind.CLOSED:
        return False
    return case.is_final_review or Transition.objects.filter(
        process_id=case.process_id, action=RE_REVIEW_ACTION, to_state_id=transition.from_state_id
    ).exists()
