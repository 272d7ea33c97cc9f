"""Hostile inputs for the report engine (``gongkai parse`` / ``gongkai check``).

Each builder writes one input into the directory it is given and returns the argv to run.
"""

from __future__ import annotations

import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

# The seed text, HTML page and PDF writers of the engine's regression tests (bench_limits.py
# puts the project on sys.path): the benchmark and the tests build the same hostile inputs.
from tests.parse.hostile import pdf, seed_text, text_to_html
from tests.parse.hostile import pdf_glyphs as hostile_pdf_glyphs


def gongkai(command: str, path: Path) -> list[str]:
    """The argv of ``gongkai COMMAND PATH`` in this interpreter."""
    return [sys.executable, "-m", "gongkai", command, str(path)]


def docx_bomb(inflated: int) -> Callable[[Path], list[str]]:
    """A builder of a DOCX whose document.xml inflates to ``inflated`` bytes of paragraphs."""

    def build(tmp: Path) -> list[str]:
        path = tmp / "bomb.docx"
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        chunk = ("<w:p><w:r><w:t>本机关共收到申请1件。</w:t></w:r></w:p>" * 4096).encode()
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
            archive.writestr("_rels/.rels", _RELS)
            with archive.open("word/document.xml", "w", force_zip64=True) as out:
                out.write(f'<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body>'.encode())
                for _ in range(inflated // len(chunk)):
                    out.write(chunk)
                out.write(b"</w:body></w:document>")
        return gongkai("parse", path)

    return build


docx_zip_bomb = docx_bomb(2 * 1024**3)


_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-'
    'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    "</Relationships>"
)


