"""The first worksheet of an XLSX workbook as rows of cell values, read safely and in full.

Why not openpyxl's read-only mode: it stops at the row the sheet's ``<dimension ref>``
declares, and offices' tools often leave a stale one (2 of 10 rows read, silently). This
reader ignores the dimension and reads every ``<row>``, places cells by their ``r`` address,
and turns date-formatted numbers into dates. It is bounded: the declared uncompressed size
of the parts it reads is checked before anything is inflated (Python's zipfile never
inflates past the declared size), XML with a document type (DTD) or entity declaration is
refused, and each cell is dropped from the tree as soon as it is read.

The small parts (workbook, relationships, styles) are read with defusedxml. The sheet and its
shared strings, which hold every cell, are streamed with lxml: defusedxml's parser runs
expat's callbacks in Python (13 s for 90,000 rows), lxml's runs in C. It is set up as
defusedxml would be: no entity is expanded, nothing is fetched, libxml2's size limits are
kept, and a document type declaration is refused at the first element, before any cell.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta
from io import BytesIO
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from lxml import etree  # type: ignore[import-untyped]

from ._errors import LedgerFileError

__all__ = ["MAX_COLUMNS", "MAX_XML_BYTES", "xlsx_records"]

# The parts read (workbook, relationships, styles, shared strings, the sheet) inflate to at
# most this much. A 100,000-row register's sheet and strings are about 45 MB.
MAX_XML_BYTES = 128 * 1024 * 1024
_MAX_SMALL_PART = 8 * 1024 * 1024  # workbook, relationships and styles
# Columns beyond this are not part of any register; their values are not kept.
MAX_COLUMNS = 64
# Excel's own last column (XFD): a row's cells stay in memory until the row ends.
MAX_ROW_CELLS = 16_384

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ROW, _CELL, _VALUE = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}v"
_TEXT, _RUN, _INLINE = f"{_MAIN}t", f"{_MAIN}r", f"{_MAIN}is"
_STRING_ITEM = f"{_MAIN}si"
_ADDRESS = re.compile(r"([A-Z]{1,3})\d*$")
# The columns a register uses, looked up rather than computed for each cell.
_COLUMN_INDEX = {chr(65 + i): i for i in range(26)}
# Number formats that show a date: the built-in ones (with the Chinese locale's 27-36, 50-58)
# and any custom format with a date or time letter outside quotes and brackets.
_DATE_FORMAT_IDS = frozenset({14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47})
_DATE_FORMAT_IDS |= frozenset(range(27, 37)) | frozenset(range(50, 59))
_QUOTED_OR_BRACKETED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_DATE_LETTERS = re.compile(r"[dmyhse]", re.IGNORECASE)
_EPOCH_1900 = date(1899, 12, 30)
_EPOCH_1904 = date(1904, 1, 1)
_MAX_SERIAL = 2958465  # 9999-12-31


def _error(message: str, code: str | None = None) -> LedgerFileError:
    return LedgerFileError(message, code=code)


_CORRUPT = "无法打开 XLSX 文件：文件已损坏或不是 Excel 工作簿。"
_UNSAFE = (
    "XLSX 文件中含有 XML 文档类型或实体声明（DTD/ENTITY）。Excel 不会生成这样的文件，"
    "为安全起见不予读取；请在 Excel 中另存后再导入。"
)


def xlsx_records(data: bytes) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, cell values) of every row the first worksheet holds, in file order."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        sizes = {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise _error(_CORRUPT) from None
    workbook = _small_part(archive, sizes, "xl/workbook.xml")
    if workbook is None:
        raise _error(_CORRUPT)
    targets = _relationships(archive, sizes, "xl/_rels/workbook.xml.rels")
    sheet_path = _first_sheet(workbook, targets)
    strings_path = next(
        (t for t in targets.values() if t.endswith("sharedStrings.xml")), "xl/sharedStrings.xml"
    )
    styles_path = next((t for t in targets.values() if t.endswith("styles.xml")), "xl/styles.xml")
    if sheet_path not in sizes:
        raise _error("XLSX 文件中没有工作表。")
    inflated = sum(sizes.get(p, 0) for p in {sheet_path, strings_path, styles_path})
    if inflated > MAX_XML_BYTES:
        raise _error(
            f"XLSX 文件解压后过大（{inflated / 1024 / 1024:.0f} MB，上限 "
            f"{MAX_XML_BYTES // 1024 // 1024} MB），可能是压缩炸弹；台账请分批导入。",
            code="too_large",
        )
    date1904 = _is_1904(workbook)
    date_styles = _date_styles(_small_part(archive, sizes, styles_path))
    strings = _shared_strings(archive, strings_path) if strings_path in sizes else []
    return _rows(archive, sheet_path, strings, date_styles, date1904)


def _translated(part: str, exc: Exception) -> LedgerFileError:
    if isinstance(exc, DefusedXmlException | _Unsafe):
        return _error(_UNSAFE)
    if isinstance(exc, ParseError | etree.XMLSyntaxError):
        position = getattr(exc, "position", None)
        line = position[0] if position else getattr(exc, "lineno", 0)
        return _error(
            f"XLSX 文件中的 {part} 无法解析（第 {line} 行）：文件已损坏，或含有 NUL 等无效字符。"
        )
    return _error(_CORRUPT)


class _Unsafe(Exception):
    """A streamed part declares a document type (entities may hide in it)."""


# What reading a part of a hostile or damaged archive can raise.
_READ_ERRORS = (
    DefusedXmlException,
    _Unsafe,
    ParseError,
    etree.XMLSyntaxError,
    zipfile.BadZipFile,
    EOFError,
    OSError,
    RuntimeError,
)


def _guarded(part: str, parse: Any) -> Any:
    try:
        return parse()
    except _READ_ERRORS as exc:
        raise _translated(part, exc) from None


def _small_part(archive: zipfile.ZipFile, sizes: dict[str, int], name: str) -> Element | None:
    if name not in sizes:
        return None
    if sizes[name] > _MAX_SMALL_PART:
        raise _error(f"XLSX 文件中的 {name} 过大，文件可能已损坏或被篡改。", code="too_large")
    root: Element = _guarded(name, lambda: fromstring(archive.read(name), forbid_dtd=True))
    return root


def _relationships(archive: zipfile.ZipFile, sizes: dict[str, int], name: str) -> dict[str, str]:
    root = _small_part(archive, sizes, name)
    if root is None:
        return {}
    base = posixpath.dirname(posixpath.dirname(name))  # xl/_rels/x.rels -> xl
    out = {}
    for rel in root.iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(base, target)
        out[rel.get("Id", "")] = posixpath.normpath(path)
    return out


def _first_sheet(workbook: Element, targets: dict[str, str]) -> str:
    sheet = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    if sheet is None:
        raise _error("XLSX 文件中没有工作表。")
    return targets.get(sheet.get(f"{_REL}id", ""), "xl/worksheets/sheet1.xml")


def _is_1904(workbook: Element) -> bool:
    properties = workbook.find(f"{_MAIN}workbookPr")
    return properties is not None and properties.get("date1904", "") in ("1", "true")


def _date_styles(styles: Element | None) -> frozenset[int]:
    """Indexes of the cell formats (``s`` attribute) that display a date."""
    if styles is None:
        return frozenset()
    custom = {
        int(f.get("numFmtId", "0")): f.get("formatCode", "")
        for f in styles.iter(f"{_MAIN}numFmt")
        if f.get("numFmtId", "").isdigit()
    }
    found = set()
    cell_formats = styles.find(f"{_MAIN}cellXfs")
    for index, xf in enumerate(cell_formats if cell_formats is not None else []):
        number_format = xf.get("numFmtId", "0")
        if not number_format.isdigit():
            continue
        key = int(number_format)
        if key in _DATE_FORMAT_IDS or (
            key in custom and _DATE_LETTERS.search(_QUOTED_OR_BRACKETED.sub("", custom[key]))
        ):
            found.add(index)
    return frozenset(found)


def _text_of(item: Any) -> str:
    if len(item) == 1 and item[0].tag == _TEXT:  # plain text, by far the most common
        return str(item[0].text or "")
    # Rich text is runs of <r><t>; phonetic guides (<rPh>) are not part of the value.
    parts = []
    for child in item:
        if child.tag == _TEXT:
            parts.append(child.text or "")
        elif child.tag == _RUN:
            text = child.find(_TEXT)
            parts.append(text.text or "" if text is not None else "")
    return "".join(parts)


def _events(source: IO[bytes], tags: tuple[str, ...]) -> Any:
    """``end`` events of the ``tags`` elements, parsed as defusedxml would allow."""
    return etree.iterparse(
        source,
        events=("end",),
        tag=tags,
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def _refuse_doctype(element: Any) -> None:
    # A document type comes before the first element: checked once, before any value is used.
    info = element.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise _Unsafe


def _drop_read(element: Any) -> None:
    """Free an element that has been read, and its earlier siblings (memory stays flat)."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]


