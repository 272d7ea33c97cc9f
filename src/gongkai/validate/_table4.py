"""Table 4 (reconsideration and litigation): each group's four results add to its 总计 (I4)."""

from __future__ import annotations

from gongkai.report import T4_COLUMNS, T4_GROUPS, Finding, Report, Severity, Suggestion

from ._messages import number, t4_group_label
from ._sums import Family, TableSum, evaluate

_RESULTS = tuple(c for c, _ in T4_COLUMNS if c != "total")
_RESULT_LABELS = "、".join(label for c, label in T4_COLUMNS if c != "total")


def t4_sums() -> list[TableSum]:
    """One table sum per group: 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计."""
    return [
        TableSum(
            "t4.group_sum",
            Family.GROUP,
            group,
            tuple(f"t4.{group}.{c}" for c in _RESULTS),
            (f"t4.{group}.total",),
        )
        for group, _ in T4_GROUPS
    ]


def check_table4(report: Report) -> list[Finding]:
    """Findings on table 4: broken group sums, and blank totals whose parts are printed."""
    findings: list[Finding] = []
    sums = t4_sums()
    for outcome in evaluate(report, sums):
        if outcome.residual == 0:
            continue
        group = t4_group_label(outcome.table_sum.line)
        message = (
            f"表四“{group}”：{_RESULT_LABELS}合计为 {number(outcome.left)}，"
            f"“总计”为 {number(outcome.right)}。"
        )
        findings.append(Finding("t4.group_sum", Severity.ERROR, message, outcome.table_sum.keys))
    for table_sum in sums:
        (total,) = table_sum.rhs
        parts = [report.get(k) for k in table_sum.lhs]
        if report.get(total) is not None or any(v is None for v in parts):
            continue
        implied = sum((v for v in parts if v is not None), 0)
        message = (
            f"表四“{t4_group_label(table_sum.line)}”的“总计”空白；"
            f"{_RESULT_LABELS}合计为 {number(implied)}。"
        )
        findings.append(
            Finding(
                "t4.total_implied",
                Severity.INFO,
                message,
                table_sum.keys,
                Suggestion(total, implied),
            )
        )
    return findings
