"""Every new case-page URL answers 404 to a user of another county, exactly as for a missing id, and writes
nothing; GET is not served."""
from __future__ import annotations

import pytest
from django.urls import reverse

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import Case
from fengqiao.cases.services import case_assign, case_clock_pause, case_leader_assign, case_supervision_raise
from fengqiao.cases.tests.oversight_support import mediating_case

MISSING = 987654321


@pytest.fixture
def objects(county, fresh):
    case = mediating_case(county, fresh)
    case = case_assign(case=case, acting_user=fresh(county.center), to_department=county.police, role="co", task="维稳")
    notice = case_supervision_raise(case=case, acting_user=fresh(county.center), reason="请加快", reply_days=2)
    leader_case = case_leader_assign(case=case, acting_user=fresh(county.center), leader=county.leader)
    case_clock_pause(case=case, acting_user=fresh(county.center), ground="appraisal", reason="委托鉴定")
    return {"case": Case.objects.get(pk=case.pk), "task": case.assignments.get(role="co"), "notice": notice,
            "leader_case": leader_case}


def urls(o: dict, *, case_id: int | None = None) -> list[tuple[str, dict]]:
    pk = case_id or o["case"].pk
    version = o["case"].version
    return [
        (reverse("cases:co_task_done", args=[pk, o["task"].pk]), {"version": version, "result": "完成"}),
        (reverse("cases:co_task_waive", args=[pk, o["task"].pk]), {"version": version, "reason": "免除"}),
        (reverse("cases:joint_meeting_add", args=[pk]), {"version": version, "held_at": "2026-11-01T10:00", "place": "会议室",
                                                         "chaired_by": "主任", "minutes": "纪要", "decisions": "议定",
                                                         "other_attendees": "物业公司"}),
        (reverse("cases:supervision_add", args=[pk]), {"target": "lead", "reason": "督办", "reply_days": 2}),
        (reverse("cases:supervision_reply", args=[pk, o["notice"].pk]), {"reply": "回复"}),
        (reverse("cases:supervision_close", args=[pk, o["notice"].pk]), {"note": "销号"}),
        (reverse("cases:leader_assign", args=[pk]), {"version": version, "leader": o["leader_case"].leader_id}),
        (reverse("cases:leader_release", args=[pk, o["leader_case"].pk]), {"note": "结束"}),
        (reverse("cases:escalate", args=[pk]), {"version": version, "reason": "上报"}),
        (reverse("cases:clock_pause", args=[pk]), {"version": version, "ground": "appraisal", "reason": "委托鉴定"}),
        (reverse("cases:clock_resume", args=[pk]), {"version": version}),
    ]


@pytest.mark.parametrize("who", ["center", "leader", "handler"])
def test_another_county_gets_404_like_a_missing_id(client, county, other_county, objects, who):
    client.force_login(getattr(other_county, who))
    before = (Case.objects.get(pk=objects["case"].pk).version, AuditEntry.objects.count())
    for url, data in urls(objects):
        assert client.post(url, data).status_code == 404, url
    for url, data in urls(objects, case_id=MISSING):
        assert client.post(url, data).status_code == 404, url
    assert (Case.objects.get(pk=objects["case"].pk).version, AuditEntry.objects.count()) == before


def test_objects_of_another_case_are_not_found_through_this_one(client, county, fresh, objects):
    other = mediating_case(county, fresh).pk
    client.force_login(county.center)
    for url in (
        reverse("cases:co_task_done", args=[other, objects["task"].pk]),
        reverse("cases:co_task_waive", args=[other, objects["task"].pk]),
        reverse("cases:supervision_reply", args=[other, objects["notice"].pk]),
        reverse("cases:supervision_close", args=[other, objects["notice"].pk]),
        reverse("cases:leader_release", args=[other, objects["leader_case"].pk]),
    ):
        assert client.post(url, {"version": 1, "result": "完成", "reason": "免除", "reply": "回复", "note": "结束"}
                           ).status_code == 404, url


def test_only_post_is_served(client, county, objects):
    client.force_login(county.center)
    for url, _data in urls(objects):
        assert client.get(url).status_code == 405, url
