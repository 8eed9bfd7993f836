"""The cases services other apps call for their own work on a case (issue 10, one write path)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.choices import AssignmentRole, AssignmentStatus, EventKind
from fengqiao.cases.models import Case, Category
from fengqiao.cases.services import (
    case_care_team_assign,
    case_classify,
    case_ensure_visible,
    case_lock,
    case_log_event,
)
from fengqiao.core.errors import NotFoundError, StaleVersionError
from fengqiao.testing.factories import make_case


@pytest.fixture
def case(county):
    return make_case(acting_user=county.grid_worker, region=county.grid, title="邻里噪音纠纷")


def test_case_log_event_writes_one_timeline_line(county, case):
    event = case_log_event(case=case, acting_user=None, action="followup_due", note="待回访", data={"followup": 1})
    assert (event.kind, event.actor, event.action, event.note, event.data) == (
        EventKind.NOTE, None, "followup_due", "待回访", {"followup": 1})
    assert case.events.filter(pk=event.pk).exists()


def test_case_lock_checks_the_version_it_was_shown(case):
    assert case_lock(case=case).pk == case.pk
    with pytest.raises(StaleVersionError):
        case_lock(case=case, expected_version=case.version + 5)


def test_case_ensure_visible_hides_a_case_outside_scope(county, other_county, case):
    case_ensure_visible(case=case, acting_user=county.center)
    with pytest.raises(NotFoundError):
        case_ensure_visible(case=case, acting_user=other_county.center)


def test_case_classify_bumps_the_version_and_is_audited(county, case):
    category = Category.objects.filter(is_active=True).first()
    version = Case.objects.get(pk=case.pk).version
    updated = case_classify(case=case, acting_user=county.center, field="category", value=category,
                            suggested=category.code, expected_version=version)
    assert (updated.category, updated.version) == (category, version + 1)
    assert updated.events.filter(action="triage_category").exists()
    assert AuditEntry.objects.filter(action="case.triage_category", object_id=str(case.pk)).exists()
    with pytest.raises(ValueError, match="cannot set"):
        case_classify(case=case, acting_user=county.center, field="title", value=category)


def test_case_care_team_assign_gives_a_co_task_without_a_manager(county, case):
    due = timezone.now() + dt.timedelta(days=1)
    assignment = case_care_team_assign(case=case, counsellor=county.handler, acting_user=None, task="联系当事人",
                                       note="心理关怀转介", due_at=due)
    assert (assignment.role, assignment.status, assignment.user, assignment.due_at) == (
        AssignmentRole.CO, AssignmentStatus.ACTIVE, county.handler, due)
    assert case.events.filter(kind=EventKind.ASSIGNED, action="assign_co").exists()
    assert AuditEntry.objects.filter(action="case.assign_co", object_id=str(case.pk)).exists()
