"""Builders of hostile inputs for the engine's regression tests, each small and made in memory."""

from __future__ import annotations

import html
import io
import zipfile
import zlib

from gongkai.errors import GongkaiError
from gongkai.parse import parse_bytes
from gongkai.report import Report
from tests.conftest import seed

SEED = "000"  # 天桥区 2022, three reports in one file; the first holds every table
T4_HEADER = "结果 | 结果 | 其他 | 尚未 | 总计 | 结果 | 结果 | 其他 | 尚未 | 总计 | |||||"
T4_ROW = "41 | 7 | 5 | 3 | 56 | 23 | 3 | 2 | 13 | 41 | 30 | 1 | 3 | 4 | 38 |"
T3_HEADER = "商业 企业 | 科研 机构 | 社会公益组织 | 法律服务机构 | 其他 |"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def seed_text() -> str:
    """The text of the seed report the hostile inputs are made from."""
    text = seed(SEED).read_text("utf-8")
    assert T4_HEADER in text and T4_ROW in text and T3_HEADER in text
    return text


def parsed_or_refused(
    data: bytes, name: str, refusal: type[GongkaiError] = GongkaiError
) -> list[Report]:
    """The reports in the bytes; none when parsing refused them with one line of ``refusal``."""
    try:
        return parse_bytes(data, name)
    except refusal as error:
        assert error.message and "\n" not in error.message
        return []


def text_to_html(text: str, *, depth: int = 0, before_table4: str = "") -> str:
    """A pipe-text report as an HTML page (pipe rows as table rows), in ``depth`` <div>s."""
    body: list[str] = []
    rows: list[str] = []
    for line in [*text.splitlines(), ""]:
        if "|" in line:
            if line.startswith("行政复议 |") and before_table4:
                body.append("<table>" + "".join(rows) + "</table>" + before_table4)
                rows = []
            cells = line.rstrip().rstrip("|").split("|")
            rows.append("<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in cells))
            continue
        if rows:
            body.append("<table>" + "".join(rows) + "</table>")
            rows = []
        body.append(f"<p>{html.escape(line)}</p>")
    content = "<div>" * depth + "\n".join(body) + "</div>" * depth
    return f'<html><head><meta charset="utf-8"></head><body>{content}</body></html>'


def docx_bomb(inflated: int) -> bytes:
    """A DOCX whose document.xml inflates to about ``inflated`` bytes of paragraphs."""
    chunk = ("<w:p><w:r><w:t>本机关共收到申请1件。</w:t></w:r></w:p>" * 1024).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as body:
            body.write(f'<w:document xmlns:w="{_W}"><w:body>'.encode())
            for _ in range(inflated // len(chunk) + 1):
                body.write(chunk)
            body.write(b"</w:body></w:document>")
    return out.getvalue()


def pdf(content: bytes, *, flate: bool = False, pages: int = 1) -> bytes:
    """A PDF of ``pages`` pages sharing one content stream (Helvetica as /F1)."""
    extra = b" /Filter /FlateDecode" if flate else b""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Length %d%s >>\nstream\n" % (len(content), extra) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R"
        b" /Resources << /Font << /F1 4 0 R >> >> >>"
    ] * pages
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_flate_bomb(inflated: int) -> bytes:
    """A PDF whose content stream inflates to ``inflated`` bytes of spaces."""
    compressor = zlib.compressobj(9)
    block = b" " * (16 * 1024 * 1024)
    parts = [compressor.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n")]
    parts += [compressor.compress(block) for _ in range(inflated // len(block) + 1)]
    parts.append(compressor.flush())
    return pdf(b"".join(parts), flate=True)


def pdf_glyphs(count: int) -> bytes:
    """A one-page PDF showing ``count`` glyphs, 500 to a line."""
    line = b"(" + b"1" * 500 + b") Tj 0 -1 Td\n"
    content = b"BT /F1 1 Tf 10 800 Td\n" + line * (count // 500) + b"ET\n"
    return pdf(zlib.compress(content), flate=True)