def _shared_strings(archive: zipfile.ZipFile, name: str) -> list[str]:
    def parse() -> list[str]:
        with archive.open(name) as source:
            strings: list[str] = []
            for _, item in _events(source, (_STRING_ITEM,)):
                if not strings:
                    _refuse_doctype(item)
                strings.append(_text_of(item))
                _drop_read(item)
            return strings

    result: list[str] = _guarded(name, parse)
    return result


def _rows(
    archive: zipfile.ZipFile,
    name: str,
    strings: list[str],
    date_styles: frozenset[int],
    date1904: bool,
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        with archive.open(name) as source:
            yield from _sheet_rows(source, strings, date_styles, date1904)
    except KeyError:
        raise _error(_CORRUPT) from None
    except _READ_ERRORS as exc:
        raise _translated(name, exc) from None


def _sheet_rows(
    source: IO[bytes], strings: list[str], date_styles: frozenset[int], date1904: bool
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    number = 0
    count = 0  # cells of the row being read, which stay in memory until it ends
    first = True
    for _, element in _events(source, (_CELL, _ROW)):
        if first:
            _refuse_doctype(element)
            first = False
        if element.tag == _CELL:
            count += 1
            if count > MAX_ROW_CELLS:
                raise _error(
                    f"XLSX 工作表第 {number + 1} 行的单元格超过 {MAX_ROW_CELLS} 个，"
                    "不是 Excel 能保存的工作表。",
                    code="too_large",
                )
            continue
        declared = element.get("r", "")
        # Rows without an address follow the previous one; blank rows may be absent.
        number = int(declared) if declared.isdigit() else number + 1
        yield number, _row_values(element, strings, date_styles, epoch)
        _drop_read(element)
        count = 0


def _row_values(
    row: Any, strings: list[str], date_styles: frozenset[int], epoch: date
) -> tuple[Any, ...]:
    cells: dict[int, Any] = {}
    column = -1
    for cell in row:
        if cell.tag != _CELL:
            continue
        column = _column(cell.get("r"), column)
        if column < MAX_COLUMNS:
            value = _value(cell, strings, date_styles, epoch)
            if value is not None:
                cells[column] = value
    return tuple(cells.get(i) for i in range(max(cells) + 1)) if cells else ()


def _column(address: str | None, previous: int) -> int:
    if address:
        index = _COLUMN_INDEX.get(address.rstrip("0123456789"))
        if index is not None:
            return index
        match = _ADDRESS.match(address.upper())
        if match:
            index = 0
            for letter in match[1]:
                index = index * 26 + ord(letter) - 64
            return index - 1
    return previous + 1


def _value(cell: Any, strings: list[str], date_styles: frozenset[int], epoch: date) -> Any:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        for child in cell:  # <is>, possibly after a formula <f>
            if child.tag == _INLINE:
                return _text_of(child)
        return None
    raw = cell.findtext(_VALUE)
    if raw is None or raw == "":
        return None
    if kind == "s":
        try:
            return strings[int(raw)]
        except (ValueError, IndexError):
            return None
    if kind in ("str", "e"):
        return raw
    if kind == "b":
        return "TRUE" if raw.strip() in ("1", "true") else "FALSE"
    if kind == "d":
        return raw[:10]  # an ISO date(time) cell; the date is what the register needs
    return _number(raw, cell.get("s", ""), date_styles, epoch)


def _number(raw: str, style: str, date_styles: frozenset[int], epoch: date) -> Any:
    text = raw.strip()
    try:
        number: int | float = int(text) if text.lstrip("-").isdigit() else float(text)
    except ValueError:
        return raw  # digits beyond int's limit, or not a number: the row check says so
    if number != number or number in (float("inf"), float("-inf")):
        return raw
    if style.isdigit() and int(style) in date_styles and 0 < number <= _MAX_SERIAL:
        return epoch + timedelta(days=int(number))
    return number
