"""Writes the realistic fixtures of tests/parse/test_realistic_layouts.py once (not run by the tests).

    .venv/bin/python -m tests.data.realistic.make_fixtures

Each fixture re-lays a seed report's own text and figures the way such reports appear on
government websites and in their attachments. The PDF is exported from the DOCX by
LibreOffice (``soffice``), which is needed only here.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import docx
from docx.shared import Pt
from tests.seed_figures import ANKANG_2019, TIANQIAO_2020, TIANQIAO_2022, SeedTables

from .grids import Cell, Grid, positions, t2_2019, t2_2021, t3, t4

HERE = Path(__file__).parent
# The seeds sit in shared/ beside the project checkout: ../shared/seeds from its root.
PROJECT = Path(__file__).resolve().parents[3]
SEEDS = PROJECT.parent / "shared" / "seeds"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def seed_lines(prefix: str, start: int, stop: int) -> list[str]:
    """Lines start..stop (1-based, inclusive) of a seed file."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8").splitlines()[start - 1 : stop]


def prose_of(lines: list[str]) -> list[str]:
    """The running-text lines of a seed report (pipe rows are its tables)."""
    return [line for line in lines if "|" not in line and line not in ("字号:",)]


# --- 1. government CMS page ----------------------------------------------------------------

_P = '<p style="text-align:center;line-height:150%"><span style="font-family:宋体;font-size:12pt">'


def cms_cell(cell: Cell, index: int) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    text = html.escape(cell.text, quote=False)
    if cell.header:
        # Editors break long header cells where they fit the column.
        text = re.sub(r"^(结果|商业|科研|社会|法律|其他)(.+)$", r"\1<br/>\2", text)
    elif index % 5 == 2:
        text = text.translate(_FULL_WIDTH)  # typed with a full-width input method
    elif index % 7 == 3:
        text = f"&nbsp;{text}&nbsp;"
    return f'<td{attrs} valign="middle" style="border:1px solid #000">{_P}{text}</span></p></td>'


def cms_table(grid: Grid, counter: list[int]) -> str:
    rows = []
    for row in grid:
        cells = []
        for cell in row:
            counter[0] += 1
            cells.append(cms_cell(cell, counter[0]))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table border="1" cellspacing="0" cellpadding="0" width="100%" '
        'style="border-collapse:collapse"><tbody>' + "\n".join(rows) + "</tbody></table>"
    )


def cms_page() -> bytes:
    lines = seed_lines("000", 1, 96)
    prose = prose_of(lines)
    counter = [0]
    tables = {
        "二、主动公开政府信息情况": t2_2021(dict(TIANQIAO_2022.t2)),
        "三、收到和处理政府信息公开申请情况": t3(TIANQIAO_2022),
        "四、政府信息公开行政复议、行政诉讼情况": t4(TIANQIAO_2022),
    }
    body = []
    for line in prose[2:]:  # seed lines 1-2 are the page's font-size widget
        text = html.escape(line, quote=False).replace("(", "（").replace(")", "）")
        if line in tables:
            body.append(f'<p style="text-indent:2em"><strong>{text}</strong></p>')
            body.append(cms_table(tables[line], counter))
        else:
            body.append(f'<p style="text-indent:2em;line-height:2">{text}</p>')
    intro = html.escape(seed_lines("000", 2, 2)[0].removeprefix("大 中 小"), quote=False)
    page = f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>济南市天桥区人民政府2022年政府信息公开工作年度报告_年度报告_济南市天桥区人民政府</title>
