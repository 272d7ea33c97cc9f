"""Error localisation in table 3: the one cell that explains several broken sums, and
equal-and-opposite differences that point to an application counted in two places.

Both are explanations of failures already reported as errors, so they are ``info`` findings;
the located cell carries the Suggestion because the evidence pins down its value.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from gongkai.report import Finding, Report, Severity, Suggestion, Value

from ._messages import number, t3_cell, t3_column_label, t3_row_label
from ._sums import Family, Outcome


@dataclass(frozen=True, slots=True)
class _Candidate:
    key: str
    value: Value
    corrected: Value
    explains: tuple[Outcome, ...]


def _describe(outcome: Outcome) -> str:
    # Every table sum through a cell runs along the cell's own row or column.
    family = outcome.table_sum.family
    if family is Family.ROW:
        return "该行各类申请人合计与总计栏相符"
    if family is Family.COLUMN:
        return "该列（一）至（六）合计与“（七）总计”相符"
    return "该列第一项加第二项之和等于第三项加第四项之和"


def _candidates(report: Report, outcomes: list[Outcome]) -> list[_Candidate]:
    failed = [o for o in outcomes if o.residual != 0]
    # A cell inside a table sum that holds cannot be the wrong one: changing it would break it.
    holding = {k for o in outcomes if o.residual == 0 for k in o.table_sum.keys}
    seen: set[str] = set()
    out: list[_Candidate] = []
    for outcome in failed:
        for key in outcome.table_sum.keys:
            if key in seen or key in holding:
                continue
            seen.add(key)
            involved = tuple(o for o in failed if o.table_sum.coefficient(key) != 0)
            if len(involved) < 2:
                continue
            # Changing the cell by delta moves each residual by coefficient * delta.
            deltas = {-o.residual * o.table_sum.coefficient(key) for o in involved}
            value = report.get(key)
            if len(deltas) != 1 or value is None:
                continue
            corrected = value + deltas.pop()
            if corrected < 0:
                continue
            out.append(_Candidate(key, value, corrected, involved))
    # Two candidates sharing a failure are two explanations of it: neither is pinned down.
    uses = Counter(id(o) for c in out for o in c.explains)
    return [c for c in out if all(uses[id(o)] == 1 for o in c.explains)]


def _located(candidate: _Candidate) -> Finding:
    row, _, column = candidate.key.removeprefix("t3.").rpartition(".")
    corrected = number(candidate.corrected)
    held = "，".join(_describe(o) for o in candidate.explains)
    message = (
        f"{t3_cell(row, column)}印为 {number(candidate.value)}，应为 {corrected}："
        f"改为 {corrected} 后，{held}。"
    )
    keys = tuple(dict.fromkeys(k for o in candidate.explains for k in o.table_sum.keys))
    return Finding(
        "t3.cell_located",
        Severity.INFO,
        message,
        keys,
        Suggestion(candidate.key, candidate.corrected),
    )


def _opposite(family: Family, more: Outcome, less: Outcome) -> Finding:
    d = number(more.residual)
    if family is Family.ROW:
        a, b = t3_row_label(more.table_sum.line), t3_row_label(less.table_sum.line)
        message = (
            f"表三“{a}”行各类申请人合计比总计栏多 {d}，“{b}”行少 {d}，数额相等、方向相反："
            f"可能有 {d} 件申请在各类申请人栏计入了“{a}”行，在总计栏计入了“{b}”行。"
        )
    else:
        a, b = t3_column_label(more.table_sum.line), t3_column_label(less.table_sum.line)
        if family is Family.COLUMN:
            check, first, second = (
                "（一）至（六）合计比“（七）总计”",
                "各项办理结果中",
                "“（七）总计”行中",
            )
        else:
            check, first, second = (
                "第一项加第二项之和比第三项加第四项之和",
                "本年新收或上年结转中",
                "办理结果或结转下年度中",
            )
        message = (
            f"表三“{a}”列{check}多 {d}，“{b}”列少 {d}，数额相等、方向相反："
            f"可能有 {d} 件申请在{first}计入“{a}”，在{second}计入“{b}”。"
        )
    keys = tuple(dict.fromkeys(more.table_sum.keys + less.table_sum.keys))
    return Finding("t3.opposite_moves", Severity.INFO, message, keys)


def _opposite_moves(outcomes: list[Outcome]) -> list[Finding]:
    out: list[Finding] = []
    for family in (Family.ROW, Family.COLUMN, Family.BALANCE):
        failed = [o for o in outcomes if o.table_sum.family is family and o.residual != 0]
        # Exactly two lines off, neither of them a total line, by equal and opposite amounts.
        if len(failed) != 2 or any(o.table_sum.line == "total" for o in failed):
            continue
        a, b = failed
        if a.residual + b.residual != 0:
            continue
        more, less = (a, b) if a.residual > 0 else (b, a)
        out.append(_opposite(family, more, less))
    return out


def locate(report: Report, outcomes: list[Outcome]) -> list[Finding]:
    """Info findings that explain table-3 failures: a located cell, or opposite moves."""
    findings = [_located(c) for c in _candidates(report, outcomes)]
    return findings + _opposite_moves(outcomes)
