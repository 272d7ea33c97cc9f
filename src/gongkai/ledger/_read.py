"""Read a register spreadsheet (CSV in UTF-8 or GB18030, or XLSX) into numbered rows of cells.

Files come from offices' PCs and from the internet, so reading is bounded: the file's size,
the uncompressed size of the XLSX parts read (a zip bomb is refused before anything is
inflated), the number of data rows, and the XML itself (no DTD or entity declaration, read
with defusedxml). Rows are yielded one at a time, so memory does not grow with the sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from ._errors import LedgerFileError
from ._xlsx import xlsx_records

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "Cell",
    "LedgerFileError",
    "Sheet",
    "bytes_to_sheet",
]

Cell = str | date | datetime | int | float | None

# A 100,000-row register is about 16 MB as CSV and 5 MB as XLSX; twice that is a year's work
# for the largest offices. Bigger files are split by the user, not read slowly for minutes.
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_ROWS = 200_000

_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 Excel (OLE) format
_CONTROL = "\x01\x02\x03\x04\x05\x06\x07\x08\ufffd"


@dataclass(frozen=True, slots=True)
class Sheet:
    """The header row and an iterator of data rows, each with its 1-based row number."""

    header: tuple[str, ...]
    rows: Iterator[tuple[int, tuple[Cell, ...]]]


def bytes_to_sheet(data: bytes, filename: str = "") -> Sheet:
    """Decode a CSV or XLSX register; raises LedgerFileError for a file that is not one."""
    if len(data) > MAX_FILE_BYTES:
        raise LedgerFileError(
            f"文件过大（{len(data) / 1024 / 1024:.0f} MB，上限 {MAX_FILE_BYTES // 1024 // 1024} MB），"
            "请分批导入。",
            code="too_large",
        )
    if not data.strip():
        raise LedgerFileError("文件是空的，没有表头也没有数据。")
    if data.startswith(_XLS_MAGIC):
        raise LedgerFileError("这是旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入。")
    if data.startswith(_XLSX_MAGIC):
        return _numbered(xlsx_records(data))
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise LedgerFileError("文件扩展名是 .xlsx，但内容不是有效的 Excel 工作簿。")
    return _numbered(enumerate(_csv_records(_decode(data)), start=1))


def _nul_message(line: int) -> str:
    return (
        f"文件第 {line} 行含有 NUL 空字符，不是文本格式的 CSV 表格（可能是其他格式的文件，"
        "或文件已损坏）。请在 Excel 中另存为 CSV（UTF-8）或 XLSX 后再导入。"
    )


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with a byte-order mark, tab-separated.
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            pass
        else:
            if "\x00" in text:
                raise LedgerFileError(_nul_message(text.count("\n", 0, text.index("\x00")) + 1))
            return text
    elif b"\x00" in data:
        raise LedgerFileError(_nul_message(data.count(b"\n", 0, data.index(b"\x00")) + 1))
    else:
        # Offices' Excel saves CSV as GB18030 (GBK) unless asked for UTF-8.
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not any(ch in text for ch in _CONTROL):
                return text
    raise LedgerFileError("无法识别文件内容：请导入 CSV（UTF-8 或 GB18030 编码）或 XLSX 表格。")


def _csv_records(text: str) -> Iterator[tuple[Cell, ...]]:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;，", key=first_line.count)
    if delimiter == "，":  # a full-width comma cannot be a csv delimiter of Excel
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            yield tuple(record)
    except csv.Error as exc:
        raise LedgerFileError(
            f"CSV 文件格式有误（第 {reader.line_num} 行）：{_csv_reason(exc)}"
        ) from None


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"单元格过长（超过 {csv.field_size_limit()} 个字符）。"
    if "new-line character seen in unquoted field" in text:
        return "未加引号的单元格中有换行符。"
    return "无法按 CSV 格式读取。"


def _numbered(records: Iterator[tuple[int, tuple[Cell, ...]]]) -> Sheet:
    numbered = ((i, r) for i, r in records if not _blank(r))
    first = next(numbered, None)
    if first is None:
        raise LedgerFileError("文件是空的，没有表头也没有数据。")
    _, header = first
    return Sheet(
        header=tuple("" if c is None else str(c) for c in header),
        rows=_capped(numbered),
    )


def _capped(rows: Iterator[tuple[int, tuple[Cell, ...]]]) -> Iterator[tuple[int, tuple[Cell, ...]]]:
    for count, row in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise LedgerFileError(
                f"文件的数据超过 {MAX_ROWS} 行，请分批导入（每个文件不超过 {MAX_ROWS} 行）。",
                code="too_large",
            )
        yield row


def _blank(record: tuple[Cell, ...]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in record)
