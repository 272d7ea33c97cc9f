"""Table 3 (收到和处理政府信息公开申请情况): value rows, their labels, and the printed order.

Rows are read in the printed order whatever the layout (pipe rows, HTML rows, one cell per
line, PDF words), then assigned to row keys. A label printed with a row anchors it; between
anchors the rows are assigned by position when their count fits the rows the format has
there. That is what keeps PDF text working, where labels drift above or below their figures
and are sometimes misprinted.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.report import (
    T3_COLUMNS,
    Figure,
    Finding,
    Generation,
    Method,
    Severity,
    t3_rows,
)

from ._labels import is_t3_header, t3_row_for_label
from ._numbers import Number
from ._runs import splits_of_run, t3_row_check
from ._tokens import (
    Kind,
    Token,
    TokenLine,
    cells_after_labels,
    figure_of,
    fit_row,
    rows_end_aligned,
)

__all__ = ["Table3", "lines_to_table3"]

WIDTH = len(T3_COLUMNS)
_COLUMNS = tuple(c for c, _ in T3_COLUMNS)
_SPLIT_KEYS = tuple(r.row for r in t3_rows(Generation.Y2021, split_other=True))
_UNDIVIDED_KEYS = tuple(r.row for r in t3_rows(Generation.Y2021, split_other=False))
_SPLIT_ONLY = frozenset(_SPLIT_KEYS) - frozenset(_UNDIVIDED_KEYS)
_RESULT_ROWS_SPLIT = _SPLIT_KEYS[2:-2]
_RESULT_ROWS_UNDIVIDED = _UNDIVIDED_KEYS[2:-2]
_MAX_COMBINATIONS = 256  # readings of ambiguous rows tried together against the column sums


@dataclass(slots=True)
class _Row:
    """A row of seven cells as read, before it is assigned to a row key."""

    line: int
    cells: list[Token] | None  # None while run-together digits are not yet split
    anchor: str | None = None  # row key of a label printed with the row
    weak: str | None = None  # row key of a label printed just before it
    after: str | None = None  # row key of a label printed just after it
    pieces: tuple[str, ...] = ()  # the run-together digit strings
    readings: tuple[tuple[int, ...], ...] = ()


@dataclass(slots=True)
class Table3:
    """What was read of table 3."""

    figures: dict[str, Figure] = field(default_factory=dict)
    split_other: bool | None = None
    findings: list[Finding] = field(default_factory=list)
    decoded: list[str] = field(default_factory=list)  # keys split out of run-together digits
    found: bool = False


def _single_anchor(labels: Sequence[str]) -> str | None:
    # A label run naming exactly one row anchors the row after it; several rows' labels
    # in a row (a whole label column printed first) anchor nothing.
    keys = {k for k in map(t3_row_for_label, labels) if k is not None}
    return keys.pop() if len(keys) == 1 else None


def _last_anchor(labels: Sequence[str]) -> str | None:
    for label in reversed(labels):
        key = t3_row_for_label(label)
        if key is not None:
            return key
    return None


class _Reader:
    """Collects value rows from token lines in one pass."""

    def __init__(self, *, end_aligned: bool) -> None:
        self.end_aligned = end_aligned
        self.rows: list[_Row] = []
        self.pending: list[str] = []  # labels since the last row
        self.buffer: list[Token] = []  # cell-per-line values not yet a full row
        self.buffer_anchor: str | None = None
        self.buffer_last: str | None = None  # the last row label before the buffer
        self.incomplete = 0
        self.header: list[str] = []  # labels of the rows holding column headers

    def _emit(self, row: _Row) -> None:
        self.rows.append(row)
        self.pending = []

    def label(self, text: str) -> None:
        self.flush()
        if self.rows and not self.pending:
            last = self.rows[-1]
            if last.anchor is None and last.after is None:
                last.after = t3_row_for_label(text)
        self.pending.append(text)

    def flush(self) -> None:
        if not self.buffer:
            return
        values, self.buffer = self.buffer, []
        anchor, self.buffer_anchor = self.buffer_anchor, None
        last, self.buffer_last = self.buffer_last, None
        if anchor is None and len(values) == WIDTH:
            # Several row labels, then one row of figures: the rows before it were printed
            # blank (their figures are absent), the figures are the last label's.
            anchor = last
        if len(values) in (WIDTH * 23, WIDTH * 25):
            values = _orient(values)
        if len(values) % WIDTH == 0:
            for i in range(0, len(values), WIDTH):
                self._emit(_Row(values[i].line, values[i : i + WIDTH], anchor if i == 0 else None))
            return
        self._group(values, anchor, None, run_together=True)

    def _group(
        self, values: list[Token], anchor: str | None, weak: str | None, *, run_together: bool
    ) -> None:
        line = values[0].line
        if len(values) == WIDTH:
            self._emit(_Row(line, values, anchor, weak))
        elif len(values) > WIDTH and len(values) % WIDTH == 0:
            for i in range(0, len(values), WIDTH):
                first = i == 0
                self._emit(
                    _Row(
                        line,
                        values[i : i + WIDTH],
                        anchor if first else None,
                        weak if first else None,
                    )
                )
        elif len(values) > WIDTH and all(t.kind is Kind.BLANK for t in values[WIDTH:]):
            self._emit(_Row(line, values[:WIDTH], anchor, weak))  # merged-cell debris
        elif run_together and _could_run_together(values):
            pieces = tuple(t.number.plain for t in values if t.number is not None)
            self._emit(_Row(line, None, anchor, weak, pieces=pieces))
        else:
            self.incomplete += 1
            self.pending = []

    def tabular(self, line: TokenLine) -> None:
        self.flush()
        labels = line.labels
        if any(is_t3_header(label) for label in labels):
            self.pending = []
            self.header.extend(labels)
            return
        values = cells_after_labels(line.tokens)
        anchor = _last_anchor(labels)
        if not line.has_number and (anchor is None or not values):
            for label in labels:
                self.label(label)
            return
        values = fit_row(values, WIDTH, end_aligned=self.end_aligned)
        self._group(values, anchor, _last_anchor(self.pending), run_together=True)

    def text(self, line: TokenLine) -> None:
        # A text line: groups of (labels before, values) in printed order.
        before: list[str] = []
        values: list[Token] = []
        for token in line.tokens:
            if token.kind is Kind.LABEL:
                if values:
                    self._text_group(before, values)
                    before, values = [], []
                before.append(token.text)
            else:
                values.append(token)
        if values:
            self._text_group(before, values)
        else:
            for label in before:
                self.label(label)

    def _text_group(self, before: list[str], values: list[Token]) -> None:
        anchor = _last_anchor(before)
        if anchor is None and len(values) < WIDTH:
            # One cell per line: the row's label came on the lines before.
            for label in before:
                self.label(label)
            if not self.buffer:
                self.buffer_anchor = _single_anchor(self.pending)
                self.buffer_last = _last_anchor(self.pending)
            self.buffer.extend(values)
            return
        self.flush()
        weak = _last_anchor(self.pending)
        self.pending.extend(before)
        self._group(values, anchor, weak, run_together=True)


def _could_run_together(values: list[Token]) -> bool:
    # Fewer filled cells than columns, all bare digits, and enough digits for every column.
    # Blank cells around them are merged-cell debris ("| 690000069 | |"), not figures.
    filled = [t for t in values if t.kind is not Kind.BLANK]
    if not filled or len(filled) >= WIDTH:
        return False
    pieces = [t.number.plain for t in filled if t.number is not None and t.number.digits_only]
    return len(pieces) == len(filled) and sum(map(len, pieces)) >= WIDTH


def _orient(values: list[Token]) -> list[Token]:
    """Row-major or column-major: whichever reading the row totals agree with."""
    rows = len(values) // WIDTH
    transposed = [values[c * rows + r] for r in range(rows) for c in range(WIDTH)]

    def score(cells: list[Token]) -> int:
        hits = 0
        for i in range(0, len(cells), WIDTH):
            nums = [t.number.value if t.number else None for t in cells[i : i + WIDTH]]
            if None not in nums and nums[-1] == sum(n for n in nums[:-1] if n is not None):
                hits += 1
        return hits

    return transposed if score(transposed) > score(values) else values


def _increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of (row index, key index) pairs increasing in both."""
    if not pairs:
        return []
    # Pairs come in row order with distinct rows, so only key indexes need comparing.
    length = [1] * len(pairs)
    before = [-1] * len(pairs)
    for j, (_, kj) in enumerate(pairs):
        for i in range(j):
            if pairs[i][1] < kj and length[i] + 1 > length[j]:
                length[j], before[j] = length[i] + 1, i
    j = max(range(len(pairs)), key=length.__getitem__)
    chain: list[tuple[int, int]] = []
    while j >= 0:
        chain.append(pairs[j])
        j = before[j]
    return chain[::-1]


