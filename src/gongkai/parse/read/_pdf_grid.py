"""Ruled PDF tables -> rows of cells, for tables whose rows do not come out as one text line.

A PDF exported from Word or LibreOffice draws its tables with rules. Its text layer keeps a
row on one line only while every cell of the row is a single line at the same height: a
label wrapped inside a narrow column, or a figure pushed down by an empty paragraph, scatters
the row over several lines and the figures can no longer be told apart. Such a table is read
from its rules instead (pdfplumber's ``find_tables``), with the merged-cell convention of
``_html``: a cell covering N columns is followed by N-1 empty cells, a cell covering several
rows appears in its first row only. A table whose figure rows are each one text line keeps
the text reading, which is what the text-layer readers were built on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "Grid",
    "GridRow",
    "grid_row_to_cells",
    "join_split_row",
    "page_tables",
    "table_to_grid",
]

# A grid row: a cell's text, "" for an empty cell or one covered from the left, None for a
# position covered by a cell above (omitted from the row, as HTML omits it).
GridRow = tuple[str | None, ...]

_FIGURE = re.compile(r"[-+]?\d[\d,.]*")
_WHITESPACE = re.compile(r"\s+")


def page_tables(page: Any) -> list[tuple[Any, bool]]:
    """The data tables of a page (two columns or more), top to bottom, each with whether its
    text layer scatters its rows (then it must be read from its rules)."""
    tables = []
    for table in page.find_tables():
        if not any(sum(cell is not None for cell in row.cells) > 1 for row in table.rows):
            continue  # a ruled frame around running text is layout, not data
        tables.append((table, not _rows_are_text_lines(page, table)))
    return sorted(tables, key=lambda pair: float(pair[0].bbox[1]))


def _rows_are_text_lines(page: Any, table: Any) -> bool:
    """True when the figures of every row sit on one common text line."""
    chars = [c for c in page.within_bbox(table.bbox).chars if not c["text"].isspace()]
    for row in table.rows:
        boxes = [bbox for bbox in row.cells if bbox is not None]
        if not boxes:
            continue
        # The row's own height is its lowest cell's: a cell spanning several rows belongs
        # to no single row's text line.
        bottom = min(bbox[3] for bbox in boxes)
        middles: list[float] = []
        heights: list[float] = []
        for bbox in boxes:
            if bbox[3] > bottom + 0.5:
                continue
            inside = [c for c in chars if _centre_in(c, bbox)]
            # Labels may wrap (the text readers join them); the figures must share a line.
            if _FIGURE.fullmatch("".join(c["text"] for c in inside)):
                middles.extend((c["top"] + c["bottom"]) / 2 for c in inside)
                heights.extend(c["bottom"] - c["top"] for c in inside)
        # A second line lies a whole line lower; glyphs of one line differ by far less.
        if middles and max(middles) - min(middles) > max(heights) / 2:
            return False
    return True


def _centre_in(char: dict[str, Any], bbox: Sequence[float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bool(bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3])


@dataclass(frozen=True, slots=True)
class Grid:
    """The rows of a ruled table and the left edge of each of its columns."""

    rows: list[GridRow]
    lefts: tuple[float | None, ...]


def table_to_grid(table: Any) -> Grid:
    """The rows of a ruled table; lines wrapped inside a cell are joined."""
    texts = table.extract()
    lefts = _column_lefts(table)
    grid: list[GridRow] = []
    for row, row_texts in zip(table.rows, texts, strict=True):
        cells: list[str | None] = []
        for j, (bbox, text) in enumerate(zip(row.cells, row_texts, strict=True)):
            if bbox is not None:
                cells.append(_cell_text(text or ""))
            elif _covered_from_left(row.cells, j, lefts):
                cells.append("")
            else:
                cells.append(None)
        grid.append(tuple(cells))
    return Grid(grid, tuple(lefts))


def _column_lefts(table: Any) -> list[float | None]:
    width = max((len(row.cells) for row in table.rows), default=0)
    lefts: list[float | None] = [None] * width
    for row in table.rows:
        for j, bbox in enumerate(row.cells):
            if bbox is not None and lefts[j] is None:
                lefts[j] = bbox[0]
    return lefts


def _covered_from_left(
    cells: Sequence[Sequence[float] | None], j: int, lefts: Sequence[float | None]
) -> bool:
    left = lefts[j]
    for k in range(j - 1, -1, -1):
        bbox = cells[k]
        if bbox is not None:
            return left is not None and bbox[2] > left + 0.5
    return False


def _cell_text(text: str) -> str:
    # Like a line break in an HTML or DOCX cell, a wrapped line inside a PDF cell only wraps
    # a label ("商业企\n业"); the pieces are one text.
    return _WHITESPACE.sub(" ", text.replace("\n", "")).strip()


def join_split_row(previous: Grid, following: Grid) -> GridRow | None:
    """The last row of ``previous`` with the first row of ``following`` appended cell by cell
    when that row is the rest of one a page break split: label text only, each piece under
    a label of the row above (columns matched by their left edges); else None."""
    if not previous.rows or not following.rows:
        return None
    above_row, below_row = previous.rows[-1], following.rows[0]
    joined: list[str | None] = list(above_row)
    pieces = 0
    for below, left in zip(below_row, following.lefts, strict=True):
        if not below:
            continue
        j = _column_at(previous.lefts, left)
        above = None if j is None else joined[j]
        if j is None or not above or _FIGURE.fullmatch(above):
            return None
        joined[j] = above + below
        pieces += 1
    return tuple(joined) if pieces else None


def _column_at(lefts: Sequence[float | None], left: float | None) -> int | None:
    if left is None:
        return None
    for j, candidate in enumerate(lefts):
        if candidate is not None and abs(candidate - left) < 1.0:
            return j
    return None


def grid_row_to_cells(row: GridRow) -> tuple[str, ...]:
    """The row's cells as a Line holds them: positions covered from above left out."""
    return tuple(cell for cell in row if cell is not None)
