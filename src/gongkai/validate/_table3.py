"""Table 3 sums: row sums (I3), column sums (I2) and the per-column balance (I1)."""

from __future__ import annotations

from functools import cache

from gongkai.report import T3_COLUMNS, Finding, Generation, Report, Severity, Suggestion, t3_rows

from ._locate import locate
from ._messages import number, t3_cell, t3_column_label, t3_row_label
from ._sums import Family, Outcome, TableSum, evaluate

_PARTS = tuple(c for c, _ in T3_COLUMNS if c != "total")
_COLUMNS = tuple(c for c, _ in T3_COLUMNS)
_SPLIT_OTHER = ("other.no_correction", "other.fee_unpaid", "other.other")


def split_other(report: Report) -> bool:
    """Whether the report prints （六）其他处理 as three sub-rows (else one undivided row)."""
    prefixes = tuple(f"t3.{row}." for row in _SPLIT_OTHER)
    return any(key.startswith(prefixes) for key in report.figures)


def outcome_row_ids(report: Report) -> tuple[str, ...]:
    """The rows that add up to （七）总计: （一） to （六） with their numbered sub-rows."""
    return _outcome_rows(split_other(report))


@cache
def _outcome_rows(split: bool) -> tuple[str, ...]:
    layout = t3_rows(Generation.Y2021, split_other=split)
    return tuple(r.row for r in layout if r.group is not None and r.row != "total")


def t3_sums(report: Report) -> list[TableSum]:
    """Every table-3 sum for the report's layout (evaluated only where figures are present)."""
    return list(_sums_for(split_other(report)))


@cache
def _sums_for(split: bool) -> tuple[TableSum, ...]:
    # Two layouts only (split or undivided 其他处理): built once, not per report.
    rows = tuple(r.row for r in t3_rows(Generation.Y2021, split_other=split))
    outcomes = _outcome_rows(split)
    out = [
        TableSum(
            "t3.row_sum",
            Family.ROW,
            row,
            tuple(f"t3.{row}.{c}" for c in _PARTS),
            (f"t3.{row}.total",),
        )
        for row in rows
    ]
    out += [
        TableSum(
            "t3.column_sum",
            Family.COLUMN,
            column,
            tuple(f"t3.{row}.{column}" for row in outcomes),
            (f"t3.total.{column}",),
        )
        for column in _COLUMNS
    ]
    out += [
        TableSum(
            "t3.balance",
            Family.BALANCE,
            column,
            (f"t3.received_new.{column}", f"t3.carried_over.{column}"),
            (f"t3.total.{column}", f"t3.carried_forward.{column}"),
        )
        for column in _COLUMNS
    ]
    return tuple(out)


def _failure(outcome: Outcome) -> Finding:
    table_sum = outcome.table_sum
    left, right = number(outcome.left), number(outcome.right)
    if table_sum.family is Family.ROW:
        message = (
            f"表三“{t3_row_label(table_sum.line)}”行：各类申请人合计为 {left}，总计栏为 {right}。"
        )
    elif table_sum.family is Family.COLUMN:
        message = (
            f"表三“{t3_column_label(table_sum.line)}”列：（一）至（六）各项办理结果合计为 {left}，"
            f"“（七）总计”为 {right}。"
        )
    else:
        message = (
            f"表三“{t3_column_label(table_sum.line)}”列：第一项加第二项之和"
            f"（本年新收加上年结转）为 {left}，第三项加第四项之和"
            f"（（七）总计加结转下年度继续办理）为 {right}，两者应相等。"
        )
    return Finding(table_sum.rule, Severity.ERROR, message, table_sum.keys)


def _implied_totals(report: Report, sums: list[TableSum]) -> list[Finding]:
    # A blank printed total whose parts are all printed: say what the parts add to, never fill it.
    out: list[Finding] = []
    for table_sum in sums:
        if table_sum.family is Family.BALANCE or len(table_sum.rhs) != 1:
            continue
        (total,) = table_sum.rhs
        parts = [report.get(k) for k in table_sum.lhs]
        if report.get(total) is not None or any(v is None for v in parts):
            continue
        implied = sum((v for v in parts if v is not None), 0)
        row, _, column = total.removeprefix("t3.").rpartition(".")
        where = t3_cell(row, column)
        if table_sum.family is Family.ROW:
            basis = "该行各类申请人合计"
        else:
            basis = f"“{t3_column_label(column)}”列（一）至（六）各项办理结果合计"
        message = f"{where}空白；{basis}为 {number(implied)}。"
        out.append(
            Finding(
                "t3.total_implied",
                Severity.INFO,
                message,
                (*table_sum.lhs, total),
                Suggestion(total, implied),
            )
        )
    return out


def check_table3(report: Report) -> list[Finding]:
    """Findings on table 3: broken sums, their likely cause, and totals the parts imply."""
    sums = t3_sums(report)
    outcomes = evaluate(report, sums)
    failed = [o for o in outcomes if o.residual != 0]
    findings = [_failure(o) for o in failed]
    findings += locate(report, outcomes)
    findings += _implied_totals(report, sums)
    return findings
