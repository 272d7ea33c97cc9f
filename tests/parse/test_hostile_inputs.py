"""Hostile inputs (issue 8): nothing is silently truncated, remapped, or read at any cost.

Each test builds its own small hostile input in memory (see ``tests.parse.hostile``); the
time and memory of the full-size inputs are measured by ``scripts/bench_limits.py``.
"""

from __future__ import annotations

import zlib

import opencc
import pytest

from gongkai.errors import GongkaiError
from gongkai.parse import UnreadableInput, bytes_to_document, parse_bytes
from gongkai.parse.prose._prose import MAX_PROSE_TOKENS
from gongkai.parse.read._decode import MAX_LINES, MAX_TEXT_CHARS
from gongkai.parse.read._docx import MAX_BODY_BYTES
from gongkai.parse.read._html import MAX_ELEMENTS, MAX_HTML_CHARS
from gongkai.parse.read._pdf_limits import (
    MAX_GLYPHS,
    MAX_INFLATED_BYTES,
    MAX_PAGES,
    _decompress_corrupted,
)
from gongkai.report import Report
from tests.parse.hostile import (
    T3_HEADER,
    T4_HEADER,
    T4_ROW,
    docx_bomb,
    pdf,
    pdf_flate_bomb,
    pdf_glyphs,
    seed_text,
    text_to_html,
)

Figures = list[tuple[str | None, int | None, dict[str, object]]]


def figures(reports: list[Report]) -> Figures:
    """What a parse found: each report's agency, year and figures."""
    return [(r.agency, r.year, {f.key: f.value for f in r}) for r in reports]


def _message(data: bytes, name: str) -> str:
    with pytest.raises(UnreadableInput) as caught:
        parse_bytes(data, name)
    assert isinstance(caught.value, GongkaiError)
    return caught.value.message


# --- HTML the parser used to cut short --------------------------------------------------


def test_a_report_in_300_nested_divs_gives_the_plain_reports_figures() -> None:
    text = seed_text()
    plain = figures(parse_bytes(text_to_html(text).encode(), "r.html"))
    nested = figures(parse_bytes(text_to_html(text, depth=300).encode(), "r.html"))
    assert sum(len(f) for *_, f in plain) > 800  # the tables were read at all
    assert nested == plain


def test_a_report_nested_past_the_parsers_depth_is_refused_not_truncated() -> None:
    data = text_to_html(seed_text(), depth=3000).encode()
    assert "嵌套层数过多" in _message(data, "r.html")


def test_a_12_mb_data_image_before_table_4_loses_nothing() -> None:
    text = seed_text()
    image = '<p><img src="data:image/png;base64,' + "A" * (12 * 1024 * 1024) + '"></p>'
    plain = figures(parse_bytes(text_to_html(text).encode(), "r.html"))
    with_image = figures(parse_bytes(text_to_html(text, before_table4=image).encode(), "r.html"))
    assert with_image == plain
    assert any(k.startswith("t4.") for k in with_image[0][2])


# --- a header that does not match the national layout -------------------------------------


def test_table_4_header_missing_a_column_is_a_finding_naming_table_4() -> None:
    damaged = T4_HEADER.replace("其他 | 尚未 | 总计 | |", "其他 | 总计 | |", 1)
    (report, *_) = parse_bytes(seed_text().replace(T4_HEADER, damaged).encode(), "r.txt")
    (finding,) = [f for f in report.findings if f.rule == "parse.header_mismatch"]
    assert "表四" in finding.message and "“尚未”2次" in finding.message
    # The fifteen figures below it are intact, so they are read where they belong.
    assert report.get("t4.litigation_direct.total") == 41


def test_a_row_short_of_a_cell_under_a_damaged_header_is_not_shifted() -> None:
    # Today's failure: litigation figures slid into the reconsideration columns.
    damaged = T4_HEADER.replace("其他 | 尚未 | 总计 | |", "其他 | 总计 | |", 1)
    short_row = T4_ROW.replace("5 | 3 | 56", "5 | 56", 1) + " |"
    text = seed_text().replace(T4_HEADER, damaged).replace(T4_ROW, short_row)
    (report, *_) = parse_bytes(text.encode(), "r.txt")
    assert [f.rule for f in report.findings if f.rule == "parse.header_mismatch"]
    assert not [key for key in report.metrics if key.startswith("t4.")]


