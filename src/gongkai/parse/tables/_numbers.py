"""Reading one table cell as a number: units, signs, separators, and absent markers."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import NamedTuple

from gongkai.report import ValueKind

__all__ = [
    "MAX_DIGITS",
    "Number",
    "cell_to_number",
    "is_absent_marker",
    "long_digit_runs",
    "number_to_value",
]

# No figure of a report has more digits than this, even with the digits of a whole row run
# together (seven cells of up to four digits); a longer run is damage, read as no figure.
# It also keeps ``int()`` below Python's 4,300-digit conversion limit.
MAX_DIGITS = 30
_LONG_DIGIT_RUN = re.compile(rf"\d{{{MAX_DIGITS + 1},}}")


class Number(NamedTuple):
    """A number as a cell prints it."""

    value: int | Decimal  # int unless the cell printed a fraction
    raw: str  # the cell as printed, stripped
    plain: str  # the cell after NFKC (full-width digits made ASCII)
    unit: str | None = None  # "万元", "次" … when printed in the cell
    sign: str | None = None  # "+" or "-" when printed explicitly

    @property
    def digits_only(self) -> bool:
        """True for a bare digit string: the only kind run-together cells can be split from."""
        return self.plain.isascii() and self.plain.isdigit()

    @property
    def differs(self) -> bool:
        """True when the printed cell is not just the value (units, signs, separators)."""
        return self.raw != str(self.value)


# Units seen inside cells ("7710(次)", "104367.118823万元", "(单位:万元) 12"); longest first.
_UNITS = "万元|亿元|元|人次|次|件|项|个|条|家|人|份|宗|起|批|户|万"
_NUMBER = re.compile(
    r"(?P<sign>[+\-−])?\s*"
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?:\.(?P<frac>\d+))?"
    rf"\s*(?:[(\[]?\s*(?:单位\s*:?\s*)?(?P<unit>{_UNITS})\s*[)\]]?)?"
)
# Blank, "/", dashes and "无" say the figure is not stated: absent, never 0.
_ABSENT = re.compile(r"[/\\\-—―–−_~·.…]*|无|空白?")


def is_absent_marker(text: str) -> bool:
    """True for a cell that states no figure: blank, "/", "—", "-", "——", "无"."""
    return _ABSENT.fullmatch(unicodedata.normalize("NFKC", text).strip()) is not None


def long_digit_runs(text: str) -> list[str]:
    """The runs of more than MAX_DIGITS digits in ``text`` (damage, never a figure)."""
    return _LONG_DIGIT_RUN.findall(text) if len(text) > MAX_DIGITS else []


def cell_to_number(text: str) -> Number | None:
    """The number a cell prints, or None when the cell is not a number (label or absent).

    A cell with more than MAX_DIGITS digits in a run is None too: the table readers treat it
    as no figure, and ``long_digit_runs`` lets them report it."""
    raw = text.strip()
    if raw.isascii() and raw.isdigit():  # the common case, without the pattern
        if len(raw) > MAX_DIGITS:
            return None
        return Number(int(raw), raw, raw)
    plain = unicodedata.normalize("NFKC", raw) if not raw.isascii() else raw
    if not plain or not ("0" <= plain[-1] <= "9" or plain[-1] in "元次件项个条家人份宗起批户万)]"):
        return None
    if long_digit_runs(plain):
        return None
    match = _NUMBER.fullmatch(plain)
    if match is None:
        return None
    digits = match["int"].replace(",", "")
    sign = match["sign"]
    if sign == "−":
        sign = "-"
    frac = match["frac"]
    value: int | Decimal = int(digits) if frac is None else Decimal(f"{digits}.{frac}")
    if sign == "-":
        value = -value
    return Number(value, raw, plain, match["unit"], sign)


def number_to_value(number: Number, kind: ValueKind) -> int | Decimal:
    """The value to store for a metric of this kind: money as Decimal, counts as int when whole."""
    value = number.value
    if kind is ValueKind.MONEY:
        return value if isinstance(value, Decimal) else Decimal(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value
