"""What one report's prose reading carries from paragraph to paragraph, and the helpers
every part of it uses: the quoted sentence of a number and the 2008-generation candidates.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from gongkai.report import (
    Absence,
    Breakdown,
    Figure,
    Finding,
    Generation,
    Percentage,
    Statement,
)

from ._sentences import Paragraph

__all__ = ["ProseExtraction", "State", "remember_old", "sentence_of"]


@dataclass(slots=True)
class ProseExtraction:
    """What the prose of one report states."""

    figures: dict[str, Figure] = field(default_factory=dict)  # old.* keys, 2008 generation only
    statements: list[Statement] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    percentages: list[Percentage] = field(default_factory=list)
    absences: list[Absence] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # damaged numbers, not read


@dataclass(slots=True)
class State:
    """The reading of one report's prose so far."""

    generation: Generation
    out: ProseExtraction
    old_figures: dict[str, tuple[int, Statement]] = field(default_factory=dict)


_SENTENCE_REACH = 500  # an origin quotes at most this much on either side of its number


def sentence_of(para: Paragraph, start: int, end: int) -> str:
    """The sentence around ``text[start:end]``, found from the paragraph's sentence ends."""
    ends = para.sentence_ends
    i = bisect_left(ends, start)
    left = ends[i - 1] + 1 if i else 0
    j = bisect_left(ends, end)
    right = ends[j] + 1 if j < len(ends) else len(para.text)
    # A "sentence" with no end in sight (a damaged 10 MB line) is quoted around the number.
    return para.text[max(left, start - _SENTENCE_REACH) : min(right, end + _SENTENCE_REACH)]


def remember_old(state: State, statement: Statement, priority: int = 0) -> None:
    """Keep the strongest wording (lowest priority) of each 2008-generation figure."""
    key = statement.subject
    if key is None or not key.startswith("old."):
        return
    held = state.old_figures.get(key)
    if held is None or priority < held[0]:
        state.old_figures[key] = (priority, statement)
