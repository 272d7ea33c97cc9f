"""Seed reports re-laid as they appear on government websites and in their attachments.

The fixtures under tests/data/realistic/ were written once by make_fixtures.py from the seeds'
own text and figures (a CMS page, a Word-saved .htm in GB18030, an office DOCX, its PDF
exported by LibreOffice, a Big5 page, text scrapes). Every table figure must equal the printed
one of seed_figures.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber

from gongkai.parse import bytes_to_document, parse_bytes
from gongkai.report import Report, Value
from tests.conftest import seed
from tests.seed_figures import ANKANG_2019, TIANQIAO_2020, TIANQIAO_2022, SeedTables

DATA = Path(__file__).parents[1] / "data" / "realistic"


def _report(name: str) -> Report:
    (report,) = parse_bytes((DATA / name).read_bytes(), name)
    return report


def _tables(report: Report) -> dict[str, Value]:
    return {k: v for k, v in report.metrics.items() if k.split(".")[0] in ("t2", "t3", "t4")}


def _assert_printed(name: str, tables: SeedTables, agency: str, year: int) -> Report:
    report = _report(name)
    assert _tables(report) == tables.figures()
    assert (report.agency, report.year, report.generation) == (agency, year, tables.generation)
    assert not [f for f in report.findings if f.rule.startswith("parse.")]
    return report


def test_cms_page_with_navigation_metadata_table_and_footer() -> None:
    # Bug fixed: the metadata cell "有效" ran on into "济南市" ("有效济南市天桥区人民政府").
    _assert_printed("tianqiao-2022-cms.html", TIANQIAO_2022, "济南市天桥区人民政府", 2022)


def test_word_html_gb2312_declared_gb18030_bytes() -> None:
    data = (DATA / "tianqiao-2020-word.htm").read_bytes()
    assert b"charset=gb2312" in data
    report = _assert_printed("tianqiao-2020-word.htm", TIANQIAO_2020, "济南市天桥区人民政府", 2020)
    amount = report.figures["t2.procurement.amount_wan_yuan"]
    assert (amount.raw, amount.unit) == ("104367.118823万元", "万元")


def test_word_html_source_line_breaks_inside_chinese_text_add_no_space() -> None:
    # Bug fixed: Word wraps its HTML source between two Chinese characters; the wrap was
    # read as a space ("依申 请"). Every paragraph must come out as the seed prints it.
    document = bytes_to_document((DATA / "tianqiao-2020-word.htm").read_bytes(), "x.htm")
    texts = {line.text for line in document.lines}
    seed_lines = seed("000").read_text(encoding="utf-8").splitlines()[195:291]
    paragraphs = [line for line in seed_lines if "|" not in line and "依申请" in line]
    assert paragraphs and all(p in texts for p in paragraphs)
    assert "二〇二一年一月二十日" in texts  # not in GB2312: the bytes are GB18030
    cells = [cell for line in document.lines for cell in line.cells]
    assert not any(re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", cell) for cell in cells)


def test_office_docx_with_merged_cells_split_runs_and_paragraphs() -> None:
    _assert_printed("tianqiao-2022-office.docx", TIANQIAO_2022, "济南市天桥区人民政府", 2022)


def test_pdf_exported_by_libreoffice_has_a_cjk_text_layer() -> None:
    with pdfplumber.open(DATA / "tianqiao-2022-office.pdf") as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    assert "收到和处理政府信息公开申请情况" in text


def test_pdf_exported_by_libreoffice_tables_read_from_their_rules() -> None:
    # Bug fixed: narrow label columns wrap labels over many lines and a figure below an empty
    # paragraph sits a line lower, so the text layer scatters the rows; such ruled tables are
    # now read from their rules, and a row split by a page break ("行政" / "强制") is joined.
    _assert_printed("tianqiao-2022-office.pdf", TIANQIAO_2022, "济南市天桥区人民政府", 2022)
    document = bytes_to_document((DATA / "tianqiao-2022-office.pdf").read_bytes(), "x.pdf")
    assert ("行政强制", "88", "", "") in {line.cells for line in document.lines}


def test_big5_traditional_page_in_layout_tables() -> None:
    data = (DATA / "ankang-2019-big5.html").read_bytes()
    assert b"charset=big5" in data
    _assert_printed("ankang-2019-big5.html", ANKANG_2019, "安康高新区管委会", 2019)


def test_cell_per_line_scrape_with_blank_rows() -> None:
    # Bug fixed: after a row printed blank (no figure lines), the next row's figures were
    # given to the blank row. Blank rows are absent, never 0.
    report = _report("tianqiao-2022-cells.txt")
    printed = TIANQIAO_2022.figures()
    blank_rows = {
        key.rsplit(".", 1)[0]
        for key in TIANQIAO_2022.t3_figures()
        if all(v == 0 for k, v in printed.items() if k.rsplit(".", 1)[0] == key.rsplit(".", 1)[0])
    }
    assert len(blank_rows) == 9
    expected = {k: v for k, v in printed.items() if k.rsplit(".", 1)[0] not in blank_rows}
    assert _tables(report) == expected
    assert not [f for f in report.findings if f.rule.startswith("parse.")]


def test_row_labels_wrapped_onto_a_second_line() -> None:
    report = _report("tianqiao-2022-wrapped.txt")
    t3 = {k: v for k, v in _tables(report).items() if k.startswith("t3.")}
    assert t3 == TIANQIAO_2022.t3_figures()
    assert not [f for f in report.findings if f.rule.startswith("parse.")]