<meta name="SiteName" content="济南市天桥区人民政府"><meta name="ColumnName" content="年度报告">
<link rel="stylesheet" href="/css/common.css"><script src="/js/jquery.min.js"></script>
</head><body>
<div class="top"><div class="wza"><a href="#">无障碍</a> | <a href="#">长者模式</a></div>
<div class="logo"><img src="/images/logo.png" alt="济南市天桥区人民政府"></div></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/col/zwgk">政务公开</a></li>
<li><a href="/col/zwfw">政务服务</a></li><li><a href="/col/hdjl">互动交流</a></li>
<li><a href="/col/ztzl">专题专栏</a></li><li><a href="/col/zjtq">走进天桥</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/col/zwgk">政务公开</a> &gt;
<a href="/col/ndbg">政府信息公开年报</a></div>
<table class="xxgk_table" width="100%"><tbody>
<tr><td>索引号：</td><td>11370105004190225L/2023-00017</td><td>发布机构：</td><td>天桥区人民政府办公室</td></tr>
<tr><td>发布日期：</td><td>2023-01-18</td><td>文　　号：</td><td></td></tr>
<tr><td>主题分类：</td><td>政府信息公开年报</td><td>有效性：</td><td>有效</td></tr>
</tbody></table>
<div class="article"><h1 class="title">济南市天桥区人民政府2022年政府信息公开工作年度报告</h1>
<div class="info">发布时间：2023-01-18 16:32:08　来源：天桥区人民政府办公室　浏览次数：2386
<span>字号：<a>大</a> <a>中</a> <a>小</a></span></div>
<div class="TRS_Editor"><div class="Custom_UnionStyle">
<p style="text-indent:2em">{intro}</p>
{chr(10).join(body)}
<p style="text-align:right">济南市天桥区人民政府办公室</p>
<p style="text-align:right">2023年1月18日</p>
</div></div>
<div class="share">【<a href="javascript:window.print()">打印本页</a>】【<a>关闭窗口</a>】</div>
</div>
<div class="footer"><p>主办：济南市天桥区人民政府办公室　承办：天桥区大数据中心</p>
<p>地址：济南市天桥区堤口路53号　邮编：250031　联系电话：0531-85872507</p>
<p><a href="https://beian.miit.gov.cn">鲁ICP备05001938号-1</a>　鲁公网安备 37010502000123号
　网站标识码：3701050001</p><p>您是本站第 <span id="counter">12860417</span> 位访客</p></div>
</body></html>
"""
    return page.encode("utf-8")


# --- 2. Word HTML --------------------------------------------------------------------------

_WORD_HEAD = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<link rel=File-List href="2020年报.files/filelist.xml">
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>Administrator</o:Author>
  <o:LastAuthor>天桥区政府办</o:LastAuthor>
  <o:Revision>3</o:Revision>
  <o:Pages>9</o:Pages>
  <o:Words>1201</o:Words>
  <o:Characters>6849</o:Characters>
 </o:DocumentProperties>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;
	mso-font-charset:134;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	margin:0cm;
	text-align:justify;
	font-size:10.5pt;
	font-family:"Calibri",sans-serif;}
@page WordSection1
	{size:595.3pt 841.9pt;
	margin:72.0pt 90.0pt 72.0pt 90.0pt;}
div.WordSection1
	{page:WordSection1;}
-->
</style>
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>
"""

_WIDTHS = {4: 142, 10: 57, 15: 38}


def word_wrap(text: str, width: int = 76) -> str:
    """Word's HTML export wraps source lines near 76 columns: at a space inside a tag or
    between two Chinese characters of the text (which a browser then shows joined)."""
    out: list[str] = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = _wrap_point(line, width)
            if cut is None:
                break
            out.append(line[:cut].rstrip(" "))
            line = line[cut:].lstrip(" ")
        out.append(line)
    return "\n".join(out)


def _wrap_point(line: str, width: int) -> int | None:
    in_tag = False
    best: int | None = None
    for i, char in enumerate(line):
        if i > width and best is not None:
            break
        if char == "<":
            in_tag = True
        elif char == ">":
            in_tag = False
        elif (i > 20 and in_tag and char == " ") or (
            i > 20 and not in_tag and _cjk(char) and _cjk(line[i - 1])
        ):
            best = i
    return best


def _cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def word_para(text: str, *, center: bool = False, bold: bool = False) -> str:
    style = (
        "style='text-align:center'"
        if center
        else "style='text-indent:32.0pt;mso-char-indent-count:2.0'"
    )
    align = " align=center" if center else ""
    inner = (
        "<span style='font-size:16.0pt;font-family:仿宋_GB2312;mso-hansi-font-family:"
        f'"Times New Roman"\'>{html.escape(text, quote=False)}<span lang=EN-US><o:p></o:p>'
        "</span></span>"
    )
    if bold:
        inner = f"<b>{inner}</b>"
    return f"<p class=MsoNormal{align} {style}>{inner}</p>"


