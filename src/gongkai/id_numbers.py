"""Identity document numbers: resident ID (GB 11643) and unified social credit code (GB 32100).

Both validators normalise what people type (full-width characters, spaces, lower case) and
return the canonical form, or raise ``InvalidIdentity`` with a one-line Chinese message.
Only the check character and, for the resident ID, the birth date are verified: a number can
be well-formed and still not be issued to anyone.
"""

from __future__ import annotations

import unicodedata
from datetime import date

from .errors import GongkaiError

__all__ = [
    "CREDIT_CODE_ALPHABET",
    "InvalidIdentity",
    "credit_code_check_char",
    "resident_id_check_char",
    "validate_credit_code",
    "validate_resident_id",
]


class InvalidIdentity(GongkaiError, ValueError):
    """An identity number that is not valid; the message is Chinese, for the user."""

    def __init__(self, message_zh: str) -> None:
        super().__init__(message_zh, log_message="invalid identity number")

    @property
    def message_zh(self) -> str:
        """The Chinese message (the earlier name of ``message``)."""
        return self.message


# GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits.
_RESIDENT_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_RESIDENT_CHECK = "10X98765432"

# GB 32100-2015: 31 characters, no I, O, Z, S, V (too easily confused).
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUES = {char: value for value, char in enumerate(CREDIT_CODE_ALPHABET)}
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_EARLIEST_BIRTH_YEAR = 1850


def _normalise(text: str) -> str:
    # NFKC turns full-width digits and letters (common from Chinese input methods) into ASCII.
    return "".join(unicodedata.normalize("NFKC", text).split()).upper()


def resident_id_check_char(first17: str) -> str:
    """The GB 11643 check character of the first 17 digits of a resident ID."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise InvalidIdentity("身份证号码前 17 位应为数字")
    total = sum(
        int(digit) * weight for digit, weight in zip(first17, _RESIDENT_WEIGHTS, strict=True)
    )
    return _RESIDENT_CHECK[total % 11]


def validate_resident_id(text: str, *, today: date | None = None) -> str:
    """The 18-digit resident ID, normalised (upper-case X); raises InvalidIdentity."""
    number = _normalise(text)
    if len(number) != 18:
        raise InvalidIdentity(f"身份证号码应为 18 位，输入为 {len(number)} 位")
    body, check = number[:17], number[17]
    if not body.isascii() or not body.isdigit() or check not in "0123456789X":
        raise InvalidIdentity("身份证号码前 17 位应为数字，最后一位为数字或 X")
    try:
        born_on = date(int(body[6:10]), int(body[10:12]), int(body[12:14]))
    except ValueError:
        raise InvalidIdentity(f"身份证号码中的出生日期 {body[6:14]} 不是有效日期") from None
    if born_on.year < _EARLIEST_BIRTH_YEAR or born_on > (today or date.today()):
        raise InvalidIdentity(f"身份证号码中的出生日期 {body[6:14]} 不合理")
    expected = resident_id_check_char(body)
    if check != expected:
        raise InvalidIdentity("身份证号码校验位不符，请核对号码是否录入有误")
    return number


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character of the first 17 characters of a credit code."""
    if len(first17) != 17 or any(char not in _CREDIT_VALUES for char in first17):
        raise InvalidIdentity("统一社会信用代码前 17 位含有无效字符")
    total = sum(
        _CREDIT_VALUES[char] * weight for char, weight in zip(first17, _CREDIT_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(text: str) -> str:
    """The 18-character unified social credit code, normalised; raises InvalidIdentity."""
    code = _normalise(text)
    if len(code) != 18:
        raise InvalidIdentity(f"统一社会信用代码应为 18 位，输入为 {len(code)} 位")
    invalid = sorted({char for char in code if char not in _CREDIT_VALUES})
    if invalid:
        raise InvalidIdentity(
            f"统一社会信用代码含有无效字符：{'、'.join(invalid)}（不使用 I、O、Z、S、V）"
        )
    if code[-1] != credit_code_check_char(code[:17]):
        raise InvalidIdentity("统一社会信用代码校验位不符，请核对代码是否录入有误")
    return code
