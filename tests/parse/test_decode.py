"""Reading input files into Documents: seeds, the PDF fixture, encodings, HTML and DOCX."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from gongkai.parse._document import Document, InputFormat, Line
from gongkai.parse.read._chinese import is_traditional
from gongkai.parse.read._decode import bytes_to_document, path_to_document
from tests.conftest import FIXTURES, SEEDS, seed

PDF = FIXTURES / "hongze-2024.pdf"


def _line(document: Document, number: int) -> Line:
    (line,) = [line for line in document.lines if line.number == number]
    return line


def _texts(document: Document) -> list[str]:
    return [line.text for line in document.lines]


# --- seeds (plain text) ---------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_every_seed_decodes_as_text_with_increasing_line_numbers(path: Path) -> None:
    document = path_to_document(path)
    assert document.name == path.name
    assert document.format is InputFormat.TEXT
    numbers = [line.number for line in document.lines]
    assert numbers == sorted(set(numbers))
    assert numbers[0] >= 1
    assert all(line.cells for line in document.lines)


def test_seed_000_pipe_rows_keep_their_trailing_empty_cells() -> None:
    document = path_to_document(seed("000"))
    # "… | 323 | ||" splits into three trailing empty cells.
    assert _line(document, 31) == Line(
        31,
        ("一、本年新收政府信息公开申请数量", "323", "0", "0", "0", "0", "0", "323", "", "", ""),
        tabular=True,
    )
    assert _line(document, 15) == Line(15, ("规章", "0", "0", "0", ""), tabular=True)
    assert _line(document, 13) == Line(13, ("第二十条第(一)项", "", "", "", ""), tabular=True)
    assert _line(document, 60).cells == (
        *("41", "7", "5", "3", "56", "23", "3", "2", "13", "41", "30", "1", "3", "4", "38"),
        "",
    )
    assert _line(document, 3) == Line(3, ("联系地址:济南市天桥区堤口路53号",), tabular=False)


def test_line_numbers_point_into_the_file_past_blank_lines() -> None:
    document = path_to_document(seed("003"))
    raw = seed("003").read_text(encoding="utf-8").split("\n")
    assert raw[2].strip() == ""
    assert [line.number for line in document.lines[:4]] == [1, 2, 4, 5]
    assert _line(document, 4).cells == ("漳政办〔2018〕26号",)
    for line in document.lines:
        assert line.cells == (raw[line.number - 1].strip(),)


@pytest.mark.parametrize("prefix", ["000", "001", "003"])
def test_simplified_seeds_are_left_untouched(prefix: str) -> None:
    raw = seed(prefix).read_text(encoding="utf-8").split("\n")
    for line in path_to_document(seed(prefix)).lines:
        source = raw[line.number - 1]
        if line.tabular:
            assert line.cells == tuple(cell.strip() for cell in source.split("|"))
        else:
            assert line.cells == (source.strip(),)


def test_seed_004_traditional_is_converted_to_simplified() -> None:
    document = path_to_document(seed("004"))
    assert _line(document, 1).cells == (
        "文件名称:",
        "安康高新区2019年政府信息公开工作年度报告",
        "",
        "",
        "",
    )
    assert _line(document, 71) == Line(71, ("总计",), tabular=False)
    assert _line(document, 257) == Line(257, ("(七)总计",), tabular=False)
    assert _line(document, 67).cells == (
        "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)",
    )
    assert not any("總" in text or "區" in text for text in _texts(document))


def test_seed_002_scraped_traditional_text_is_converted() -> None:
    document = path_to_document(seed("002"))
    assert document.format is InputFormat.TEXT  # stray <menu> debris does not make it HTML
    assert _line(document, 4).cells == ("• 大连市普兰店区2017年度政府信息公开工作报告",)
    assert _line(document, 14).cells == ("一、总体公开情况。",)
    assert (
        _line(document, 62)
        .cells[0]
        .startswith(
            "2017年收到大连市政府信息公开网上依申请公开信息19条,全部来自网络申请,其中重复申请9条"
        )
    )
    # The one pipe in the file is a footer row.
    assert _line(document, 132) == Line(
        132,
        ("网站标识码:2102820001", "站点地图\xa0推荐使用分辨率为:1024*768以及IE7以上浏览器"),
        True,
    )


def test_traditional_detection_ignores_stray_traditional_characters() -> None:
    assert not is_traditional("本机关2023年共收到申请12件，其中個别申请重复。")
    assert not is_traditional("與" * 2)
    assert is_traditional("政府信息公開工作年度報告總計")


def test_simplified_text_with_characters_opencc_would_change_is_kept_byte_for_byte() -> None:
    # 於 is a simplified surname and 週 survives in simplified names; t2s rewrites both.
    text = "联系人：於晓明\n本机关编发《政务週报》52期，個别栏目调整。\n"
    document = bytes_to_document(text.encode("utf-8"), "x.txt")
    assert _texts(document) == ["联系人：於晓明", "本机关编发《政务週报》52期，個别栏目调整。"]


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_gb18030_copy_of_a_seed_gives_the_same_lines(prefix: str, tmp_path: Path) -> None:
    utf8 = path_to_document(seed(prefix))
    copy = tmp_path / f"{prefix}-gb.txt"
    copy.write_bytes(seed(prefix).read_text(encoding="utf-8").encode("gb18030"))
    decoded = path_to_document(copy)
    assert decoded.lines == utf8.lines
    assert decoded.name == f"{prefix}-gb.txt"


def test_utf8_with_bom_and_utf16_with_bom_give_the_same_lines() -> None:
    text = seed("000").read_text(encoding="utf-8")
    expected = path_to_document(seed("000")).lines
    assert bytes_to_document(b"\xef\xbb\xbf" + text.encode("utf-8"), "a.txt").lines == expected
    assert bytes_to_document(text.encode("utf-16"), "b.txt").lines == expected


def test_crlf_and_cr_line_endings_are_normalised() -> None:
    document = bytes_to_document("第一行\r\n\r\n规章 | 0 |\r第四行".encode(), "x.txt")
    assert document.lines == (
        Line(1, ("第一行",)),
        Line(3, ("规章", "0", ""), tabular=True),
        Line(4, ("第四行",)),
    )


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_fixture_text_layer_lines() -> None:
    document = path_to_document(PDF)
    assert document.format is InputFormat.PDF
    assert document.name == "hongze-2024.pdf"
    texts = _texts(document)
    assert texts[0] == "淮安市洪泽区人民政府"
    assert texts[1] == "2024 年政府信息公开工作年度报告"
    assert "1 1 0 0 2 1 0 0 0 1 2 0 1 0 3" in texts
    assert "（七）总计 95 0 0 0 0 0 95" in texts
    assert "一、本年新收政府信息公开申请数量 95 0 0 0 0 0 95" in texts
    assert texts[-1] == "法》，全年收取政府信息公开信息处理费 0 元。"
    for page in range(1, 6):
        assert f"- {page} -" not in texts
    assert [line.number for line in document.lines] == list(range(1, len(texts) + 1))
    assert all(len(line.cells) == 1 and not line.tabular for line in document.lines)


# --- HTML -------------------------------------------------------------------------------------

_TABLE_3_HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>年度报告</title>
<script>var table = "<table><tr><td>x</td></tr></table>";</script><style>td {color: red}</style>
</head><body>
<nav><a href="/">首页</a> <a href="/gk">政务公开</a></nav>
<h2>三、收到和处理政府信息公开申请情况</h2>
<table border="1">
<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，<br>等于第三项加第四项之和）</td>
    <td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业<br>企业</td><td>科研<br/>机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>
    <td>12</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>13</td></tr>
<tr><td rowspan="4">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>
    <td>5</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>5</td></tr>
<tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td>
    <td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
<tr><td>2.其他法律行政法规禁止公开</td>
    <td> 1 </td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
<tr><td colspan="2">（七）总计</td><td>12</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>13</td></tr>
</table>
<p>四、政府信息公开行政复议、行政诉讼情况</p>
</body></html>
"""