def word_cell(cell: Cell, width: int, first_row: bool) -> str:
    attrs = f" width={width * cell.colspan}"
    if cell.colspan > 1:
        attrs += f" colspan={cell.colspan}"
    if cell.rowspan > 1:
        attrs += f" rowspan={cell.rowspan}"
    border = (
        "border:solid windowtext 1.0pt"
        if first_row
        else "border:solid windowtext 1.0pt;border-top:none"
    )
    style = f"{border};padding:0cm 5.4pt"
    if cell.text == "":
        content = "<span lang=EN-US><o:p>&nbsp;</o:p></span>"
    elif cell.header:
        content = (
            "<span style='font-size:9.0pt;font-family:宋体'>"
            f"{html.escape(cell.text, quote=False)}"
            "<span lang=EN-US><o:p></o:p></span></span>"
        )
    else:
        content = (
            "<span lang=EN-US style='font-size:9.0pt;mso-fareast-font-family:宋体'>"
            f"{html.escape(cell.text, quote=False)}"
            "<o:p></o:p></span>"
        )
    return (
        f"  <td{attrs} valign=top style='{style}'>\n"
        "  <p class=MsoNormal align=center style='text-align:center'>"
        f"{content}</p>\n  </td>"
    )


def word_table(grid: Grid, columns: int) -> str:
    width = _WIDTHS[columns]
    rows = []
    for r, row in enumerate(grid):
        cells = "\n".join(word_cell(cell, width, r == 0) for cell in row)
        rows.append(f" <tr style='mso-yfti-irow:{r};height:20.0pt'>\n{cells}\n </tr>")
    ghost = "".join(f"  <td width={width} style='border:none'></td>\n" for _ in range(columns))
    rows.append(f" <![if !supportMisalignedColumns]>\n <tr height=0>\n{ghost} </tr>\n <![endif]>")
    return (
        f"<div align=center>\n\n<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0"
        f" width={width * columns} style='border-collapse:collapse;border:none;"
        "mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;"
        "mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n" + "\n".join(rows) + "\n</table>\n\n</div>"
    )


def t2_2019_raw(tables: SeedTables) -> dict[str, str]:
    raw = {key: str(value) for key, value in tables.t2.items()}
    raw["t2.other_services.change"] = "+163"
    raw["t2.procurement.items"] = "7710(次)"
    raw["t2.procurement.amount_wan_yuan"] = "104367.118823万元"
    return raw


def word_html() -> bytes:
    lines = seed_lines("000", 196, 291)
    # The long paragraphs of 一、总体情况 and 五、六 are left out to keep the fixture small.
    prose = [
        line.removeprefix("大 中 小")
        for line in prose_of(lines)
        if len(line) < 60 or "依申请" in line or line.startswith("大 中 小")
    ]
    tables = {
        "二、主动公开政府信息情况": (t2_2019(t2_2019_raw(TIANQIAO_2020)), 4),
        "三、收到和处理政府信息公开申请情况": (t3(TIANQIAO_2020), 10),
        "四、政府信息公开行政复议、行政诉讼情况": (t4(TIANQIAO_2020), 15),
    }
    body = [word_para("济南市天桥区人民政府2020年政府信息公开工作年度报告", center=True, bold=True)]
    body.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
    for line in prose:
        body.append(word_para(line, bold=line in tables))
        if line in tables:
            grid, columns = tables[line]
            body.append(word_table(grid, columns))
            body.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
    # 〇 and • are in GBK/GB18030 but not in the declared GB2312.
    body.append(word_para("济南市天桥区人民政府办公室", center=True))
    body.append(word_para("二〇二一年一月二十日", center=True))
    body.append(word_para("• 本报告电子版可在区政府门户网站查阅。"))
    text = (
        _WORD_HEAD
        + "\n\n".join(word_wrap(part) for part in body)
        + "\n\n</div>\n\n</body>\n\n</html>\n"
    )
    return text.replace("\n", "\r\n").encode("gb18030")


# --- 3. DOCX made in an office, 4. its PDF ------------------------------------------------


def _set_cell(cell: object, text: str, style: int) -> None:
    """Fill a cell the ways Word leaves it: split runs, separate paragraphs, empty lines."""
    paragraphs = cell.paragraphs  # type: ignore[attr-defined]
    first = paragraphs[0]
    for p in paragraphs[1:]:
        p._element.getparent().remove(p._element)
    if style == 1 and len(text) > 1 and text.isdigit():
        # Edited figures: Word keeps each retyped character in its own run (rsid).
        for char in text:
            first.add_run(char)
    elif style == 2:
        # An empty paragraph above the figure, left from a deleted line.
        cell.add_paragraph(text)  # type: ignore[attr-defined]
    elif style == 3 and "（" in text[1:]:
        head, _, tail = text[1:].partition("（")
        first.add_run(text[0] + head)
        cell.add_paragraph("（" + tail)  # type: ignore[attr-defined]
    elif style == 4 and len(text) == 4 and not text.isdigit():
        first.add_run(text[:2])
        cell.add_paragraph(text[2:])  # type: ignore[attr-defined]
    else:
        first.add_run(text)
    for p in cell.paragraphs:  # type: ignore[attr-defined]
        for run in p.runs:
            run.font.size = Pt(9)


