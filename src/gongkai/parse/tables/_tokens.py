"""Decoded lines as table tokens: labels, numbers and blanks, whatever the input layout was."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from gongkai.report import METRICS, Figure, Method, Origin, ValueKind, normalise_label

from .._document import Line
from ._numbers import Number, cell_to_number, is_absent_marker, long_digit_runs, number_to_value

__all__ = [
    "Kind",
    "Token",
    "TokenLine",
    "cells_after_labels",
    "figure_of",
    "fit_row",
    "line_to_tokens",
    "rows_end_aligned",
    "strip_outer_pipes",
]


class Kind(Enum):
    """What a token is."""

    LABEL = "label"
    NUMBER = "number"
    BLANK = "blank"  # a cell that states no figure (blank, "/", "—", "无")


class Token(NamedTuple):
    """One cell (or one word of PDF text) of a line."""

    kind: Kind
    text: str  # NFKC, stripped; for labels normalised for matching
    line: int
    number: Number | None = None


@dataclass(frozen=True, slots=True)
class TokenLine:
    """A decoded line as tokens in printed order."""

    number: int
    tabular: bool
    tokens: tuple[Token, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        """The label texts of the line."""
        return tuple(t.text for t in self.tokens if t.kind is Kind.LABEL)

    @property
    def values(self) -> tuple[Token, ...]:
        """The number and blank tokens of the line."""
        return tuple(t for t in self.tokens if t.kind is not Kind.LABEL)

    @property
    def has_number(self) -> bool:
        """True when at least one token is a number."""
        return any(t.kind is Kind.NUMBER for t in self.tokens)


# Standard labels repeat in every report: normalise each distinct one once.
_label = lru_cache(maxsize=8192)(normalise_label)

_UNIT_WORDS = frozenset({"万元", "元", "次", "件", "项", "个", "条", "(次)", "(件)", "(万元)"})


_Cell = tuple[tuple[Kind, str, Number | None], ...]


@lru_cache(maxsize=16384)
def _classify_cell(text: str) -> _Cell:
    # Cells repeat ("0", "", the standard labels): classify each distinct text once.
    if not text or text.isspace():
        return ((Kind.BLANK, "", None),)
    number = cell_to_number(text)
    if number is not None:
        return ((Kind.NUMBER, number.raw, number),)
    if long_digit_runs(text):  # a damaged figure: no figure here, the tables report it
        return ((Kind.BLANK, text.strip(), None),)
    if is_absent_marker(text):
        return ((Kind.BLANK, text.strip(), None),)
    words = text.split()
    if len(words) > 1:  # a cell holding a whole row ("27 0 0 2 0 1 30")
        numbers = [cell_to_number(w) for w in words]
        if all(n is not None for n in numbers):
            return tuple((Kind.NUMBER, n.raw, n) for n in numbers if n is not None)
    return ((Kind.LABEL, _label(text), None),)


def _cell_token(text: str, line: int) -> list[Token]:
    return [Token(kind, value, line, number) for kind, value, number in _classify_cell(text)]


def _word_tokens(text: str, line: int) -> list[Token]:
    out: list[Token] = []
    label: list[str] = []
    words = text.split()
    numbers = [cell_to_number(w) for w in words]
    has_number = any(n is not None for n in numbers)
    for word, number in zip(words, numbers, strict=True):
        if number is not None:
            if label:
                out.append(Token(Kind.LABEL, _label("".join(label)), line))
                label = []
            out.append(Token(Kind.NUMBER, number.raw, line, number))
        elif (
            unicodedata.normalize("NFKC", word) in _UNIT_WORDS
            and out
            and out[-1].kind is Kind.NUMBER
            and not label
        ):
            # "2191.563 万元": the unit came apart from its number
            prev = out[-1]
            assert prev.number is not None
            merged = cell_to_number(prev.number.raw + word)
            if merged is not None:
                out[-1] = Token(Kind.NUMBER, merged.raw, line, merged)
            else:
                label.append(word)
        elif ((has_number or len(words) == 1) and is_absent_marker(word)) or long_digit_runs(word):
            if label:
                out.append(Token(Kind.LABEL, _label("".join(label)), line))
                label = []
            out.append(Token(Kind.BLANK, word, line))
        else:
            label.append(word)
    if label:
        out.append(Token(Kind.LABEL, _label("".join(label)), line))
    return out


def line_to_tokens(line: Line) -> TokenLine:
    """The tokens of a decoded line: cells of a table row, or the words of a text line."""
    tokens: list[Token] = []
    if line.tabular:
        for cell in line.cells:
            tokens.extend(_cell_token(cell, line.number))
    else:
        for cell in line.cells:
            tokens.extend(_word_tokens(cell, line.number))
    return TokenLine(line.number, line.tabular, tuple(tokens))


def fit_row(values: Sequence[Token], width: int, *, end_aligned: bool = False) -> list[Token]:
    """A table row's cells without the blank merged-cell debris around them.

    Decoders leave empty cells after a label that spans columns (before the figures: the
    row is aligned to the table's right edge, as HTML grids are) or after the figures (the
    pipe text of scraped pages); only blanks beyond the width are debris, and
    ``end_aligned`` says which side to trim first.
    """
    out = list(values)
    start, stop = 0, len(out)

    def trim_end() -> None:
        nonlocal stop
        while stop - start > width and out[stop - 1].kind is Kind.BLANK:
            stop -= 1

    def trim_start() -> None:
        nonlocal start
        while stop - start > width and out[start].kind is Kind.BLANK:
            start += 1

    if end_aligned:
        trim_start()
        trim_end()
    else:
        trim_end()
        trim_start()
    return out[start:stop]


def cells_after_labels(tokens: Sequence[Token]) -> list[Token]:
    """The cells after a row's last label (cells before it are an index column "1 | 一、…")."""
    last = max((i for i, t in enumerate(tokens) if t.kind is Kind.LABEL), default=-1)
    after = list(tokens[last + 1 :])
    if last < 0 or any(t.kind is Kind.NUMBER for t in after):
        return after
    return [t for t in tokens if t.kind is not Kind.LABEL]