def test_table_3_header_missing_a_column_is_a_finding_naming_table_3() -> None:
    damaged = T3_HEADER.replace("科研 机构 | ", "")
    (report, *_) = parse_bytes(seed_text().replace(T3_HEADER, damaged).encode(), "r.txt")
    (finding,) = [f for f in report.findings if f.rule == "parse.header_mismatch"]
    assert "表三" in finding.message and "科研机构" in finding.message


def test_the_seed_headers_match_their_layout() -> None:
    for report in parse_bytes(seed_text().encode(), "r.txt"):
        assert not [f for f in report.findings if f.rule == "parse.header_mismatch"]


# --- numbers no report prints ---------------------------------------------------------


def test_a_5000_digit_cell_is_a_finding_about_that_cell() -> None:
    text = seed_text().replace("(七)总计 | 333 |", "(七)总计 | " + "9" * 5000 + " |", 1)
    (report, *_) = parse_bytes(text.encode(), "r.txt")
    (finding,) = [f for f in report.findings if f.rule == "parse.number_too_long"]
    assert "表三第54行" in finding.message and "5000 位" in finding.message
    assert all(len(str(f.value)) < 40 for f in report)
    assert report.get("t3.received_new.total") == 323  # the rest of the table is read


@pytest.mark.parametrize("digits", [30, 31, 100, 5000])
def test_a_huge_percentage_or_count_in_the_prose_is_a_finding(digits: int) -> None:
    text = seed_text()
    for old, new in (
        ("占比21%", f"占比{'1' * digits}%"),
        ("予以公开69件", f"予以公开{'7' * digits}件"),
    ):
        (report, *_) = parse_bytes(text.replace(old, new, 1).encode(), "r.txt")
        messages = [f.message for f in report.findings if f.rule == "parse.number_too_long"]
        assert messages == [
            f"正文第8行有一个 {digits} 位的数字（最多 15 位），不是有效的统计数字，未读取"
        ]


def test_a_15_digit_prose_count_is_read_and_checked_without_error() -> None:
    text = seed_text().replace("予以公开69件", "予以公开" + "9" * 15 + "件", 1)
    (report, *_) = parse_bytes(text.encode(), "r.txt")
    assert any(f.rule == "prose.percentage" for f in report.findings)  # no InvalidOperation


# --- encodings without a declaration ------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "big5", "utf-16-le", "utf-16-be"])
def test_a_report_in_a_legacy_encoding_without_bom_or_declaration(encoding: str) -> None:
    text = seed_text()
    expected = figures(parse_bytes(text.encode("utf-8"), "r.txt"))
    if encoding == "big5":
        text = opencc.OpenCC("s2t").convert(text)  # Big5 holds traditional characters
    data = text.encode(encoding, "replace")
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"))
    assert figures(parse_bytes(data, "r.txt")) == expected


def test_a_big5_html_page_without_charset_is_read_as_big5() -> None:
    page = "<html><body><p>政府資訊公開工作年度報告</p><p>本機關共收到申請12件。</p></body></html>"
    document = bytes_to_document(page.encode("big5"), "p.html")
    assert [line.text for line in document.lines] == [
        "政府资讯公开工作年度报告",
        "本机关共收到申请12件。",
    ]


# --- containers beyond the budget of one file -------------------------------------------


def test_a_docx_zip_bomb_is_refused_before_it_is_inflated() -> None:
    data = docx_bomb(MAX_BODY_BYTES + 1024)
    assert len(data) < MAX_BODY_BYTES // 100  # a small file that claims a big body
    assert "压缩炸弹" in _message(data, "bomb.docx")


def test_a_pdf_flate_bomb_is_refused() -> None:
    data = pdf_flate_bomb(MAX_INFLATED_BYTES + 1024)
    assert len(data) < MAX_INFLATED_BYTES // 100
    assert "压缩炸弹" in _message(data, "bomb.pdf")


def test_a_pdf_with_more_glyphs_than_any_report_is_refused() -> None:
    assert "字符" in _message(pdf_glyphs(MAX_GLYPHS + 1000), "glyphs.pdf")