def _align(rows: list[_Row], keys: tuple[str, ...], truncated: bool) -> dict[int, str]:
    """Row index -> row key: anchors in order, positions between them."""
    index = {k: i for i, k in enumerate(keys)}
    pairs = [(i, index[r.anchor]) for i, r in enumerate(rows) if r.anchor in index]
    chain = _increasing(pairs)
    out: dict[int, str] = {i: keys[k] for i, k in chain}
    bounds = [(-1, -1), *chain, (len(rows), len(keys))]
    for (r0, k0), (r1, k1) in itertools.pairwise(bounds):
        gap_rows = list(range(r0 + 1, r1))
        gap_keys = list(range(k0 + 1, k1))
        if not gap_rows:
            continue
        if len(gap_rows) == len(gap_keys) or (
            truncated and r1 == len(rows) and len(gap_rows) < len(gap_keys)
        ):
            out.update((r, keys[k]) for r, k in zip(gap_rows, gap_keys, strict=False))
            continue
        # The count does not fit: trust only labels near the rows, in order.
        last = k0
        for r in gap_rows:
            for hint in (rows[r].weak, rows[r].after):
                k = index.get(hint) if hint is not None else None
                if k is not None and last < k < k1:
                    out[r] = keys[k]
                    last = k
                    break
    return out


