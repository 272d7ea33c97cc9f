"""Exact rendered output of small hand-built reports, one per generation.

The 2021 and 2019 reports carry every table figure of seed 000 (济南市天桥区, the 2022 and
2020 reports), from seed_figures.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings

from gongkai.render import report_to_html, report_to_markdown, report_to_text
from gongkai.report import T3_COLUMNS as T3_COLUMN_NAMES
from gongkai.report import Generation, Report
from tests.seed_figures import TIANQIAO
from tests.strategies import partial_reports, valid_reports

AGENCY = "济南市天桥区人民政府"
T3_COLUMNS = tuple(column for column, _ in T3_COLUMN_NAMES)


def _seed_report(index: int, year: int) -> Report:
    tables = TIANQIAO[year]
    report = Report("seed000", index, AGENCY, year, tables.generation)
    for key, value in tables.figures().items():
        report.set(key, value)
    return report


def report_2022() -> Report:
    """Seed 000's 2022 report (2021 format, 其他处理 split)."""
    return _seed_report(0, 2022)


def report_2020() -> Report:
    """Seed 000's 2020 report (2019 format, 其他处理 one row)."""
    return _seed_report(2, 2020)


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _tbody_rows(html: str, section_title: str) -> list[str]:
    section = html.split(f"<h2>{section_title}</h2>", 1)[1].split("</section>", 1)[0]
    body = section.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>.*?</tr>", body)


def _pipe_cells(line: str) -> list[str]:
    assert line.startswith("| ") and line.endswith(" |"), line
    return [c.strip() for c in re.split(r"(?<!\\)\|", line[1:-1])]


# --- 2021 generation -----------------------------------------------------------------


def test_2021_html_has_the_merged_cells_of_the_format() -> None:
    html = report_to_html(report_2022())
    for fragment in (
        '<th rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，'
        "等于第三项加第四项之和）</th>",
        '<th colspan="7">申请人情况</th>',
        '<th rowspan="2">自然人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总计</th>',
        # 三、本年度办理结果 spans （一）（二）, 8 + 3 + 5 + 3 sub-rows and （七）: 22 rows.
        '<tr><td rowspan="22">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>',
        '<td rowspan="8">（三）不予公开</td><td>1.属于国家秘密</td>',
        '<td rowspan="3">（四）无法提供</td><td>1.本机关不掌握相关政府信息</td>',
        '<td rowspan="5">（五）不予处理</td><td>1.信访举报投诉类申请</td>',
        '<td rowspan="3">（六）其他处理</td><td>1.申请人无正当理由逾期不补正',
        '<td colspan="2">（七）总计</td>',
        '<td colspan="3">四、结转下年度继续办理</td>',
        '<th colspan="5">行政复议</th><th colspan="10">行政诉讼</th>',
        '<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th>',
        '<th colspan="4">第二十条第（一）项</th>',
        "<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>",
        '<tr><th>信息内容</th><th colspan="3">本年收费金额（单位：万元）</th></tr>',
        '<tr><td>行政许可</td><td colspan="3" class="num">69110</td></tr>',
    ):
        assert fragment in html, fragment
    assert html.count('rowspan="22"') == 1
    assert len(_tbody_rows(html, "三、收到和处理政府信息公开申请情况")) == 25
    row = '<td class="num">323</td>' + '<td class="num">0</td>' * 5 + '<td class="num">323</td>'
    assert f'<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>{row}</tr>' in html
    t4 = "".join(f'<td class="num">{v}</td>' for v in TIANQIAO[2022].t4[:10])
    assert f"<tr>{t4}" in html


def test_2021_html_page_is_standalone() -> None:
    html = report_to_html(report_2022())
    assert html.startswith("<!doctype html>\n")
    assert '<meta charset="utf-8">' in html
    assert "<title>济南市天桥区人民政府2022年政府信息公开工作年度报告（统计表）</title>" in html
    assert "<h1>济南市天桥区人民政府2022年政府信息公开工作年度报告</h1>" in html
    assert "统计期限自2022年1月1日起至2022年12月31日止" in html
    assert "<style>" in html
    for external in ("src=", "href=", "http", "@import", "url("):
        assert external not in html
    assert html.index("<h2>二、主动公开政府信息情况</h2>") < html.index(
        "<h2>三、收到和处理政府信息公开申请情况</h2>"
    )
    assert html.index("<h2>三、") < html.index("<h2>四、政府信息公开行政复议、行政诉讼情况</h2>")


