"""Validation of annual reports: sums within one report, prose against tables, and
checks across one agency's consecutive years. Findings report figures; they never change them.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.report import METRICS, Finding, Report, Severity, ValueKind

from ._messages import key_label, number
from ._prose import check_prose
from ._series import check_series
from ._table3 import check_table3
from ._table4 import check_table4

__all__ = ["attach_findings", "attach_series_findings", "check_report", "check_series"]


def _negatives(report: Report) -> list[Finding]:
    # Only 2019's 本年增/减 is signed; every other figure is a count or an amount (I6).
    out: list[Finding] = []
    for figure in report:
        m = METRICS.get(figure.key)
        if m is None or m.kind is ValueKind.SIGNED or figure.value >= 0:
            continue
        message = (
            f"{key_label(figure.key, report.generation)}为 {number(figure.value)}，不能为负数。"
        )
        out.append(Finding("value.negative", Severity.ERROR, message, (figure.key,)))
    return out


def check_report(report: Report) -> list[Finding]:
    """Findings on one report: negative figures, table 3 and 4 sums, and the prose."""
    return _negatives(report) + check_table3(report) + check_table4(report) + check_prose(report)


def attach_findings(report: Report) -> Report:
    """Add the report's own validation findings to ``report.findings`` once; returns it.

    The one place where a report (parsed or compiled) gets its validation: findings already
    present (those of reading it, or of an earlier call) are kept and not repeated."""
    present = set(report.findings)
    for finding in check_report(report):
        if finding not in present:
            report.findings.append(finding)
            present.add(finding)
    return report


def attach_series_findings(reports: Sequence[Report]) -> None:
    """Add the findings across one agency's consecutive years to each report, once."""
    for report, findings in zip(reports, check_series(reports), strict=True):
        present = set(report.findings)
        report.findings.extend(f for f in findings if f not in present)
