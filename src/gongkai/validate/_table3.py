"""Table 3 identities: row sums (I3), column sums (I2) and the per-column balance (I1)."""

from __future__ import annotations

from functools import cache

from gongkai.report import T3_COLUMNS, Finding, Generation, Report, Severity, Suggestion, t3_rows

from ._identity import Family, Identity, Outcome, evaluate
from ._locate import locate
from ._messages import number, t3_cell, t3_column_label, t3_row_label

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


def t3_identities(report: Report) -> list[Identity]:
    """Every table-3 identity for the report's layout (evaluated only where figures are present)."""
    return list(_identities_for(split_other(report)))


@cache
def _identities_for(split: bool) -> tuple[Identity, ...]:
    # Two layouts only (split or undivided 其他处理): built once, not per report.
    rows = tuple(r.row for r in t3_rows(Generation.Y2021, split_other=split))
    outcomes = _outcome_rows(split)
    out = [
        Identity(
            "t3.row_sum",
            Family.ROW,
            row,
            tuple(f"t3.{row}.{c}" for c in _PARTS),
            (f"t3.{row}.total",),
        )
        for row in rows
    ]
    out += [
        Identity(
            "t3.column_sum",
            Family.COLUMN,
            column,
            tuple(f"t3.{row}.{column}" for row in outcomes),
            (f"t3.total.{column}",),
        )
        for column in _COLUMNS
    ]
    out += [
        Identity(
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
    identity = outcome.identity
    left, right = number(outcome.left), number(outcome.right)
    if identity.family is Family.ROW:
        message = (
            f"表三“{t3_row_label(identity.line)}”行：各类申请人合计为 {left}，总计栏为 {right}。"
        )
    elif identity.family is Family.COLUMN:
        message = (
            f"表三“{t3_column_label(identity.line)}”列：（一）至（六）各项办理结果合计为 {left}，"
            f"“（七）总计”为 {right}。"
        )
    else:
        message = (
            f"表三“{t3_column_label(identity.line)}”列：第一项加第二项之和"
            f"（本年新收加上年结转）为 {left}，第三项加第四项之和"
            f"（（七）总计加结转下年度继续办理）为 {right}，两者应相等。"
        )
    return Finding(identity.rule, Severity.ERROR, message, identity.keys)


def _implied_totals(report: Report, identities: list[Identity]) -> list[Finding]:
    # A blank printed total whose parts are all printed: say what the parts add to, never fill it.
    out: list[Finding] = []
    for identity in identities:
        if identity.family is Family.BALANCE or len(identity.rhs) != 1:
            continue
        (total,) = identity.rhs
        parts = [report.get(k) for k in identity.lhs]
        if report.get(total) is not None or any(v is None for v in parts):
            continue
        implied = sum((v for v in parts if v is not None), 0)
        row, _, column = total.removeprefix("t3.").rpartition(".")
        where = t3_cell(row, column)
        if identity.family is Family.ROW:
            basis = "该行各类申请人合计"
        else:
            basis = f"“{t3_column_label(column)}”列（一）至（六）各项办理结果合计"
        message = f"{where}空白；{basis}为 {number(implied)}。"
        out.append(
            Finding(
                "t3.total_implied",
                Severity.INFO,
                message,
                (*identity.lhs, total),
                Suggestion(total, implied),
            )
        )
    return out


def check_table3(report: Report) -> list[Finding]:
    """Findings on table 3: broken identities, their likely cause, and totals the parts imply."""
    identities = t3_identities(report)
    outcomes = evaluate(report, identities)
    failed = [o for o in outcomes if o.residual != 0]
    findings = [_failure(o) for o in failed]
    findings += locate(report, outcomes)
    findings += _implied_totals(report, identities)
    return findings
