"""Past follow-up answers recorded in one batch: the same rows a live call leaves, at the call's own time."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.audit.models import AuditEntry
from fengqiao.cases.models import CaseEvent
from fengqiao.cases.services import TimelineEntry, case_log_events
from fengqiao.core.errors import ValidationFailed
from fengqiao.followup.choices import AnswerChannel, FollowUpStatus, ReviewStatus
from fengqiao.followup.models import FollowUp, FollowUpCall
from fengqiao.followup.services import (
    PastAnswer,
    followup_call_record,
    followup_create_for,
    followups_record_past_answers,
)


def _answer(case, county, **kwargs):
    values = {"case_id": case.pk, "called_at": timezone.now(), "called_by": county.grid_worker,
              "settled": "yes", "satisfaction": "satisfied", "resident_words": "解决了"}
    return PastAnswer(**{**values, **kwargs})


def test_a_past_answer_leaves_the_rows_a_live_call_leaves(mediated, closed_order, county, fresh):
    live = followup_create_for(case=closed_order)
    followup_call_record(followup=live, acting_user=fresh(county.grid_worker), reached=True, settled="yes",
                         satisfaction="satisfied", resident_words="解决了")
    assert followups_record_past_answers(acting_user=None, answers=[_answer(mediated, county)]) == 1
    live.refresh_from_db()
    past = FollowUp.objects.get(case=mediated)
    for name in ("status", "channel", "answered_by_id", "settled", "satisfaction", "resident_words", "review_status"):
        assert getattr(past, name) == getattr(live, name), name
    assert past.status == FollowUpStatus.ANSWERED and past.channel == AnswerChannel.CALL
    call = FollowUpCall.objects.get(followup=past)
    assert call.reached and call.called_by_id == county.grid_worker.pk
    event = CaseEvent.objects.get(case=mediated, action="followup_call")
    assert event.created_at == past.answered_at and event.data["recorded_later"] is True
    assert AuditEntry.objects.filter(action="followup.record_past_answers").count() == 1


def test_a_pending_followup_of_that_resolution_is_completed_not_doubled(mediated, county):
    pending = followup_create_for(case=mediated)
    followups_record_past_answers(acting_user=None, answers=[_answer(mediated, county, settled="no",
                                                                     satisfaction="dissatisfied")])
    assert FollowUp.objects.filter(case=mediated).count() == 1
    pending.refresh_from_db()
    assert pending.status == FollowUpStatus.ANSWERED and pending.review_status == ReviewStatus.REQUESTED


def test_a_negative_answer_with_its_review_is_stored_as_reviewed(mediated, county):
    followups_record_past_answers(acting_user=None, answers=[_answer(mediated, county, satisfaction="dissatisfied",
                                                                     review_note="已复核，对方已履行")])
    followup = FollowUp.objects.get(case=mediated)
    assert followup.review_status == ReviewStatus.DISMISSED and followup.review_note == "已复核，对方已履行"


@pytest.mark.parametrize("change", [
    {"settled": "maybe"},
    {"called_at": timezone.now() + dt.timedelta(days=1)},
    {"called_at": timezone.now() - dt.timedelta(days=400)},  # before the case was resolved
])
def test_a_bad_answer_refuses_the_whole_batch(mediated, closed_order, county, change):
    with pytest.raises(ValidationFailed) as refused:
        followups_record_past_answers(acting_user=None, answers=[_answer(closed_order, county),
                                                                 _answer(mediated, county, **change)])
    assert "第 2 条" in str(refused.value.message)
    assert not FollowUp.objects.filter(status=FollowUpStatus.ANSWERED).exists()
    assert not FollowUpCall.objects.exists()


def test_an_open_case_or_a_second_answer_is_refused(mediated, open_case, county):
    with pytest.raises(ValidationFailed):
        followups_record_past_answers(acting_user=None, answers=[_answer(open_case, county)])
    followups_record_past_answers(acting_user=None, answers=[_answer(mediated, county)])
    with pytest.raises(ValidationFailed):
        followups_record_past_answers(acting_user=None, answers=[_answer(mediated, county)])


def test_timeline_lines_in_the_future_or_for_unknown_cases_are_refused(mediated):
    with pytest.raises(ValidationFailed):
        case_log_events(entries=[TimelineEntry(case_id=mediated.pk, action="x", at=timezone.now() + dt.timedelta(hours=1))])
    with pytest.raises(ValidationFailed):
        case_log_events(entries=[TimelineEntry(case_id=10**9, action="x", at=timezone.now())])
    assert case_log_events(entries=[]) == 0


def test_past_answers_are_counted_by_a_rebuild_not_one_event_at_a_time(mediated, county,
                                                                         django_capture_on_commit_callbacks):
    from fengqiao.reports.models import DailyCount
    from fengqiao.reports.services import counts_rebuild

    with django_capture_on_commit_callbacks(execute=True) as published:
        followups_record_past_answers(acting_user=None, answers=[_answer(mediated, county)])
    assert published == []  # a batch of history publishes no events
    counts_rebuild(acting_user=None)
    rows = DailyCount.objects.filter(region_path=county.county.path, dimension="all")
    assert sum(rows.values_list("answered", flat=True)) == 1
    assert sum(rows.values_list("satisfied", flat=True)) == 1
