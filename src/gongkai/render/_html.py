"""HTML rendering: the national layout with real rowspan/colspan."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from gongkai.report import Report

from ._layout import Cell, Layout, Section, Table, report_to_layout

__all__ = ["report_to_html"]

# Small and inline: the page must open offline, with no external resources.
_CSS = """\
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em auto;max-width:72em;\
padding:0 1em;line-height:1.5}
table{border-collapse:collapse;margin:1em 0}
th,td{border:1px solid #555;padding:.25em .5em;vertical-align:middle}
th{background:#f2f2f2;font-weight:normal}
td.num{text-align:right;font-variant-numeric:tabular-nums;min-width:3em}
p.note{color:#555}"""


def _cell_html(cell: Cell) -> str:
    tag = "th" if cell.header else "td"
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.figure:
        attrs += ' class="num"'
    return f"<{tag}{attrs}>{escape(cell.text)}</{tag}>"


def _table_html(table: Table) -> list[str]:
    out = ["<table>"]
    head, body = table.rows[: table.header_rows], table.rows[table.header_rows :]
    for tag, rows in (("thead", head), ("tbody", body)):
        if not rows:
            continue
        out.append(f"<{tag}>")
        out.extend("<tr>" + "".join(_cell_html(c) for c in row) + "</tr>" for row in rows)
        out.append(f"</{tag}>")
    out.append("</table>")
    return out


def _section_html(section: Section) -> list[str]:
    out = ["<section>", f"<h2>{escape(section.title)}</h2>"]
    if section.note is not None:
        out.append(f'<p class="note">{escape(section.note)}</p>')
    for table in section.tables:
        out.extend(_table_html(table))
    out.append("</section>")
    return out


def _heading(layout: Layout, tag: str) -> list[str]:
    out = [f"<{tag}>{escape(layout.title)}</{tag}>"]
    if layout.period is not None:
        out.append(f"<p>{escape(layout.period)}</p>")
    return out


def _page(title: str, body: list[str]) -> str:
    head = [
        "<!doctype html>",
        '<html lang="zh-CN">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
    ]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


def layout_to_html(layout: Layout, *, standalone: bool) -> str:
    """The layout as HTML: a whole page, or only its sections."""
    body: list[str] = []
    for section in layout.sections:
        body.extend(_section_html(section))
    if not standalone:
        return "\n".join(body) + "\n"
    return _page(f"{layout.title}（统计表）", [*_heading(layout, "h1"), *body])


def report_to_html(report: Report, *, standalone: bool = True) -> str:
    """The report's tables as HTML in the national layout (a full page unless standalone=False)."""
    return layout_to_html(report_to_layout(report), standalone=standalone)


def reports_to_html(reports: Sequence[Report]) -> str:
    """Several reports' tables as one HTML page, one article per report."""
    body: list[str] = []
    for report in reports:
        layout = report_to_layout(report)
        body += ["<article>", *_heading(layout, "h2")]
        for section in layout.sections:
            body.extend(_section_html(section))
        body.append("</article>")
    return _page("政府信息公开工作年度报告统计表", body)
