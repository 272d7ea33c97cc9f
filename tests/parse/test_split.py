"""Splitting a document into reports, and each report's agency and year."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.parse._document import Document, InputFormat, Line
from gongkai.parse.locate._meta import lines_to_year, normalise_prose, place_to_agency
from gongkai.parse.locate._split import document_to_sections
from gongkai.parse.read._decode import path_to_document
from tests.conftest import FIXTURES, seed

TIANQIAO = "济南市天桥区人民政府"


def _document(*texts: str) -> Document:
    lines = []
    for number, text in enumerate(texts, 1):
        if "|" in text:
            cells = tuple(c.strip() for c in text.split("|"))
            lines.append(Line(number, cells, tabular=True))
        else:
            lines.append(Line(number, (text,)))
    return Document("test", InputFormat.TEXT, tuple(lines))


def test_seed_000_holds_fifteen_reports_newest_first() -> None:
    sections = document_to_sections(path_to_document(seed("000")))
    assert [s.year for s in sections] == list(range(2022, 2007, -1))
    assert {s.agency for s in sections} == {TIANQIAO}


def test_seed_000_report_spans() -> None:
    sections = document_to_sections(path_to_document(seed("000")))
    spans = [(s.first_line, s.last_line) for s in sections]
    # Each report starts at its intro (or, for 2021 which has none, its first heading)
    # and ends before the web furniture ("扫码使用手机浏览本页内容", "字号:").
    assert spans[:4] == [(2, 96), (98, 194), (196, 289), (292, 383)]
    assert spans[-1] == (763, 796)
    for section in sections:
        assert section.lines[0].number == section.first_line
        assert section.lines[-1].number == section.last_line
    # The 2017 report's last line (its contacts, naming 本报告) stays with 2017.
    assert sections[5].year == 2017
    assert sections[5].lines[-1].text.startswith("本报告的电子版")
    assert sections[6].lines[0].text.startswith("大 中 小本报告根据")


def test_single_report_seeds() -> None:
    expected = {
        "001": ("贵定县人民政府", 2013),
        "002": ("大连市普兰店区人民政府", 2017),
        "003": ("漳平市人民政府", 2017),  # the 办公室 reports on the city government's work
        "004": ("安康高新区管委会", 2019),
    }
    for prefix, (agency, year) in expected.items():
        (section,) = document_to_sections(path_to_document(seed(prefix)))
        assert (section.agency, section.year) == (agency, year), prefix


def test_pdf_fixture() -> None:
    (section,) = document_to_sections(path_to_document(FIXTURES / "hongze-2024.pdf"))
    assert section.agency == "淮安市洪泽区人民政府"
    assert section.year == 2024  # not 2025 (the plans) nor the publication date
    assert section.first_line == 1


def test_non_reports_give_nothing() -> None:
    assert document_to_sections(_document()) == []
    assert document_to_sections(_document("床前明月光,", "疑是地上霜。", "举头望明月,")) == []
    news = _document(
        "2023年5月15日,市政府召开新闻发布会。",
        "一、总体情况",
        "会议介绍了今年经济运行情况,全市生产总值增长5%。",
        "二、下一步工作",
    )
    assert document_to_sections(news) == []


def test_two_reports_split_by_title_and_period() -> None:
    document = _document(
        "某某县2020年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。",
        "一、总体情况",
        "2020年,某某县政府信息公开工作稳步推进。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "某某县2021年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
        "一、总体情况",
        "2021年,本县全年新收政府信息公开申请12件。",
        "二、主动公开政府信息情况",
    )
    sections = document_to_sections(document)
    assert [(s.first_line, s.last_line, s.year) for s in sections] == [
        (1, 6, 2020),
        (7, 11, 2021),
    ]
    assert {s.agency for s in sections} == {"某某县人民政府"}


def test_agency_rules_are_general() -> None:
    assert place_to_agency("某某市生态环境局") == "某某市生态环境局"
    assert place_to_agency("某某经济技术开发区") == "某某经济技术开发区管委会"
    assert place_to_agency("某某街道") == "某某街道办事处"
    assert place_to_agency("某某镇") == "某某镇人民政府"
    assert place_to_agency("") is None
    department = _document(
        "某某市生态环境局2022年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
        "一、总体情况",
        "二、主动公开政府信息情况",
    )
    (section,) = document_to_sections(department)
    assert section.agency == "某某市生态环境局"


def test_year_from_title_or_opening_when_no_period() -> None:
    assert lines_to_year(_document("某某区2016年度政府信息公开工作报告").lines) == 2016
    lines = _document("2019年,我区政府信息公开工作……", "2018年以来……2019年全年……").lines
    assert lines_to_year(lines) == 2019


def test_normalise_prose() -> None:
    assert normalise_prose("受理申請 １２ 件") == "受理申请12件"
    assert normalise_prose("行政覆議 3 件") == "行政复议3件"
    assert normalise_prose("1 1 0") == "1 1 0"  # table digits stay apart


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=80), max_size=12))
def test_arbitrary_text_never_raises(texts: list[str]) -> None:
    for section in document_to_sections(_document(*texts)):
        assert section.first_line <= section.last_line


def test_title_below_a_navigation_bar_names_the_agency() -> None:
    # Fifteen lines of site navigation before the title; the text then mentions the city
    # government more often than the district's own, so only the title can tell.
    navigation = [f"栏目{i}" for i in range(15)]
    document = _document(
        *navigation,
        "某某区人民政府2023年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "一、总体情况",
        "按照某某市人民政府要求，落实某某市人民政府部署，某某市人民政府督导。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
    )
    (section,) = document_to_sections(document)
    assert section.agency == "某某区人民政府"
