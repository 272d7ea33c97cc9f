"""Plain-text rendering: one cell per line, as copied out of a published table (seed 004)."""

from __future__ import annotations

from gongkai.report import Report

from ._layout import Layout, report_to_layout

__all__ = ["report_to_text"]


def _line(text: str) -> str:
    return " ".join(text.split())


def layout_to_text(layout: Layout) -> str:
    """The layout as text: every cell on its own line, a merged cell once, a blank figure empty."""
    out = [_line(layout.title)]
    if layout.period is not None:
        out.append(layout.period)
    for section in layout.sections:
        out.append(section.title)
        if section.note is not None:
            out.append(section.note)
        for table in section.tables:
            out.extend(_line(cell.text) for row in table.rows for cell in row)
    return "\n".join(out) + "\n"


def report_to_text(report: Report) -> str:
    """The report's tables as text with one cell per line, in the national layout."""
    return layout_to_text(report_to_layout(report))
