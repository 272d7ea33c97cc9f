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


# Each of the three groups (复议, 直接起诉, 复议后起诉) prints these column words once; a header
# holding them another number of times lost or gained columns.
_COLUMN_WORDS = ("其他", "尚未", "总计")
_GROUPS = len(T4_GROUPS)


def _header_text(lines: Sequence[TokenLine]) -> str:
    """The header's label text: the labels of the table rows before the first figure.

    Only rows of a table structure (HTML, DOCX, pipes) count: a PDF's text layer prints a
    broken header as a matter of course, and its figures are read by their count alone."""
    labels: list[str] = []
    for line in lines:
        if line.has_number:
            break
        if line.tabular:
            labels.extend(line.labels)
    return "".join(labels)


def _header_mismatch(lines: Sequence[TokenLine]) -> Finding | None:
    """A finding when the printed header does not have the national format's 15 columns."""
    header = _header_text(lines)
    counts = {word: header.count(word) for word in _COLUMN_WORDS}
    if not any(counts.values()) or all(n == _GROUPS for n in counts.values()):
        return None  # no column header printed (PDF text, scrapes), or the right one
    found = "、".join(f"“{word}”{n}次" for word, n in counts.items())
    return Finding(
        "parse.header_mismatch",
        Severity.WARNING,
        f"表四（行政复议、行政诉讼情况）的表头与国家统一格式不符：{found}，"
        f"应各{_GROUPS}次（{_GROUPS}组、每组{len(T4_COLUMNS)}栏）；"
        "数字只在恰好读到15个时按栏位读取，请核对",
        KEYS,
    )


def _run_together(out: Table4, values: list[Token], *, truncated: bool) -> bool:
    """Read a row whose digits ran together, if its one split is certain; True if the row
    is dealt with (read, or reported as ambiguous)."""
    # Blank cells next to run-together digits are merged-cell debris ("| 41753… | |").
    filled = [t for t in values if t.kind is not Kind.BLANK]
    pieces = [t.number.plain for t in filled if t.number is not None and t.number.digits_only]
    if not filled or len(pieces) != len(filled) or sum(map(len, pieces)) < WIDTH:
        return False
    found = splits_of_run(pieces, WIDTH, t4_row_check)
    if len(found.readings) == 1 and not found.exhausted:
        text = " ".join(pieces)
        for key, value in zip(KEYS, found.readings[0], strict=True):
            token = Token(
                Kind.NUMBER, str(value), values[0].line, Number(value, str(value), str(value))
            )
            out.figures[key] = figure_of(key, token, method=Method.DECODED, text=text)
            out.decoded.append(key)
        return True
    if truncated:
        return False
    out.findings.append(
        Finding(
            "parse.ambiguous_run",
            Severity.WARNING,
            f"表四第{values[0].line}行数字连在一起（{' '.join(pieces)}），"
            "有多种拆分都符合合计关系，未读取",
            KEYS,
        )
    )
    return True


def lines_to_table4(lines: Sequence[TokenLine], *, truncated: bool) -> Table4:
    """Table 4's figures from the token lines of its region."""
    out = Table4()
    values = _values(lines)
    if not values:
        return out
    out.found = True
    mismatch = _header_mismatch(lines)
    if mismatch is not None:
        out.findings.append(mismatch)
        if len(values) != WIDTH or any(t.kind is not Kind.NUMBER for t in values):
            # A damaged header over a row that is not 15 clean figures: which figure sits
            # under which column cannot be told, so none is read.
            return out
    if len(values) >= WIDTH:
        for key, token in zip(KEYS, values, strict=False):
            if token.kind is Kind.NUMBER:
                out.figures[key] = figure_of(key, token)
        return out
    if _run_together(out, values, truncated=truncated):
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