def _layout(rows: list[_Row], truncated: bool) -> tuple[tuple[str, ...], dict[int, str]]:
    hints = {h for r in rows for h in (r.anchor, r.weak, r.after) if h is not None}
    if hints & _SPLIT_ONLY:
        return _SPLIT_KEYS, _align(rows, _SPLIT_KEYS, truncated)
    if "other" in hints:
        return _UNDIVIDED_KEYS, _align(rows, _UNDIVIDED_KEYS, truncated)
    split = _align(rows, _SPLIT_KEYS, truncated)
    undivided = _align(rows, _UNDIVIDED_KEYS, truncated)
    if len(split) > len(undivided) or (len(split) == len(undivided) and len(rows) >= 25):
        return _SPLIT_KEYS, split
    return _UNDIVIDED_KEYS, undivided


def _sum(*values: int | None) -> int:
    return sum(v for v in values if v is not None)


def _column_identities(
    grid: dict[str, list[int | None]], keys: tuple[str, ...], column: int
) -> bool:
    """I1 and I2 for one column, where all their cells are known."""

    def get(row: str) -> int | None:
        cells = grid.get(row)
        return None if cells is None else cells[column]

    parts = _RESULT_ROWS_SPLIT if keys is _SPLIT_KEYS else _RESULT_ROWS_UNDIVIDED
    a, b, total, forward = (
        get(k) for k in ("received_new", "carried_over", "total", "carried_forward")
    )
    if None not in (a, b, total, forward) and _sum(a, b) != _sum(total, forward):
        return False
    values = [get(k) for k in parts]
    if total is not None and None not in values:
        return total == _sum(*values)
    return True


def _resolve_runs(
    rows: list[_Row], assigned: dict[int, str], keys: tuple[str, ...]
) -> tuple[list[int], list[int]]:
    """Split run-together rows: by the row sum, then by the column sums. (decoded, ambiguous)."""
    decoded: list[int] = []
    ambiguous: list[int] = []
    open_rows: list[int] = []
    for i, row in enumerate(rows):
        if row.cells is not None or i not in assigned:
            continue
        found = splits_of_run(row.pieces, WIDTH, t3_row_check)
        if found.exhausted or not found.readings:
            ambiguous.append(i)
        elif len(found.readings) == 1:
            row.readings = found.readings
            decoded.append(i)
        else:
            row.readings = found.readings
            open_rows.append(i)
    if open_rows:
        grid: dict[str, list[int | None]] = {}
        for i, key in assigned.items():
            row = rows[i]
            if row.cells is not None:
                grid[key] = [
                    t.number.value if t.number and isinstance(t.number.value, int) else None
                    for t in row.cells
                ]
            elif i in decoded:
                grid[key] = list(row.readings[0])
        count = 1
        for i in open_rows:
            count *= len(rows[i].readings)
        fits: list[tuple[tuple[int, ...], ...]] = []
        if count <= _MAX_COMBINATIONS:
            for combo in itertools.product(*(rows[i].readings for i in open_rows)):
                trial = dict(grid)
                for i, reading in zip(open_rows, combo, strict=True):
                    trial[assigned[i]] = list(reading)
                if all(_column_identities(trial, keys, c) for c in range(WIDTH)):
                    fits.append(combo)
                    if len(fits) > 1:
                        break
        if len(fits) == 1:
            for i, reading in zip(open_rows, fits[0], strict=True):
                rows[i].readings = (reading,)
                decoded.append(i)
        else:
            ambiguous.extend(open_rows)
    return sorted(decoded), sorted(ambiguous)