def rows_end_aligned(lines: Sequence[TokenLine], width: int) -> bool:
    """True when a table's rows put their debris before the figures rather than after.

    Decided by the rows that show it: more cells than columns, a figure at one end and a
    blank at the other. Without such rows the figures are taken as right-aligned.
    """
    end = start = 0
    for line in lines:
        if not line.tabular or not line.has_number:
            continue
        after = cells_after_labels(line.tokens)
        if len(after) <= width:
            continue
        first, last = after[0].kind, after[-1].kind
        if last is Kind.NUMBER and first is Kind.BLANK:
            end += 1
        elif first is Kind.NUMBER and last is Kind.BLANK:
            start += 1
    return end >= start


def strip_outer_pipes(lines: Sequence[Line]) -> list[Line]:
    """Table rows written "| a | b |" (Markdown) without the empty cells the outer pipes make.

    Only when every table row of the region has them: a single row starting blank is a
    blank first cell.
    """
    rows = [line for line in lines if line.tabular]
    if not rows or not all(
        len(r.cells) >= 2 and not r.cells[0].strip() and not r.cells[-1].strip() for r in rows
    ):
        return list(lines)
    return [Line(line.number, line.cells[1:-1], True) if line.tabular else line for line in lines]


_KINDS = {key: m.kind for key, m in METRICS.items()}


def figure_of(key: str, token: Token, *, method: Method = Method.CELL, text: str = "") -> Figure:
    """The figure a number token states for a metric key."""
    number = token.number
    assert number is not None
    value = number.value
    kind = _KINDS[key]
    if kind is ValueKind.MONEY or not isinstance(value, int):
        value = number_to_value(number, kind)
    raw = number.raw if number.raw != str(number.value) else None
    return Figure(key, value, Origin(token.line, text or number.raw, method), raw, number.unit)
