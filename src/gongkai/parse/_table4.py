"""Table 4 (行政复议、行政诉讼): one row of fifteen figures under a broken header."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.report import T4_COLUMNS, T4_GROUPS, Figure, Finding, Method, Severity

from ._numbers import Number
from ._runs import splits_of_run, t4_row_check
from ._tokens import Kind, Token, TokenLine, figure_of, fit_row

__all__ = ["KEYS", "Table4", "lines_to_table4"]

KEYS = tuple(f"t4.{group}.{column}" for group, _ in T4_GROUPS for column, _ in T4_COLUMNS)
WIDTH = len(KEYS)


@dataclass(slots=True)
class Table4:
    """What was read of table 4."""

    figures: dict[str, Figure] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    decoded: list[str] = field(default_factory=list)
    found: bool = False


def _values(lines: Sequence[TokenLine]) -> list[Token]:
    values: list[Token] = []
    for line in lines:
        if line.tabular:
            if not line.has_number:
                continue  # a header row (its blank cells are merged-cell debris)
            return fit_row(line.values, WIDTH)
        if line.labels:
            # Header words, or the text after the row. A text line mixing words and
            # numbers is prose ("2016 年…"), not the row.
            if values:
                return values
            continue
        for token in line.tokens:
            values.append(token)
            if len(values) == WIDTH:
                return values
    return values


def lines_to_table4(lines: Sequence[TokenLine], *, truncated: bool) -> Table4:
    """Table 4's figures from the token lines of its region."""
    out = Table4()
    values = _values(lines)
    if not values:
        return out
    out.found = True
    if len(values) >= WIDTH:
        for key, token in zip(KEYS, values, strict=False):
            if token.kind is Kind.NUMBER:
                out.figures[key] = figure_of(key, token)
        return out
    # Blank cells next to run-together digits are merged-cell debris ("| 41753… | |").
    filled = [t for t in values if t.kind is not Kind.BLANK]
    pieces = [t.number.plain for t in filled if t.number is not None and t.number.digits_only]
    if filled and len(pieces) == len(filled) and sum(map(len, pieces)) >= WIDTH:
        found = splits_of_run(pieces, WIDTH, t4_row_check)
        if len(found.readings) == 1 and not found.exhausted:
            text = " ".join(pieces)
            for key, value in zip(KEYS, found.readings[0], strict=True):
                token = Token(
                    Kind.NUMBER, str(value), values[0].line, Number(value, str(value), str(value))
                )
                out.figures[key] = figure_of(key, token, method=Method.DECODED, text=text)
                out.decoded.append(key)
            return out
        if not truncated:
            out.findings.append(
                Finding(
                    "parse.ambiguous_run",
                    Severity.WARNING,
                    f"表四第{values[0].line}行数字连在一起（{' '.join(pieces)}），"
                    "有多种拆分都符合合计关系，未读取",
                    KEYS,
                )
            )
            return out
    if truncated:
        for key, token in zip(KEYS, values, strict=False):
            if token.kind is Kind.NUMBER:
                out.figures[key] = figure_of(key, token)
        out.findings.append(
            Finding(
                "parse.truncated_table",
                Severity.WARNING,
                f"表四（行政复议、行政诉讼情况）不完整，只读到{len(values)}个数字，应有{WIDTH}个",
                KEYS[len(values) :],
            )
        )
        return out
    out.findings.append(
        Finding(
            "parse.incomplete_row",
            Severity.WARNING,
            f"表四只读到{sum(t.kind is Kind.NUMBER for t in values)}个数字，应有{WIDTH}个，"
            "无法确定对应的栏目，未读取",
            KEYS,
        )
    )
    return out
