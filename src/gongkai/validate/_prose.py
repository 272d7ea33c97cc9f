"""The report's prose against its tables, and the prose's own arithmetic.

Choices where the spec leaves room:
- A Breakdown whose parts add to MORE than its total is an error (the parts cannot exceed
  the whole); to LESS is a warning, because prose often itemises only some categories
  ("其中予以公开…") and leaves the rest unnamed.
- A Percentage is consistent when within 1 percentage point (inclusive) of part/base: reports
  round, truncate, and nudge shares so that they add to 100. A base of 0 is an error.
- A Statement is compared with the table only where the table states the value: a group
  subject (``t3.denied``) needs every row of the group printed in the 总计 column.
- Scope: a district's report often tabulates the whole district (全区) while a paragraph of
  its prose counts only the government's own office (区政府, 区政府办代表区政府, 本级). Such a
  sentence states a different figure, so a disagreement is a warning
  (``prose.scope_mismatch``) that names the scope, not an error. Which scope the tables
  cover is not printed in the national format; this is a judgement, stated in the message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from gongkai.report import (
    METRICS,
    Finding,
    Method,
    Origin,
    Report,
    Severity,
    Statement,
    Value,
)

from ._messages import T3_GROUP_SUBJECTS, key_label, number
from ._table3 import outcome_row_ids

_TOLERANCE = Decimal(1)  # percentage points
# Whole-area wording wins over a narrower one in the same sentence ("全区…区政府…").
_WHOLE_AREA = re.compile(r"全[区县市旗州省]|各级各部门|全[区县市]各[级单部]")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_OWN_OFFICE = re.compile(r"[区县市旗]政府(?!信息)|政府办|本级|本机关|本部门")
_QUOTE_LIMIT = 60


def _at(origin: Origin) -> str:
    return f"（第 {origin.line} 行）" if origin.line > 0 else ""


def _bare(statement: Statement) -> str:
    # Labels are quoted in messages; the prose often quotes them already (“予以公开”).
    return statement.label.strip("“”\"' ")


def group_keys(report: Report, subject: str) -> tuple[str, ...]:
    """The 总计-column keys of a table-3 group subject such as ``t3.denied``."""
    group = subject.removeprefix("t3.")
    rows = outcome_row_ids(report)
    return tuple(f"t3.{r}.total" for r in rows if r == group or r.startswith(f"{group}."))


def subject_value(report: Report, subject: str) -> Value | None:
    """The table's value for a prose subject, or None when the tables do not state it."""
    if subject in T3_GROUP_SUBJECTS:
        values = [report.get(k) for k in group_keys(report, subject)]
        if not values or any(v is None for v in values):
            return None
        return sum((v for v in values if v is not None), 0)
    if subject in METRICS:
        return report.get(subject)
    return None


def _statements(report: Report) -> Iterable[Statement]:
    # The same statement may be listed on its own and inside a breakdown or percentage.
    every: list[Statement] = list(report.statements)
    for breakdown in report.breakdowns:
        every += [breakdown.total, *breakdown.parts]
    for percentage in report.percentages:
        every += [percentage.part, percentage.base]
    return dict.fromkeys(every)


def _where(report: Report, subject: str) -> str:
    figure = report.figures.get(subject)
    label = key_label(subject, report.generation)
    if subject.startswith("old."):
        origin = None if figure is None else figure.origin
        if origin is not None and origin.method is Method.PROSE:
            return f"正文另一处{_at(origin)}{label}"
        return f"附表{label}"
    return label


def _mismatches(report: Report) -> list[Finding]:
    out: list[Finding] = []
    statements = list(_statements(report))
    scopes = _scopes(statements)
    for statement in statements:
        if statement.subject is None:
            continue
        table = subject_value(report, statement.subject)
        if table is None or table == statement.value:
            continue
        keys: tuple[str, ...] = (statement.subject,)
        if statement.subject in T3_GROUP_SUBJECTS:
            keys = group_keys(report, statement.subject)
        message = (
            f"正文{_at(statement.origin)}称“{_bare(statement)}”为 {number(statement.value)}，"
            f"而{_where(report, statement.subject)}为 {number(table)}。"
        )
        scope = scopes[statement]
        if not scope:
            out.append(Finding("prose.table_mismatch", Severity.ERROR, message, keys))
        else:
            message += f"该句所述范围为“{scope}”，表格可能按全辖区统计，请核对统计口径。"
            out.append(Finding("prose.scope_mismatch", Severity.WARNING, message, keys))
    return out


