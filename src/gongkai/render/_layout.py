"""The national layout of a report's tables as a format-neutral model of rows and cells.

The three renderers (HTML, Markdown, text) draw the same model, so the row list, the labels
and the merged cells are decided once, here, from the format notices (国办公开办函〔2019〕60号,
〔2021〕30号) and the metric dictionary in ``gongkai.report``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from gongkai.report import (
    METRICS,
    OLD_KEYS,
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_COLUMNS,
    T4_COLUMNS,
    T4_GROUPS,
    Generation,
    Report,
    T2Block,
    T3Row,
    Value,
    ValueKind,
    key_order,
    t3_rows,
)

__all__ = [
    "Cell",
    "Layout",
    "Section",
    "Table",
    "format_value",
    "report_to_layout",
    "table_to_grid",
]

T2_TITLE = "二、主动公开政府信息情况"
T3_TITLE = "三、收到和处理政府信息公开申请情况"
T4_TITLE = "四、政府信息公开行政复议、行政诉讼情况"
OLD_TITLE = "政府信息公开工作主要统计数据（2019年以前的年度报告格式）"
GENERIC_TITLE = "统计数据"
LEFTOVER_TITLE = "不属于本格式的统计数据"

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANT = "申请人情况"
T3_ORGANISATION = "法人或其他组织"
T3_RESULT = "三、本年度办理结果"
T4_LITIGATION = "行政诉讼"
T2_CONTENT = "信息内容"

_SPLIT_OTHER_KEYS = ("other.no_correction", "other.fee_unpaid", "other.other")


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell as the format prints it; a merged cell carries its spans."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # a column or block heading (not a row label, not a figure)
    figure: bool = False  # holds a figure (or the blank of an absent one)


@dataclass(frozen=True, slots=True)
class Table:
    """A table: ``rows`` hold only the cells that start there (HTML's model of spans)."""

    width: int
    rows: tuple[tuple[Cell, ...], ...]
    header_rows: int = 0  # leading rows that form the column header


@dataclass(frozen=True, slots=True)
class Section:
    """A titled part of the report holding tables (or a note when there is nothing to show)."""

    title: str
    tables: tuple[Table, ...]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Layout:
    """What every renderer prints: the title line, the statistics period, the sections."""

    title: str
    period: str | None
    sections: tuple[Section, ...]


def format_value(key: str, value: Value) -> str:
    """A figure as printed: money without float noise or exponent, 本年增/减 with a sign."""
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    known = METRICS.get(key)
    if known is not None and known.kind is ValueKind.SIGNED and value > 0:
        return "+" + text
    return text


def report_title(report: Report) -> str:
    """The report's title line, as real reports print it: agency, year, 年度报告."""
    agency = " ".join((report.agency or "").split())
    year = "" if report.year is None else f"{report.year}年"
    return f"{agency}{year}政府信息公开工作年度报告"


def report_period(report: Report) -> str | None:
    """The statistics-period sentence real reports carry (it also tells a parser the year)."""
    if report.year is None:
        return None
    y = report.year
    return f"本报告中所列数据的统计期限自{y}年1月1日起至{y}年12月31日止。"


class _Figures:
    """The report's figures as cells, remembering which keys the layout placed."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.placed: set[str] = set()

    def cell(self, key: str, colspan: int = 1) -> Cell:
        self.placed.add(key)
        value = self.report.get(key)
        text = "" if value is None else format_value(key, value)
        return Cell(text, colspan=colspan, figure=True)

    def leftovers(self) -> list[str]:
        return sorted((k for k in self.report.figures if k not in self.placed), key=key_order)


# --- Table 2 -------------------------------------------------------------------------


def _t2_table(blocks: tuple[T2Block, ...], figures: _Figures) -> Table:
    width = 1 + max(len(b.column_labels) for b in blocks)
    rows: list[tuple[Cell, ...]] = []
    for block in blocks:
        rows.append((Cell(block.heading, colspan=width, header=True),))
        # A block with fewer columns than the table lets its last column span the rest;
        # the format notices do not say how the short blocks fill the width (spec unclear).
        rest = width - len(block.column_labels)
        header = [Cell(T2_CONTENT, header=True)]
        for i, (_, label) in enumerate(block.column_labels):
            last = i == len(block.column_labels) - 1
            header.append(Cell(label, colspan=rest if last else 1, header=True))
        rows.append(tuple(header))
        for item in block.items:
            row = [Cell(item.label)]
            for i, column in enumerate(item.columns):
                last = i == len(item.columns) - 1
                row.append(figures.cell(f"t2.{item.row}.{column}", rest if last else 1))
            rows.append(tuple(row))
    return Table(width, tuple(rows))


# --- Table 3 -------------------------------------------------------------------------


def _split_other(report: Report) -> bool:
    # A 2021 report prints 其他处理 undivided only when it states the undivided row and
    # none of the three sub-rows; otherwise the format's own three sub-rows.
    keys = report.figures.keys()
    has_split = any(k.startswith(f"t3.{row}.") for row in _SPLIT_OTHER_KEYS for k in keys)
    has_whole = any(k.startswith("t3.other.") and k.count(".") == 2 for k in keys)
    return has_split or not has_whole


def _t3_header() -> list[tuple[Cell, ...]]:
    org = [label for key, label in T3_COLUMNS if key not in ("natural_person", "total")]
    labels = dict(T3_COLUMNS)
    return [
        (
            Cell(T3_NOTE, rowspan=3, colspan=3, header=True),
            Cell(T3_APPLICANT, colspan=len(T3_COLUMNS), header=True),
        ),
        (
            Cell(labels["natural_person"], rowspan=2, header=True),
            Cell(T3_ORGANISATION, colspan=len(org), header=True),
            Cell(labels["total"], rowspan=2, header=True),
        ),
        tuple(Cell(label, header=True) for label in org),
    ]


def _t3_table(rows: tuple[T3Row, ...], figures: _Figures) -> Table:
    out = _t3_header()
    in_result = sum(1 for r in rows if r.group is not None)
    group_sizes: dict[str, int] = {}
    for r in rows:
        if r.group is not None and r.group != T3_RESULT:
            group_sizes[r.group] = group_sizes.get(r.group, 0) + 1
    result_open = False
    open_groups: set[str] = set()
    for r in rows:
        cells: list[Cell] = []
        if r.group is None:
            cells.append(Cell(r.label, colspan=3))
        else:
            if not result_open:
                cells.append(Cell(T3_RESULT, rowspan=in_result))
                result_open = True
            if r.group == T3_RESULT:
                cells.append(Cell(r.label, colspan=2))
            else:
                if r.group not in open_groups:
                    cells.append(Cell(r.group, rowspan=group_sizes[r.group]))
                    open_groups.add(r.group)
                cells.append(Cell(r.label))
        cells.extend(figures.cell(f"t3.{r.row}.{column}") for column, _ in T3_COLUMNS)
        out.append(tuple(cells))
    return Table(3 + len(T3_COLUMNS), tuple(out), header_rows=3)


# --- Table 4 -------------------------------------------------------------------------


def _t4_table(figures: _Figures) -> Table:
    n = len(T4_COLUMNS)
    litigation = [label.split()[-1] for key, label in T4_GROUPS if key != "reconsideration"]
    reconsideration = dict(T4_GROUPS)["reconsideration"]
    column_cells = [Cell(label, header=True) for _, label in T4_COLUMNS]
    rows: list[tuple[Cell, ...]] = [
        (
            Cell(reconsideration, colspan=n, header=True),
            Cell(T4_LITIGATION, colspan=n * len(litigation), header=True),
        ),
        (
            *(Cell(label, rowspan=2, header=True) for _, label in T4_COLUMNS),
            *(Cell(label, colspan=n, header=True) for label in litigation),
        ),
        tuple(column_cells * len(litigation)),
        tuple(
            figures.cell(f"t4.{group}.{column}")
            for group, _ in T4_GROUPS
            for column, _ in T4_COLUMNS
        ),
    ]
    return Table(n * len(T4_GROUPS), tuple(rows), header_rows=3)


# --- Other generations ----------------------------------------------------------------


def _old_table(figures: _Figures) -> Table:
    rows: list[tuple[Cell, ...]] = [(Cell("项目", header=True), Cell("数值", header=True))]
    rows.extend((Cell(label), figures.cell(key)) for key, label in OLD_KEYS)
    return Table(2, tuple(rows), header_rows=1)


def _generic_table(keys: Iterable[str], figures: _Figures) -> Table:
    rows: list[tuple[Cell, ...]] = [
        tuple(Cell(text, header=True) for text in ("指标", "项目", "栏目", "数值"))
    ]
    for key in keys:
        known = METRICS.get(key)
        row_label = "" if known is None else known.row_label
        # The old headline figures have one label, not a row and a column.
        column_label = "" if known is None or known.table == "old" else known.column_label
        rows.append((Cell(key), Cell(row_label), Cell(column_label), figures.cell(key)))
    return Table(4, tuple(rows), header_rows=1)


def _sections(report: Report, figures: _Figures) -> Iterator[Section]:
    generation = report.generation
    if generation is Generation.Y2021 or generation is Generation.Y2019:
        blocks = T2_2021_BLOCKS if generation is Generation.Y2021 else T2_2019_BLOCKS
        split = generation is Generation.Y2021 and _split_other(report)
        yield Section(T2_TITLE, (_t2_table(blocks, figures),))
        yield Section(T3_TITLE, (_t3_table(t3_rows(generation, split_other=split), figures),))
        yield Section(T4_TITLE, (_t4_table(figures),))
    elif generation is Generation.OLD:
        yield Section(OLD_TITLE, (_old_table(figures),))
    else:
        keys = sorted(report.figures, key=key_order)
        if keys:
            yield Section(GENERIC_TITLE, (_generic_table(keys, figures),))
        else:
            yield Section(GENERIC_TITLE, (), note="本报告没有可列出的统计数据。")


def report_to_layout(report: Report) -> Layout:
    """The tables of the report's generation in the national layout, figures filled in."""
    figures = _Figures(report)
    sections = list(_sections(report, figures))
    leftovers = figures.leftovers()
    if leftovers:
        # Figures outside the generation's layout are shown, never silently dropped.
        sections.append(Section(LEFTOVER_TITLE, (_generic_table(leftovers, figures),)))
    return Layout(report_title(report), report_period(report), tuple(sections))


def table_to_grid(table: Table) -> list[list[Cell | None]]:
    """The table as a full grid, None where a merged cell covers a position.

    A merged cell stands on the first row it covers. A row label stands in the last column
    it covers, next to its figures (the group labels to its left), as in the cell order of
    published copies; headings and figures stand in their first column.
    """
    grid: list[list[Cell | None]] = []
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(table.rows):
        line: list[Cell | None] = [None] * table.width
        c = 0
        for cell in row:
            while c < table.width and (r, c) in covered:
                c += 1
            if c >= table.width:
                break  # a malformed row never crashes a renderer; the model is built above
            anchor = c if cell.header or cell.figure else c + cell.colspan - 1
            line[min(anchor, table.width - 1)] = cell
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    covered.add((r + dr, c + dc))
            c += cell.colspan
        grid.append(line)
    return grid