def test_html_fragment_is_only_the_sections() -> None:
    html = report_to_html(report_2022(), standalone=False)
    assert html.startswith("<section>\n<h2>二、主动公开政府信息情况</h2>")
    assert html.rstrip().endswith("</section>")
    assert "<!doctype" not in html and "<h1>" not in html and "<style>" not in html
    assert html.count("<section>") == 3


def test_2021_markdown_rows() -> None:
    lines = _lines(report_to_markdown(report_2022()))
    assert lines[0] == "济南市天桥区人民政府2022年政府信息公开工作年度报告"
    assert "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。" in lines
    for row in (
        "| 第二十条第（一）项 |  |  |  |",
        "| --- | --- | --- | --- |",
        "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
        "| 行政规范性文件 | 1 | 1 | 2 |",
        "| 行政许可 | 69110 |  |  |",
        "| 行政事业性收费 | 5952 |  |  |",
        "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） |  |  "
        "| 申请人情况 |  |  |  |  |  |  |",
        "|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  | 总计 |",
        "|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |",
        # A row label stands next to its figures; the group labels to its left, on the
        # first sub-row only.
        "|  |  | 一、本年新收政府信息公开申请数量 | 323 | 0 | 0 | 0 | 0 | 0 | 323 |",
        "| 三、本年度办理结果 |  | （一）予以公开 | 69 | 0 | 0 | 0 | 0 | 0 | 69 |",
        "|  |  | （二）部分公开（区分处理的，只计这一情形，不计其他情形） "
        "| 35 | 0 | 0 | 0 | 0 | 0 | 35 |",
        "|  | （三）不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "|  |  | 4.保护第三方合法权益 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
        "|  | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 "
        "| 6 | 0 | 0 | 0 | 0 | 0 | 6 |",
        "|  |  | 3.其他 | 11 | 0 | 0 | 0 | 0 | 0 | 11 |",
        "|  |  | （七）总计 | 333 | 0 | 0 | 0 | 0 | 0 | 333 |",
        "|  |  | 四、结转下年度继续办理 | 12 | 0 | 0 | 0 | 0 | 0 | 12 |",
        "| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |",
        "| 41 | 7 | 5 | 3 | 56 | 23 | 3 | 2 | 13 | 41 | 30 | 1 | 3 | 4 | 38 |",
    ):
        assert row in lines, row


def test_markdown_tables_are_valid_gfm() -> None:
    # Every row of a table has as many cells as its header, and a delimiter row follows it.
    for report in (report_2022(), report_2020()):
        blocks = report_to_markdown(report).split("\n\n")
        tables = [b.splitlines() for b in blocks if b.startswith("|")]
        assert len(tables) == 3
        for table in tables:
            width = len(_pipe_cells(table[0]))
            assert _pipe_cells(table[1]) == ["---"] * width
            assert all(len(_pipe_cells(line)) == width for line in table)
        assert [len(_pipe_cells(t[0])) for t in tables] == [4, 10, 15]


def test_2021_text_is_one_cell_per_line() -> None:
    lines = _lines(report_to_text(report_2022()))
    assert lines[:3] == [
        "济南市天桥区人民政府2022年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
        "二、主动公开政府信息情况",
    ]
    i = lines.index("一、本年新收政府信息公开申请数量")
    assert lines[i : i + 8] == ["一、本年新收政府信息公开申请数量", "323", *["0"] * 5, "323"]
    i = lines.index("三、本年度办理结果")
    assert lines[i : i + 3] == ["三、本年度办理结果", "（一）予以公开", "69"]
    i = lines.index("（三）不予公开")
    assert lines[i : i + 3] == ["（三）不予公开", "1.属于国家秘密", "0"]
    i = lines.index("行政复议")
    assert lines[i : i + 8] == [
        "行政复议",
        "行政诉讼",
        "结果维持",
        "结果纠正",
        "其他结果",
        "尚未审结",
        "总计",
        "未经复议直接起诉",
    ]
    assert lines[-15:] == [str(v) for v in TIANQIAO[2022].t4]
    assert "" not in lines  # a complete report has no blank cell


# --- 2019 generation -----------------------------------------------------------------


