"""The 信息处理费 of 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号), both methods.

Both methods are progressive (超额累进): each unit is charged at the rate of the band it falls
in, and only units above the free band cost anything. One method per request (art. 3): the
caller chooses it and the calculator refuses figures of the other method.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from gongkai.errors import GongkaiError

__all__ = [
    "PER_PAGE_BANDS",
    "FeeBand",
    "FeeBreakdown",
    "FeeError",
    "FeeLine",
    "FeeMethod",
    "calculate_fee",
    "per_item_fee",
    "per_page_fee",
]


class FeeMethod(StrEnum):
    """The two charging methods; a request is charged by exactly one."""

    PER_ITEM = "per_item"  # 按件计收 (art. 4): per applicant, per calendar month
    PER_PAGE = "per_page"  # 按量计收 (art. 5): per request, in pages

    @property
    def label(self) -> str:
        """The Chinese name of the method."""
        return "按件计收" if self is FeeMethod.PER_ITEM else "按量计收"


class FeeError(GongkaiError, ValueError):
    """Figures the calculator cannot charge (Chinese message); still a ValueError."""


@dataclass(frozen=True, slots=True)
class FeeBand:
    """Units ``first`` to ``last`` (None: no upper end) at ``rate`` 元 each."""

    first: int
    last: int | None
    rate: Decimal


# Art. 5: 1-30 free, 31-100 at 10, 101-200 at 20, 201 and above at 40 元 per page.
PER_PAGE_BANDS = (
    FeeBand(1, 30, Decimal(0)),
    FeeBand(31, 100, Decimal(10)),
    FeeBand(101, 200, Decimal(20)),
    FeeBand(201, None, Decimal(40)),
)


_BandOf = Callable[[int], "FeeBand"]


def _per_item_band(unit: int) -> FeeBand:
    # Art. 4: 1-10 free, 11-30 at 100; from 31 on, each further band of 10 items costs
    # 100 元 more per item (31-40 at 200, 41-50 at 300, ...), statute-facts A8 [D].
    if unit <= 10:
        return FeeBand(1, 10, Decimal(0))
    if unit <= 30:
        return FeeBand(11, 30, Decimal(100))
    step = (unit - 31) // 10
    return FeeBand(31 + 10 * step, 40 + 10 * step, Decimal(200 + 100 * step))


def _per_page_band(unit: int) -> FeeBand:
    for band in PER_PAGE_BANDS:
        if band.last is None or unit <= band.last:
            return band
    raise AssertionError("the last band is open-ended")


@dataclass(frozen=True, slots=True)
class FeeLine:
    """The units of one band charged by this request."""

    band: FeeBand
    first: int  # first unit of this request in the band (counted within the month/request)
    last: int
    rate: Decimal
    amount: Decimal
    description: str

    @property
    def count(self) -> int:
        """Units charged at this rate."""
        return self.last - self.first + 1


@dataclass(frozen=True, slots=True)
class FeeBreakdown:
    """The fee of one request: one line per band, the total in 元."""

    method: FeeMethod
    units: int  # items or pages of this request
    already_counted: int  # items charged to the applicant earlier in the month (per item only)
    lines: tuple[FeeLine, ...]
    total: Decimal

    def describe(self) -> list[str]:
        """The itemised fee in Chinese, one line per band and the total."""
        unit = "件" if self.method is FeeMethod.PER_ITEM else "页"
        head = f"{self.method.label}：本次 {self.units} {unit}"
        if self.method is FeeMethod.PER_ITEM:
            head += f"，本自然月此前已计 {self.already_counted} 件"
        lines = [head, *(line.description for line in self.lines)]
        lines.append(f"合计：{_yuan(self.total)}")
        return lines


def per_item_fee(new_items: int, *, already_this_month: int = 0) -> FeeBreakdown:
    """按件计收: the fee for ``new_items`` items of an applicant who already had
    ``already_this_month`` items counted in the same calendar month (only the new ones cost)."""
    new_items = _count("本次件数", new_items)
    already_this_month = _count("本月此前已计件数", already_this_month)
    lines = _charge(already_this_month, new_items, _per_item_band, "件", "本月累计")
    return FeeBreakdown(FeeMethod.PER_ITEM, new_items, already_this_month, lines, _total(lines))


def per_page_fee(pages: int) -> FeeBreakdown:
    """按量计收: the fee for one request of ``pages`` pages.

    The bands are read as applying per request, not cumulated over the month: art. 5 has no
    "same applicant, per month" wording (statute-facts A8, [U]). How e-mailed or electronic
    material is converted to pages was not found either: the caller supplies the page count.
    """
    pages = _count("页数", pages)
    lines = _charge(0, pages, _per_page_band, "页", "本次申请")
    return FeeBreakdown(FeeMethod.PER_PAGE, pages, 0, lines, _total(lines))


def calculate_fee(
    method: FeeMethod | str,
    *,
    items: int | None = None,
    items_already_this_month: int | None = None,
    pages: int | None = None,
) -> FeeBreakdown:
    """The fee by the one method chosen for the request; figures of the other are refused."""
    try:
        method = FeeMethod(method)
    except ValueError:
        raise FeeError(
            f"未知的计费方式：{method!r}（按件计收 per_item 或 按量计收 per_page）"
        ) from None
    if method is FeeMethod.PER_ITEM:
        if pages is not None:
            raise FeeError("同一申请只能选择一种计费方式：按件计收时不能再按页数计费")
        if items is None:
            raise FeeError("按件计收须提供本次件数")
        return per_item_fee(items, already_this_month=items_already_this_month or 0)
    if items is not None or items_already_this_month is not None:
        raise FeeError("同一申请只能选择一种计费方式：按量计收时不能再按件数计费")
    if pages is None:
        raise FeeError("按量计收须提供页数")
    return per_page_fee(pages)


def _charge(
    before: int, count: int, band_of: _BandOf, unit: str, scope: str
) -> tuple[FeeLine, ...]:
    lines: list[FeeLine] = []
    position = before + 1
    last_unit = before + count
    while position <= last_unit:
        band = band_of(position)
        end = last_unit if band.last is None else min(band.last, last_unit)
        amount = band.rate * (end - position + 1)
        span = f"第 {position} {unit}" if end == position else f"第 {position}–{end} {unit}"
        if band.rate:
            price = f"每{unit} {_yuan(band.rate)}，{end - position + 1} {unit}计 {_yuan(amount)}"
        else:
            price = f"免费，{end - position + 1} {unit}"
        lines.append(FeeLine(band, position, end, band.rate, amount, f"{span}（{scope}）：{price}"))
        position = end + 1
    return tuple(lines)


def _total(lines: tuple[FeeLine, ...]) -> Decimal:
    return sum((line.amount for line in lines), Decimal(0))


def _count(name: str, value: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FeeError(f"{name}必须是非负整数，收到：{value!r}")
    return value


def _yuan(amount: Decimal) -> str:
    return f"{amount:,.0f} 元" if amount == amount.to_integral_value() else f"{amount:,.2f} 元"
