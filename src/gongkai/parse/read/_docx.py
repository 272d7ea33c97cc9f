"""DOCX -> lines: body paragraphs and table rows in document order.

Merged cells follow the HTML convention (see ``_html``): a vertically merged cell appears only
in its first row, and a cell spanning N grid columns is followed by N-1 empty cells. A table
that contains another table, or has a single column, is layout: its cells are read as blocks.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import lxml.etree  # type: ignore[import-untyped]

from .._document import MAX_LINES, TOO_MANY_LINES, Line, UnreadableInput

__all__ = ["DOCX_BODY", "MAX_BODY_BYTES", "docx_to_lines"]

DOCX_BODY = "word/document.xml"
# A report's document.xml is a few hundred KB, a long one with many tables a few MB; what is
# beyond these limits could not be read within the budget of one file (10 s, 1 GB).
MAX_BODY_BYTES = 32 * 1024 * 1024
MAX_PARTS = 10_000
_CORRUPT = "DOCX 文件已损坏"
_TOO_DEEP = "DOCX 文件结构过深，无法读取"
_TOO_LARGE = f"DOCX 正文解压后超过 {MAX_BODY_BYTES // (1024 * 1024)} MB（可能是压缩炸弹），拒绝读取"
_TOO_MANY_PARTS = f"DOCX 文件包含的部件超过 {MAX_PARTS} 个，拒绝读取"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NAMESPACES = {"w": _W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_P = f"{{{_W}}}p"
_TBL = f"{{{_W}}}tbl"
_TR = f"{{{_W}}}tr"
_TC = f"{{{_W}}}tc"
_SDT = f"{{{_W}}}sdt"
_SDT_CONTENT = f"{{{_W}}}sdtContent"
_CUSTOM_XML = f"{{{_W}}}customXml"
_T = f"{{{_W}}}t"
_TAB = f"{{{_W}}}tab"
# Visible text of a paragraph: runs anywhere below it (hyperlinks, insertions, fields, smart
# tags), but not the fallback copy of a text box, which repeats the preferred copy.
_RUN_CONTENT = lxml.etree.XPath(
    ".//w:r/w:t[not(ancestor::mc:Fallback)]"
    " | .//w:r/w:tab[not(ancestor::mc:Fallback)]"
    " | .//w:r/w:br[not(ancestor::mc:Fallback)]"
    " | .//w:r/w:cr[not(ancestor::mc:Fallback)]",
    namespaces=_NAMESPACES,
)
_CELL_PARAGRAPHS = lxml.etree.XPath(
    "./w:p | ./w:sdt/w:sdtContent/w:p | ./w:customXml/w:p", namespaces=_NAMESPACES
)
_WHITESPACE = re.compile(r"\s+")
_MAX_GRID_SPAN = 64


def docx_to_lines(data: bytes) -> tuple[Line, ...]:
    """The lines of a DOCX file, numbered 1..n in document order."""
    body = _body(data)
    rows: list[tuple[tuple[str, ...], bool]] = []
    try:
        for row in _blocks(body):
            if any(row[0]):
                rows.append(row)
                if len(rows) > MAX_LINES:  # stop reading at once, not after the last one
                    raise UnreadableInput(TOO_MANY_LINES)
    except RecursionError as error:
        raise UnreadableInput(_TOO_DEEP) from error
    return tuple(
        Line(number, cells, tabular) for number, (cells, tabular) in enumerate(rows, start=1)
    )


def _body(data: bytes) -> Any:
    """The <w:body> of the package's main part, read within the size limits."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if len(archive.infolist()) > MAX_PARTS:
                raise UnreadableInput(_TOO_MANY_PARTS)
            info = archive.getinfo(DOCX_BODY)
            # The declared size bounds what zipfile inflates (a longer stream fails its CRC),
            # so a zip bomb is refused here before a byte of it is inflated.
            if info.file_size > MAX_BODY_BYTES:
                raise UnreadableInput(_TOO_LARGE)
            xml = archive.read(info)
        parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
        root = lxml.etree.fromstring(xml, parser=parser)
    except UnreadableInput:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
        raise UnreadableInput(_CORRUPT) from error
    except lxml.etree.XMLSyntaxError as error:
        if "depth" in str(error).lower():
            raise UnreadableInput(_TOO_DEEP) from error
        raise UnreadableInput(_CORRUPT) from error
    except Exception as error:  # zlib and lxml raise many kinds on damaged packages
        raise UnreadableInput(_CORRUPT) from error
    body = root.find(f"{{{_W}}}body")
    if body is None:
        raise UnreadableInput(_CORRUPT)
    return body


def _blocks(container: Any) -> Iterator[tuple[tuple[str, ...], bool]]:
    """(cells, tabular) for the paragraphs and tables directly in ``container``."""
    for child in container:
        tag = child.tag
        if tag == _P:
            for line in _paragraph_text(child).split("\n"):
                text = _collapse(line)
                if text:
                    yield (text,), False
        elif tag == _TBL:
            yield from _table(child)
        elif tag in (_SDT, _SDT_CONTENT, _CUSTOM_XML):
            yield from _blocks(child)


def _table(table: Any) -> Iterator[tuple[tuple[str, ...], bool]]:
    rows = [row for row in table if row.tag == _TR]
    is_layout = table.find(f".//{_TBL}") is not None or all(len(_cells(row)) <= 1 for row in rows)
    for row in rows:
        if is_layout:
            for cell in _cells(row):
                yield from _blocks(cell)
            continue
        cells: list[str] = [""] * min(_grid_before(row), _MAX_GRID_SPAN)
        for cell in _cells(row):
            if _continues_vertical_merge(cell):
                continue
            cells.append(_cell_text(cell))
            cells.extend([""] * (_grid_span(cell) - 1))
        if cells:
            yield tuple(cells), True


def _cells(row: Any) -> list[Any]:
    """The cells of a row, looking through content controls wrapped around them."""
    cells: list[Any] = []
    for child in row:
        if child.tag == _TC:
            cells.append(child)
        elif child.tag in (_SDT, _CUSTOM_XML):
            cells.extend(child.iter(_TC))
    return cells


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in _RUN_CONTENT(paragraph):
        if node.tag == _T:
            parts.append(node.text or "")
        elif node.tag == _TAB:
            parts.append("\t")
        else:
            parts.append("\n")
    return "".join(parts)


def _cell_text(cell: Any) -> str:
    # Like <br> in an HTML cell, a paragraph or line break inside a cell only wraps a label.
    text = "".join(_paragraph_text(p).replace("\n", "") for p in _CELL_PARAGRAPHS(cell))
    return _collapse(text)


def _collapse(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _grid_span(cell: Any) -> int:
    return max(1, min(_int_attribute(cell, "tcPr/w:gridSpan"), _MAX_GRID_SPAN))


def _grid_before(row: Any) -> int:
    return max(0, _int_attribute(row, "trPr/w:gridBefore"))


def _continues_vertical_merge(cell: Any) -> bool:
    merge = cell.find(f"{{{_W}}}tcPr/{{{_W}}}vMerge")
    # <w:vMerge/> without a value continues the merge above; val="restart" starts one.
    return merge is not None and merge.get(f"{{{_W}}}val", "continue") == "continue"


def _int_attribute(element: Any, path: str) -> int:
    node = element.find("w:" + path, namespaces=_NAMESPACES)
    if node is None:
        return 0
    value = node.get(f"{{{_W}}}val", "")
    return int(value) if value.isascii() and value.isdigit() else 0