def test_a_pdf_with_more_pages_than_any_report_is_refused() -> None:
    data = pdf(b"BT /F1 12 Tf 72 720 Td (1) Tj ET", pages=MAX_PAGES + 1)
    assert f"超过 {MAX_PAGES} 页" in _message(data, "pages.pdf")


def test_the_budget_does_not_change_pdfminer_outside_a_read() -> None:
    # The stand-in for zlib counts only inside pdf_budget(); elsewhere pdfminer is as before.
    import pdfminer.pdftypes

    parse_bytes(pdf(b"BT /F1 12 Tf 72 720 Td (1) Tj ET"), "one.pdf")  # installs the stand-in
    big = zlib.compress(b" " * (MAX_INFLATED_BYTES + 1))
    assert len(pdfminer.pdftypes.zlib.decompress(big)) == MAX_INFLATED_BYTES + 1


@pytest.mark.parametrize("cut", [1, 3, 4, 50])
def test_a_corrupted_flate_stream_is_inflated_as_pdfminer_would(cut: int) -> None:
    original = zlib.compress(bytes(range(256)) * 200 + b"tail" * 5000)
    damaged = original[:-cut] if cut != 50 else original[:-4] + b"\x00\x00\x00\x00"
    inflater = zlib.decompressobj()
    expected = b""
    failed = False
    for i in range(len(damaged)):  # pdfminer's own reading, one byte at a time
        try:
            expected += inflater.decompress(damaged[i : i + 1])
        except zlib.error:
            failed = i < len(damaged) - 3
            break
    if failed:
        with pytest.raises(zlib.error):
            _decompress_corrupted(damaged)
    else:
        assert _decompress_corrupted(damaged) == expected


# --- prose that made the reading quadratic ------------------------------------------------


@pytest.mark.parametrize("clause", ["(申请12件)", "((申请12件", "共收到政府信息公开申请12件，"])
def test_a_2_mb_line_of_prose_is_read(clause: str) -> None:
    # Quadratic before (113 s for 10 MB); bench_limits measures the 10 MB line.
    line = clause * (2 * 1024 * 1024 // len(clause.encode()))
    text = seed_text()
    with_line = parse_bytes((text + "\n" + line + "\n").encode(), "r.txt")
    assert figures(with_line) == figures(parse_bytes(text.encode(), "r.txt"))


def test_a_file_of_more_lines_than_any_report_is_refused() -> None:
    data = (seed_text() + "\n" + "12\n" * (MAX_LINES + 1)).encode()
    assert f"超过 {MAX_LINES:,} 行" in _message(data, "lines.txt")


def test_prose_beyond_the_reading_budget_is_a_finding_not_a_silent_cut() -> None:
    lines = "\n".join(["收到申请12件。"] * (MAX_PROSE_TOKENS + 10))
    reports = parse_bytes((seed_text() + "\n" + lines + "\n").encode(), "r.txt")
    (finding,) = [f for r in reports for f in r.findings if f.rule == "parse.prose_too_long"]
    assert "正文未读取" in finding.message
    # The reports before the long text are read as without it.
    plain = figures(parse_bytes(seed_text().encode(), "r.txt"))
    assert figures(reports) == plain


def test_html_beyond_its_size_or_element_count_is_refused_before_it_is_walked() -> None:
    markup = "<html><body>" + "<p>1</p>" * (MAX_HTML_CHARS // 8 + 1) + "</body></html>"
    assert "超过 1,000 万字" in _message(markup.encode(), "big.html")
    many = "<html><body>" + "<i></i>" * (MAX_ELEMENTS + 1) + "<p>年度报告</p></body></html>"
    assert len(many) < MAX_HTML_CHARS
    assert f"元素超过 {MAX_ELEMENTS:,} 个" in _message(many.encode(), "many.html")


def test_embedded_data_uris_do_not_count_against_the_html_size() -> None:
    image = '<img src="data:image/png;base64,' + "A" * MAX_HTML_CHARS + '">'
    plain = figures(parse_bytes(text_to_html(seed_text()).encode(), "r.html"))
    page = text_to_html(seed_text(), before_table4=image)
    assert figures(parse_bytes(page.encode(), "r.html")) == plain


def test_a_text_file_beyond_its_size_is_refused() -> None:
    data = (seed_text() + "\n" + "1" * MAX_TEXT_CHARS).encode()
    assert "超过 2,000 万字" in _message(data, "big.txt")
