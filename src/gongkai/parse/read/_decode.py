"""Any input file -> Document: sniff the format, decode the text, dispatch to the reader."""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile

from .._document import MAX_LINES, TOO_MANY_LINES, Document, InputFormat, Line, UnreadableInput
from ._chinese import is_traditional, lines_to_simplified, text_to_simplified
from ._docx import DOCX_BODY, docx_to_lines
from ._html import html_to_lines
from ._pdf import pdf_to_lines
from ._text import text_to_lines

__all__ = ["MAX_LINES", "MAX_TEXT_CHARS", "bytes_to_document", "bytes_to_text", "path_to_document"]

# Annual reports are a few hundred KB; a PDF full of scanned pages a few tens of MB.
MAX_INPUT_BYTES = 100 * 1024 * 1024

MAX_RAW_LINES = 500_000  # line breaks, blank lines included, counted before splitting
# Plain text: a report is some 100 KB, a scraped page of many years' reports a few MB.
MAX_TEXT_CHARS = 20_000_000

_EMPTY = "文件为空"
_TOO_LONG = f"文本文件超过 {MAX_TEXT_CHARS // 10_000:,} 万字，不像年度报告，拒绝读取"
_NO_TEXT = "文件没有任何文字"
_NOT_SUPPORTED = "不是文本、HTML、DOCX 或 PDF 文件"
_BINARY = _NOT_SUPPORTED + "（二进制数据）"
_IMAGE = _NOT_SUPPORTED + "（图片，需先进行文字识别）"
_ARCHIVE = _NOT_SUPPORTED + "（压缩包）"
_OLD_OFFICE = "不支持旧版 Office 文件（DOC、XLS、WPS），请另存为 DOCX 或 PDF"
_SPREADSHEET = "不支持 Excel 表格文件，请另存为 DOCX 或 PDF"
_OFD = "不支持 OFD 文件，请另存为 PDF 或 DOCX"
_RTF = "不支持 RTF 文件，请另存为 DOCX 或 PDF"
_DOCX_CORRUPT = "DOCX 文件已损坏"
_ENCODING = "无法识别文件编码（既不是 UTF-8 也不是 GB18030）"
_UTF16_CORRUPT = "文件编码有误（标明为 UTF-16，内容却无效）"

_HEAD = 4096
_IMAGE_MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\xff\xd8\xff",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",
    b"MM\x00*",
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
# Longest BOMs first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 control bytes that never occur in text (tab, LF, VT, FF, CR and DOS EOF 0x1A are text).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20)])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f]")
# More than one control byte in a hundred is binary data, not text with a stray byte.
_MAX_CONTROL_PER_100 = 1

_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{2,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{2,40})""",
    re.IGNORECASE,
)
# GB2312 and GBK are subsets of GB18030; Big5 must be tried before GB18030, which would
# otherwise accept its bytes and give nonsense.
_GB_FAMILY = frozenset({"gb2312", "gbk", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "gb18030"})
_BIG5_FAMILY = frozenset({"big5", "big5-hkscs", "big5hkscs", "cp950", "x-x-big5"})

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".shtm", ".mhtml", ".jsp", ".asp", ".aspx")
# A .txt file is HTML only if it starts like an HTML document; any other name is HTML if
# the first few KB carry a structural tag (scraped text keeps stray <menu>/<strong> debris).
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|\?xml)", re.I | re.S)
_HTML_TAG = re.compile(
    r"<(?:!doctype\s+html|html|head|body|meta|title|table|tr|td|div|p|br|span|h[1-6]|ul|li)[\s>/]",
    re.I,
)


def path_to_document(path: str | os.PathLike[str]) -> Document:
    """The Document of the file at ``path``; UnreadableInput if it cannot be read as one."""
    try:
        with open(path, "rb") as file:
            data = file.read(MAX_INPUT_BYTES + 1)
    except FileNotFoundError as error:
        raise UnreadableInput("文件不存在") from error
    except IsADirectoryError as error:
        raise UnreadableInput("这是一个目录，不是文件") from error
    except PermissionError as error:
        raise UnreadableInput("没有读取该文件的权限") from error
    except ValueError as error:  # a NUL in the path
        raise UnreadableInput("文件名无效") from error
    except OSError as error:
        raise UnreadableInput("无法读取文件") from error
    if len(data) > MAX_INPUT_BYTES:
        raise UnreadableInput(f"文件过大（超过 {MAX_INPUT_BYTES // (1024 * 1024)} MB）")
    return bytes_to_document(data, os.path.basename(os.fspath(path)))


def bytes_to_document(data: bytes, name: str) -> Document:
    """The Document of a file's bytes; ``name`` (the file name) only hints at the format."""
    if not data:
        raise UnreadableInput(_EMPTY)
    input_format = _container_format(data, name)
    lines: tuple[Line, ...]
    if input_format is InputFormat.PDF:
        lines = lines_to_simplified(pdf_to_lines(data))
    elif input_format is InputFormat.DOCX:
        lines = lines_to_simplified(docx_to_lines(data))
    else:
        text = bytes_to_text(data, _declared_charset(data[:_HEAD]))
        if _is_html(text[:_HEAD], name):
            input_format = InputFormat.HTML
            lines = lines_to_simplified(html_to_lines(text))
        else:
            # Converting the whole text at once is cheaper than cell by cell, and the
            # conversion keeps every newline and pipe, so the lines stay where they were.
            if is_traditional(text):
                text = text_to_simplified(text)
            if len(text) > MAX_TEXT_CHARS:
                raise UnreadableInput(_TOO_LONG)
            if text.count("\n") + text.count("\r") > MAX_RAW_LINES:
                raise UnreadableInput(TOO_MANY_LINES)
            lines = text_to_lines(text)
    if not lines:
        raise UnreadableInput(_NO_TEXT)
    if len(lines) > MAX_LINES:
        raise UnreadableInput(TOO_MANY_LINES)
    return Document(name=name, format=input_format, lines=lines)


