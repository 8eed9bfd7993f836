"""Automatic 督办: the periodic check raises one notice per overdue case step (and per overdue co-task),
to the handlers and the center staff above them, and never twice for the same step and due date."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.cases import events
from fengqiao.cases.models import Assignment, Case, CaseEvent, Supervision
from fengqiao.cases.services import case_assign, case_clock_pause, case_escalate, case_transition
from fengqiao.cases.tasks import supervise_overdue
from fengqiao.cases.tests.oversight_support import (
    assert_open_case_can_move_on,
    mediating_case,
    notifications_for,
    reload,
)
from fengqiao.testing.factories import make_case


def make_overdue(case: Case, days: int = 2) -> Case:
    """Test set-up: the current step's due date lies in the past."""
    Case.objects.filter(pk=case.pk).update(due_at=timezone.now() - dt.timedelta(days=days),
                                           warn_at=timezone.now() - dt.timedelta(days=days + 3))
    return reload(case)


@pytest.fixture
def overdue(county, fresh):
    return make_overdue(mediating_case(county, fresh))


def test_one_notice_per_step_to_handler_and_superiors(county, overdue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        assert supervise_overdue() == 1
    notice = Supervision.objects.get(case=overdue)
    assert notice.kind == "auto" and notice.raised_by is None and notice.state.code == "mediating"
    assert notice.step_due_at == overdue.due_at and notice.to_department == county.labour
    assert "超期" in notice.reason
    for person in (county.handler, county.center, county.street_center):
        assert len(notifications_for(person, overdue)) == 1, person
    assert notifications_for(county.grid_worker, overdue) == []
    assert CaseEvent.objects.filter(case=overdue, action="supervision_auto", actor=None).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        assert supervise_overdue() == 0
    assert Supervision.objects.filter(case=overdue).count() == 1
    assert len(notifications_for(county.handler, overdue)) == 1
    assert_open_case_can_move_on(overdue)


def test_a_new_due_date_or_step_gets_its_own_notice_and_the_old_one_is_closed(county, fresh, overdue):
    supervise_overdue()
    case = make_overdue(overdue, days=1)  # e.g. an approved extension moved the due date
    assert supervise_overdue() == 1
    case = case_transition(case=case, action="return", acting_user=fresh(county.handler), note="不属于人社局职责")
    case = make_overdue(case, days=1)
    assert supervise_overdue() == 1
    notices = list(Supervision.objects.filter(case=case).order_by("raised_at", "pk"))
    assert [n.state.code for n in notices] == ["mediating", "mediating", "registered"]
    assert [n.closed for n in notices] == [True, True, False]
    assert all(n.close_note for n in notices[:2])


def test_cases_not_yet_due_paused_or_closed_are_left_alone(county, fresh):
    fine = mediating_case(county, fresh)
    paused = mediating_case(county, fresh)
    case_clock_pause(case=paused, acting_user=fresh(county.center), ground="appraisal", reason="委托鉴定")
    make_overdue(paused)
    done = make_overdue(make_case(acting_user=county.grid_worker, region=county.grid))
    case_transition(case=done, action="close", acting_user=fresh(county.grid_worker), note="当场化解")
    assert supervise_overdue() == 0
    assert not Supervision.objects.filter(case__in=[fine, paused, done]).exists()
    assert reload(paused).deadline_status() == "paused"


def test_an_overdue_co_task_gets_its_own_notice_once(county, fresh, django_capture_on_commit_callbacks):
    case = mediating_case(county, fresh)
    with django_capture_on_commit_callbacks(execute=True):
        case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.police, role="co",
                           task="维护现场秩序", due_days=1)
    Assignment.objects.filter(case=case, role="co").update(due_at=timezone.now() - dt.timedelta(hours=3))
    with django_capture_on_commit_callbacks(execute=True):
        assert supervise_overdue() == 1
        assert supervise_overdue() == 0
    notice = Supervision.objects.get(case=case)
    assert notice.assignment.department == county.police and notice.to_department == county.police
    assert "维护现场秩序" in notice.reason
    assert len(notifications_for(county.police_handler, case)) == 2  # the task itself, then the notice
    assert len(notifications_for(county.center, case)) == 1


def test_an_unassigned_overdue_case_reaches_the_center(county, django_capture_on_commit_callbacks):
    case = make_overdue(make_case(acting_user=county.grid_worker, region=county.grid))
    with django_capture_on_commit_callbacks(execute=True):
        supervise_overdue()
    notice = Supervision.objects.get(case=case)
    assert notice.to_department is None and notice.to_user is None
    assert len(notifications_for(county.street_center, case)) == 1


def test_without_the_notifications_app_notices_are_still_raised(county, overdue, monkeypatch,
                                                                django_capture_on_commit_callbacks):
    monkeypatch.setattr("fengqiao.cases.services.notices.apps.is_installed", lambda name: False)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        assert supervise_overdue() == 1
    # no notice is queued; the supervision_raised event (cases.events) still is
    assert [c for c in callbacks if getattr(c, "func", None) is not events.deliver] == []
    assert notifications_for(county.handler, overdue) == []


def test_an_escalated_case_still_reaches_its_street_and_county(county, fresh, django_capture_on_commit_callbacks):
    case = mediating_case(county, fresh)
    case_escalate(case=case, acting_user=fresh(county.grid_worker), reason="网格无法化解")
    case_escalate(case=reload(case), acting_user=fresh(county.street_center), reason="需县级协调")
    case = make_overdue(case)
    with django_capture_on_commit_callbacks(execute=True):
        assert supervise_overdue() == 1
    assert len(notifications_for(county.street_center, case)) == 1
    assert len(notifications_for(county.center, case)) == 1
