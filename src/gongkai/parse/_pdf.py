"""PDF -> lines of its text layer, one line of running text each; no OCR."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from ._document import Line, UnreadableInput

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
        texts = list(_page_texts(data))
    except UnreadableInput:
        raise
    except RecursionError as error:
        raise UnreadableInput(_CORRUPT) from error
    except Exception as error:  # pdfminer raises many unrelated kinds on damaged files
        if _is_encryption_error(error):
            raise UnreadableInput(_ENCRYPTED) from error
        raise UnreadableInput(_CORRUPT) from error
    texts = [text for text in texts if not _PAGE_NUMBER.fullmatch(text)]
    if not texts:
        raise UnreadableInput(_NO_TEXT)
    joined = "".join(texts)
    unmapped = sum(len(glyph) for glyph in _UNMAPPED_GLYPH.findall(joined))
    if unmapped * 2 > len(joined):
        raise UnreadableInput(_UNMAPPED_FONT)
    return tuple(Line(number, (text,)) for number, text in enumerate(texts, start=1))


def _page_texts(data: bytes) -> Iterator[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for line in (page.extract_text() or "").split("\n"):
                text = line.strip()
                if text:
                    yield text


def _is_encryption_error(error: BaseException | None) -> bool:
    # pdfplumber wraps pdfminer's exceptions; look down the chain for the real one.
    seen = 0
    while error is not None and seen < 8:
        if isinstance(error, PDFPasswordIncorrect | PDFEncryptionError):
            return True
        if error.args and isinstance(error.args[0], PDFPasswordIncorrect | PDFEncryptionError):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False