def bytes_to_text(data: bytes, declared: str | None = None) -> str:
    """``data`` decoded: BOM, else UTF-8, else the declared Big5 or GB18030, else what
    charset-normalizer finds among GB18030, Big5 and UTF-16.

    Bytes with many control bytes are UTF-16 without a BOM if they decode into the
    characters of a Chinese text (see ``_bomless_utf16_to_text``), else binary.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UnreadableInput(
                    _ENCODING if encoding == "utf-8-sig" else _UTF16_CORRUPT
                ) from error
            if _too_many_controls(text):
                raise UnreadableInput(_BINARY)
            return _CONTROL_CHARS.sub("", text)
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls * 100 > len(data) * _MAX_CONTROL_PER_100:
        return _bomless_utf16_to_text(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _CONTROL_CHARS.sub("", text) if controls else text
    if declared in _BIG5_FAMILY:
        encodings: tuple[str, ...] = ("big5", "gb18030")
    elif declared is None:
        encodings = _undeclared_encodings(data)
    else:
        encodings = ("gb18030",)
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return _CONTROL_CHARS.sub("", text) if controls else text
    raise UnreadableInput(_ENCODING)


def _too_many_controls(text: str) -> bool:
    """More control characters than text with a stray byte has: binary data decoded."""
    return len(_CONTROL_CHARS.findall(text)) * 100 > len(text) * _MAX_CONTROL_PER_100


def _undeclared_encodings(data: bytes) -> tuple[str, ...]:
    """The encodings to try, in order, for bytes that are not UTF-8 and declare none.

    GB18030 accepts nearly any byte sequence, Big5's and UTF-16's included, so it cannot be
    tried first blindly: charset-normalizer's guess among the three goes first (it samples
    the data, so the cost stays small for large files)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_DETECTED)).best()
    guess = None if best is None else _DETECTED.get(best.encoding)
    if guess is None or guess == "gb18030":
        return ("gb18030",)
    return (guess, "gb18030")


# charset-normalizer's names -> Python codec names, for the encodings reports come in.
_DETECTED = {
    "gb18030": "gb18030",
    "big5": "big5",
    "utf_16_le": "utf-16-le",
    "utf_16_be": "utf-16-be",
}
# Characters of a Chinese text file: CJK ideographs, CJK and full-width punctuation,
# printable ASCII and whitespace. Bytes that decode to anything else are not that text.
_TEXT_CHARS = re.compile(
    "[\t\n\r\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u2460-\u27bf\u3000-\u303f"
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]"
)


def _looks_like_text(text: str) -> bool:
    """Nearly every character is one a Chinese text file is written in."""
    if not text:
        return False
    sample = text[:65536]
    return len(_TEXT_CHARS.findall(sample)) * 100 >= len(sample) * 95


def _bomless_utf16_to_text(data: bytes) -> str:
    """UTF-16 text saved without a BOM, else binary.

    Mostly-ASCII text shows it by its NULs, all on one parity; Chinese text (few NULs) by
    decoding strictly into characters that a Chinese text file is written in."""
    half = len(data) // 2
    if len(data) % 2 == 0 and half:
        even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
        for encoding, nuls, other in (
            ("utf-16-le", odd_nuls, even_nuls),
            ("utf-16-be", even_nuls, odd_nuls),
        ):
            if other == 0 and nuls * 4 > half:
                try:
                    text = data.decode(encoding)
                except UnicodeDecodeError:
                    break
                if not _too_many_controls(text):
                    return text
        for encoding in ("utf-16-le", "utf-16-be"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _looks_like_text(text) and not _CONTROL_CHARS.search(text[:65536]):
                return text
    raise UnreadableInput(_BINARY)


def _container_format(data: bytes, name: str) -> InputFormat:
    """PDF or DOCX by their magic bytes, TEXT for anything that may be text or HTML."""
    # The PDF header may follow some junk bytes; readers look within the first KB.
    if b"%PDF-" in data[:1024]:
        return InputFormat.PDF
    if data.startswith(_ZIP_MAGIC):
        return _zip_format(data, name)
    if data.startswith(_OLE_MAGIC):
        raise UnreadableInput(_OLD_OFFICE)
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        raise UnreadableInput(_IMAGE)
    if data.lstrip()[:5] == b"{\\rtf":
        raise UnreadableInput(_RTF)
    return InputFormat.TEXT


def _zip_format(data: bytes, name: str) -> InputFormat:
    claims_docx = name.lower().endswith(".docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as error:
        raise UnreadableInput(_DOCX_CORRUPT if claims_docx else _ARCHIVE) from error
    if DOCX_BODY in names:
        return InputFormat.DOCX
    if "OFD.xml" in names:
        raise UnreadableInput(_OFD)
    if "xl/workbook.xml" in names:
        raise UnreadableInput(_SPREADSHEET)
    raise UnreadableInput(_DOCX_CORRUPT if claims_docx else _ARCHIVE)


def _declared_charset(head: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(head)
    if match is None:
        return None
    declared = (match.group(1) or match.group(2)).decode("ascii").lower()
    return "gb18030" if declared in _GB_FAMILY else declared


def _is_html(head: str, name: str) -> bool:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _HTML_SUFFIXES:
        return True
    if suffix == ".txt":
        return _HTML_START.match(head) is not None
    return _HTML_TAG.search(head) is not None