def _sentence_scope(sentence: str) -> str | None:
    """ "" for a whole-area sentence, the narrower scope it names, or None when it names none."""
    bare = _QUOTED.sub("", sentence)  # quoted category names ("非本部门掌握") are not a scope
    if _WHOLE_AREA.search(bare):
        return ""
    found = _OWN_OFFICE.search(bare)
    return None if found is None else found.group()


def _scopes(statements: Iterable[Statement]) -> dict[Statement, str]:
    """Each statement's scope; a sentence naming none inherits the one before it on its line."""
    out: dict[Statement, str] = {}
    current: dict[int, str] = {}
    for statement in sorted(statements, key=lambda s: s.origin.line):
        scope = _sentence_scope(statement.origin.text)
        line = statement.origin.line
        if scope is None:
            scope = current.get(line, "")
        current[line] = scope
        out[statement] = scope
    return out


def _nonzero(report: Report, subject: str) -> list[str]:
    if subject in T3_GROUP_SUBJECTS:
        keys = group_keys(report, subject)
        return [k for k in keys if (v := report.get(k)) is not None and v > 0]
    value = report.get(subject)
    if value is not None:
        return [subject] if value > 0 else []
    # The total is blank: any printed part above zero contradicts the absence too.
    base = subject.removesuffix(".total")
    return [k for k in METRICS if k.startswith(f"{base}.") and (report.get(k) or 0) > 0]


def _absences(report: Report) -> list[Finding]:
    out: list[Finding] = []
    for absence in report.absences:
        keys = list(dict.fromkeys(k for s in absence.subjects for k in _nonzero(report, s)))
        if not keys:
            continue
        text = absence.origin.text.strip().rstrip("。，,;；.")
        if len(text) > _QUOTE_LIMIT:
            text = text[:_QUOTE_LIMIT] + "…"
        stated = "，".join(
            f"{key_label(k, report.generation)}为 {number(report.figures[k].value)}" for k in keys
        )
        message = f"正文{_at(absence.origin)}称“{text}”，但{stated}。"
        out.append(Finding("prose.absence_contradicted", Severity.ERROR, message, tuple(keys)))
    return out


def _subjects(statements: Iterable[Statement]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(s.subject for s in statements if s.subject is not None))


def _breakdowns(report: Report) -> list[Finding]:
    out: list[Finding] = []
    for breakdown in report.breakdowns:
        total = breakdown.total.value
        parts: Value = sum((p.value for p in breakdown.parts), 0)
        if parts == total:
            continue
        items = "、".join(f"{_bare(p)} {number(p.value)}" for p in breakdown.parts)
        message = (
            f"正文{_at(breakdown.total.origin)}称“{_bare(breakdown.total)}”为 {number(total)}，"
            f"其中所列各项（{items}）合计为 {number(parts)}，"
        )
        if parts > total:
            severity, message = Severity.ERROR, message + "多于总数。"
        else:
            severity = Severity.WARNING
            message += "少于总数；正文可能只列举了部分情形，请核对。"
        keys = _subjects((breakdown.total, *breakdown.parts))
        out.append(Finding("prose.breakdown_sum", severity, message, keys))
    return out


def _percentages(report: Report) -> list[Finding]:
    out: list[Finding] = []
    for p in report.percentages:
        part, base = p.part.value, p.base.value
        keys = _subjects((p.part, p.base))
        head = f"正文{_at(p.origin)}称“{_bare(p.part)}”{number(part)} 占“{_bare(p.base)}”"
        if base == 0:
            message = f"{head}的 {number(p.percent)}%，但基数为 0，百分比无从计算。"
            out.append(Finding("prose.percentage", Severity.ERROR, message, keys))
            continue
        exact = Decimal(part) * 100 / Decimal(base)
        if abs(p.percent - exact) <= _TOLERANCE:
            continue
        message = (
            f"{head}{number(base)} 的 {number(p.percent)}%，按数计算应为 "
            f"{exact:.1f}%，相差超过 1 个百分点。"
        )
        out.append(Finding("prose.percentage", Severity.ERROR, message, keys))
    return out


def check_prose(report: Report) -> list[Finding]:
    """Findings on the prose: contradictions with the tables and inconsistent arithmetic."""
    return _mismatches(report) + _absences(report) + _breakdowns(report) + _percentages(report)
