"""Resident ID (GB 11643) and unified social credit code (GB 32100) validation."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.id_numbers import (
    CREDIT_CODE_ALPHABET,
    InvalidIdentity,
    credit_code_check_char,
    resident_id_check_char,
    validate_credit_code,
    validate_resident_id,
)

# The example number printed in GB 11643-1999 itself (its check character is X).
STANDARD_RESIDENT_ID = "11010519491231002X"
# The example printed in GB 32100-2015, and Huawei Technologies Co., Ltd.'s published code.
STANDARD_CREDIT_CODE = "91350100M000100Y43"
HUAWEI_CREDIT_CODE = "914403001922038216"


def test_resident_id_check_digit_computed_by_hand() -> None:
    # 440308199001011234 body: 4 4 0 3 0 8 1 9 9 0 0 1 0 1 1 2 3
    # weights               : 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2
    # products: 28+36+0+15+0+32+2+9+54+0+0+9+0+5+8+8+6 = 212; 212 mod 11 = 3 -> "9".
    assert resident_id_check_char("44030819900101123") == "9"
    assert validate_resident_id("440308199001011239") == "440308199001011239"


def test_published_resident_id_example() -> None:
    assert resident_id_check_char(STANDARD_RESIDENT_ID[:17]) == "X"
    assert validate_resident_id(STANDARD_RESIDENT_ID) == STANDARD_RESIDENT_ID


def test_lower_case_x_full_width_and_spaces_are_normalised() -> None:
    assert validate_resident_id("11010519491231002x") == STANDARD_RESIDENT_ID
    assert validate_resident_id(" 110105 19491231 002Ｘ ") == STANDARD_RESIDENT_ID
    assert validate_resident_id("１１０１０５１９４９１２３１００２X") == STANDARD_RESIDENT_ID


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("110105194912310021", "校验位不符"),  # the last character corrupted
        ("11010519491231003X", "校验位不符"),  # one body digit corrupted
        ("11010519491231020X", "校验位不符"),  # adjacent digits 0 and 2 swapped
        ("1101051949123100", "应为 18 位"),
        ("11010519491231002Y", "最后一位为数字或 X"),
        ("110105194902300000", "不是有效日期"),  # 1949-02-30
    ],
)
def test_bad_resident_ids(number: str, message: str) -> None:
    with pytest.raises(InvalidIdentity, match=message) as info:
        validate_resident_id(number)
    assert info.value.message_zh == str(info.value)


def test_swapped_date_digits_are_caught_as_a_bad_date() -> None:
    with pytest.raises(InvalidIdentity, match="不是有效日期"):
        validate_resident_id("11010519491321002X")


def test_birth_date_in_the_future_is_refused() -> None:
    body = "11010520300101001"
    number = body + resident_id_check_char(body)
    with pytest.raises(InvalidIdentity, match="不合理"):
        validate_resident_id(number, today=date(2025, 1, 1))


def test_credit_code_check_char_computed_by_hand() -> None:
    # 91440300MA5F0000 + "1": values 9 1 4 4 0 3 0 0 M=21 A=10 5 F=15 0 0 0 0 1
    # weights: 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
    # 9+3+36+108+0+78+0+0+420+290+125+195+0+0+0+0+28 = 1292; 1292 mod 31 = 21;
    # 31 - 21 = 10 -> "A".
    assert credit_code_check_char("91440300MA5F00001") == "A"
    assert validate_credit_code("91440300MA5F00001A") == "91440300MA5F00001A"


def test_published_credit_codes() -> None:
    assert validate_credit_code(STANDARD_CREDIT_CODE) == STANDARD_CREDIT_CODE
    assert validate_credit_code(HUAWEI_CREDIT_CODE) == HUAWEI_CREDIT_CODE
    assert validate_credit_code("91350100m000100y43") == STANDARD_CREDIT_CODE


def test_every_single_character_corruption_is_caught() -> None:
    # A mod-31 check over the 31-character alphabet with weights coprime to 31 catches every
    # single substitution.
    for position in range(18):
        for char in CREDIT_CODE_ALPHABET:
            if char == STANDARD_CREDIT_CODE[position]:
                continue
            corrupted = (
                STANDARD_CREDIT_CODE[:position] + char + STANDARD_CREDIT_CODE[position + 1 :]
            )
            with pytest.raises(InvalidIdentity):
                validate_credit_code(corrupted)


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("91350100M000100Y44", "校验位不符"),
        ("91350100M000100Y4", "应为 18 位"),
        ("91350100O000100Y43", "无效字符：O"),  # letter O is not in the alphabet
        ("9135010SM000100Y43", "无效字符：S"),
    ],
)
def test_bad_credit_codes(code: str, message: str) -> None:
    with pytest.raises(InvalidIdentity, match=message):
        validate_credit_code(code)
