"""The whole pipeline on other containers and damaged layouts of a real report.

Seed 000's 2022 report (Jinan Tianqiao) is re-laid as a DOCX with merged cells, as a
GB18030 web page with rowspan labels, and as pipe text whose cells ran together; each must
give the figures the published text prints (seed_figures.TIANQIAO_2022).
"""

from __future__ import annotations

import io

import docx

from gongkai.parse import parse_bytes
from gongkai.report import Method, Report, Value, t3_rows
from tests.conftest import seed
from tests.seed_figures import HONGZE_2024, TIANQIAO_2022

TITLE = "济南市天桥区人民政府2022年政府信息公开工作年度报告"
PERIOD = "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。"


PRINTED = TIANQIAO_2022.figures()
PRINTED_T3 = TIANQIAO_2022.t3_figures()


def _seed_2022_lines() -> list[str]:
    text = seed("000").read_text(encoding="utf-8").splitlines()
    return text[:96]  # the 2022 report ends before the second "字号:" line (line 97)


def _t3_rows() -> list[tuple[str, list[int]]]:
    """Table 3 of the 2022 report as printed: each row's label and its seven cells."""
    labels = [row.label for row in t3_rows(TIANQIAO_2022.generation, split_other=True)]
    return list(zip(labels, TIANQIAO_2022.t3, strict=True))


def _t3(report: Report) -> dict[str, Value]:
    return {k: v for k, v in report.metrics.items() if k.startswith("t3.")}


def test_docx_with_merged_cells() -> None:
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph(PERIOD)
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    rows = _t3_rows()
    table = document.add_table(rows=len(rows) + 2, cols=9)
    header = table.rows[0].cells
    header[0].merge(
        header[1]
    ).text = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    header[2].merge(header[8]).text = "申请人情况"
    names = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    for cell, name in zip(table.rows[1].cells[2:], names, strict=True):
        cell.text = name
    for i, (label, values) in enumerate(rows, start=2):
        cells = table.rows[i].cells
        cells[1].text = label
        for cell, value in zip(cells[2:], values, strict=True):
            cell.text = str(value)
    # 三、本年度办理结果 as one cell merged down over its outcome rows, as Word copies have it.
    first, last = 4, 2 + len(rows) - 2
    merged = table.cell(first, 0).merge(table.cell(last, 0))
    merged.text = "三、本年度办理结果"
    buffer = io.BytesIO()
    document.save(buffer)

    (report,) = parse_bytes(buffer.getvalue(), "tianqiao-2022.docx")
    assert _t3(report) == PRINTED_T3
    assert (report.agency, report.year, str(report.generation)) == (
        "济南市天桥区人民政府",
        2022,
        "2021",
    )


def test_gb18030_web_page_with_rowspan_labels() -> None:
    rows = _t3_rows()
    body = []
    for i, (label, values) in enumerate(rows):
        group = ""
        if i == 2:
            group = '<td rowspan="22">三、本年度办理结果</td>'
        cells = "".join(f"<td>{v}</td>" for v in values)
        colspan = ' colspan="2"' if i < 2 or i >= 24 else ""
        body.append(f"<tr>{group}<td{colspan}>{label}</td>{cells}</tr>")
    page = (
        '<html><head><meta charset="gb2312"><title>年报</title></head><body>'
        f"<h1>{TITLE}</h1><p>{PERIOD}</p><p>三、收到和处理政府信息公开申请情况</p>"
        "<table>" + "".join(body) + "</table></body></html>"
    )
    (report,) = parse_bytes(page.encode("gb18030"), "tianqiao-2022.html")
    assert _t3(report) == PRINTED_T3


def test_cells_run_together_are_decoded_and_marked() -> None:
    lines = _seed_2022_lines()
    # "(一)予以公开 | 69 | 0 | 0 | 0 | 0 | 0 | 69 |" with the separators lost.
    (row,) = [i for i, line in enumerate(lines) if "(一)予以公开" in line]
    lines[row] = "三、本年度办理结果 | (一)予以公开 | 690000069 |"
    (report,) = parse_bytes("\n".join(lines).encode("utf-8"), "run-together.txt")
    assert report.get("t3.granted.natural_person") == 69
    assert report.get("t3.granted.total") == 69
    assert report.figures["t3.granted.total"].origin.method is Method.DECODED  # type: ignore[union-attr]
    decoded = [f for f in report.findings if f.rule == "parse.decoded"]
    assert decoded and "t3.granted.total" in decoded[0].keys
    assert report.metrics == PRINTED


def test_blank_slash_and_dash_are_absent_not_zero() -> None:
    lines = _seed_2022_lines()
    (row,) = [i for i, line in enumerate(lines) if line.startswith("2.重复申请")]
    lines[row] = "2.重复申请 | 1 | / | — | | 0 | 0 | 1 | |"
    (report,) = parse_bytes("\n".join(lines).encode("utf-8"), "blanks.txt")
    assert report.get("t3.not_processed.repeated.natural_person") == 1
    assert report.get("t3.not_processed.repeated.legal_services") == 0
    for column in ("commercial", "research", "social_welfare"):
        assert f"t3.not_processed.repeated.{column}" not in report.figures
    # The row check cannot run with absent figures; no error is invented for them.
    assert not [f for f in report.findings if f.rule == "t3.row_sum"]


def test_table4_run_together_beside_pipe_debris() -> None:
    lines = _seed_2022_lines()
    (row,) = [i for i, line in enumerate(lines) if line.startswith("41 | 7 |")]
    # Fifteen digits for fifteen cells: one reading; the trailing "|" leaves a blank cell.
    lines[row] = "110021000120103 |"
    (report,) = parse_bytes("\n".join(lines).encode("utf-8"), "t4.txt")
    t4 = [v for k, v in report.metrics.items() if k.startswith("t4.")]
    assert t4 == HONGZE_2024.t4  # the digits of the PDF fixture's table 4
    assert report.figures["t4.reconsideration.total"].origin.method is Method.DECODED  # type: ignore[union-attr]


def test_table4_run_together_with_several_readings_is_not_guessed() -> None:
    lines = _seed_2022_lines()
    (row,) = [i for i, line in enumerate(lines) if line.startswith("41 | 7 |")]
    lines[row] = "4175356233213413013438 |"  # 41|7|5|3|56|… and other splits fit the sums
    (report,) = parse_bytes("\n".join(lines).encode("utf-8"), "t4.txt")
    assert not [k for k in report.figures if k.startswith("t4.")]
    (warning,) = [f for f in report.findings if f.rule == "parse.ambiguous_run"]
    assert "4175356233213413013438" in warning.message
