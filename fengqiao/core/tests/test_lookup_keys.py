"""One spelling of a phone or ID number, and its keyed hash: every way of writing the same number gives the same
hash; another number, or another key, gives another."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fengqiao.core.lookup_keys import id_number_hash, keyed_hash, phone_hash
from fengqiao.core.validators import id_check_digit, normalised_id_number, normalised_phone

FULL_WIDTH = {str(d): chr(0xFF10 + d) for d in range(10)}
SEPARATORS = ["", " ", "-", "－", "　", " - ", "—", "."]

mobiles = st.builds(lambda second, rest: f"1{second}{rest:09d}", st.sampled_from("3456789"), st.integers(0, 10**9 - 1))
# Area codes as they are: 010, 02x, or four digits from 03xx to 09xx; then a 7 or 8 digit number.
area_codes = st.one_of(st.just("010"), st.integers(20, 29).map(lambda n: f"0{n}"),
                       st.integers(300, 999).map(lambda n: f"0{n}"))
landlines = st.builds(
    lambda area, number: (area, f"{area}{number}"),
    area_codes, st.one_of(st.integers(2_000_000, 9_999_999).map(str), st.integers(20_000_000, 99_999_999).map(str)),
)
ids = st.builds(
    lambda area, y, m, d, seq: f"{area:06d}{y:04d}{m:02d}{d:02d}{seq:03d}",
    st.integers(110000, 659999), st.integers(1900, 2020), st.integers(1, 12), st.integers(1, 28), st.integers(0, 999),
).map(lambda first17: first17 + id_check_digit(first17))


@st.composite
def spelled(draw, digits: str) -> str:
    """The digits with separators anywhere and some of them full-width."""
    out = []
    for ch in digits:
        if draw(st.booleans()) and ch in FULL_WIDTH:
            ch = FULL_WIDTH[ch]
        out.append(ch + draw(st.sampled_from(SEPARATORS)))
    return draw(st.sampled_from(["", " "])) + "".join(out)


@st.composite
def mobile_spellings(draw) -> tuple[str, str]:
    number = draw(mobiles)
    prefix = draw(st.sampled_from(["", "+86", "+86 ", "+86-", "0086", "0086 ", "86", "＋８６ ", "(+86)"]))
    return number, prefix + draw(spelled(number))


@st.composite
def landline_spellings(draw) -> tuple[str, str]:
    area, number = draw(landlines)
    rest = number[len(area):]
    style = draw(st.sampled_from(["plain", "dash", "brackets", "international", "0086"]))
    if style == "dash":
        return number, f"{area}-{draw(spelled(rest))}"
    if style == "brackets":
        return number, f"({area}) {draw(spelled(rest))}"
    if style == "international":
        return number, f"+86 {area[1:]} {draw(spelled(rest))}"
    if style == "0086":
        return number, f"0086-{area[1:]}-{rest}"
    return number, draw(spelled(number))


@given(mobile_spellings())
def test_every_spelling_of_a_mobile_number_gives_the_same_hash(pair):
    number, spelling = pair
    assert normalised_phone(spelling) == number
    assert phone_hash(spelling) == phone_hash(number) != ""


@given(landline_spellings())
def test_every_spelling_of_a_landline_with_its_area_code_gives_the_same_hash(pair):
    number, spelling = pair
    assert normalised_phone(spelling) == number
    assert phone_hash(spelling) == phone_hash(number) != ""


@given(ids, st.booleans(), st.sampled_from(SEPARATORS), st.booleans())
def test_every_spelling_of_an_id_number_gives_the_same_hash(number, lower_x, separator, full_width):
    spelling = number.lower() if lower_x else number
    spelling = spelling[:6] + separator + spelling[6:14] + separator + spelling[14:]
    if full_width:
        spelling = "".join(FULL_WIDTH.get(ch, ch) for ch in spelling)
    assert normalised_id_number(spelling) == number
    assert id_number_hash(spelling) == id_number_hash(number) != ""


@given(mobiles, mobiles)
def test_different_numbers_give_different_hashes(a, b):
    assert (phone_hash(a) == phone_hash(b)) == (a == b)


def test_hand_picked_spellings():
    assert {normalised_phone(v) for v in ["138-1234-5678", "138 1234 5678", "１３８１２３４５６７８", "+86 138 1234 5678",
                                           "0086 13812345678", "8613812345678", "+86-138-1234-5678"]} == {"13812345678"}
    assert {normalised_phone(v) for v in ["010-8888 7777", "(010)88887777", "+86 10 8888 7777", "0086-10-88887777"]} \
        == {"01088887777"}
    assert normalised_phone("0571-88887777") == normalised_phone("+86 571 8888 7777") == "057188887777"


@pytest.mark.parametrize("text", ["", "88887777", "1381234567", "138123456789", "23812345678", "张三", "13812345678x",
                                  "+1 415 555 0100", "FQ2026-000123"])
def test_what_is_not_a_phone_number_has_no_hash(text):
    assert normalised_phone(text) == "" and phone_hash(text) == ""


def test_an_id_number_with_a_wrong_check_digit_has_no_hash():
    good = "11010519491231002X"
    assert id_check_digit(good[:17]) == "X"
    assert id_number_hash(good) and not id_number_hash(good[:17] + "1")
    assert normalised_id_number(" 110105 19491231 002x ") == good


def test_the_hash_depends_on_the_key_and_the_kind(settings):
    number = "13812345678"
    default = phone_hash(number)
    assert len(default) == 64 and number not in default
    settings.FENGQIAO_SEARCH_KEY = "another-key"
    assert phone_hash(number) != default
    assert keyed_hash("phone", number) != keyed_hash("id", number)
