"""gongkai.masking: what a masked identity number, phone number or contact field keeps."""

from __future__ import annotations

import pytest

from gongkai.masking import mask_contact, mask_identity_number, mask_phone


def test_identity_number_keeps_first_four_and_last_four() -> None:
    assert mask_identity_number(" 330102199001011234 ") == "3301**********1234"
    assert mask_identity_number("91440300MA5F00001A") == "9144**********001A"


def test_a_number_too_short_to_keep_anything_is_masked_whole() -> None:
    assert mask_identity_number("12345678") == "********"  # 4 + 4 kept would be all of it
    assert mask_phone("1234567") == "*******"  # 3 + 4
    assert mask_phone("12345678") == "123*5678"


@pytest.mark.parametrize("value", ["", "   "])
def test_an_empty_value_stays_empty(value: str) -> None:
    assert mask_identity_number(value) == ""
    assert mask_phone(value) == ""
    assert mask_contact(value) == value


def test_mobile_keeps_first_three_and_last_four() -> None:
    assert mask_phone("13812345678") == "138****5678"


def test_landline_keeps_its_area_code_and_last_four() -> None:
    assert mask_phone("0531-85872507") == "0531-****2507"
    assert mask_phone("010-1234") == "010-****"  # too short a number: masked whole


def test_contact_text_masks_every_phone_and_the_mail_local_part() -> None:
    text = "电话 13812345678，座机 0531-85872507，邮箱 zhang.san@example.com"
    assert mask_contact(text) == "电话 138****5678，座机 0531-****2507，邮箱 z***@example.com"


def test_contact_text_masks_a_mobile_with_country_code() -> None:
    masked = mask_contact("+8613812345678")
    assert masked.endswith("5678") and "1381234" not in masked


def test_a_longer_digit_run_is_not_taken_for_a_phone_number() -> None:
    assert mask_contact("订单号 213812345678901") == "订单号 213812345678901"
