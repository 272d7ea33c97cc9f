"""信息处理费 calculator (国办函〔2020〕109号): per item or per page, progressive."""

from ._calculator import (
    PER_PAGE_BANDS,
    FeeBand,
    FeeBreakdown,
    FeeError,
    FeeLine,
    FeeMethod,
    calculate_fee,
    per_item_fee,
    per_page_fee,
)

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
