"""The pure scorer and the linking rules."""
from __future__ import annotations

import datetime as dt

from fengqiao.warning.engine import cues, linking
from fengqiao.warning.engine import risk as engine
from fengqiao.warning.engine.risk import MatterFacts, assess


def test_the_features_are_about_the_matter_only():
    """The whole list of features: nothing about a person's petition history, views or protected attributes."""
    assert set(engine.FEATURES) == {
        "many_parties", "repeat_reports", "failed_mediation", "overdue", "crisis_language", "vulnerable_party",
        "wages_before_festival", "shared_organisation", "shared_place",
    }
    assert {f.name for f in MatterFacts.__dataclass_fields__.values()} == {
        "party_count", "repeat_reports", "failed_mediations", "overdue_days", "crisis", "vulnerable", "wage_arrears",
        "days_to_festival", "shared_organisation_cases", "shared_place_cases",
    }
    every = MatterFacts(party_count=30, repeat_reports=3, failed_mediations=1, overdue_days=9, crisis=True,
                        vulnerable=("elderly",), wage_arrears=True, days_to_festival=20, shared_organisation_cases=2,
                        shared_place_cases=2)
    assert {r.code for r in assess(every).reasons} == set(engine.FEATURES)


def test_levels_follow_the_score_and_reasons_say_why():
    assert assess(MatterFacts()).level == "none" and assess(MatterFacts()).reasons == ()
    many = assess(MatterFacts(party_count=23))
    assert many.level == "yellow" and [r.code for r in many.reasons] == ["many_parties"]
    assert assess(MatterFacts(party_count=5)).level == "none"  # five is not more than five
    season = assess(MatterFacts(party_count=23, wage_arrears=True, days_to_festival=30))
    assert season.level == "orange" and season.score == 60
    assert assess(MatterFacts(party_count=23, wage_arrears=True, days_to_festival=60)).level == "yellow"
    crisis = assess(MatterFacts(party_count=23, wage_arrears=True, days_to_festival=30, crisis=True))
    assert crisis.level == "red" and crisis.reasons[0].code == "crisis_language"


def test_weights_change_the_result_and_bad_weights_are_named():
    facts = MatterFacts(repeat_reports=4)
    assert assess(facts).score == 20 + 15
    assert assess(facts, {"repeat_reports": 50}).level == "orange"
    bad = {**engine.DEFAULT_WEIGHTS, "red": 10, "crisis_language": -1}
    assert engine.weights_problems(bad) == ["crisis_language"]
    assert engine.weights_problems({**engine.DEFAULT_WEIGHTS, "red": 10}) == ["thresholds"]
    assert engine.weights_problems(dict(engine.DEFAULT_WEIGHTS)) == []


def test_organisation_names_lose_their_legal_form_and_branch():
    base = linking.organisation_name("青溪宏达建筑劳务有限公司")
    assert base == "青溪宏达建筑劳务"
    for variant in ("青溪宏达建筑劳务有限责任公司", "青溪宏达建筑劳务有限公司城东分公司", "青溪 宏达建筑劳务（有限合伙）公司"):
        assert linking.organisation_name(variant) == base
    assert linking.organisation_name("某公司") == ""


def test_link_groups_join_by_key_and_by_nearby_points_on_one_topic():
    a = linking.CaseKeys(1, frozenset({("organisation", "x")}))
    b = linking.CaseKeys(2, frozenset({("organisation", "x"), ("person", "p")}))
    c = linking.CaseKeys(3, frozenset({("person", "p")}))
    d = linking.CaseKeys(4, frozenset({("person", "q")}))
    near1 = linking.CaseKeys(5, frozenset(), point=(30.0000, 120.0000), topic="smell")
    near2 = linking.CaseKeys(6, frozenset(), point=(30.0005, 120.0003), topic="smell")  # about 60 m
    far = linking.CaseKeys(7, frozenset(), point=(30.0030, 120.0000), topic="smell")  # about 330 m
    other_topic = linking.CaseKeys(8, frozenset(), point=(30.0001, 120.0001), topic="noise")
    groups = linking.link_groups([a, b, c, d, near1, near2, far, other_topic])
    assert sorted(groups) == [[1, 2, 3], [5, 6]]


def test_keyed_hash_hides_the_number_and_depends_on_the_secret():
    one = linking.keyed_hash(b"k1", "phone", "13912345678")
    assert "13912345678" not in one and one == linking.keyed_hash(b"k1", "phone", "13912345678")
    assert one != linking.keyed_hash(b"k2", "phone", "13912345678")


def test_vulnerable_cues_and_ages():
    assert cues.vulnerable_in_text("八旬老人独居，儿子拖欠赡养费") == {"elderly"}
    assert cues.vulnerable_in_text("孩子上学受影响，家中有残疾人") == {"minor", "disabled"}
    assert cues.vulnerable_in_text("邻居装修噪音") == set()
    assert cues.age_on("330106195001011231", dt.date(2026, 12, 7)) == 76
    assert cues.age_on("330106195001011234", dt.date(2026, 12, 7)) is None  # a wrong check digit: not an ID number
    assert cues.vulnerable_by_age(76) == {"elderly"} and cues.vulnerable_by_age(40) == set()
    assert cues.days_to_next(dt.date(2026, 1, 10), [dt.date(2025, 1, 28), dt.date(2026, 2, 15)]) == 36
