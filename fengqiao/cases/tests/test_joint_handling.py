"""联合处置: co-handlers' tasks and deadlines; the case closes only when every co-task is done or waived."""
from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.cases.deadlines import end_of_day
from fengqiao.cases.models import Assignment, Case, CaseEvent
from fengqiao.cases.services import (
    case_assign,
    case_co_task_complete,
    case_co_task_waive,
    case_transition,
)
from fengqiao.cases.tests.oversight_support import (
    assert_open_case_can_move_on,
    mediating_case,
    notifications_for,
    reload,
)
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.worktime.calendar import add_working_days


@pytest.fixture
def joint(county, fresh):
    case = mediating_case(county, fresh)
    case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.police, role="co",
                       task="核查工地治安情况，防止聚集", due_days=3)
    case = case_transition(case=case, action="succeed", acting_user=fresh(county.handler), note="达成分期支付协议")
    return case, Assignment.objects.get(case=case, role="co")


def test_close_is_refused_while_a_co_task_is_open_and_names_it(county, fresh, joint):
    case, task = joint
    with pytest.raises(TransitionRefused) as refused:
        case_transition(case=case, action="close", acting_user=fresh(county.handler))
    assert county.police.name in str(refused.value.message) and "1 项协办任务" in str(refused.value.message)
    assert reload(case).state.code == "mediated"
    case_co_task_complete(assignment=task, acting_user=fresh(county.police_handler), result="已现场维稳，无聚集")
    closed = case_transition(case=case, action="close", acting_user=fresh(county.handler))
    assert closed.state.code == "closed"
    task.refresh_from_db()
    assert task.status == "done" and task.end_note == "已现场维稳，无聚集" and task.ended_by == county.police_handler


def test_a_waived_task_lets_the_case_close_but_only_with_a_reason_from_the_center(county, fresh, joint):
    case, task = joint
    with pytest.raises(PermissionRefused):
        case_co_task_waive(assignment=task, acting_user=fresh(county.handler), reason="不需要了")
    with pytest.raises(ValidationFailed):
        case_co_task_waive(assignment=task, acting_user=fresh(county.center), reason="  ")
    case_co_task_waive(assignment=task, acting_user=fresh(county.center), reason="双方已和解，无需派出所配合")
    task.refresh_from_db()
    assert task.status == "waived" and task.end_note == "双方已和解，无需派出所配合"
    assert case_transition(case=case, action="close", acting_user=fresh(county.handler)).state.code == "closed"
    with pytest.raises(TransitionRefused):
        case_co_task_complete(assignment=task, acting_user=fresh(county.police_handler), result="补报")


def test_only_the_co_handler_or_the_center_reports_a_task_done(county, fresh, joint):
    _case, task = joint
    for outsider in (county.grid_worker, county.handler):
        with pytest.raises(PermissionRefused):
            case_co_task_complete(assignment=task, acting_user=fresh(outsider), result="完成")
    with pytest.raises(ValidationFailed):
        case_co_task_complete(assignment=task, acting_user=fresh(county.police_handler), result="")
    assert Assignment.objects.get(pk=task.pk).status == "active"


def test_co_task_deadline_counts_working_days_and_defaults_to_the_step(county, fresh, joint):
    case, task = joint
    expected = end_of_day(add_working_days(timezone.localdate(task.created_at), 3).end)
    assert task.due_at == expected and task.task == "核查工地治安情况，防止聚集"
    case = case_assign(case=reload(case), acting_user=fresh(county.center), to_user=county.counsellor, role="co",
                       note="心理疏导")
    other = Assignment.objects.filter(case=case, role="co", user=county.counsellor).get()
    assert other.due_at == reload(case).due_at and other.task == "心理疏导"
    with pytest.raises(ValidationFailed):
        case_assign(case=reload(case), acting_user=fresh(county.center), to_department=county.police, role="co", due_days=0)
    with pytest.raises(ValidationFailed):
        case_assign(case=reload(case), acting_user=fresh(county.center), to_department=county.police, role="co",
                    due_days=3, due_unit="fortnights")


def test_the_co_handler_is_told_of_its_task(county, fresh, django_capture_on_commit_callbacks):
    case = mediating_case(county, fresh)
    with django_capture_on_commit_callbacks(execute=True):
        case_assign(case=case, acting_user=fresh(county.center), to_department=county.police, role="co",
                    task="核查工地治安情况", due_days=2)
    notes = notifications_for(county.police_handler, case)
    assert len(notes) == 1 and "核查工地治安情况" in notes[0].body


def test_case_page_shows_co_tasks_with_done_and_waive_forms(client, county, fresh, joint):
    case, task = joint
    client.force_login(county.police_handler)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "核查工地治安情况" in page and f'id="panel-co-done-{task.pk}"' in page
    assert f'id="panel-co-waive-{task.pk}"' not in page

    client.force_login(county.handler)
    refused = client.post(reverse("cases:transition", args=[case.pk, "close"]), {"version": reload(case).version})
    assert refused.status_code == 409 and county.police.name in refused.content.decode()

    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'id="panel-co-waive-{task.pk}"' in page
    url = reverse("cases:co_task_waive", args=[case.pk, task.pk])
    empty = client.post(url, {"version": reload(case).version, "reason": ""}, headers={"HX-Request": "true"})
    assert empty.status_code == 400 and "请填写免除理由" in empty.content.decode()

    client.force_login(county.police_handler)
    done = client.post(reverse("cases:co_task_done", args=[case.pk, task.pk]),
                       {"version": reload(case).version, "result": "已出警核查，现场平稳"})
    assert done.status_code == 303
    assert Assignment.objects.get(pk=task.pk).status == "done"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "已出警核查，现场平稳" in page and "协办任务完成" in page
    assert CaseEvent.objects.filter(case=case, action="co_task_done").count() == 1


def test_the_co_handler_form_takes_a_task_and_a_deadline(client, county, fresh):
    case = mediating_case(county, fresh)
    client.force_login(county.center)
    response = client.post(reverse("cases:co_handler_add", args=[case.pk]), {
        "version": reload(case).version, "to_department": county.police.pk, "task": "派员参加联席会议",
        "due_days": 2, "due_unit": "working_days",
    })
    assert response.status_code == 303
    task = Assignment.objects.get(case=case, role="co")
    assert task.task == "派员参加联席会议"
    assert task.due_at == end_of_day(add_working_days(timezone.localdate(task.created_at), 2).end)
    assert_open_case_can_move_on(case)


def test_versions_move_with_co_task_changes(county, fresh, joint):
    case, task = joint
    version = Case.objects.get(pk=case.pk).version
    case_co_task_complete(assignment=task, acting_user=fresh(county.police_handler), result="完成", expected_version=version)
    assert Case.objects.get(pk=case.pk).version == version + 1
