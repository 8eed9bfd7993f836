"""reply_check: a pure function, checked with written examples of good and poor answers."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fengqiao.replies.checks import (
    BASIS,
    DEADLINE,
    FAIL,
    NEXT_STEPS,
    PASS,
    PLACE,
    PROBLEM,
    WARN,
    CheckResult,
    reply_check,
)
from fengqiao.replies.tests.examples import (
    LAND_GOOD_ANSWER,
    LAND_REQUEST,
    NOISE_EMPTY_ANSWER,
    NOISE_GOOD_ANSWER,
    NOISE_REQUEST,
    NOISE_UNEXPLAINED_ANSWER,
)

NOW = timezone.make_aware(dt.datetime(2026, 10, 20, 10, 0))


def statuses(result: CheckResult) -> dict[str, str]:
    return {item.code: item.status for item in result.items}


@pytest.mark.parametrize(("request_text", "answer"), [(NOISE_REQUEST, NOISE_GOOD_ANSWER), (LAND_REQUEST, LAND_GOOD_ANSWER)])
def test_a_good_answer_passes_every_question(request_text, answer):
    result = reply_check(request_text=request_text, reply_text=answer, due_at=NOW + dt.timedelta(days=3), now=NOW)
    assert statuses(result) == {PLACE: PASS, PROBLEM: PASS, BASIS: PASS, DEADLINE: PASS, NEXT_STEPS: PASS}
    assert result.passed and result.explains and not result.failed


def test_the_good_answer_shows_what_it_found():
    result = reply_check(request_text=LAND_REQUEST, reply_text=LAND_GOOD_ANSWER, now=NOW)
    kinds = {e.kind for e in result.item(BASIS).evidence}
    assert {"basis", "facts", "reasons"} <= kinds
    assert any("土地管理法" in e.text for e in result.item(BASIS).evidence)
    assert any("东坪" in e.text for e in result.item(PLACE).evidence)
    assert any("不服" in e.text for e in result.item(NEXT_STEPS).evidence)


def test_an_empty_answer_fails_place_problem_basis_and_next_steps():
    result = reply_check(request_text=NOISE_REQUEST, reply_text=NOISE_EMPTY_ANSWER, now=NOW)
    assert statuses(result) == {PLACE: FAIL, PROBLEM: FAIL, BASIS: FAIL, DEADLINE: PASS, NEXT_STEPS: FAIL}
    assert not result.passed and not result.explains
    assert "柳湾小区" in result.item(PLACE).missing
    assert result.item(PLACE).message.startswith("答复没有提到诉求中的地点")


def test_an_answer_that_does_not_name_the_place_is_caught():
    answer = NOISE_GOOD_ANSWER.replace("柳湾小区3幢", "您家").replace("青石街道办事处", "上级机关")
    result = reply_check(request_text=NOISE_REQUEST, reply_text=answer, now=NOW)
    assert result.item(PLACE).status == FAIL
    assert result.item(BASIS).status == PASS


def test_an_answer_without_basis_facts_or_reasons_is_caught():
    result = reply_check(request_text=NOISE_REQUEST, reply_text=NOISE_UNEXPLAINED_ANSWER, now=NOW)
    assert result.item(PLACE).status == PASS
    assert result.item(BASIS).status == FAIL
    assert "没有说明依据" in result.item(BASIS).message


def test_substance_without_a_recognised_basis_is_a_warning_not_a_failure():
    answer = ("您好！关于柳湾小区3幢夜间噪音一事，楼上住户称家中老人夜里需要搬动床铺和轮椅，双方已经当面说开，"
              "楼上住户同意换用带橡胶垫的轮椅并尽量在晚上十点前收拾好房间，楼下王女士表示可以接受。")
    result = reply_check(request_text=NOISE_REQUEST, reply_text=answer, now=NOW)
    assert result.item(BASIS).status in (PASS, WARN)
    assert result.item(BASIS).ok


def test_a_late_answer_is_caught_with_the_days_late():
    due = NOW - dt.timedelta(days=4)
    result = reply_check(request_text=NOISE_REQUEST, reply_text=NOISE_GOOD_ANSWER, due_at=due, now=NOW)
    item = result.item(DEADLINE)
    assert item.status == FAIL and item.days == 4
    assert "已超过办理期限 4 天" in item.message
    assert not result.passed


def test_no_deadline_means_nothing_to_miss():
    result = reply_check(request_text=NOISE_REQUEST, reply_text=NOISE_GOOD_ANSWER, due_at=None, now=NOW)
    assert result.item(DEADLINE).status == PASS
    assert result.item(DEADLINE).message == "本环节没有办理期限。"


def test_an_answer_that_says_nothing_about_next_steps_is_caught():
    answer = NOISE_GOOD_ANSWER.split("如噪音再次出现")[0]
    result = reply_check(request_text=NOISE_REQUEST, reply_text=answer, now=NOW)
    assert result.item(NEXT_STEPS).status == FAIL
    assert result.item(BASIS).status == PASS


def test_a_question_for_the_resident_is_not_a_rule_of_law():
    result = reply_check(request_text=NOISE_REQUEST, reply_text="您好！已收悉。如您有疑问，可以拨打12345。", now=NOW)
    assert result.item(BASIS).status == FAIL
    assert result.item(NEXT_STEPS).status == PASS


def test_a_slip_of_one_character_in_a_place_name_is_forgiven():
    request = "景蓉华苑停车收费问题\n景蓉华苑业委会未召开业主大会就制定停车收费方案。"
    answer = "经调查，景蓉花苑业委会已于4月召开业主大会，三分之二以上业主同意收取停车管理费。"
    assert reply_check(request_text=request, reply_text=answer, now=NOW).item(PLACE).status == PASS


def test_the_result_survives_a_round_trip_through_json():
    result = reply_check(request_text=LAND_REQUEST, reply_text=NOISE_EMPTY_ANSWER, due_at=NOW - dt.timedelta(days=1), now=NOW)
    again = CheckResult.from_json(result.to_json())
    assert again == result
    assert CheckResult.from_json({}) is None
    assert CheckResult.from_json({"version": 999, "items": []}) is None


def test_any_text_is_accepted():
    for text in ("", " ", "a" * 30000, "《》" * 50, "\n\n\n"):
        result = reply_check(request_text=text, reply_text=text, now=NOW)
        assert len(result.items) == 5
