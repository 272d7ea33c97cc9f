"""PDF -> lines of its text layer, one line of running text each; no OCR.

Ruled tables whose rows the text layer scatters over several lines are read from their rules
instead, one tabular line per row (see ``_pdf_grid``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

from .._document import Line, UnreadableInput
from ._pdf_grid import Grid, grid_row_to_cells, join_split_row, page_tables, table_to_grid
from ._pdf_limits import PdfTooCostly, check_pages, pdf_budget

__all__ = ["pdf_to_lines"]

_CORRUPT = "PDF 文件已损坏"
_ENCRYPTED = "PDF 文件已加密，无法读取"
_NO_TEXT = "PDF 没有文字层（可能是扫描件）"
_UNMAPPED_FONT = "PDF 文字层无法识别（字体缺少字符映射，可能需要文字识别）"

# Page numbers printed in the footer: "- 3 -", "— 3 —", "第 3 页", "第3页 共5页".
_PAGE_NUMBER = re.compile(
    r"[-－—–―~～]\s*\d{1,4}\s*[-－—–―~～]"
    r"|第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/、]?\s*第\s*\d{1,4}\s*页"
)
# pdfminer writes "(cid:123)" for a glyph whose font has no mapping to Unicode.
_UNMAPPED_GLYPH = re.compile(r"\(cid:\d+\)")


def pdf_to_lines(data: bytes) -> tuple[Line, ...]:
    """The text lines of a PDF's text layer, numbered 1..n, page-number lines dropped."""
    try:
        with pdf_budget():
            items = list(_page_items(data))
    except UnreadableInput:
        raise
    except RecursionError as error:
        raise UnreadableInput(_CORRUPT) from error
    except Exception as error:  # pdfminer raises many unrelated kinds on damaged files
        too_costly = _cause(error, PdfTooCostly)
        if too_costly is not None:
            raise too_costly from error
        if _is_encryption_error(error):
            raise UnreadableInput(_ENCRYPTED) from error
        raise UnreadableInput(_CORRUPT) from error
    rows = items_to_rows(items)
    if not rows:
        raise UnreadableInput(_NO_TEXT)
    joined = "".join("".join(cells) for cells, _ in rows)
    unmapped = sum(len(glyph) for glyph in _UNMAPPED_GLYPH.findall(joined))
    if unmapped * 2 > len(joined):
        raise UnreadableInput(_UNMAPPED_FONT)
    return tuple(
        Line(number, cells, tabular) for number, (cells, tabular) in enumerate(rows, start=1)
    )


_Item = str | Grid


def items_to_rows(items: list[_Item]) -> list[tuple[tuple[str, ...], bool]]:
    """Text lines and table grids in page order -> (cells, tabular); page numbers dropped and
    a table row split by a page break joined again."""
    kept = [item for item in items if not (isinstance(item, str) and _PAGE_NUMBER.fullmatch(item))]
    rows: list[tuple[tuple[str, ...], bool]] = []
    previous: Grid | None = None
    for item in kept:
        if isinstance(item, str):
            rows.append(((item,), False))
            previous = None
            continue
        grid_rows = item.rows
        joined = None if previous is None else join_split_row(previous, item)
        if joined is not None:
            rows[-1] = (grid_row_to_cells(joined), True)
            grid_rows = grid_rows[1:]
        rows.extend((grid_row_to_cells(row), True) for row in grid_rows if any(row))
        previous = item
    return rows


def _page_items(data: bytes) -> Iterator[_Item]:
    # Imported here: pdfplumber costs ~75 ms at start-up, which text and HTML inputs need not pay.
    import pdfplumber

    continues_grid = False  # the previous page ended inside a table read from its rules
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        check_pages(len(pdf.pages))
        for page in pdf.pages:
            left, top, right, bottom = page.bbox
            for table, scattered in page_tables(page):
                above = []
                if table.bbox[1] > top:
                    above = list(_text_lines(page.within_bbox((left, top, right, table.bbox[1]))))
                    yield from above
                if continues_grid and not any(not _PAGE_NUMBER.fullmatch(t) for t in above):
                    scattered = True  # the rest of a table split by the page break
                if scattered:
                    yield table_to_grid(table)
                else:
                    yield from _text_lines(page.within_bbox(table.bbox))
                continues_grid = scattered
                top = max(top, table.bbox[3])
            below = []
            if bottom > top:
                below = list(_text_lines(page.within_bbox((left, top, right, bottom))))
                yield from below
            if any(not _PAGE_NUMBER.fullmatch(t) for t in below):
                continues_grid = False


def _text_lines(page: object) -> Iterator[str]:
    for line in (page.extract_text() or "").split("\n"):  # type: ignore[attr-defined]
        text = line.strip()
        if text:
            yield text


def _cause(error: BaseException | None, kind: type[PdfTooCostly]) -> PdfTooCostly | None:
    """The ``kind`` exception that ``error`` wraps (pdfplumber wraps pdfminer's), if any."""
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, kind):
            return error
        if error.args and isinstance(error.args[0], kind):
            return error.args[0]
        error = error.__cause__ or error.__context__
        seen += 1
    return None


def _is_encryption_error(error: BaseException | None) -> bool:
    # pdfplumber wraps pdfminer's exceptions; look down the chain for the real one.
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, PDFPasswordIncorrect | PDFEncryptionError):
            return True
        if error.args and isinstance(error.args[0], PDFPasswordIncorrect | PDFEncryptionError):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False