def docx_table(document: object, grid: Grid, columns: int) -> None:
    placed = positions(grid)
    table = document.add_table(rows=len(grid), cols=columns)  # type: ignore[attr-defined]
    table.style = "Table Grid"
    counter = 0
    for row in placed:
        for r, c, cell in row:
            target = table.cell(r, c)
            if cell.rowspan > 1 or cell.colspan > 1:
                target = target.merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
            counter += 1
            _set_cell(target, cell.text, counter % 5 if cell.text else 0)


def office_docx() -> bytes:
    lines = seed_lines("000", 1, 96)
    prose = [
        line for line in prose_of(lines)[2:] if len(line) < 40 or "办理政府信息公开申请" in line
    ]
    tables = {
        "二、主动公开政府信息情况": (t2_2021(dict(TIANQIAO_2022.t2)), 4),
        "三、收到和处理政府信息公开申请情况": (t3(TIANQIAO_2022), 10),
        "四、政府信息公开行政复议、行政诉讼情况": (t4(TIANQIAO_2022), 15),
    }
    document = docx.Document()
    title = document.add_paragraph()
    title.add_run("济南市天桥区人民政府").bold = True
    title.add_run("2022年政府信息公开工作年度报告").bold = True
    document.add_paragraph("")
    document.add_paragraph(seed_lines("000", 2, 2)[0].removeprefix("大 中 小"))
    for line in prose:
        document.add_paragraph(line)
        if line in tables:
            grid, columns = tables[line]
            docx_table(document, grid, columns)
            document.add_paragraph("")
    document.add_paragraph("济南市天桥区人民政府办公室")
    document.add_paragraph("2023年1月18日")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def docx_to_pdf(data: bytes) -> bytes:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is needed to export the PDF fixture"
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "report.docx"
        source.write_bytes(data)
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(source)],
            check=True,
            capture_output=True,
            timeout=180,
        )
        return (Path(tmp) / "report.pdf").read_bytes()


# --- 5. traditional-character page in Big5 -------------------------------------------------


def big5_page() -> bytes:
    import opencc  # only the generator needs it to write the labels in traditional script

    to_traditional = opencc.OpenCC("s2t").convert
    lines = seed_lines("004", 1, 339)
    raw = {key: str(value) for key, value in ANKANG_2019.t2.items()}
    raw["t2.procurement.amount_wan_yuan"] = "2191.563萬元"
    tables = {
        "二、主動公開政府信息情況": t2_2019(raw),
        "三、收到和處理政府信息公開申請情況": t3(ANKANG_2019),
        "四、政府信息公開行政復議、行政訴訟情況": t4(ANKANG_2019),
    }
    heading = re.compile(r"^[一二三四五六]、(?:總體|主動|收到|政府信息公開行政|存在|其他需要)")
    body: list[str] = []
    skipping = False
    for line in lines[3:]:  # lines 1-3: the metadata table, laid out below
        if heading.match(line):
            skipping = line in tables
            body.append(f"<p><b>{html.escape(line, quote=False)}</b></p>")
            if skipping:
                rows = []
                for row in tables[line]:
                    cells = "".join(
                        f"<td{_spans(cell)} align=center>"
                        f"<font size=2>{html.escape(to_traditional(cell.text), quote=False)}</font></td>"
                        for cell in row
                    )
                    rows.append(f"<tr>{cells}</tr>")
                body.append(
                    "<table border=1 cellspacing=0 cellpadding=2 width=600 bordercolor=#000000>"
                    + "\n".join(rows)
                    + "</table>"
                )
            continue
        if not skipping and "|" not in line:
            body.append(f"<p>&nbsp;&nbsp;&nbsp;&nbsp;{html.escape(line, quote=False)}</p>")
    page = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=big5">
