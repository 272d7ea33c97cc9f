"""信息处理费 (国办函〔2020〕109号): progressive bands, marginal items, one method per request."""

from __future__ import annotations

from decimal import Decimal

import pytest

from gongkai.fees import FeeError, FeeMethod, calculate_fee, per_item_fee, per_page_fee


@pytest.mark.parametrize(
    ("items", "total"),
    [
        (0, 0),
        (10, 0),  # 1-10 free
        (11, 100),  # the 11th at 100
        (30, 2000),  # 11-30: 20 x 100
        (31, 2200),  # + the 31st at 200
        (40, 4000),  # 31-40: 10 x 200
        (41, 4300),  # + the 41st at 300
        (50, 7000),  # 41-50: 10 x 300
        (51, 7400),  # + the 51st at 400
    ],
)
def test_per_item_bands(items: int, total: int) -> None:
    assert per_item_fee(items).total == Decimal(total)


def test_per_item_charges_only_the_marginal_items_of_the_month() -> None:
    # 25 items already counted this month; 10 new: items 26-30 at 100 (500) and
    # 31-35 at 200 (1,000).
    fee = per_item_fee(10, already_this_month=25)
    assert fee.total == Decimal(1500)
    assert [(line.first, line.last, line.rate, line.amount) for line in fee.lines] == [
        (26, 30, Decimal(100), Decimal(500)),
        (31, 35, Decimal(200), Decimal(1000)),
    ]
    assert fee.describe() == [
        "按件计收：本次 10 件，本自然月此前已计 25 件",
        "第 26–30 件（本月累计）：每件 100 元，5 件计 500 元",
        "第 31–35 件（本月累计）：每件 200 元，5 件计 1,000 元",
        "合计：1,500 元",
    ]
    # The same month in one go costs the same as in two requests.
    assert per_item_fee(35).total == per_item_fee(25).total + fee.total


def test_per_item_free_items_are_itemised() -> None:
    fee = per_item_fee(12, already_this_month=5)
    # 6-10 free, 11-17 at 100.
    assert [(line.first, line.last, line.amount) for line in fee.lines] == [
        (6, 10, Decimal(0)),
        (11, 17, Decimal(700)),
    ]
    assert fee.lines[0].description == "第 6–10 件（本月累计）：免费，5 件"


@pytest.mark.parametrize(
    ("pages", "total"),
    [
        (30, 0),  # 1-30 free
        (31, 10),
        (100, 700),  # 31-100: 70 x 10
        (101, 720),
        (200, 2700),  # + 101-200: 100 x 20
        (201, 2740),
        (250, 4700),  # + 201-250: 50 x 40
    ],
)
def test_per_page_bands(pages: int, total: int) -> None:
    assert per_page_fee(pages).total == Decimal(total)


def test_per_page_breakdown() -> None:
    fee = per_page_fee(120)
    assert fee.method is FeeMethod.PER_PAGE
    assert [(line.count, line.rate) for line in fee.lines] == [
        (30, Decimal(0)),
        (70, Decimal(10)),
        (20, Decimal(20)),
    ]
    assert fee.describe()[-1] == "合计：1,100 元"


def test_one_method_per_request() -> None:
    assert calculate_fee("per_item", items=11).total == Decimal(100)
    assert calculate_fee(FeeMethod.PER_PAGE, pages=31).total == Decimal(10)
    with pytest.raises(FeeError, match="只能选择一种计费方式"):
        calculate_fee("per_item", items=11, pages=40)
    with pytest.raises(FeeError, match="只能选择一种计费方式"):
        calculate_fee("per_page", pages=40, items=3)
    with pytest.raises(FeeError, match="须提供页数"):
        calculate_fee("per_page")
    with pytest.raises(FeeError, match="未知的计费方式"):
        calculate_fee("per_kilo", items=1)


@pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
def test_counts_must_be_non_negative_integers(bad: object) -> None:
    with pytest.raises(FeeError, match="非负整数"):
        per_page_fee(bad)  # type: ignore[arg-type]