def test_html_table_with_rowspan_and_colspan() -> None:
    document = bytes_to_document(_TABLE_3_HTML.encode("utf-8"), "report.html")
    assert document.format is InputFormat.HTML
    assert document.lines == (
        Line(1, ("三、收到和处理政府信息公开申请情况",)),
        Line(
            2,
            (
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                "",
                "",
                "申请人情况",
                *[""] * 6,
            ),
            tabular=True,
        ),
        Line(3, ("自然人", "法人或其他组织", "", "", "", "", "总计"), tabular=True),
        Line(4, ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"), tabular=True),
        Line(
            5,
            ("一、本年新收政府信息公开申请数量", "", "", "12", "1", "0", "0", "0", "0", "13"),
            tabular=True,
        ),
        Line(
            6,
            ("三、本年度办理结果", "（一）予以公开", "", "5", "0", "0", "0", "0", "0", "5"),
            tabular=True,
        ),
        Line(
            7,
            ("（三）不予公开", "1.属于国家秘密", "0", "0", "0", "0", "0", "0", "0"),
            tabular=True,
        ),
        Line(8, ("2.其他法律行政法规禁止公开", "1", "0", "0", "0", "0", "0", "1"), tabular=True),
        Line(9, ("（七）总计", "", "12", "1", "0", "0", "0", "0", "13"), tabular=True),
        Line(10, ("四、政府信息公开行政复议、行政诉讼情况",)),
    )


def test_html_block_text_and_line_breaks_outside_tables() -> None:
    html = (
        "<html><body><div>一、总体情况<br>2023年，本机关<b>主动公开</b>信息 120 条。</div>"
        "<ul><li>（一）主动公开</li><li>（二）依申请公开</li></ul>"
        "<p>\n   &nbsp;  </p><p>联系电话：\n  0517-87290606</p></body></html>"
    )
    document = bytes_to_document(html.encode("utf-8"), "page.htm")
    assert _texts(document) == [
        "一、总体情况",
        "2023年，本机关主动公开信息 120 条。",
        "（一）主动公开",
        "（二）依申请公开",
        "联系电话： 0517-87290606",
    ]
    assert [line.number for line in document.lines] == [1, 2, 3, 4, 5]
    assert not any(line.tabular for line in document.lines)


def _lines(*rows: str | tuple[str, ...]) -> tuple[Line, ...]:
    """Lines numbered from 1: a string is a line of text, a tuple the cells of a table row."""
    return tuple(
        Line(number, (row,)) if isinstance(row, str) else Line(number, row, tabular=True)
        for number, row in enumerate(rows, start=1)
    )


# Each page: its file name, its encoding, its markup, and the lines it reads as.
_HTML_PAGES = {
    "sniffed_without_an_html_name": (
        "download",
        "utf-8",
        "<div class='content'><p>规章</p><table><tr><td>规章</td><td>0</td></tr></table></div>",
        _lines("规章", ("规章", "0")),
    ),
    "broken_markup_is_read": (
        "broken.html",
        "utf-8",
        "<html><body><div><p>一、总体情况<p>本年度新收申请<b>12件"
        "<table><tr><td>规章<td>0<td>3<tr><td>行政规范性文件<td>1</table>"
        "</div></span></p><p>结束",
        _lines(
            "一、总体情况",
            "本年度新收申请12件",
            ("规章", "0", "3"),
            ("行政规范性文件", "1"),
            "结束",
        ),
    ),
    "gbk_with_meta_charset": (
        "gk.html",
        "gbk",
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk">'
        "</head><body><p>淮安市洪泽区人民政府</p><table><tr><td>行政许可</td><td>9487</td></tr>"
        "</table></body></html>",
        _lines("淮安市洪泽区人民政府", ("行政许可", "9487")),
    ),
    "layout_table_around_a_data_table_is_flattened": (
        "layout.html",
        "utf-8",
        "<table><tr><td><p>某县2023年政府信息公开工作年度报告</p>"
        "<table><tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
        "<tr><td>行政许可</td><td>10</td></tr></table>"
        "<p>二、主动公开</p></td></tr></table>",
        _lines(
            "某县2023年政府信息公开工作年度报告",
            ("信息内容", "本年处理决定数量"),
            ("行政许可", "10"),
            "二、主动公开",
        ),
    ),
    "traditional_is_converted_cell_by_cell": (
        "t.html",
        "utf-8",
        "<html><body><p>政府信息公開工作年度報告</p>"
        "<table><tr><td>（七）總計</td><td>13</td></tr></table></body></html>",
        _lines("政府信息公开工作年度报告", ("（七）总计", "13")),
    ),
}


@pytest.mark.parametrize(
    ("name", "encoding", "html", "lines"), _HTML_PAGES.values(), ids=_HTML_PAGES
)
def test_html_page_reads_as_lines(
    name: str, encoding: str, html: str, lines: tuple[Line, ...]
) -> None:
    document = bytes_to_document(html.encode(encoding), name)
    assert document.format is InputFormat.HTML
    assert document.lines == lines


# --- DOCX -------------------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("某区2023年政府信息公开工作年度报告")
    heading = document.add_paragraph("一、总体情况")
    heading.add_run().add_break()
    heading.add_run("（一）主动公开")
    table = document.add_table(rows=4, cols=4)
    table.cell(0, 0).merge(table.cell(0, 3)).text = "第二十条第（一）项"
    for column, text in enumerate(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]):
        table.cell(1, column).text = text
    for column, text in enumerate(["规章", "0", "0", "0"]):
        table.cell(2, column).text = text
    # 规章 merged down over two rows; the last row's two number cells merged across.
    table.cell(2, 0).merge(table.cell(3, 0))
    table.cell(3, 1).text = "1"
    table.cell(3, 2).merge(table.cell(3, 3)).text = "3"
    cell = table.cell(1, 1)
    cell.add_paragraph("（件）")
    document.add_paragraph("二、主动公开政府信息情况")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_paragraphs_and_table_in_document_order() -> None:
    document = bytes_to_document(_docx_bytes(), "report.docx")
    assert document.format is InputFormat.DOCX
    assert document.lines == (
        Line(1, ("某区2023年政府信息公开工作年度报告",)),
        Line(2, ("一、总体情况",)),
        Line(3, ("（一）主动公开",)),
        Line(4, ("第二十条第（一）项", "", "", ""), tabular=True),
        Line(5, ("信息内容", "本年制发件数（件）", "本年废止件数", "现行有效件数"), tabular=True),
        Line(6, ("规章", "0", "0", "0"), tabular=True),
        Line(7, ("1", "3", ""), tabular=True),
        Line(8, ("二、主动公开政府信息情况",)),
    )


def test_docx_is_recognised_by_content_whatever_its_name() -> None:
    assert bytes_to_document(_docx_bytes(), "upload.bin").format is InputFormat.DOCX


def test_big5_html_with_meta_charset_is_decoded_as_big5_and_converted() -> None:
    # GB18030 would accept these bytes too and give nonsense: the declared Big5 goes first.
    html = '<html><head><meta charset="big5"></head><body><p>政府資訊公開年度報告總計</p></body></html>'
    data = html.encode("big5")
    data.decode("gb18030")  # the trap: no error
    assert _texts(bytes_to_document(data, "tw.html")) == ["政府资讯公开年度报告总计"]
