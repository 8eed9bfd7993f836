"""Parties of a narrative: named people and organisations with a likely role (issue 11).

The sentences are the project's own; the public mediation file is scored by bench/parties.py and, when present,
by the last test here (it skips with a reason when ../shared/datasets is absent).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from fengqiao.triage.engine.entities import extract_entities
from fengqiao.triage.engine.parties import extract_parties

DEV_FILE = (
    Path(__file__).resolve().parents[3].parent
    / "shared"
    / "datasets"
    / "disputes"
    / "mediation-cases-dev.csv"
)


def _names(text: str) -> dict[str, dict]:
    return {p["name"]: p for p in extract_parties(text)}


def test_anonymised_people_and_an_unnamed_factory_with_roles() -> None:
    text = (
        "2021年6月，某塑料制品厂招收本地村民葛某某做包装工。8月的一天，葛某某在搬运货物时被叉车撞伤右脚，"
        "厂长邵某只同意支付一半医药费。葛某某来到镇调委会申请调解，要求某塑料制品厂赔偿医药费和误工费。"
    )
    parties = _names(text)
    assert {"某塑料制品厂", "葛某某", "邵某"} <= set(parties)
    assert parties["葛某某"]["role"] == "applicant"
    assert parties["某塑料制品厂"]["role"] == "respondent"
    assert parties["某塑料制品厂"]["kind"] == "organisation"
    assert parties["镇调委会"]["kind"] == "official"


def test_forms_of_address_and_the_village_committee() -> None:
    text = "张老汉家门前的水沟被邻居鲁大妈家填平，下雨天积水进屋。张老汉多次找鲁大妈理论无果，向某村村委会反映，要求恢复水沟。"
    parties = _names(text)
    assert {"张老汉", "鲁大妈", "某村村委会"} <= set(parties)
    assert parties["张老汉"]["role"] == "applicant"


def test_siblings_written_with_letters_and_numerals() -> None:
    text = (
        "老人去世后，长子吴甲与次子吴乙为老屋的归属争执不下。另一户人家的兄弟韩一、韩二也为分家吵到了村里。"
    )
    assert {"吴甲", "吴乙", "韩一", "韩二"} <= set(_names(text))


def test_a_single_numeral_after_a_surname_is_not_a_name() -> None:
    assert "王一" not in _names("王一直说要去找物业，物业说管不了。")


def test_everyday_words_are_never_names() -> None:
    text = (
        "楼上每天晚上吵到凌晨，我们只想要安静，老人和孩子都睡不好，高达三个月的噪音让人受不了，希望尽快查清。"
    )
    found = _names(text)
    for word in ("安静", "老人", "孩子", "高达", "查清"):
        assert word not in found
        assert word not in extract_entities(text)["persons"]


def test_an_org_after_a_verb_is_named_without_the_verb() -> None:
    found = _names("村民多次要求恒达建材公司停止夜间施工，恒达建材公司称工期紧张。")
    assert "恒达建材公司" in found
    assert not any(n.startswith("要求") for n in found)


def test_a_place_before_a_hospital_is_not_a_person() -> None:
    """ "青河区某医院": 区 is a surname, but "区某" before 医院 is part of the address."""
    found = _names("产妇钱某在青河区某医院分娩后大出血，家属认为医院处置不当。")
    assert "区某" not in found
    assert "钱某" in found


def test_people_counted_with_a_number_are_one_name() -> None:
    found = _names("李某三人合伙经营农家乐，年底分红时发生争执。")
    assert "李某三" not in found
    assert "李某" in found


def test_the_case_panel_receives_the_parties() -> None:
    e = extract_entities("申请人：韦某，被申请人：某物流公司。韦某要求某物流公司支付拖欠的运费。")
    roles = {p["name"]: p["role"] for p in e["parties"]}
    assert roles.get("韦某") == "applicant"
    assert roles.get("某物流公司") == "respondent"


def test_empty_and_odd_input() -> None:
    assert extract_parties("") == []
    assert extract_parties(None) == []
    assert isinstance(extract_parties("某" * 6000), list)


@pytest.mark.skipif(
    not DEV_FILE.exists(), reason="public mediation dev file not present (../shared/datasets)"
)
def test_real_narratives_parties_written_in_the_text_are_found() -> None:
    """Recall over the listed parties that the narrative itself writes (the bench's recall_in_text) >= 0.85."""
    with DEV_FILE.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    hit = n = 0
    for row in rows:
        text = row["event_description"]
        names = [p["name"] for p in extract_parties(text)]
        for party in (p.strip() for p in row["disputing_parties"].split(",")):
            if not party or party not in text:
                continue
            n += 1
            hit += any(
                party == x or (min(len(party), len(x)) >= 2 and (party in x or x in party)) for x in names
            )
    assert n and hit / n >= 0.85, (hit, n)
