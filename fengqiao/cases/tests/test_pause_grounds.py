"""A clock pauses only on a lawful ground allowed in its step: 听证 only in 复核 (信访工作条例 第三十六条第二款),
鉴定评估 or the parties' agreement in mediation. Real dates: a 复核 entered Wed 30 Sep 2026, its hearing from
Fri 9 Oct to Fri 16 Oct 2026 (after National Day, 1-7 Oct)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from fengqiao.cases.limits import step_limits
from fengqiao.cases.models import ClockPause, PauseGround
from fengqiao.cases.services import case_clock_pause, case_clock_resume
from fengqiao.cases.services.common import start_clock
from fengqiao.cases.tests.helpers import put_in_state
from fengqiao.cases.tests.oversight_support import at, local_date, mediating_case, reload
from fengqiao.core.errors import TransitionRefused, ValidationFailed
from fengqiao.testing.factories import make_case

HEARING_ARTICLE = "信访工作条例 第三十六条第二款"


def petition_in(county, state_code: str, entered: dt.datetime):
    case = make_case(acting_user=county.center, region=county.grid, process="petition", received_at=at(2026, 8, 3))
    case = put_in_state(case, state_code)
    case.save(update_fields=start_clock(case, case.state, entered, step_date=local_date(entered)))
    return reload(case)


def test_the_seeded_grounds_and_their_steps(db):
    steps = {g.code: {(s.process.code, s.code) for s in g.states.all()} for g in PauseGround.objects.all()}
    assert steps == {"hearing": {("petition", "re_review")}, "appraisal": {("dispute", "mediating")},
                     "parties_agreed": {("dispute", "mediating")}}
    assert HEARING_ARTICLE in PauseGround.objects.get(code="hearing").legal_basis


def test_a_pause_without_a_ground_is_refused_naming_the_article(county, fresh):
    case = petition_in(county, "re_review", at(2026, 9, 30))
    with pytest.raises(ValidationFailed) as refused:
        case_clock_pause(case=case, acting_user=fresh(county.center), reason="组织听证", paused_at=at(2026, 10, 9))
    assert HEARING_ARTICLE in refused.value.message and "ground" in refused.value.field_errors
    assert not reload(case).is_paused and not ClockPause.objects.exists()


def test_a_hearing_pauses_the_re_review_clock_across_the_holidays(county, fresh):
    case = petition_in(county, "re_review", at(2026, 9, 30))
    assert local_date(case.due_at) == dt.date(2026, 10, 30)  # 30 days from 30 Sep
    case_clock_pause(case=case, acting_user=fresh(county.center), ground="hearing", reason="复核听证",
                     paused_at=at(2026, 10, 9))
    pause = case_clock_resume(case=reload(case), acting_user=fresh(county.center), resumed_at=at(2026, 10, 16))
    assert pause.ground.code == "hearing" and pause.days_added == 7
    case = reload(case)
    assert local_date(case.due_at) == dt.date(2026, 11, 6)
    assert "听证" in case.events.get(action="clock_pause").public_note
    limits = step_limits(case=case)
    assert limits.paused == 7 and limits.max_extension == 0 and limits.latest == case.due_at


def test_a_hearing_does_not_pause_the_handling_clock(county, fresh):
    """Art. 31(6) allows a hearing while handling, but only Art. 36 ¶2 (复核) leaves its time out of a period."""
    case = petition_in(county, "accepted", at(2026, 9, 1))
    with pytest.raises(TransitionRefused) as refused:
        case_clock_pause(case=case, acting_user=fresh(county.center), ground="hearing", reason="听证",
                         paused_at=at(2026, 10, 9))
    assert HEARING_ARTICLE in refused.value.message and "受理办理" in refused.value.message
    with pytest.raises(TransitionRefused):  # nor does an appraisal (a mediation ground)
        case_clock_pause(case=case, acting_user=fresh(county.center), ground="appraisal", reason="鉴定")
    with pytest.raises(ValidationFailed):
        case_clock_pause(case=case, acting_user=fresh(county.center), ground="nonsense", reason="随便")
    assert not reload(case).is_paused


def test_mediation_pauses_for_an_appraisal_but_not_for_a_hearing(county, fresh):
    case = mediating_case(county, fresh)
    with pytest.raises(TransitionRefused):
        case_clock_pause(case=case, acting_user=fresh(county.center), ground="hearing", reason="听证")
    pause = case_clock_pause(case=reload(case), acting_user=fresh(county.center), ground="appraisal",
                             reason="委托伤情鉴定")
    assert pause.ground.code == "appraisal" and reload(case).is_paused


def test_a_ground_switched_off_by_the_administrator_is_refused(county, fresh):
    PauseGround.objects.filter(code="appraisal").update(is_active=False)
    with pytest.raises(ValidationFailed):
        case_clock_pause(case=mediating_case(county, fresh), acting_user=fresh(county.center), ground="appraisal",
                         reason="鉴定")


def test_the_page_offers_the_steps_grounds_and_refuses_a_pause_without_one(client, county, fresh):
    case = petition_in(county, "re_review", at(2026, 9, 30))
    client.force_login(county.center)
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'value="hearing"' in page and 'value="appraisal"' not in page
    url = reverse("cases:clock_pause", args=[case.pk])
    response = client.post(url, {"version": case.version, "reason": "听证", "paused_at": "2026-10-09T09:00"})
    assert response.status_code == 400 and HEARING_ARTICLE in response.content.decode()
    response = client.post(url, {"version": case.version, "ground": "hearing", "reason": "听证",
                                 "paused_at": "2026-10-09T09:00"})
    assert response.status_code == 303 and reload(case).is_paused
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "法定最长期限" in page and "暂停中，恢复后顺延" in page
