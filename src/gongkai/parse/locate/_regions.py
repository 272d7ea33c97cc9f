"""Where the standard tables lie among one report's lines (tables 2, 3 and 4, in order)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..tables._labels import is_section_heading, is_t2_start, is_t3_start, is_t4_start

__all__ = ["Regions", "texts_to_regions"]

_T4_SPAN = 80  # table 4 is a header and one row; never read further than this


@dataclass(frozen=True, slots=True)
class Regions:
    """Where tables 2, 3 and 4 lie among a report's lines."""

    t2: tuple[int, int] | None  # [start, end) indexes into the report's lines
    t3: tuple[int, int] | None
    t4: tuple[int, int] | None
    t2_truncated: bool
    t3_truncated: bool
    t4_truncated: bool


def _first(texts: Sequence[str], start: int, test: Callable[[str], bool]) -> int | None:
    for i in range(start, len(texts)):
        if test(texts[i]):
            return i
    return None


def texts_to_regions(texts: Sequence[str]) -> Regions:
    """Where tables 2, 3 and 4 lie among the report's lines (compacted texts)."""
    n = len(texts)
    t2 = _first(texts, 0, is_t2_start)
    t3 = _first(texts, 0 if t2 is None else t2 + 1, is_t3_start)
    after3 = t3 if t3 is not None else t2
    t4 = _first(texts, 0 if after3 is None else after3 + 1, is_t4_start)
    last = max((i for i in (t2, t3, t4) if i is not None), default=None)
    heading = None if last is None else _first(texts, last + 1, is_section_heading)
    end = n if heading is None else heading
    truncated = heading is None

    def span(start: int | None, *nexts: int | None) -> tuple[int, int] | None:
        if start is None:
            return None
        stop = min((i for i in nexts if i is not None and i > start), default=end)
        return (start, stop)

    t4_span = None if t4 is None else (t4, min(end, t4 + _T4_SPAN))
    return Regions(
        span(t2, t3, t4),
        span(t3, t4),
        t4_span,
        t2_truncated=t3 is None and t4 is None and truncated,
        t3_truncated=t4 is None and truncated,
        t4_truncated=truncated,
    )
