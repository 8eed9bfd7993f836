"""Formal 督办: center staff or a leader asks the handler for a written reply by a date; the handler replies on
the case page; an overdue reply shows red; the notice is closed (销号)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.cases.deadlines import end_of_day
from fengqiao.cases.models import Supervision
from fengqiao.cases.services import (
    case_assign,
    case_supervision_close,
    case_supervision_raise,
    case_supervision_reply,
)
from fengqiao.cases.tests.oversight_support import (
    assert_open_case_can_move_on,
    mediating_case,
    notifications_for,
)
from fengqiao.core.errors import PermissionRefused, TransitionRefused, ValidationFailed
from fengqiao.testing.factories import make_case
from fengqiao.worktime.calendar import add_working_days


def test_formal_supervision_asks_the_lead_for_a_reply_by_a_date(county, fresh, django_capture_on_commit_callbacks):
    case = mediating_case(county, fresh)
    with django_capture_on_commit_callbacks(execute=True):
        notice = case_supervision_raise(case=case, acting_user=fresh(county.leader), reason="欠薪案件请加快调解进度",
                                        reply_days=3)
    assert notice.kind == "formal" and notice.raised_by == county.leader and notice.to_department == county.labour
    assert notice.reply_due == end_of_day(add_working_days(timezone.localdate(notice.raised_at), 3).end)
    assert notice.reply_status() == "waiting"
    assert len(notifications_for(county.handler, case)) == 1

    with pytest.raises(PermissionRefused):
        case_supervision_reply(supervision=notice, acting_user=fresh(county.grid_worker), reply="与我无关")
    with django_capture_on_commit_callbacks(execute=True):
        case_supervision_reply(supervision=notice, acting_user=fresh(county.handler), reply="已约定1月18日再次调解")
    notice.refresh_from_db()
    assert notice.reply_status() == "replied" and notice.replied_by == county.handler
    assert len(notifications_for(county.leader, case)) == 1
    with pytest.raises(TransitionRefused):
        case_supervision_reply(supervision=notice, acting_user=fresh(county.handler), reply="再次回复")

    with pytest.raises(PermissionRefused):
        case_supervision_close(supervision=notice, acting_user=fresh(county.handler))
    case_supervision_close(supervision=notice, acting_user=fresh(county.center), note="回复属实")
    notice.refresh_from_db()
    assert notice.closed and notice.closed_by == county.center
    assert_open_case_can_move_on(case)


def test_who_may_raise_and_what_is_checked(county, fresh):
    case = mediating_case(county, fresh)
    for outsider in (county.grid_worker, county.handler):
        with pytest.raises(PermissionRefused):
            case_supervision_raise(case=case, acting_user=fresh(outsider), reason="督办", reply_days=3)
    with pytest.raises(ValidationFailed):
        case_supervision_raise(case=case, acting_user=fresh(county.center), reason="", reply_days=3)
    with pytest.raises(ValidationFailed):
        case_supervision_raise(case=case, acting_user=fresh(county.center), reason="督办", reply_days=0)
    unassigned = make_case(acting_user=county.grid_worker, region=county.grid)
    with pytest.raises(TransitionRefused):
        case_supervision_raise(case=unassigned, acting_user=fresh(county.center), reason="督办", reply_days=3)
    assert not Supervision.objects.exists()


def test_a_co_handler_can_be_supervised_and_replies_itself(county, fresh):
    case = mediating_case(county, fresh)
    case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.police, role="co", task="维稳")
    task = case.assignments.get(role="co")
    notice = case_supervision_raise(case=case, acting_user=fresh(county.center), reason="请报告现场情况", reply_days=1,
                                    assignment=task)
    assert notice.to_department == county.police
    with pytest.raises(PermissionRefused):
        case_supervision_reply(supervision=notice, acting_user=fresh(county.handler), reply="代为回复")
    case_supervision_reply(supervision=notice, acting_user=fresh(county.police_handler), reply="现场平稳")


def test_closing_an_unanswered_notice_needs_a_note(county, fresh):
    case = mediating_case(county, fresh)
    notice = case_supervision_raise(case=case, acting_user=fresh(county.center), reason="请说明进度", reply_days=2)
    with pytest.raises(ValidationFailed):
        case_supervision_close(supervision=notice, acting_user=fresh(county.center))
    case_supervision_close(supervision=notice, acting_user=fresh(county.center), note="已电话了解情况")


def test_reply_through_the_page_and_my_work_lists_it_until_then(client, county, fresh):
    case = mediating_case(county, fresh)
    notice = case_supervision_raise(case=case, acting_user=fresh(county.center), reason="请加快办理", reply_days=3)
    Supervision.objects.filter(pk=notice.pk).update(reply_due=timezone.now() - dt.timedelta(hours=1))
    client.force_login(county.handler)
    work = client.get(reverse("cases:my_work")).content.decode()
    assert "待我回复的督办" in work and "请加快办理" in work and "回复超期" in work
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert f'id="panel-reply-{notice.pk}"' in page and "回复超期" in page and "badge-red" in page
    assert 'id="panel-supervise"' not in page

    url = reverse("cases:supervision_reply", args=[case.pk, notice.pk])
    empty = client.post(url, {"reply": ""}, headers={"HX-Request": "true"})
    assert empty.status_code == 400 and "请填写书面回复" in empty.content.decode()
    assert client.post(url, {"reply": "已于今日组织双方调解"}).status_code == 303
    assert "待我回复的督办" not in client.get(reverse("cases:my_work")).content.decode()
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "已于今日组织双方调解" in page and "逾期回复" in page

    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="panel-supervise"' in page and f'id="panel-close-{notice.pk}"' in page
    response = client.post(reverse("cases:supervision_add", args=[case.pk]),
                           {"target": "lead", "reason": "再次督办", "reply_days": 2})
    assert response.status_code == 303 and Supervision.objects.filter(case=case).count() == 2
    assert client.post(reverse("cases:supervision_close", args=[case.pk, notice.pk]), {"note": ""}).status_code == 303