def test_2019_html_has_one_other_row_and_its_table_2() -> None:
    html = report_to_html(report_2020())
    # 2 + 8 + 3 + 5 + （六） as one row + （七）: 20 rows under 三、本年度办理结果.
    assert '<td rowspan="20">三、本年度办理结果</td>' in html
    assert '<td colspan="2">（六）其他处理</td><td class="num">4</td>' in html
    assert "申请人逾期未按收费通知" not in html
    assert len(_tbody_rows(html, "三、收到和处理政府信息公开申请情况")) == 23
    assert '<th colspan="4">第二十条第（九）项</th>' in html
    assert (
        "<tr><th>信息内容</th><th>上一年项目数量</th><th>本年增/减</th><th>处理决定数量</th></tr>"
        in html
    )
    assert (
        '<tr><td>政府集中采购</td><td class="num">7710</td>'
        '<td colspan="2" class="num">104367.118823</td></tr>'
    ) in html


def test_2019_markdown_signs_and_money() -> None:
    lines = _lines(report_to_markdown(report_2020()))
    for row in (
        "| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |",
        "| 规范性文件 | 1 | 1 | 9 |",
        "| 行政许可 | 210 | -32 | 74026 |",
        "| 其他对外管理服务事项 | 319 | +163 | 14465 |",
        "| 行政强制 | 58 | -3 | 55 |",
        "| 信息内容 | 上一年项目数量 | 本年增/减 |  |",
        "| 行政事业性收费 | 17 | 0 |  |",
        "| 政府集中采购 | 7710 | 104367.118823 |  |",
        "|  |  | 一、本年新收政府信息公开申请数量 | 286 | 0 | 0 | 0 | 1 | 0 | 287 |",
        "|  | （四）无法提供 | 1.本机关不掌握相关政府信息 | 128 | 1 | 0 | 0 | 0 | 0 | 129 |",
        "|  |  | （六）其他处理 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |",
        "| 31 | 10 | 24 | 0 | 65 | 38 | 1 | 4 | 15 | 58 | 18 | 0 | 4 | 10 | 32 |",
    ):
        assert row in lines, row


def test_2019_text_other_row_is_whole() -> None:
    lines = _lines(report_to_text(report_2020()))
    i = lines.index("（六）其他处理")
    assert lines[i : i + 9] == ["（六）其他处理", "4", *["0"] * 5, "4", "（七）总计"]
    i = lines.index("其他对外管理服务事项")
    assert lines[i : i + 4] == ["其他对外管理服务事项", "319", "+163", "14465"]


def test_2021_report_with_undivided_other_prints_one_row() -> None:
    report = report_2022()
    for column in T3_COLUMNS:
        for row in ("other.no_correction", "other.fee_unpaid", "other.other"):
            del report.figures[f"t3.{row}.{column}"]
        report.set(f"t3.other.{column}", 17 if column in ("natural_person", "total") else 0)
    html = report_to_html(report)
    assert '<td rowspan="20">三、本年度办理结果</td>' in html
    assert '<td colspan="2">（六）其他处理</td><td class="num">17</td>' in html
    assert "|  |  | （六）其他处理 | 17 | 0 | 0 | 0 | 0 | 0 | 17 |" in _lines(
        report_to_markdown(report)
    )
    assert "不属于本格式的统计数据" not in html


# --- Absent figures, other generations, figures outside the layout --------------------


def test_absent_figure_is_a_blank_cell_and_zero_is_zero() -> None:
    report = report_2022()
    del report.figures["t3.received_new.total"]
    del report.figures["t2.licensing.decisions"]
    lines = _lines(report_to_markdown(report))
    assert "|  |  | 一、本年新收政府信息公开申请数量 | 323 | 0 | 0 | 0 | 0 | 0 |  |" in lines
    assert "| 行政许可 |  |  |  |" in lines
    assert "| 规章 | 0 | 0 | 0 |" in lines
    html = report_to_html(report)
    assert '<tr><td>行政许可</td><td colspan="3" class="num"></td></tr>' in html
    text = _lines(report_to_text(report))
    i = text.index("一、本年新收政府信息公开申请数量")
    assert text[i : i + 9] == [text[i], "323", *["0"] * 5, "", "二、上年结转政府信息公开申请数量"]


