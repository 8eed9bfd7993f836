"""上报: the handling level moves up one administrative level at a time; the lower level keeps reading the case
(its region stays) and the center staff of the higher level are told."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.cases.models import Case, CaseEvent, Escalation
from fengqiao.cases.selectors import my_work_for
from fengqiao.cases.services import case_assign, case_co_task_waive, case_escalate, case_transition
from fengqiao.cases.tests.oversight_support import assert_open_case_can_move_on, notifications_for, reload
from fengqiao.core.errors import NotFoundError, PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.testing.factories import make_case


@pytest.fixture
def case(county):
    return make_case(acting_user=county.grid_worker, region=county.grid, title="工地欠薪，工人聚集")


def test_escalation_climbs_grid_community_street_county(county, fresh, case, django_capture_on_commit_callbacks):
    assert reload(case).current_handling_region == county.grid
    with django_capture_on_commit_callbacks(execute=True):
        first = case_escalate(case=case, acting_user=fresh(county.grid_worker), reason="涉及23名工人，网格无法化解")
    assert (first.from_region, first.to_region) == (county.grid, county.community)
    case = reload(case)
    assert case.handling_region == county.community and case.region == county.grid
    # The community has no center staff of its own: the street's are told.
    assert len(notifications_for(county.street_center, case)) == 1
    assert notifications_for(county.center, case) == []

    with pytest.raises(PermissionRefused):  # the grid no longer handles it
        case_escalate(case=case, acting_user=fresh(county.grid_worker), reason="再上报")
    with django_capture_on_commit_callbacks(execute=True):
        case_escalate(case=case, acting_user=fresh(county.mediator), reason="社区调解不成")
    case = reload(case)
    assert case.handling_region == county.street
    assert case in my_work_for(user=fresh(county.street_center))

    with django_capture_on_commit_callbacks(execute=True):
        case_escalate(case=case, acting_user=fresh(county.street_center), reason="需县级部门联合处置")
    case = reload(case)
    assert case.handling_region == county.county
    assert len(notifications_for(county.center, case)) == 1
    with pytest.raises(TransitionRefused):
        case_escalate(case=case, acting_user=fresh(county.center), reason="再上报")
    assert list(Escalation.objects.filter(case=case).values_list("to_region__level", flat=True)) == [3, 2, 1]
    assert_open_case_can_move_on(case)


def test_the_lower_level_keeps_read_access(client, county, fresh, case):
    case_escalate(case=case, acting_user=fresh(county.grid_worker), reason="网格无法化解")
    case_escalate(case=reload(case), acting_user=fresh(county.street_center), reason="需街道协调")
    grid_worker = fresh(county.grid_worker)
    assert Case.objects.visible_to(grid_worker).filter(pk=case.pk).exists()
    client.force_login(grid_worker)
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "承办层级" in html and county.street.name in html and "已上报" in html
    assert 'id="panel-escalate"' not in html


def test_escalation_needs_a_reason_a_role_and_an_open_case(county, other_county, fresh, case):
    with pytest.raises(ValidationFailed):
        case_escalate(case=case, acting_user=fresh(county.grid_worker), reason=" ")
    elsewhere = make_case(acting_user=county.center, region=county.other_grid)
    with pytest.raises(NotFoundError):
        case_escalate(case=elsewhere, acting_user=fresh(county.grid_worker), reason="上报")
    # A counsellor whose co-task ended still reads the case but has no role on it any more.
    case_assign(case=case, acting_user=fresh(county.center), to_user=county.counsellor, role="co", task="心理疏导")
    case_co_task_waive(assignment=case.assignments.get(role="co"), acting_user=fresh(county.center), reason="当事人拒绝")
    with pytest.raises(PermissionRefused):
        case_escalate(case=reload(case), acting_user=fresh(county.counsellor), reason="上报")
    closed = case_transition(case=reload(case), action="close", acting_user=fresh(county.grid_worker), note="当场化解")
    with pytest.raises(TransitionRefused):
        case_escalate(case=closed, acting_user=fresh(county.center), reason="上报")
    assert not Escalation.objects.exists()


def test_the_page_escalates_and_tells_the_resident(client, county, fresh, case):
    client.force_login(county.grid_worker)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="panel-escalate"' in page and f"上报至{county.community.name}" in page
    response = client.post(reverse("cases:escalate", args=[case.pk]),
                           {"version": reload(case).version, "reason": "网格无法化解"})
    assert response.status_code == 303
    event = CaseEvent.objects.get(case=case, action="escalate")
    assert county.community.name in event.public_note and event.note == "网格无法化解"
    refused = client.post(reverse("cases:escalate", args=[case.pk]), {"version": 1, "reason": "再报"})
    assert refused.status_code == 409
