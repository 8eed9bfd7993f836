"""联席会议: the record of a joint meeting on a case."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from fengqiao.cases.models import CaseEvent, JointMeeting
from fengqiao.cases.services import JointMeetingInput, case_joint_meeting_record
from fengqiao.cases.tests.oversight_support import assert_open_case_can_move_on, mediating_case, reload
from fengqiao.core.errors import NotFoundError, ValidationFailed


def meeting(county, **overrides) -> JointMeetingInput:
    values = {
        "held_at": timezone.now() - dt.timedelta(hours=2), "place": "青石街道矛调中心会议室", "chaired_by": "街道党工委副书记",
        "minutes": "人社局通报欠薪核查情况；住建局说明工资保证金；派出所提出现场秩序要求。",
        "decisions": "总包单位于1月20日前从保证金中支付第一期工资；人社局跟踪落实。",
        "departments": [county.labour, county.police], "other_attendees": "总包单位项目经理",
    }
    values.update(overrides)
    return JointMeetingInput(**values)


def test_a_joint_meeting_is_recorded_with_attendees_and_decisions(county, fresh):
    case = mediating_case(county, fresh)
    version = reload(case).version
    record = case_joint_meeting_record(case=case, acting_user=fresh(county.center), data=meeting(county),
                                       expected_version=version)
    assert set(record.departments.all()) == {county.labour, county.police}
    assert record.recorded_by == county.center and record.chaired_by == "街道党工委副书记"
    assert reload(case).version == version + 1
    event = CaseEvent.objects.get(case=case, action="joint_meeting")
    assert "保证金" in event.note and event.data["place"] == "青石街道矛调中心会议室"
    assert_open_case_can_move_on(case)


@pytest.mark.parametrize(("change", "field"), [
    ({"held_at": None}, "held_at"),
    ({"held_at": timezone.now() + dt.timedelta(days=2)}, "held_at"),
    ({"place": " "}, "place"),
    ({"decisions": ""}, "decisions"),
    ({"departments": [], "other_attendees": ""}, "departments"),
])
def test_an_incomplete_record_is_refused_field_by_field(county, fresh, change, field):
    case = mediating_case(county, fresh)
    with pytest.raises(ValidationFailed) as refused:
        case_joint_meeting_record(case=case, acting_user=fresh(county.center), data=meeting(county, **change))
    assert field in refused.value.field_errors
    assert not JointMeeting.objects.filter(case=case).exists()


def test_departments_of_another_county_are_refused(county, other_county, fresh):
    case = mediating_case(county, fresh)
    with pytest.raises(ValidationFailed) as refused:
        case_joint_meeting_record(case=case, acting_user=fresh(county.center),
                                  data=meeting(county, departments=[other_county.labour]))
    assert "departments" in refused.value.field_errors


def test_someone_without_a_role_on_the_case_cannot_record_one(county, other_county, fresh):
    case = mediating_case(county, fresh)
    with pytest.raises(NotFoundError):
        case_joint_meeting_record(case=case, acting_user=fresh(county.counsellor), data=meeting(county))
    with pytest.raises(NotFoundError):
        case_joint_meeting_record(case=case, acting_user=fresh(other_county.center), data=meeting(county))
    assert not JointMeeting.objects.filter(case=case).exists()


def test_the_case_page_records_and_shows_a_meeting(client, county, fresh):
    case = mediating_case(county, fresh)
    client.force_login(county.center)
    held = timezone.localtime(timezone.now() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(reverse("cases:joint_meeting_add", args=[case.pk]), {
        "version": reload(case).version, "held_at": held, "place": "县矛调中心", "chaired_by": "县委政法委副书记",
        "departments": [county.labour.pk, county.police.pk], "minutes": "各方通报情况。", "decisions": "人社局牵头督促支付。",
    })
    assert response.status_code == 303
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "联席会议" in page and "县委政法委副书记 主持" in page and "人社局牵头督促支付。" in page
    missing = client.post(reverse("cases:joint_meeting_add", args=[case.pk]), {"version": reload(case).version},
                          headers={"HX-Request": "true"})
    assert missing.status_code == 400 and 'id="panel-meeting"' in missing.content.decode()
