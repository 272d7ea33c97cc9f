"""Read a register spreadsheet (CSV in UTF-8 or GB18030, or XLSX) into numbered rows of cells."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

__all__ = ["Cell", "LedgerFileError", "Sheet", "bytes_to_sheet"]

Cell = str | date | datetime | int | float | None

_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # the pre-2007 Excel (OLE) format


class LedgerFileError(ValueError):
    """The file as a whole cannot be read as a register; one Chinese message."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """The header row and the data rows, each with its 1-based row number in the file."""

    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]


def bytes_to_sheet(data: bytes, filename: str = "") -> Sheet:
    """Decode a CSV or XLSX register; raises LedgerFileError for a file that is not one."""
    if not data.strip():
        raise LedgerFileError("文件是空的，没有表头也没有数据。")
    if data.startswith(_XLS_MAGIC):
        raise LedgerFileError("这是旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV 后再导入。")
    if data.startswith(_XLSX_MAGIC):
        return _xlsx_to_sheet(data)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise LedgerFileError("文件扩展名是 .xlsx，但内容不是有效的 Excel 工作簿。")
    return _csv_to_sheet(_decode(data))


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with a byte-order mark, tab-separated.
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        # Offices' Excel saves CSV as GB18030 (GBK) unless asked for UTF-8.
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not any(ch in text for ch in "\ufffd\x01\x02\x03\x04\x05\x06\x07\x08"):
                return text
    raise LedgerFileError("无法识别文件内容：请导入 CSV（UTF-8 或 GB18030 编码）或 XLSX 表格。")


def _csv_to_sheet(text: str) -> Sheet:
    first_line = text.split("\n", 1)[0]
    delimiter = max(",\t;，", key=first_line.count)
    if delimiter == "，":  # a full-width comma cannot be a csv delimiter of Excel
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise LedgerFileError(f"CSV 文件格式有误（第 {reader.line_num} 行）：{exc}") from None
    return _records_to_sheet([tuple(r) for r in records])


def _xlsx_to_sheet(data: bytes) -> Sheet:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise LedgerFileError("无法打开 XLSX 文件：文件已损坏或不是 Excel 工作簿。") from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise LedgerFileError("XLSX 文件中没有工作表。")
        records = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return _records_to_sheet(records)


def _records_to_sheet(records: list[tuple[Cell, ...]]) -> Sheet:
    numbered = [(i, r) for i, r in enumerate(records, start=1) if not _blank(r)]
    if not numbered:
        raise LedgerFileError("文件是空的，没有表头也没有数据。")
    (_, header), *rows = numbered
    return Sheet(
        header=tuple("" if c is None else str(c) for c in header),
        rows=tuple(rows),
    )


def _blank(record: tuple[Cell, ...]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in record)
