"""Checks across years: one agency's report for year N against its report for year N-1.

All of these are soft (warnings): the law states none of them, agencies restate figures,
and a year's report may cover a different set of bodies than the year before.

雷同 (``series.repeated_table``) criterion: a table is flagged when, among the figures of
year N that are non-zero and that year N-1 also prints under the same key, at least
``_REPEAT_MIN_COMPARED`` are compared, at least 3/4 are identical to year N-1, and at least
``_REPEAT_MIN_DISTINCTIVE`` of the identical ones are 10 or more in absolute value. Zeros say
nothing (an agency with no penalties prints 0 every year), small counts repeat by chance,
but three identical counts of 10 or more in the same cells are very unlikely to be
coincidence. Stock columns (现行有效件数, 对外公开总数量, 上一年项目数量) are left out: they
are meant to persist from year to year.
"""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.report import (
    T3_COLUMNS,
    Finding,
    Generation,
    Report,
    Severity,
    key_order,
    normalise_label,
)

from ._messages import number, signed, t3_column_label

_REPEAT_MIN_COMPARED = 4
_REPEAT_MIN_DISTINCTIVE = 3
_DISTINCTIVE = 10
_STOCK_COLUMNS = frozenset({"in_force", "total_published", "previous_items"})
_T2_DOCUMENT_ROWS = (("rules", "规章"), ("normative_documents", "行政规范性文件"))
_T2_ITEM_ROWS = (
    ("licensing", "行政许可"),
    ("other_services", "其他对外管理服务事项"),
    ("penalty", "行政处罚"),
    ("coercion", "行政强制"),
    ("fees", "行政事业性收费"),
)


def _agency_key(report: Report) -> str | None:
    if report.agency is None:
        return None
    name = normalise_label(report.agency)
    return name or None


def _generation(report: Report) -> Generation | None:
    if report.generation is not None:
        return report.generation
    return None if report.year is None else Generation.for_year(report.year)


def _carried_over(previous: Report, current: Report) -> list[Finding]:
    out: list[Finding] = []
    for column, _ in T3_COLUMNS:
        now, before = f"t3.carried_over.{column}", f"t3.carried_forward.{column}"
        a, b = current.get(now), previous.get(before)
        if a is None or b is None or a == b:
            continue
        message = (
            f"表三“{t3_column_label(column)}”列：本年“二、上年结转政府信息公开申请数量”为 "
            f"{number(a)}，{previous.year} 年度报告“四、结转下年度继续办理”为 {number(b)}，"
            "两者应相等。"
        )
        out.append(Finding("series.carried_over", Severity.WARNING, message, (now, before)))
    return out


def _in_force(previous: Report, current: Report) -> list[Finding]:
    out: list[Finding] = []
    for row, label in _T2_DOCUMENT_ROWS:
        keys = [f"t2.{row}.{c}" for c in ("in_force", "issued", "repealed")]
        now, issued, repealed = (current.get(k) for k in keys)
        before = previous.get(keys[0])
        if now is None or issued is None or repealed is None or before is None:
            continue
        expected = before + issued - repealed
        if now == expected:
            continue
        message = (
            f"表二“{label}”：本年“现行有效件数”为 {number(now)}；按 {previous.year} 年度报告的 "
            f"{number(before)} 件加本年制发 {number(issued)} 件、减本年废止 {number(repealed)} 件，"
            f"应为 {number(expected)} 件。清理、到期失效也会改变现行有效件数，此项仅供核对。"
        )
        out.append(Finding("series.in_force", Severity.WARNING, message, tuple(keys)))
    return out


def _t2_items(previous: Report, current: Report) -> list[Finding]:
    out: list[Finding] = []
    for row, label in _T2_ITEM_ROWS:
        items, change = f"t2.{row}.previous_items", f"t2.{row}.change"
        now, before, delta = current.get(items), previous.get(items), previous.get(change)
        if now is None or before is None or delta is None:
            continue
        expected = before + delta
        if now == expected:
            continue
        message = (
            f"表二“{label}”：本年“上一年项目数量”为 {number(now)}；{previous.year} 年度报告的"
            f"上一年项目数量 {number(before)} 加本年增/减 {signed(delta)}，应为 {number(expected)}。"
        )
        out.append(Finding("series.t2_items", Severity.WARNING, message, (items, change)))
    return out


def _repeated(previous: Report, current: Report, table: str, name: str) -> list[Finding]:
    prefix = f"{table}."
    compared = [
        key
        for key, figure in current.figures.items()
        if key.startswith(prefix)
        and key.rpartition(".")[2] not in _STOCK_COLUMNS
        and figure.value != 0
        and previous.get(key) is not None
    ]
    same = [k for k in compared if current.get(k) == previous.get(k)]
    distinctive = [k for k in same if not -_DISTINCTIVE < current.figures[k].value < _DISTINCTIVE]
    if (
        len(compared) < _REPEAT_MIN_COMPARED
        or len(distinctive) < _REPEAT_MIN_DISTINCTIVE
        or len(same) * 4 < len(compared) * 3
    ):
        return []
    message = (
        f"{name}与 {previous.year} 年度报告雷同：本年 {len(compared)} 个非零数字中有 "
        f"{len(same)} 个与上年同一栏完全相同（其中 {len(distinctive)} 个不小于 {_DISTINCTIVE}），"
        "可能照搬了上年数据。"
    )
    return [
        Finding(
            "series.repeated_table", Severity.WARNING, message, tuple(sorted(same, key=key_order))
        )
    ]


def compare_years(previous: Report, current: Report) -> list[Finding]:
    """Findings on ``current`` from the same agency's report for the year before."""
    findings = _carried_over(previous, current)
    generations = (_generation(previous), _generation(current))
    if generations == (Generation.Y2021, Generation.Y2021):
        findings += _in_force(previous, current)
    if generations == (Generation.Y2019, Generation.Y2019):
        findings += _t2_items(previous, current)
    findings += _repeated(previous, current, "t2", "表二")
    findings += _repeated(previous, current, "t3", "表三")
    return findings


def check_series(reports: Sequence[Report]) -> list[list[Finding]]:
    """Cross-year findings, one list per input report in input order."""
    first: dict[tuple[str, int], Report] = {}
    for report in reports:
        agency = _agency_key(report)
        if agency is not None and report.year is not None:
            first.setdefault((agency, report.year), report)
    out: list[list[Finding]] = []
    for report in reports:
        agency = _agency_key(report)
        previous = None
        if agency is not None and report.year is not None:
            previous = first.get((agency, report.year - 1))
        out.append([] if previous is None else compare_years(previous, report))
    return out
