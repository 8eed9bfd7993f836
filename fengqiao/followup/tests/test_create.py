"""Follow-ups come due for resolved and closed cases: once per resolution, from the periodic job."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.deadlines import add_period
from fengqiao.cases.models import CaseEvent
from fengqiao.cases.services import case_transition
from fengqiao.followup.choices import FollowUpStatus
from fengqiao.followup.models import FollowUp, FollowUpRule
from fengqiao.followup.services import followup_create_for, followups_open_due
from fengqiao.followup.tasks import followup_open_due


def test_the_job_creates_one_followup_per_resolved_or_closed_case(mediated, closed_order, open_case):
    assert followups_open_due() == 2
    assert followups_open_due() == 0
    assert set(FollowUp.objects.values_list("case_id", flat=True)) == {mediated.pk, closed_order.pk}
    followup = FollowUp.objects.get(case=mediated)
    resolved = CaseEvent.objects.filter(case=mediated, action="succeed").get()
    assert followup.resolved_at == resolved.created_at and followup.resolved_state.code == "mediated"
    assert followup.due_at == add_period(start=resolved.created_at, amount=3, unit="working_days")[0]
    assert followup.status == FollowUpStatus.PENDING
    assert CaseEvent.objects.filter(case=mediated, action="followup_due").count() == 1
    assert AuditEntry.objects.filter(action="followup.create", object_id=str(followup.pk)).exists()


def test_creating_again_returns_the_same_followup(mediated):
    first = followup_create_for(case=mediated)
    assert first is not None and followup_create_for(case=mediated) == first
    assert FollowUp.objects.filter(case=mediated).count() == 1


def test_an_open_case_has_no_followup(open_case):
    assert followup_create_for(case=open_case) is None


def test_old_resolutions_are_left_alone_by_the_job(mediated):
    old = timezone.now() - dt.timedelta(days=40)
    CaseEvent.objects.filter(case=mediated).update(created_at=old)
    assert followups_open_due() == 0
    assert followup_create_for(case=mediated, respect_lookback=False) is not None


def test_a_switched_off_rule_creates_nothing(mediated):
    FollowUpRule.objects.update(is_active=False)
    assert followups_open_due() == 0 and followup_create_for(case=mediated) is None


def test_a_reopened_case_retires_its_pending_followup_and_gets_a_new_one_when_resolved_again(closed_order, county, fresh):
    first = followup_create_for(case=closed_order)
    case = case_transition(case=closed_order, action="reopen", acting_user=fresh(county.center), note="群众来电称路灯又坏了")
    followups_open_due()
    first.refresh_from_db()
    assert first.status == FollowUpStatus.SUPERSEDED
    case = case_transition(case=case, action="reply", acting_user=fresh(county.center), note="已更换灯具")
    assert followups_open_due() == 1
    latest = FollowUp.objects.filter(case=closed_order).latest("resolved_at")
    assert latest.pk != first.pk and latest.status == FollowUpStatus.PENDING and latest.resolved_state.code == "replied"


def test_the_celery_task_runs_the_job(mediated):
    assert followup_open_due.apply().get() == 1
    assert FollowUp.objects.filter(case=mediated).exists()