def test_2008_report_renders_its_headline_figures() -> None:
    report = Report("old", agency="某某县人民政府", year=2012, generation=Generation.OLD)
    report.set("old.proactive.total", 1653)
    report.set("old.requests.received", 12)
    report.set("old.fees.amount_yuan", Decimal("35.50"))
    markdown = _lines(report_to_markdown(report))
    assert markdown[0] == "某某县人民政府2012年政府信息公开工作年度报告"
    assert "政府信息公开工作主要统计数据（2019年以前的年度报告格式）" in markdown
    assert "| 项目 | 数值 |" in markdown
    assert "| 主动公开政府信息数（条） | 1653 |" in markdown
    assert "| 收到政府信息公开申请数（件） | 12 |" in markdown
    assert "| 其中：当面申请 |  |" in markdown
    assert "| 收取费用（元） | 35.50 |" in markdown
    html = report_to_html(report)
    assert "<h2>政府信息公开工作主要统计数据（2019年以前的年度报告格式）</h2>" in html
    assert "二、主动公开政府信息情况" not in html
    assert "rowspan" not in html


def test_report_without_generation_renders_a_key_table() -> None:
    report = Report("unknown")
    report.set("t3.received_new.total", 5)
    report.set("t4.reconsideration.total", 1)
    markdown = report_to_markdown(report)
    lines = _lines(markdown)
    assert lines[0] == "政府信息公开工作年度报告"
    assert "统计期限" not in markdown
    assert "| 指标 | 项目 | 栏目 | 数值 |" in lines
    assert "| t3.received_new.total | 一、本年新收政府信息公开申请数量 | 总计 | 5 |" in lines
    assert "| t4.reconsideration.total | 行政复议 | 总计 | 1 |" in lines
    assert lines.index(
        "| t3.received_new.total | 一、本年新收政府信息公开申请数量 | 总计 | 5 |"
    ) < (lines.index("| t4.reconsideration.total | 行政复议 | 总计 | 1 |"))
    empty = report_to_text(Report("empty"))
    assert empty == "政府信息公开工作年度报告\n统计数据\n本报告没有可列出的统计数据。\n"


def test_figures_outside_the_generation_are_listed_not_dropped() -> None:
    report = report_2020()
    report.set("t3.other.other.total", 4)  # a 2021-only row in a 2019-format report
    markdown = _lines(report_to_markdown(report))
    assert "不属于本格式的统计数据" in markdown
    assert "| t3.other.other.total | 3.其他 | 总计 | 4 |" in markdown


def test_money_has_no_float_noise_or_exponent() -> None:
    report = Report("m", agency="甲", year=2021, generation=Generation.Y2021)
    report.set("t2.fees.amount_wan_yuan", Decimal("1E+3"))
    assert "| 行政事业性收费 | 1000 |  |  |" in _lines(report_to_markdown(report))
    report.set("t2.fees.amount_wan_yuan", Decimal("0.1") + Decimal("0.2"))
    assert "| 行政事业性收费 | 0.3 |  |  |" in _lines(report_to_markdown(report))


# --- Escaping ------------------------------------------------------------------------


def test_agency_from_the_input_is_escaped() -> None:
    report = report_2022()
    report.agency = '<script>alert("x")</script>&某|局'
    html = report_to_html(report)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;某|局" in html
    assert (
        "<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;某|局"
        "2022年政府信息公开工作年度报告（统计表）</title>"
    ) in html
    markdown = report_to_markdown(report)
    assert markdown.splitlines()[0] == (
        '\\<script\\>alert("x")\\</script\\>\\&某\\|局2022年政府信息公开工作年度报告'
    )
    assert "<script>" not in markdown
    # Plain text has no markup to escape; a line break in the name cannot split the title.
    report.agency = "某某\n区人民政府"
    assert report_to_text(report).splitlines()[0] == "某某 区人民政府2022年政府信息公开工作年度报告"


# --- Properties ----------------------------------------------------------------------

_FIGURE_CELL = re.compile(r'<td(?: colspan="\d+")? class="num">([^<]*)</td>')


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=partial_reports())
def test_every_stated_figure_is_one_filled_cell(report: Report) -> None:
    cells = _FIGURE_CELL.findall(report_to_html(report, standalone=False))
    filled = [c for c in cells if c != ""]
    assert len(filled) == len(report.figures)
    assert "不属于本格式的统计数据" not in report_to_markdown(report)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(report=valid_reports())
def test_every_markdown_table_row_has_the_header_width(report: Report) -> None:
    for block in report_to_markdown(report).split("\n\n"):
        if block.startswith("|"):
            rows = block.splitlines()
            width = len(_pipe_cells(rows[0]))
            assert all(len(_pipe_cells(row)) == width for row in rows)
