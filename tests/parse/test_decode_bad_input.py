"""Inputs that are not readable reports: each gives UnreadableInput with a clear message."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.parse._document import Document, UnreadableInput
from gongkai.parse.read._decode import bytes_to_document, path_to_document
from tests.conftest import FIXTURES


def _message(data: bytes, name: str = "input.txt") -> str:
    with pytest.raises(UnreadableInput) as caught:
        bytes_to_document(data, name)
    return caught.value.message


def test_empty_file() -> None:
    assert _message(b"") == "文件为空"


def test_whitespace_only_file() -> None:
    assert _message(b" \r\n\t\n\xe3\x80\x80\n") == "文件没有任何文字"


def test_random_binary() -> None:
    assert (
        _message(os.urandom(4096), "data.bin") == "不是文本、HTML、DOCX 或 PDF 文件（二进制数据）"
    )


def test_png_image() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(64)
    assert _message(png, "scan.png") == "不是文本、HTML、DOCX 或 PDF 文件（图片，需先进行文字识别）"


def test_truncated_pdf() -> None:
    head = (FIXTURES / "hongze-2024.pdf").read_bytes()[:1000]
    assert _message(head, "report.pdf") == "PDF 文件已损坏"


def test_pdf_without_text_layer() -> None:
    # A valid one-page PDF that draws nothing: what a scan without OCR looks like to us.
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n%s\nendobj\n" % (number, content)
    xref = len(body)
    body += b"xref\n0 5\n0000000000 65535 f \n"
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    assert _message(body, "scan.pdf") == "PDF 没有文字层（可能是扫描件）"


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_docx_without_document_xml() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<styles/>"})
    assert _message(data, "report.docx") == "DOCX 文件已损坏"


def test_docx_with_broken_document_xml() -> None:
    data = _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b"<w:document><w:body><w:p>",
        }
    )
    assert _message(data, "report.docx") == "DOCX 文件已损坏"


def test_truncated_docx() -> None:
    data = _zip({"word/document.xml": b"<w:document/>" * 100})
    assert _message(data[: len(data) // 2], "report.docx") == "DOCX 文件已损坏"


def test_zip_that_is_not_a_document() -> None:
    assert _message(_zip({"a.txt": b"x"}), "bundle.zip") == (
        "不是文本、HTML、DOCX 或 PDF 文件（压缩包）"
    )


def test_old_word_document() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    assert _message(ole, "report.doc") == (
        "不支持旧版 Office 文件（DOC、XLS、WPS），请另存为 DOCX 或 PDF"
    )


def test_unknown_eight_bit_encoding() -> None:
    # Latin-1 accents: 0xE9 followed by a space or at the end is neither valid UTF-8 nor GB18030.
    data = "Rapport annuel café résumé\n".encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gb18030")
    assert _message(data) == "无法识别文件编码（既不是 UTF-8 也不是 GB18030）"


def test_executable_with_nul_bytes_is_binary() -> None:
    data = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + bytes(200)
    assert _message(data, "setup.exe") == "不是文本、HTML、DOCX 或 PDF 文件（二进制数据）"


def test_mostly_ascii_utf16_without_bom_is_text() -> None:
    data = "Report 2023\n规章 | 0 | 1\n".encode("utf-16-le")
    document = bytes_to_document(data, "x.txt")
    assert [line.cells for line in document.lines] == [("Report 2023",), ("规章", "0", "1")]


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput) as caught:
        path_to_document(tmp_path / "no-such-report.txt")
    assert caught.value.message == "文件不存在"


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput) as caught:
        path_to_document(tmp_path)
    assert caught.value.message == "这是一个目录，不是文件"


def test_empty_file_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(UnreadableInput) as caught:
        path_to_document(path)
    assert caught.value.message == "文件为空"


def test_messages_are_one_line() -> None:
    for data in (b"", b"\x00" * 10, b"%PDF-1.4 garbage", b"PK\x03\x04garbage"):
        assert "\n" not in _message(data, "x.docx")


def _document_or_unreadable(data: bytes, name: str) -> None:
    try:
        document = bytes_to_document(data, name)
    except UnreadableInput as error:
        assert error.message
        assert "\n" not in error.message
        return
    assert isinstance(document, Document)
    assert document.lines
    assert all(line.cells for line in document.lines)


_NAMES = st.sampled_from(["x.txt", "x.html", "x.docx", "x.pdf", "x"])
_PREFIXES = st.sampled_from(
    [b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><table><tr><td>", b"\xef\xbb\xbf"]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=_PREFIXES, data=st.binary(max_size=2000), name=_NAMES)
def test_arbitrary_bytes_give_a_document_or_unreadable_input(
    prefix: bytes, data: bytes, name: str
) -> None:
    _document_or_unreadable(prefix + data, name)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=500),
    encoding=st.sampled_from(["utf-8", "gb18030", "utf-16", "utf-8-sig"]),
    name=_NAMES,
)
def test_arbitrary_text_gives_a_document_or_unreadable_input(
    text: str, encoding: str, name: str
) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # lone surrogates
        return
    _document_or_unreadable(data, name)


@settings(max_examples=200, deadline=None)
@given(
    cells=st.lists(
        st.lists(st.text(alphabet="总计规章01 |<>&;年報告", max_size=8), min_size=1, max_size=6),
        min_size=1,
        max_size=10,
    )
)
def test_arbitrary_html_tables_give_a_document_or_unreadable_input(
    cells: list[list[str]],
) -> None:
    rows = "".join(
        "<tr>" + "".join(f"<td colspan='{len(c)}'>{c}</td>" for c in row) + "</tr>" for row in cells
    )
    _document_or_unreadable(f"<table>{rows}</table>".encode(), "t.html")
