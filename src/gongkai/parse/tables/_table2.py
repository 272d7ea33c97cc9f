"""Table 2 (主动公开政府信息情况): item rows and the columns the format gives them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.report import (
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    Figure,
    Finding,
    Generation,
    Method,
    Severity,
    T2Block,
)

from ._labels import t2_item_for_label
from ._numbers import Number
from ._runs import splits_of_run
from ._tokens import Kind, Token, TokenLine, figure_of, fit_row

__all__ = ["Table2", "lines_to_table2"]


def _columns(blocks: Sequence[T2Block]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for block in blocks:
        for item in block.items:
            out[item.row] = item.columns
    return out


_COLUMNS = {
    Generation.Y2021: _columns(T2_2021_BLOCKS),
    Generation.Y2019: _columns(T2_2019_BLOCKS),
}


@dataclass(slots=True)
class Table2:
    """What was read of table 2."""

    figures: dict[str, Figure] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    decoded: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # item rows found, in order
    found: bool = False


class _Reader:
    def __init__(self, generation: Generation) -> None:
        self.columns = _COLUMNS[generation]
        self.out = Table2()
        self.item: str | None = None
        self.values: list[Token] = []

    def start(self, label: str) -> None:
        self.finish()
        item = t2_item_for_label(label)
        if item is not None:
            self.out.found = True
            self.out.items.append(item)
            if item not in self.columns:
                item = None
        self.item = item

    def value(self, token: Token, *, tabular: bool) -> None:
        # A table row keeps all its cells (debris is trimmed at the end of the row); text
        # runs on over lines (one cell per line) until the item has its columns.
        if self.item is not None and (tabular or len(self.values) < len(self.columns[self.item])):
            self.values.append(token)

    def finish(self) -> None:
        item = self.item
        self.item, values, self.values = None, self.values, []
        if item is None or not values:
            return
        columns = self.columns[item]
        values = fit_row(values, len(columns))[: len(columns)]
        if len(values) == len(columns):
            for column, token in zip(columns, values, strict=True):
                if token.kind is Kind.NUMBER:
                    key = f"t2.{item}.{column}"
                    self.out.figures[key] = figure_of(key, token)
            return
        keys = tuple(f"t2.{item}.{c}" for c in columns)
        pieces = [t.number.plain for t in values if t.number is not None and t.number.digits_only]
        if len(pieces) == len(values) and sum(map(len, pieces)) >= len(columns):
            found = splits_of_run(pieces, len(columns))
            if len(found.readings) == 1 and not found.exhausted:
                text = " ".join(pieces)
                for key, value in zip(keys, found.readings[0], strict=True):
                    token = Token(
                        Kind.NUMBER,
                        str(value),
                        values[0].line,
                        Number(value, str(value), str(value)),
                    )
                    self.out.figures[key] = figure_of(key, token, method=Method.DECODED, text=text)
                    self.out.decoded.append(key)
                return
            self.out.findings.append(
                Finding(
                    "parse.ambiguous_run",
                    Severity.WARNING,
                    f"表二第{values[0].line}行数字连在一起（{' '.join(pieces)}），无法确定如何拆分，未读取",
                    keys,
                )
            )
            return
        self.out.findings.append(
            Finding(
                "parse.incomplete_row",
                Severity.WARNING,
                f"表二第{values[0].line}行只有{len(values)}个数字，应有{len(columns)}个，未读取",
                keys,
            )
        )


def lines_to_table2(
    lines: Sequence[TokenLine], generation: Generation, *, truncated: bool
) -> Table2:
    """Table 2's figures from the token lines of its region, read with a generation's columns."""
    reader = _Reader(generation)
    for line in lines:
        for token in line.tokens:
            if token.kind is Kind.LABEL:
                reader.start(token.text)
            else:
                reader.value(token, tabular=line.tabular)
        if line.tabular:  # a table row's values never continue on the next row
            reader.finish()
    reader.finish()
    out = reader.out
    missing = [item for item in reader.columns if item not in out.items]
    if truncated and out.found and missing:
        out.findings.append(
            Finding(
                "parse.truncated_table",
                Severity.WARNING,
                f"表二（主动公开政府信息情况）不完整，缺少{len(missing)}项",
                tuple(f"t2.{m}.{reader.columns[m][0]}" for m in missing),
            )
        )
    return out
