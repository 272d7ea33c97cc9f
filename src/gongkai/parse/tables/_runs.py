"""Splitting digits that ran together ("270020130" for 27|0|0|2|0|1|30).

Only the table's own arithmetic can tell where one cell ended: a split is accepted when
exactly one reading satisfies the row's sums. The search is bounded, so a long run cannot
blow up; when the bound is hit the run counts as ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["RunSplits", "splits_of_run", "t3_row_check", "t4_row_check"]

# A prefix check: given the values read so far (a prefix of the row), False prunes it.
PrefixCheck = Callable[[Sequence[int]], bool]

_MAX_CELL_DIGITS = 9
_BUDGET = 20_000  # search nodes per run


@dataclass(frozen=True, slots=True)
class RunSplits:
    """The readings of a run that fit, and whether the search was cut short."""

    readings: tuple[tuple[int, ...], ...]
    exhausted: bool  # True when the budget ran out: treat as ambiguous


def splits_of_run(pieces: Sequence[str], count: int, check: PrefixCheck | None = None) -> RunSplits:
    """Every way to read digit strings as ``count`` integers (no leading zeros) that ``check`` passes.

    ``pieces`` are the printed digit strings in order; each yields one or more cells.
    """
    total_digits = sum(len(p) for p in pieces)
    if count < len(pieces) or total_digits < count or not all(p.isdigit() for p in pieces):
        return RunSplits((), False)
    found: list[tuple[int, ...]] = []
    values: list[int] = []
    budget = [_BUDGET]

    def walk(piece: int, start: int) -> None:
        if budget[0] <= 0:
            return
        budget[0] -= 1
        if piece == len(pieces):
            if len(values) == count:
                found.append(tuple(values))
            return
        text = pieces[piece]
        remaining_pieces = len(pieces) - piece - 1
        left = count - len(values)
        if left <= remaining_pieces:  # each later piece needs a cell of its own
            return
        longest = 1 if text[start] == "0" else _MAX_CELL_DIGITS
        for end in range(start + 1, min(len(text), start + longest) + 1):
            values.append(int(text[start:end]))
            if check is None or check(values):
                if end == len(text):
                    walk(piece + 1, 0)
                else:
                    walk(piece, end)
            values.pop()

    walk(0, 0)
    return RunSplits(tuple(found), budget[0] <= 0)


def t3_row_check(values: Sequence[int]) -> bool:
    """A table-3 row: 总计 (seventh) equals the sum of the six applicant columns."""
    if len(values) == 7:
        return values[6] == sum(values[:6])
    return len(values) < 7


def t4_row_check(values: Sequence[int]) -> bool:
    """Table 4's row: in each group of five, 总计 equals the sum of the four results."""
    n = len(values)
    if n > 15:
        return False
    if n % 5 == 0 and n:
        group = values[n - 5 : n]
        return group[4] == sum(group[:4])
    return True
