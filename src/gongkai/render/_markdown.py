"""Markdown rendering: GitHub-flavoured pipe tables, merged cells as published copies print them.

A pipe table cannot merge cells, so a merged cell's text stands at its top-left position and
the positions it covers stay empty (the group label on its first sub-row, as seed 000 shows).
"""

from __future__ import annotations

import re

from gongkai.report import Report

from ._layout import Layout, Table, report_to_layout, table_to_grid

__all__ = ["report_to_markdown"]

# Characters that would start Markdown syntax (or raw HTML) in text taken from the report.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~&])")


def _inline(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _cell(text: str) -> str:
    # Inside a table only the pipe (and a line break) can break the row.
    return " ".join(text.split()).replace("|", "\\|")


def _table_markdown(table: Table) -> list[str]:
    grid = table_to_grid(table)
    lines = []
    for i, row in enumerate(grid):
        cells = ["" if c is None else _cell(c.text) for c in row]
        lines.append("| " + " | ".join(cells) + " |")
        if i == 0:
            lines.append("|" + "|".join(" --- " for _ in row) + "|")
    return lines


def layout_to_markdown(layout: Layout) -> str:
    """The layout as Markdown: title and period lines, then each section and its tables."""
    # Section titles are plain lines, as real reports print them, not "#" headings: the
    # document is also read back by the report parser.
    out = [_inline(layout.title), ""]
    if layout.period is not None:
        out += [layout.period, ""]
    for section in layout.sections:
        out += [_inline(section.title), ""]
        if section.note is not None:
            out += [_inline(section.note), ""]
        for table in section.tables:
            out += [*_table_markdown(table), ""]
    return "\n".join(out)


def report_to_markdown(report: Report) -> str:
    """The report's tables as GitHub-flavoured Markdown pipe tables in the national layout."""
    return layout_to_markdown(report_to_layout(report))
