"""Table sums (accounting identities) as linear equations over metric keys: sum(lhs) = sum(rhs)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from gongkai.report import Report, Value


class Family(StrEnum):
    """Which way a table sum runs through table 3; opposite moves pair sums of one family."""

    ROW = "row"  # one row: six applicant columns = 总计 (I3)
    COLUMN = "column"  # one column: outcome rows = （七）总计 (I2)
    BALANCE = "balance"  # one column: 一 + 二 = 三（七） + 四 (I1)
    GROUP = "group"  # table 4: four results = 总计 (I4)


@dataclass(frozen=True, slots=True)
class TableSum:
    """A table sum the report's figures must satisfy, when all of them are present."""

    rule: str
    family: Family
    line: str  # the row (ROW) or column (COLUMN, BALANCE) or group (GROUP) it runs along
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        """All keys of the table sum, left side first (printed order within each side)."""
        return self.lhs + self.rhs

    def coefficient(self, key: str) -> int:
        """+1 for a left-side key, -1 for a right-side key, 0 for a key not in the table sum."""
        return (key in self.lhs) - (key in self.rhs)

    def sides(self, report: Report) -> tuple[Value, Value] | None:
        """The two sums, or None when a figure is absent (absent is not zero)."""
        values = [report.get(k) for k in self.keys]
        present = [v for v in values if v is not None]
        if len(present) != len(values):
            return None
        left: Value = sum(present[: len(self.lhs)], 0)
        right: Value = sum(present[len(self.lhs) :], 0)
        return left, right


@dataclass(frozen=True, slots=True)
class Outcome:
    """An evaluated table sum: left sum minus right sum (0 when it holds)."""

    table_sum: TableSum
    left: Value
    right: Value

    @property
    def residual(self) -> Value:
        """How much the left side exceeds the right."""
        return self.left - self.right


def evaluate(report: Report, sums: list[TableSum]) -> list[Outcome]:
    """The sums whose figures are all present, with their two sides."""
    out: list[Outcome] = []
    for table_sum in sums:
        sides = table_sum.sides(report)
        if sides is not None:
            out.append(Outcome(table_sum, *sides))
    return out
