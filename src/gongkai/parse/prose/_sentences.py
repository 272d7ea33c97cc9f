"""Prose cut into paragraphs and count tokens ("333件" with the label before it).

A PDF or a hand-wrapped page breaks sentences over lines; paragraphs rejoin them. Each
paragraph is then cut into tokens: a count with its unit and the words that label it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from .._document import Line
from ..locate._meta import is_debris, normalise_prose

__all__ = [
    "LONG_PROSE_NUMBER",
    "MAX_PROSE_DIGITS",
    "SENTENCE_END",
    "CountToken",
    "Paragraph",
    "lines_to_paragraphs",
    "text_to_tokens",
]


# --- paragraphs ---------------------------------------------------------------------

_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|\(?[一二三四五六七八九十]{1,3}\)|\d{1,2}[、.．])"
)
_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
_NUMBER_ONLY = re.compile(r"^[\d.,%\s-]*$")
_WRAP_MIN = 15  # a PDF or hand-wrapped line this long that ends mid-sentence continues below


@dataclass(slots=True)
class Paragraph:
    text: str
    offsets: list[int]  # where each joined line starts in text
    numbers: list[int]  # their line numbers
    section: str  # the top-level heading above the paragraph
    heading: bool = False  # the paragraph is a heading: nothing joins it
    _ends: tuple[int, list[int]] | None = field(default=None, repr=False, compare=False)

    def line_at(self, offset: int) -> int:
        return self.numbers[max(0, bisect_right(self.offsets, offset) - 1)]

    @property
    def sentence_ends(self) -> list[int]:
        """Offsets of the sentence-ending marks (。!?) in ``text``, ascending (computed once
        per text: looking for them around every number made a long line quadratic)."""
        cached = self._ends
        if cached is None or cached[0] != len(self.text):
            cached = self._ends = (
                len(self.text),
                [m.start() for m in SENTENCE_END.finditer(self.text)],
            )
        return cached[1]


def lines_to_paragraphs(lines: Sequence[Line], skip: frozenset[int]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    section = ""
    current: Paragraph | None = None
    for line in lines:
        if line.number in skip or line.tabular:
            current = None
            continue
        text = normalise_prose(line.text)
        if is_debris(text) or _NUMBER_ONLY.match(text):
            current = None
            continue
        heading = len(text) <= 60 and _HEADING.match(text) is not None
        if heading and _TOP_HEADING.match(text):
            section = text
        if (
            current is not None
            and not heading
            and not current.heading
            and len(current.text) - current.offsets[-1] >= _WRAP_MIN
            and current.text[-1] not in "。;!?:"
        ):
            current.offsets.append(len(current.text))
            current.numbers.append(line.number)
            current.text += text
            continue
        current = Paragraph(text, [0], [line.number], section, heading)
        paragraphs.append(current)
    return paragraphs


# --- tokens ---------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?<![\d.])(\d+(?:,\d{3})*(?:\.\d+)?)(万|亿)?(件|条|起|宗|个|篇|元)"
    r"|占(?:比)?(?:为|达)?(\d+(?:\.\d+)?)%"
)
# A count or percentage in running text has a few digits; one with more than this is damage.
MAX_PROSE_DIGITS = 15
LONG_PROSE_NUMBER = re.compile(rf"\d{{{MAX_PROSE_DIGITS + 1},}}")
_DELIMITERS = re.compile(r"[,;。:、!?]")
SENTENCE_END = re.compile(r"[。!?]")
_PARENTHESES = re.compile(r"\([^()]{0,40}\)")
_APPROXIMATE_BEFORE = re.compile(r"(?:近|约|超过|逾|大约|将近)$")
_APPROXIMATE_AFTER = re.compile(r"^(?:余|多|左右|以上)")
_LEADING_FILLER = re.compile(r"^(?:其中|另有|以及|共计|共|和|及|并)+")
_TABLE_REFERENCE = re.compile(r"第[一二三四五六七八九十\d]{1,2}项")


class CountToken(NamedTuple):
    start: int
    end: int
    value: int | None  # a count (None for a percentage)
    percent: Decimal | None
    label: str  # the words before the number, up to the last delimiter
    after: str  # the words after the unit, up to the next delimiter
    qizhong: bool  # "其中" stands between the previous token and this one


_LABEL_REACH = 60  # labels are short; a longer run of words is cut at this many characters


def text_to_tokens(text: str, limit: int | None = None) -> list[CountToken]:
    """The count tokens of a paragraph in order, at most ``limit`` of them."""
    # Parenthesised spans do not overlap and come in order: a token is inside one if the
    # last span opening before it closes after it (bisect, not a scan: a long line of
    # "(申请12件)" made the scan quadratic).
    spans = [(m.start(), m.end()) for m in _PARENTHESES.finditer(text)] if "(" in text else []
    opens = [a for a, _ in spans]
    # The label runs back to the last delimiter (found by bisection among all of them, one
    # pass over the text), to the previous token, or _LABEL_REACH characters at most.
    delimiters = [m.start() for m in _DELIMITERS.finditer(text)]
    tokens: list[CountToken] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        if limit is not None and len(tokens) >= limit:
            break
        start, end = match.span()
        if spans:
            k = bisect_left(opens, start) - 1
            if k >= 0 and start < spans[k][1]:
                continue
        d = bisect_left(delimiters, start) - 1
        left = max(previous_end, start - _LABEL_REACH, delimiters[d] + 1 if d >= 0 else 0)
        label = text[left:start]
        stop = _DELIMITERS.search(text, end, end + _LABEL_REACH)
        after = text[end : stop.start() if stop else min(len(text), end + _LABEL_REACH)]
        between = text[previous_end:start]
        previous_end = end
        if match.group(4) is not None:
            if len(match.group(4)) > MAX_PROSE_DIGITS:
                continue
            tokens.append(
                CountToken(start, end, None, Decimal(match.group(4)), label, after, False)
            )
            continue
        number = match.group(1).replace(",", "")
        if len(number) > MAX_PROSE_DIGITS:
            continue  # damage, not a count: lines_to_prose reports it
        if match.group(2) or "." in number or match.group(3) == "元":
            continue  # 万/亿 and decimals are not counts; money is read by the fee rules
        if _APPROXIMATE_BEFORE.search(label) or _APPROXIMATE_AFTER.match(after):
            continue
        if label.endswith("第") or _TABLE_REFERENCE.search(label):
            continue  # "第92次", "第六项“其他处理”的11件": references, not statements
        qizhong = "其中" in between
        label = _LEADING_FILLER.sub("", label)
        tokens.append(CountToken(start, end, int(number), None, label, after, qizhong))
    return tokens


# --- labels of the 2019 and 2021 generations -------------------------------------------
