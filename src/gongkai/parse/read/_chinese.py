"""Traditional -> simplified Chinese, applied only to text that is written in traditional script."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import opencc

from .._document import Line

__all__ = ["is_traditional", "lines_to_simplified", "text_to_simplified"]

# Pairs of (traditional-only, simplified-only) forms of characters frequent in disclosure
# reports. Each traditional character here is never written in simplified text and each
# simplified one never in traditional text (於/于, 後/后, 著, 復/复 etc. are left out
# because one form is legitimate in both scripts).
_PAIRS = (
    "與与們们個个這这會会國国報报開开資资訊讯關关機机區区號号發发處处條条請请數数總总計计"
    "結结轉转辦办經经濟济時时門门為为務务對对實实現现進进說说從从來来見见長长點点體体業业"
    "應应產产義义過过學学問问動动書书頭头當当樣样還还讓让據据網网絡络議议衛卫"
)
_TRADITIONAL_ONLY = re.compile("[" + "".join(sorted(set(_PAIRS[0::2]))) + "]")
_SIMPLIFIED_ONLY = re.compile("[" + "".join(sorted(set(_PAIRS[1::2]))) + "]")

# A simplified report may quote a traditional name or carry a stray traditional character;
# it takes several traditional-only characters, outnumbering their simplified forms, to
# call a text traditional.
_MIN_TRADITIONAL = 3


def is_traditional(text: str) -> bool:
    """Whether ``text`` is written in traditional characters."""
    traditional = len(_TRADITIONAL_ONLY.findall(text))
    if traditional < _MIN_TRADITIONAL:
        return False
    return traditional > len(_SIMPLIFIED_ONLY.findall(text))


@cache
def _converter() -> opencc.OpenCC:
    # Loading the dictionaries costs milliseconds: only when a traditional text turns up.
    return opencc.OpenCC("t2s")


def text_to_simplified(text: str) -> str:
    """``text`` converted from traditional to simplified characters (unconditionally)."""
    converted: str = _converter().convert(text)
    return converted


def lines_to_simplified(lines: Sequence[Line]) -> tuple[Line, ...]:
    """``lines`` with every cell converted to simplified, if the lines are traditional text."""
    cells = [cell for line in lines for cell in line.cells]
    joined = "\n".join(cells)
    if not is_traditional(joined):
        return tuple(lines)
    # One conversion call for the whole document; cells never contain a newline, and
    # OpenCC maps newline to itself, so the split gives the cells back one for one.
    converted = text_to_simplified(joined).split("\n")
    if len(converted) != len(cells):
        converted = [text_to_simplified(cell) for cell in cells]
    result: list[Line] = []
    start = 0
    for line in lines:
        end = start + len(line.cells)
        result.append(Line(line.number, tuple(converted[start:end]), line.tabular))
        start = end
    return tuple(result)