def pdf_flate_bomb(tmp: Path) -> list[str]:
    """A PDF of a few MB whose one content stream inflates to 2 GB."""
    compressor = zlib.compressobj(9)
    block = b" " * (64 * 1024 * 1024)
    parts = [compressor.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n")]
    parts += [compressor.compress(block) for _ in range(32)]
    parts.append(compressor.flush())
    path = tmp / "bomb.pdf"
    path.write_bytes(pdf(b"".join(parts), flate=True))
    return gongkai("parse", path)


def pdf_glyphs(lines: int) -> Callable[[Path], list[str]]:
    """A builder of a one-page PDF showing ``lines`` lines of 500 glyphs."""

    def build(tmp: Path) -> list[str]:
        path = tmp / "glyphs.pdf"
        path.write_bytes(hostile_pdf_glyphs(lines * 500))
        return gongkai("parse", path)

    return build


def pdf_pages(pages: int, glyphs: int = 1) -> Callable[[Path], list[str]]:
    """A builder of a PDF of ``pages`` pages, each showing ``glyphs`` glyphs on one line."""

    def build(tmp: Path) -> list[str]:
        content = b"BT /F1 4 Tf 10 720 Td (" + b"1" * glyphs + b") Tj ET"
        path = tmp / "pages.pdf"
        path.write_bytes(pdf(content, pages=pages))
        return gongkai("parse", path)

    return build


def prose_line(clause: str) -> Callable[[Path], list[str]]:
    """A builder: a seed report followed by one 10 MB line repeating ``clause``."""

    def build(tmp: Path) -> list[str]:
        long_line = clause * (10 * 1024 * 1024 // len(clause.encode()))
        path = tmp / "prose.txt"
        path.write_text(seed_text() + "\n" + long_line + "\n", "utf-8")
        return gongkai("check", path)

    return build


def many_lines(line: str, count: int) -> Callable[[Path], list[str]]:
    """A builder: a seed report followed by ``count`` copies of ``line``."""

    def build(tmp: Path) -> list[str]:
        path = tmp / "lines.txt"
        path.write_text(seed_text() + "\n" + (line + "\n") * count, "utf-8")
        return gongkai("check", path)

    return build


def nested_divs(tmp: Path) -> list[str]:
    """A seed report as HTML wrapped in 300 nested <div>s."""
    path = tmp / "nested.html"
    path.write_text(text_to_html(seed_text(), depth=300), "utf-8")
    return gongkai("check", path)


def deep_divs(tmp: Path) -> list[str]:
    """A seed report as HTML wrapped in 100,000 nested <div>s."""
    path = tmp / "deep.html"
    path.write_text(text_to_html(seed_text(), depth=100_000), "utf-8")
    return gongkai("check", path)


def data_image(tmp: Path) -> list[str]:
    """A seed report as HTML with a 12 MB data: image before table 4."""
    image = '<p><img src="data:image/png;base64,' + "A" * (12 * 1024 * 1024) + '"></p>'
    path = tmp / "image.html"
    path.write_text(text_to_html(seed_text(), before_table4=image), "utf-8")
    return gongkai("check", path)


def huge_cell(tmp: Path) -> list[str]:
    """A seed report whose first table-3 total is a 5,000-digit number."""
    text = seed_text().replace("(七)总计 | 333 |", "(七)总计 | " + "9" * 5000 + " |", 1)
    path = tmp / "cell.txt"
    path.write_text(text, "utf-8")
    return gongkai("check", path)


def huge_percentage(tmp: Path) -> list[str]:
    """A seed report whose prose gives a 30-digit percentage."""
    text = seed_text().replace("占比21%", "占比" + "1" * 30 + "%", 1)
    path = tmp / "percent.txt"
    path.write_text(text, "utf-8")
    return gongkai("check", path)


def batch_with_bombs(tmp: Path) -> list[str]:
    """A directory: the seed report, a DOCX zip bomb and a PDF flate bomb (parse --csv)."""
    folder = tmp / "batch"
    folder.mkdir()
    (folder / "a-seed.txt").write_text(seed_text(), "utf-8")
    for build in (docx_zip_bomb, pdf_flate_bomb):
        source = Path(build(tmp)[-1])
        source.rename(folder / source.name)
    return [sys.executable, "-m", "gongkai", "parse", "--csv", str(folder)]


def html_elements(megabytes: float) -> Callable[[Path], list[str]]:
    """A builder of an HTML page of ``megabytes`` MB of tiny paragraphs."""

    def build(tmp: Path) -> list[str]:
        path = tmp / "elements.html"
        with open(path, "w", encoding="utf-8") as out:
            out.write("<html><body>")
            chunk = "<p>1</p>" * 100_000
            for _ in range(int(megabytes * 1024 * 1024) // len(chunk)):
                out.write(chunk)
            out.write("</body></html>")
        return gongkai("check", path)

    return build


def big_text(line: str, megabytes: float) -> Callable[[Path], list[str]]:
    """A builder: a seed report and ``megabytes`` MB of ``line`` repeated."""

    def build(tmp: Path) -> list[str]:
        path = tmp / "big.txt"
        with open(path, "w", encoding="utf-8") as out:
            out.write(seed_text() + "\n")
            out.write(line * int(megabytes * 1024 * 1024 / len(line.encode())))
        return gongkai("check", path)

    return build


def plain_seed(tmp: Path) -> list[str]:
    """The seed report itself, for comparison."""
    path = tmp / "seed.txt"
    path.write_text(seed_text(), "utf-8")
    return gongkai("check", path)


CASES: list[tuple[str, Callable[[Path], list[str]]]] = [
    ("plain seed report (reference)", plain_seed),
    ("DOCX zip bomb (2 GB document.xml)", docx_zip_bomb),
    ("DOCX of 31 MB document.xml (under the cap)", docx_bomb(31 * 1024 * 1024)),
    ("PDF flate bomb (2 GB stream)", pdf_flate_bomb),
    ("PDF with 500k glyphs", pdf_glyphs(1000)),
    ("PDF with 99.5k glyphs on one page (just under the cap)", pdf_glyphs(199)),
    ("PDF of 999 pages (just under the cap)", pdf_pages(999)),
    ("PDF of 999 pages of 100 glyphs (under both caps)", pdf_pages(999, 100)),
    ("PDF of 5,000 pages (refused)", pdf_pages(5000)),
    (
        "10 MB prose line, no sentence end",
        prose_line("本机关共收到政府信息公开申请12件，其中予以公开3件，"),
    ),
    ("10 MB prose line of (申请12件)", prose_line("(申请12件)")),
    ("10 MB prose line of ((申请12件", prose_line("((申请12件")),
    ("10 MB prose line of 无复议", prose_line("无复议")),
    ("199k prose lines 收到申请12件。", many_lines("收到申请12件。", 199_000)),
    ("199k lines of one figure", many_lines("12", 199_000)),
    ("199k table rows", many_lines("申请 | 12 | 件 | 3 |", 199_000)),
    ("1M lines (refused)", many_lines("12", 1_000_000)),
    ("95 MB HTML of tiny paragraphs (refused)", html_elements(95)),
    ("9.5 MB HTML of tiny paragraphs (refused)", html_elements(9.5)),
    ("2.2 MB HTML of 200k paragraphs (under both caps)", html_elements(2.2)),
    ("95 MB on one line of prose (refused)", big_text("本机关共收到政府信息公开申请12件，", 95)),
    ("19.5M characters on one line (under the cap)", big_text("收到申请12件" + "，" * 12, 19.5)),
    ("95 MB in 190k lines of 500 bytes (refused)", big_text("收到申请12件，" * 24 + "\n", 95)),
    ("HTML in 300 nested divs", nested_divs),
    ("HTML in 100k nested divs", deep_divs),
    ("HTML with 12 MB data: image", data_image),
    ("5,000-digit table cell", huge_cell),
    ("30-digit percentage", huge_percentage),
    ("batch: seed + two bombs", batch_with_bombs),
]
