"""Staff record follow-up calls: attempts, answers, and a request for review when the resident is not satisfied."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import CaseEvent
from fengqiao.core.errors import NotFoundError, TransitionRefused, ValidationFailed
from fengqiao.followup.choices import AnswerChannel, FollowUpStatus, ReviewStatus
from fengqiao.followup.services import followup_call_record, followup_create_for
from fengqiao.notifications.models import Notification


@pytest.fixture
def followup(mediated):
    return followup_create_for(case=mediated)


def test_a_call_that_reaches_nobody_is_kept_as_an_attempt(followup, county, fresh):
    call = followup_call_record(followup=followup, acting_user=fresh(county.grid_worker), reached=False,
                                note="无人接听，明天再打")
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.PENDING and followup.calls.count() == 1
    assert not call.reached and call.settled == "" and call.note == "无人接听，明天再打"
    event = CaseEvent.objects.get(case=followup.case, action="followup_call")
    assert "未联系上" in event.note and event.actor_id == county.grid_worker.pk


def test_a_reached_call_completes_the_followup(followup, county, fresh):
    followup_call_record(followup=followup, acting_user=fresh(county.grid_worker), reached=True, settled="yes",
                         satisfaction="satisfied", resident_words="现在晚上安静多了，谢谢网格员")
    followup.refresh_from_db()
    assert followup.status == FollowUpStatus.ANSWERED and followup.channel == AnswerChannel.CALL
    assert followup.answered_by_id == county.grid_worker.pk
    assert followup.settled == "yes" and followup.satisfaction == "satisfied"
    assert followup.review_status == ""
    assert AuditEntry.objects.filter(action="followup.call", object_id=str(followup.pk)).exists()
    with pytest.raises(TransitionRefused):
        followup_call_record(followup=followup, acting_user=fresh(county.center), reached=True, settled="no",
                             satisfaction="dissatisfied")


def test_a_reached_call_needs_the_answers(followup, county, fresh):
    with pytest.raises(ValidationFailed) as refused:
        followup_call_record(followup=followup, acting_user=fresh(county.center), reached=True, settled="yes")
    assert "satisfaction" in refused.value.field_errors
    with pytest.raises(ValidationFailed):
        followup_call_record(followup=followup, acting_user=fresh(county.center), reached=True, settled="maybe",
                             satisfaction="satisfied")
    assert followup.calls.count() == 0


def test_the_call_time_must_be_after_the_resolution_and_not_in_the_future(followup, county, fresh):
    for when in (timezone.now() + dt.timedelta(hours=2), followup.resolved_at - dt.timedelta(days=1)):
        with pytest.raises(ValidationFailed):
            followup_call_record(followup=followup, acting_user=fresh(county.center), reached=False, called_at=when)


def test_dissatisfied_asks_the_center_to_review_and_tells_center_staff(followup, county, fresh):
    followup_call_record(followup=followup, acting_user=fresh(county.grid_worker), reached=True, settled="no",
                         satisfaction="dissatisfied", resident_words="楼上还是半夜拖桌子")
    followup.refresh_from_db()
    assert followup.review_status == ReviewStatus.REQUESTED and followup.review_requested_at
    told = set(Notification.objects.filter(case=followup.case, kind="followup_due").values_list("recipient_id", flat=True))
    assert {county.center.pk, county.street_center.pk} <= told
    assert county.grid_worker.pk not in told


def test_not_settled_alone_also_asks_for_review(followup, county, fresh):
    followup_call_record(followup=followup, acting_user=fresh(county.center), reached=True, settled="no",
                         satisfaction="fairly")
    followup.refresh_from_db()
    assert followup.review_status == ReviewStatus.REQUESTED


def test_another_county_cannot_record_a_call(followup, other_county, fresh):
    with pytest.raises(NotFoundError):
        followup_call_record(followup=followup, acting_user=fresh(other_county.center), reached=False)
    assert followup.calls.count() == 0