<title>安康高新區2019年政府信息公開工作年度報告</title></head>
<body bgcolor=#ffffff topmargin=0>
<table width=760 align=center border=0 cellpadding=0 cellspacing=0><tr><td>
<table width=100% border=0><tr><td><a href=/>首頁</a> | <a href=/zwgk/>政務公開</a> |
<a href=/bsfw/>辦事服務</a> | <a href=/hdjl/>互動交流</a></td></tr></table>
</td></tr><tr><td>
<table width=100% border=1 cellspacing=0><tr><td>文件名稱:</td>
<td colspan=3>安康高新區2019年政府信息公開工作年度報告</td></tr>
<tr><td>索引號:</td><td>zfgzbmwxb/2020-0003</td><td>公開日期:</td><td>2020-02-13 09:04</td></tr>
<tr><td>公開目錄:</td><td>工作報告</td><td>公開形式:</td><td>主動公開</td></tr></table>
<h3 align=center>安康高新區2019年政府信息公開工作年度報告</h3>
{chr(10).join(body)}
</td></tr><tr><td align=center><font size=2>版權所有：安康高新區管委會 陝ICP備05012345號
 電話：0915-3261234 訪問量：<b>884512</b></font></td></tr></table>
</body></html>
"""
    return page.encode("big5", errors="xmlcharrefreplace")


def _spans(cell: Cell) -> str:
    out = ""
    if cell.rowspan > 1:
        out += f" rowspan={cell.rowspan}"
    if cell.colspan > 1:
        out += f" colspan={cell.colspan}"
    return out


# --- 6. text scrapes ----------------------------------------------------------------------


def cells_scrape() -> bytes:
    """Every cell on its own line (the copy of a web table); blank cells leave no line."""
    lines = seed_lines("000", 1, 96)
    tables = {
        "二、主动公开政府信息情况": t2_2021(dict(TIANQIAO_2022.t2)),
        "三、收到和处理政府信息公开申请情况": blank_zero_rows(t3(TIANQIAO_2022)),
        "四、政府信息公开行政复议、行政诉讼情况": t4(TIANQIAO_2022),
    }
    out: list[str] = ["济南市天桥区人民政府2022年政府信息公开工作年度报告"]
    for line in prose_of(lines)[2:]:
        out.append(line)
        if line in tables:
            out.extend(cell.text for row in tables[line] for cell in row if cell.text)
    return ("\n".join(out) + "\n").encode("utf-8")


def blank_zero_rows(grid: Grid) -> Grid:
    """Table 3 as many offices print it: a row of nothing but 0 left blank."""
    out: Grid = []
    for row in grid:
        figures = [cell.text for cell in row if not cell.header]
        blank = len(figures) == 7 and set(figures) == {"0"}
        out.append([Cell("", header=False) if blank and not c.header else c for c in row])
    return out


def wrapped_scrape() -> bytes:
    """Each row on one line, label then figures, long labels wrapped onto a second line."""
    lines = seed_lines("000", 1, 96)
    out: list[str] = ["济南市天桥区人民政府2022年政府信息公开工作年度报告"]
    for line in prose_of(lines)[2:]:
        out.append(line)
        if line == "三、收到和处理政府信息公开申请情况":
            out += [
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                "申请人情况",
                "自然人 法人或其他组织 总计",
                "商业企业 科研机构 社会公益组织 法律服务机构 其他",
            ]
            for row in t3(TIANQIAO_2022)[3:]:
                labels = [cell.text for cell in row if cell.header]
                figures = " ".join(cell.text for cell in row if not cell.header)
                label = "".join(labels)
                if len(label) > 18:
                    out += [label[:18], label[18:] + " " + figures]
                else:
                    out.append(label + " " + figures)
    return ("\n".join(out) + "\n").encode("utf-8")


def main() -> None:
    (HERE / "tianqiao-2022-cms.html").write_bytes(cms_page())
    (HERE / "tianqiao-2020-word.htm").write_bytes(word_html())
    data = office_docx()
    (HERE / "tianqiao-2022-office.docx").write_bytes(data)
    (HERE / "tianqiao-2022-office.pdf").write_bytes(docx_to_pdf(data))
    (HERE / "ankang-2019-big5.html").write_bytes(big5_page())
    (HERE / "tianqiao-2022-cells.txt").write_bytes(cells_scrape())
    (HERE / "tianqiao-2022-wrapped.txt").write_bytes(wrapped_scrape())


if __name__ == "__main__":
    main()
