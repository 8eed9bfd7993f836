"""Issue 13: a case given to a lead (主办) tells whom it went to: the person, or, when it went to a department only,
the department's handlers (by their membership, never by a name); never the person who assigned it, never an
inactive account. Co-handler tasks keep their own notice from the cases app (no second one)."""
from __future__ import annotations

import pytest

from fengqiao.cases import events
from fengqiao.cases.models import Case
from fengqiao.cases.services import case_assign
from fengqiao.notifications.choices import Kind
from fengqiao.notifications.models import Notification
from fengqiao.testing.factories import UserFactory, grant, make_case


@pytest.fixture
def case(county) -> Case:
    return make_case(acting_user=county.grid_worker, region=county.grid, title="拖欠工资纠纷（电话13812345678）")


def assigned_notices(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=Kind.CASE_ASSIGNED).order_by("pk"))


def test_a_department_lead_tells_the_departments_handlers_only(county, case, fresh,
                                                               django_capture_on_commit_callbacks):
    second = grant(UserFactory(username="labour-2"), "handler", county.county, county.labour)
    gone = grant(UserFactory(username="labour-gone", is_active=False), "handler", county.county, county.labour)
    lapsed = UserFactory(username="labour-lapsed")
    grant(lapsed, "handler", county.county, county.labour)
    lapsed.memberships.update(is_active=False)
    by_name = UserFactory(username="rsj-namesake", display_name=county.labour.name)  # a name, no membership
    with django_capture_on_commit_callbacks(execute=True):
        case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour)
    for person in (county.handler, second):
        (notice,) = assigned_notices(person)
        assert notice.case_id == case.pk and notice.url == f"/cases/{case.pk}/"
        assert notice.title == f"交办案件：{case.reference}"
        assert "138****5678" in notice.body and "13812345678" not in notice.body
    for person in (gone, lapsed, by_name, county.center, county.police_handler, county.leader):
        assert assigned_notices(person) == [], person


def test_a_person_lead_tells_that_person_only(county, case, fresh, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case_assign(case=case, acting_user=fresh(county.center), to_user=county.police_handler)
    assert len(assigned_notices(county.police_handler)) == 1
    assert assigned_notices(county.police_handler)[0].recipient_id == county.police_handler.pk
    assert assigned_notices(county.handler) == [] and assigned_notices(county.center) == []


def test_the_person_who_assigned_it_is_not_told(county, case):
    second = grant(UserFactory(username="labour-3"), "handler", county.county, county.labour)
    events.deliver(events.CaseAssigned(case_id=case.pk, acting_user_id=county.handler.pk, role="lead",
                                       department_id=county.labour.pk))
    events.deliver(events.CaseAssigned(case_id=case.pk, acting_user_id=county.handler.pk, role="lead",
                                       user_id=county.handler.pk))
    assert assigned_notices(county.handler) == []
    assert len(assigned_notices(second)) == 1


def test_nothing_before_the_commit_or_after_a_rollback(county, case, fresh, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour)
    assert callbacks and assigned_notices(county.handler) == []


def test_a_co_handler_task_gets_one_notice_not_two(county, case, fresh, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.labour)
    with django_capture_on_commit_callbacks(execute=True):
        case_assign(case=Case.objects.get(pk=case.pk), acting_user=fresh(county.center), to_user=county.counsellor,
                    role="co", task="心理疏导")
    (notice,) = assigned_notices(county.counsellor)
    assert notice.title.startswith("协办任务")
