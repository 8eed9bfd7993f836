"""The hot-issue engine on messages written for these tests (fengqiao/warning/tests/messages.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from fengqiao.warning.engine import Message, find_hot_issues
from fengqiao.warning.engine.heat import active_span_days, heat_index
from fengqiao.warning.engine.places import extract_places
from fengqiao.warning.engine.problems import problems_in
from fengqiao.warning.tests.messages import MATTERS, build, matter_of


def _by_matter(report) -> dict[str, object]:
    found = {}
    for issue in report.issues:
        matters = {matter_of(i) for i in issue.member_message_ids}
        assert len(matters) == 1, f"one hot issue mixes {sorted(matters)}"
        found[matters.pop()] = issue
    return found


def test_each_matter_is_one_hot_issue_with_all_its_messages_and_nothing_else():
    report = find_hot_issues(build())
    found = _by_matter(report)
    assert set(found) == set(MATTERS)  # noise and one person's repeated messages are not hot issues
    for name, issue in found.items():
        assert len(issue.member_message_ids) == len(MATTERS[name])


def test_two_problems_at_one_estate_are_two_issues_with_the_place_and_problem_named():
    found = _by_matter(find_hot_issues(build()))
    assert {found["lift"].place, found["parking"].place} <= {"锦华苑", "锦华苑小区"}
    assert "电梯" in found["lift"].problem and "停车" in found["parking"].problem
    assert found["pigs"].place == "东坪村" and found["night_work"].place == "青石路"
    assert found["lift"].description.startswith("锦华苑")
    assert found["lift"].description.split("：", 1)[1] in {s for _, s, _ in MATTERS["lift"]}


def test_ranking_follows_people_span_and_support():
    report = find_hot_issues(build())
    assert [matter_of(i.member_message_ids[0]) for i in report.issues] == ["pigs", "lift", "parking", "night_work"]
    heats = [i.heat for i in report.issues]
    assert heats == sorted(heats, reverse=True)
    # hundreds of likes lift the four-person night works above the rest
    boosted = find_hot_issues(build(likes={"night_work": 300}))
    assert matter_of(boosted.issues[0].member_message_ids[0]) == "night_work"
    assert find_hot_issues(build(), top=2).issues == report.issues[:2]


def test_people_are_counted_once_and_time_span_is_first_to_last():
    found = _by_matter(find_hot_issues(build()))
    lift = found["lift"]
    assert lift.people == 7 and len(lift.members) == 8  # u07 wrote twice
    assert (lift.end - lift.start).days == 30
    assert list(lift.member_message_ids) == [f"lift-{n}" for n in range(8)]  # in time order


def test_heat_index_rises_with_people_and_support_and_falls_with_span():
    base = heat_index(people=5, votes=10, span_days=30)
    assert heat_index(people=6, votes=10, span_days=30) > base
    assert heat_index(people=5, votes=50, span_days=30) > base
    assert heat_index(people=5, votes=10, span_days=120) < base
    # sixty people outweigh one message with two thousand likes
    assert heat_index(people=60, votes=50, span_days=60) > heat_index(people=2, votes=2000, span_days=1)


def test_active_span_ignores_one_stray_message():
    day = dt.datetime(2026, 1, 1)
    times = [day - dt.timedelta(days=200)] + [day + dt.timedelta(days=n) for n in range(10)]
    assert active_span_days(times) == 9
    assert active_span_days([day, day + dt.timedelta(days=4)]) == 5


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("诸暨市枫桥镇柳湾社区锦华苑物业乱收停车费", ["柳湾社区", "锦华苑"]),
        ("投诉A2区丽水新城附近建搅拌站噪音扰民", ["丽水新城"]),
        ("A市A3区东坪小学什么时候能扩建", ["东坪小学"]),
        ("反映青石街道东坪村水泥路的问题", ["东坪村"]),
        ("请书记关注A市A4区99快贷案", ["99快贷案"]),
        ("说担保公司不管，物业公司也不管", []),
    ],
)
def test_places_are_cut_from_their_containers_and_verbs(text, names):
    assert [p.name for p in extract_places(text)] == names


def test_place_keys_drop_generic_tails():
    (place,) = extract_places("锦华苑小区电梯坏了")
    assert (place.name, place.key, place.weight) == ("锦华苑小区", "锦华苑", 2)
    (road,) = extract_places("青石路夜间施工")
    assert road.weight == 1


def test_broad_problems_yield_to_specific_ones():
    assert problems_in("物业不修电梯") == ["电梯故障"]
    assert problems_in("物业服务太差") == ["物业服务"]


def test_empty_and_single_inputs():
    assert find_hot_issues([]).issues == []
    one = Message(id="1", user="a", subject="锦华苑电梯坏了", detail="", at=dt.datetime(2026, 1, 1))
    report = find_hot_issues([one])
    assert report.issues == [] and report.n_groups == 1
