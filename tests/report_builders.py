"""Building Reports by hand for tests: tables, figures and prose items from plain lists.

The typed-in seed reports that use these builders are in ``seed_reports.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from gongkai.report import (
    T3_COLUMNS,
    T4_COLUMNS,
    Absence,
    Generation,
    Method,
    Origin,
    Percentage,
    Report,
    Statement,
    Value,
    t3_rows,
)

Cells = list[int | None]

T3_COLUMN_KEYS = tuple(c for c, _ in T3_COLUMNS)
T4_COLUMN_KEYS = tuple(c for c, _ in T4_COLUMNS)


def n(count: int) -> Cells:
    """A table-3 row of natural persons only: [count, 0, 0, 0, 0, 0, count]."""
    return [count, 0, 0, 0, 0, 0, count]


def add_figures(report: Report, figures: dict[str, Value], method: Method = Method.CELL) -> None:
    """State each figure, with an origin of the given method."""
    for key, value in figures.items():
        report.set(key, value, Origin(0, str(value), method))


def _add_rows(report: Report, table: str, columns: Sequence[str], rows: dict[str, Cells]) -> None:
    """Each row's cells under ``<table>.<row>.<column>``, one cell a column; None is blank."""
    for row, cells in rows.items():
        assert len(cells) == len(columns), row
        for column, value in zip(columns, cells, strict=True):
            if value is not None:
                report.set(f"{table}.{row}.{column}", value)


def add_table3(report: Report, rows: dict[str, Cells]) -> None:
    """Table 3 from rows of seven cells (six applicant columns, then 总计); None is blank."""
    _add_rows(report, "t3", T3_COLUMN_KEYS, rows)


def add_table4(report: Report, groups: dict[str, Cells]) -> None:
    """Table 4 from groups of five cells (维持, 纠正, 其他, 尚未审结, 总计); None is blank."""
    _add_rows(report, "t4", T4_COLUMN_KEYS, groups)


def table3_report(
    rows: dict[str, Cells],
    *,
    year: int | None = 2022,
    agency: str | None = "测试市人民政府",
    generation: Generation | None = Generation.Y2021,
    source: str = "test",
) -> Report:
    """A report holding only the given table-3 rows."""
    report = Report(source, agency=agency, year=year, generation=generation)
    add_table3(report, rows)
    return report


def balanced_rows(
    counts: dict[str, int] | None = None,
    *,
    split_other: bool = True,
    carried_over: int = 0,
    carried_forward: int = 0,
) -> dict[str, Cells]:
    """A consistent natural-persons-only table 3: every outcome row 0 unless given in ``counts``;
    received, total and carried forward are derived so that I1-I3 hold."""
    counts = counts or {}
    rows: dict[str, Cells] = {}
    for spec in t3_rows(Generation.Y2021, split_other=split_other):
        if spec.group is not None and spec.row != "total":
            rows[spec.row] = n(counts.get(spec.row, 0))
    total = sum(counts.values())
    received = total + carried_forward - carried_over
    return {
        "received_new": n(received),
        "carried_over": n(carried_over),
        **rows,
        "total": n(total),
        "carried_forward": n(carried_forward),
    }


def statement(subject: str | None, value: Value, label: str, line: int = 0) -> Statement:
    """A prose statement at a line of the decoded source."""
    return Statement(subject, value, label, Origin(line, label, Method.PROSE))


def percentage(part: Statement, base: Statement, percent: str, line: int = 0) -> Percentage:
    """A stated percentage of ``part`` against ``base``."""
    return Percentage(part, base, Decimal(percent), Origin(line, f"{percent}%", Method.PROSE))


def absence(text: str, *subjects: str, line: int = 0) -> Absence:
    """The prose says there were none of ``subjects``."""
    return Absence(subjects, Origin(line, text, Method.PROSE))