# The applicant columns of the national format, each printed once in a table header.
_APPLICANT_COLUMNS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构")


def _header_mismatch(header: Sequence[str]) -> Finding | None:
    """A finding when a printed table header lacks or repeats an applicant column."""
    if not header:
        return None
    counts = {word: sum(label == word for label in header) for word in _APPLICANT_COLUMNS}
    if all(n == 1 for n in counts.values()):
        return None
    wrong = "、".join(f"“{word}”{n}次" for word, n in counts.items() if n != 1)
    return Finding(
        "parse.header_mismatch",
        Severity.WARNING,
        f"表三（收到和处理政府信息公开申请情况）的表头与国家统一格式不符：{wrong}，"
        "应各1次；各行数字按国家统一格式的栏位读取，请核对",
    )


def lines_to_table3(lines: Sequence[TokenLine], *, truncated: bool) -> Table3:
    """Table 3's figures from the token lines of its region."""
    reader = _Reader(end_aligned=rows_end_aligned(lines, WIDTH))
    for line in lines:
        if line.tabular:
            reader.tabular(line)
        else:
            reader.text(line)
    reader.flush()
    rows = reader.rows
    out = Table3(found=bool(rows))
    if not rows:
        return out
    keys, assigned = _layout(rows, truncated)
    read = set(assigned.values())
    if read & _SPLIT_ONLY:
        out.split_other = True
    elif "other" in read:
        out.split_other = False
    decoded, ambiguous = _resolve_runs(rows, assigned, keys)
    _assign_figures(out, rows, assigned, decoded)
    out.findings += [_ambiguous(rows[i], assigned[i]) for i in ambiguous]
    mismatch = _header_mismatch(reader.header)
    if mismatch is not None:
        out.findings.append(mismatch)
    unread = _unread(keys, assigned, len(rows) + reader.incomplete, truncated)
    if unread is not None:
        out.findings.append(unread)
    return out


def _assign_figures(
    out: Table3, rows: list[_Row], assigned: dict[int, str], decoded: Sequence[int]
) -> None:
    """The figures of the rows placed: their cells, or the one split of their digits."""
    for i, row_key in sorted(assigned.items()):
        row = rows[i]
        if row.cells is not None:
            for column, token in zip(_COLUMNS, row.cells, strict=False):
                if token.kind is Kind.NUMBER:
                    key = f"t3.{row_key}.{column}"
                    out.figures[key] = figure_of(key, token)
        elif i in decoded:
            text = " ".join(row.pieces)
            for column, value in zip(_COLUMNS, row.readings[0], strict=True):
                key = f"t3.{row_key}.{column}"
                token = Token(
                    Kind.NUMBER, str(value), row.line, Number(value, str(value), str(value))
                )
                out.figures[key] = figure_of(key, token, method=Method.DECODED, text=text)
                out.decoded.append(key)


def _ambiguous(row: _Row, row_key: str) -> Finding:
    return Finding(
        "parse.ambiguous_run",
        Severity.WARNING,
        f"表三第{row.line}行数字连在一起（{' '.join(row.pieces)}），"
        "有多种拆分都符合合计关系，未读取",
        tuple(f"t3.{row_key}.{c}" for c in _COLUMNS),
    )


def _unread(
    keys: tuple[str, ...], assigned: dict[int, str], rows: int, truncated: bool
) -> Finding | None:
    """The finding on rows missing from a cut-off table, or rows that could not be placed."""
    missing = [k for k in keys if k not in set(assigned.values())]
    if truncated and missing:
        return Finding(
            "parse.truncated_table",
            Severity.WARNING,
            f"表三（收到和处理政府信息公开申请情况）不完整，缺少{len(missing)}行",
            tuple(f"t3.{k}.total" for k in missing),
        )
    unassigned = rows - len(assigned)
    if unassigned:
        return Finding(
            "parse.unassigned_rows",
            Severity.WARNING,
            f"表三有{unassigned}行数字无法确定属于哪一行，未读取",
        )
    return None
