"""HTML (already decoded) -> lines: table rows as cells, other blocks as running text.

Merged cells: a cell with ``rowspan`` appears only in the row where it is written (HTML
never repeats it), and a cell with ``colspan=N`` is followed by N-1 empty cells so that the
positions of the row line up with the table grid, as in the pipe-separated text seeds.

Nested tables: a table that contains another table, or has a single column, is page layout,
not data; its cells are read as blocks of running text and the tables inside are read on
their own. A data table (no table inside, two columns or more) gives one line per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.etree  # type: ignore[import-untyped]
import lxml.html  # type: ignore[import-untyped]

from .._document import Line, UnreadableInput

__all__ = ["MAX_ELEMENTS", "MAX_HTML_CHARS", "html_to_lines"]

_NOT_CONTENT = (
    "script",
    "style",
    "head",
    "nav",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "select",
    "button",
    "textarea",
)
_BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_WHITESPACE = re.compile(r"\s+")
# A line break in the source between two wide (CJK) characters is no space at all (CSS Text
# 3, segment break transformation): Word's HTML export wraps its source lines mid-sentence.
_WIDE = "\u2e80-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uff60\uffe0-\uffe6"
_WIDE_SEGMENT_BREAK = re.compile(rf"(?<=[{_WIDE}])[ \t]*[\r\n]\s*(?=[{_WIDE}])")
_DIGITS = re.compile(r"\d+")
# A colspan beyond any real report table is broken markup; cap the padding it causes.
_MAX_COLSPAN = 64

# libxml2 stops silently at a text or attribute of 10 MB (a data: image) and at 256 levels of
# nesting unless told the document is huge; even then it stops at 2,048 levels, which is
# reported in the parser's error log and refused below, never read as half a page.
_TOO_DEEP = "HTML 文件嵌套层数过多（超过 2000 层），无法完整读取"
_INCOMPLETE = "HTML 文件超出解析器的限制，无法完整读取"


# Embedded files (data: URIs of images and fonts) carry no text: dropped before parsing,
# they cost neither time nor memory. What remains is markup and text, which a report page
# has a few MB of at most; ten million tiny elements would cost lxml 4 GB.
_DATA_URI = re.compile(r"""(?i)\bdata:[^"'\s)>]{256,}""")
MAX_HTML_CHARS = 10_000_000
# A long report exported from Word is some 30,000 elements.
MAX_ELEMENTS = 300_000
_TOO_MANY_ELEMENTS = f"HTML 文件的元素超过 {MAX_ELEMENTS:,} 个，不像年度报告，拒绝读取"
_TOO_LARGE = (
    f"HTML 文件的标记和文字超过 {MAX_HTML_CHARS // 10_000:,} 万字（内嵌图片不计），"
    "不像年度报告，拒绝读取"
)


def html_to_lines(text: str) -> tuple[Line, ...]:
    """The lines of an HTML page, numbered 1..n in reading order.

    Raises UnreadableInput rather than return part of a page the parser gave up on."""
    if "data:" in text:
        text = _DATA_URI.sub("data:", text)
    if len(text) > MAX_HTML_CHARS:
        raise UnreadableInput(_TOO_LARGE)
    parser = lxml.html.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as error:
        if _gave_up(parser):
            raise UnreadableInput(_gave_up(parser)) from error
        raise UnreadableInput("文件没有任何文字") from error
    reason = _gave_up(parser)
    if reason:
        raise UnreadableInput(reason)
    if root.xpath("count(//*)") > MAX_ELEMENTS:  # counted in C, before any Python walk
        raise UnreadableInput(_TOO_MANY_ELEMENTS)
    for element in list(root.iter(*_NOT_CONTENT)):
        element.drop_tree()
    rows = [cells for cells in _walk(root) if any(cells[0])]
    return tuple(
        Line(number, cells, tabular) for number, (cells, tabular) in enumerate(rows, start=1)
    )


def _gave_up(parser: Any) -> str:
    """Why the parser stopped before the end of the page ("" if it did not)."""
    for entry in parser.error_log:
        if entry.type_name == "ERR_RESOURCE_LIMIT" or entry.level_name == "FATAL":
            if "depth" in entry.message.lower():
                return _TOO_DEEP
            return _INCOMPLETE
    return ""


def _walk(root: Any) -> Iterator[tuple[tuple[str, ...], bool]]:
    """(cells, tabular) in document order; an explicit stack because pages nest deeply."""
    pending: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            if node.tag in _BLOCKS:
                yield from _flush(pending)
            if node.tail:
                pending.append(node.tail)
            continue
        tag = node.tag
        if not isinstance(tag, str):  # a comment or processing instruction that survived
            if node.tail:
                pending.append(node.tail)
            continue
        if tag == "br":
            yield from _flush(pending)
            if node.tail:
                pending.append(node.tail)
            continue
        if tag in _BLOCKS:
            yield from _flush(pending)
        if tag == "table" and _is_data_table(node):
            for cells in _table_rows(node):
                yield cells, True
            if node.tail:
                pending.append(node.tail)
            continue
        if node.text:
            pending.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    yield from _flush(pending)


def _flush(pending: list[str]) -> Iterator[tuple[tuple[str, ...], bool]]:
    if pending:
        text = _collapse("".join(pending))
        pending.clear()
        if text:
            yield (text,), False


def _collapse(text: str) -> str:
    if "\n" in text or "\r" in text:
        text = _WIDE_SEGMENT_BREAK.sub("", text)
    return _WHITESPACE.sub(" ", text).strip()


def _is_data_table(table: Any) -> bool:
    if table.find(".//table") is not None:
        return False
    return any(len(_row_cells(row)) > 1 for row in table.iter("tr"))


def _row_cells(row: Any) -> list[Any]:
    return [child for child in row if child.tag in ("td", "th")]


def _table_rows(table: Any) -> Iterator[tuple[str, ...]]:
    for row in table.iter("tr"):
        cells: list[str] = []
        for cell in _row_cells(row):
            # <br> inside a cell splits a label over lines on screen only: it adds nothing.
            cells.append(_collapse(cell.text_content()))
            cells.extend([""] * (_colspan(cell) - 1))
        if cells:
            yield tuple(cells)


def _colspan(cell: Any) -> int:
    match = _DIGITS.search(cell.get("colspan", ""))
    if match is None:
        return 1
    return max(1, min(int(match.group()), _MAX_COLSPAN))
