"""Reading one cell: units, signs, separators, full-width digits, and absent markers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.parse.tables._numbers import cell_to_number, is_absent_marker, number_to_value
from gongkai.report import ValueKind


@pytest.mark.parametrize(
    ("cell", "value", "unit"),
    [
        ("0", 0, None),
        ("323", 323, None),
        (" 69110 ", 69110, None),
        ("7710(次)", 7710, "次"),
        ("7710（次）", 7710, "次"),
        ("104367.118823万元", Decimal("104367.118823"), "万元"),
        ("2191.563萬元".replace("萬", "万"), Decimal("2191.563"), "万元"),
        ("87420.234406", Decimal("87420.234406"), None),
        ("+163", 163, None),
        ("-32", -32, None),
        ("−3", -3, None),  # U+2212 minus sign
        ("１２３", 123, None),  # full-width digits
        ("1,234", 1234, None),
        ("１，２３４", 1234, None),
        ("12件", 12, "件"),
    ],
)
def test_cell_to_number(cell: str, value: int | Decimal, unit: str | None) -> None:
    number = cell_to_number(cell)
    assert number is not None
    assert number.value == value
    assert type(number.value) is type(value)
    assert number.unit == unit
    assert number.raw == cell.strip()


@pytest.mark.parametrize("cell", ["", " ", "/", "—", "-", "——", "无", "－", "／", "―"])
def test_absent_markers_are_not_numbers(cell: str) -> None:
    assert cell_to_number(cell) is None
    assert is_absent_marker(cell)


@pytest.mark.parametrize(
    "cell", ["规章", "1.属于国家秘密", "(七)总计", "第二十条第(一)项", "1.", "12a", "1,23", "0.5%"]
)
def test_labels_are_neither_numbers_nor_absent(cell: str) -> None:
    assert cell_to_number(cell) is None
    assert not is_absent_marker(cell)


def test_signed_cell_keeps_its_printed_form() -> None:
    number = cell_to_number("+163")
    assert number is not None
    assert (number.value, number.sign, number.raw) == (163, "+", "+163")
    assert number.raw != str(number.value)


def test_number_to_value_by_kind() -> None:
    whole = cell_to_number("5952")
    assert whole is not None
    money = number_to_value(whole, ValueKind.MONEY)
    assert money == Decimal("5952") and isinstance(money, Decimal)
    assert number_to_value(whole, ValueKind.COUNT) == 5952
    fraction = cell_to_number("3.0")
    assert fraction is not None
    assert number_to_value(fraction, ValueKind.COUNT) == 3
    assert isinstance(number_to_value(fraction, ValueKind.COUNT), int)


def test_digits_only_marks_cells_that_can_be_split() -> None:
    run = cell_to_number("270020130")
    signed = cell_to_number("+12")
    assert run is not None and run.digits_only
    assert signed is not None and not signed.digits_only
