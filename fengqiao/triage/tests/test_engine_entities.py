"""Entity extraction and PRC ID-number validation."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fengqiao.triage.engine.entities import extract_entities, id_check_digit, validate_id_number


def make_id(region: int, born: date, seq: int) -> str:
    first17 = f"{region:06d}{born:%Y%m%d}{seq:03d}"
    return first17 + id_check_digit(first17)


ids = st.builds(
    make_id,
    st.integers(110000, 820000),
    st.dates(date(1900, 1, 1), date(2020, 12, 31)),
    st.integers(0, 999),
)


def test_known_check_digits() -> None:
    # worked examples of the GB 11643 MOD 11-2 scheme
    assert id_check_digit("11010519491231002") == "X"
    assert id_check_digit("44052418800101001") == "4"
    assert validate_id_number("11010519491231002X")
    assert validate_id_number("11010519491231002x")
    assert not validate_id_number("110105194912310021")


@settings(max_examples=200, deadline=None)
@given(ids)
def test_generated_ids_are_valid(idn: str) -> None:
    assert validate_id_number(idn)


@settings(max_examples=300, deadline=None)
@given(ids, st.integers(0, 17), st.integers(1, 10))
def test_single_digit_mutation_fails(idn: str, pos: int, delta: int) -> None:
    chars = list(idn)
    if pos == 17:
        alphabet = "0123456789X"
        cur = alphabet.index(chars[17])
        chars[17] = alphabet[(cur + delta) % 11]
    else:
        if delta == 10:
            delta = 1
        chars[pos] = str((int(chars[pos]) + delta) % 10)
    mutated = "".join(chars)
    assert mutated != idn
    assert not validate_id_number(mutated, check_date=False)
    assert not validate_id_number(mutated)


def test_bad_shapes() -> None:
    for s in ["", "123", "11010519491231002", "11010519491231002XX", "1101051949123100２X", None, 12345]:
        assert not validate_id_number(s)  # type: ignore[arg-type]
    # right check digit but impossible birth date
    first17 = "11010519491331002"
    assert not validate_id_number(first17 + id_check_digit(first17))
    assert validate_id_number(first17 + id_check_digit(first17), check_date=False)


def test_extracts_everything_from_a_case_account() -> None:
    good = make_id(330681, date(1975, 6, 1), 123)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    text = (
        f"申请人张建国（身份证号：{good}，电话138-1234-5678）与被申请人李某某、王某甲系邻居，"
        "均住浙江省诸暨市枫桥镇东村。王某甲在诸暨市枫桥建设有限公司工作，曾在县人民医院住院。"
        f"联系座机0575-87654321。另有一个号码{bad}。调解时欧阳娜娜在场，小区由绿城物业管理。"
    )
    e = extract_entities(text)
    assert {"张建国", "李某某", "王某甲", "欧阳娜娜"} <= set(e["persons"])
    assert "申请人" not in e["persons"]
    assert {"诸暨市枫桥建设有限公司", "县人民医院", "绿城物业"} <= set(e["organisations"])
    assert e["phones"] == ["13812345678", "0575-87654321"]
    assert e["id_numbers"] == [good]
    assert e["invalid_id_numbers"] == [bad]
    assert any(a["adcode"] == "330681" and a["district"] == "诸暨市" for a in e["addresses"])


def test_anonymised_names() -> None:
    e = extract_entities("原告魏某诉被告张某某、李某甲、赵某2民间借贷纠纷一案，于某日开庭。")
    assert {"魏某", "张某某", "李某甲", "赵某2"} <= set(e["persons"])
    assert "于某" not in e["persons"]


def test_address_resolution() -> None:
    e = extract_entities("事发地点：湖南省长沙市岳麓区麓山南路12号。")
    (addr,) = e["addresses"]
    assert addr["province"] == "湖南省" and addr["city"] == "长沙市" and addr["district"] == "岳麓区"
    assert addr["adcode"] == "430104"
    assert addr["text"].startswith("湖南省")


def test_masked_phone_is_not_returned() -> None:
    assert extract_entities("联系电话138****5678")["phones"] == []


def test_total_on_odd_input() -> None:
    for s in ["", "   ", "某某某某", "1" * 40, "x" * 10_000_000]:
        e = extract_entities(s)
        assert set(e) == {
            "persons",
            "organisations",
            "parties",  # issue 11: the parties with their likely role
            "phones",
            "id_numbers",
            "invalid_id_numbers",
            "addresses",
        }


@pytest.mark.parametrize(
    ("text", "organisation"),
    [
        ("2019年3月XX公司拖欠货款三万元。", "XX公司"),
        ("2019年3月诸暨恒达建材有限公司拖欠货款。", "诸暨恒达建材有限公司"),
        ("申请人2019年3月5日入职杭州明远科技有限公司，未签劳动合同。", "杭州明远科技有限公司"),
        ("去年12月底绿城物业开始多收停车费。", "绿城物业"),
        ("二〇一九年三月诸暨恒达公司停工。", "诸暨恒达公司"),
        ("3月12日上午10时许东风汽车4S店通知取车。", "东风汽车4S店"),
    ],
)
def test_organisation_drops_a_leading_date(text: str, organisation: str) -> None:
    orgs = extract_entities(text)["organisations"]
    assert organisation in orgs
    assert not any(o != organisation and o.endswith(organisation) for o in orgs)
    assert not any(o[0].isdigit() or "年" in o or "月" in o for o in orgs)
