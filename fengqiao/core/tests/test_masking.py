import logging

from hypothesis import given
from hypothesis import strategies as st

from fengqiao.core.logging import MaskPersonalDataFilter
from fengqiao.core.masking import mask_id_number, mask_phone, mask_text
from fengqiao.core.validators import id_check_digit, is_valid_id_number, is_valid_phone


def test_masks_follow_the_platform_convention():
    assert mask_id_number("33010619800101123X") == "330***********123X"
    assert mask_phone("13812341234") == "138****1234"
    assert mask_text("张某 13812341234，身份证33010619800101123X") == "张某 138****1234，身份证330***********123X"
    assert mask_text("座机 0571-88887777") == "座机 0571-****7777"


def test_log_lines_are_masked_and_cannot_forge_lines():
    record = logging.LogRecord("fengqiao", logging.INFO, __file__, 1, "call %s\nFAKE", ("13812341234",), None)
    MaskPersonalDataFilter().filter(record)
    assert record.getMessage() == "call 138****1234\\nFAKE"


ids = st.builds(
    lambda area, y, m, d, seq: f"{area:06d}{y:04d}{m:02d}{d:02d}{seq:03d}",
    st.integers(110000, 659999), st.integers(1900, 2020), st.integers(1, 12), st.integers(1, 28), st.integers(0, 999),
).map(lambda first17: first17 + id_check_digit(first17))


@given(ids)
def test_generated_ids_are_valid(value):
    assert is_valid_id_number(value)


@given(ids, st.integers(0, 16), st.integers(1, 9))
def test_a_single_digit_change_breaks_the_check_digit(value, position, delta):
    digit = (int(value[position]) + delta) % 10
    mutated = value[:position] + str(digit) + value[position + 1:]
    assert not is_valid_id_number(mutated) or mutated[:17] == value[:17]


def test_phone_formats():
    assert is_valid_phone("13812341234") and is_valid_phone("0571-88887777")
    assert not is_valid_phone("12812341234") and not is_valid_phone("138123412")
