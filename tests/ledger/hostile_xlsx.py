"""XLSX register files written part by part, so that they can carry what Excel never writes
(a stale dimension, a DTD, a bomb): one writer for the ledger's tests and ``scripts/limits``.

Pure (zipfile only): the benchmark scripts import it without Django.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>'
WORKBOOK = (
    f'{XML_DECLARATION}<workbook xmlns="{MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f"{XML_DECLARATION}"
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="http://schemas.openxmlformats.'
    'org/officeDocument/2006/relationships/worksheet"/></Relationships>'
)
# The package parts a real workbook has; the reader does not need them.
CONTENT_TYPES = (
    f"{XML_DECLARATION}"
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    f"{XML_DECLARATION}"
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def row(number: int, cells: Iterable[str]) -> str:
    """Sheet row ``number`` of inline-string cells."""
    inline = "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in cells)
    return f'<row r="{number}">{inline}</row>'


def laughs(depth: int) -> str:
    """An XML prolog whose entity ``&lol{depth};`` expands to 10^(depth-1) "lol"s."""
    entities = "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 2 else "&lol;" * 10}">'
        for i in range(2, depth + 1)
    )
    return f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">{entities}]>'


def write_xlsx(
    target: Path | IO[bytes],
    header: Iterable[str],
    rows: Iterable[Iterable[str]],
    *,
    dimension: str = "",
    prolog: str = "",
    package: bool = False,
) -> None:
    """One sheet of ``header`` then ``rows``, streamed; ``package`` adds the package parts."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        if package:
            archive.writestr("[Content_Types].xml", CONTENT_TYPES)
            archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write((prolog or XML_DECLARATION).encode())
            sheet.write(f'<worksheet xmlns="{MAIN}">'.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            sheet.write(row(1, header).encode())
            for number, cells in enumerate(rows, start=2):
                sheet.write(row(number, cells).encode())
            sheet.write(b"</sheetData></worksheet>")
