"""Round trip: a report rendered in each layout and parsed back has the same figures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongkai.parse import UnreadableInput, parse_bytes
from gongkai.render import report_to_html, report_to_markdown, report_to_text
from gongkai.report import METRICS, Report
from tests.parse.hostile import parsed_or_refused
from tests.strategies import partial_reports, valid_reports

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Each layout with the file name it is read back under (the name tells the decoder the format).
LAYOUTS: dict[str, tuple[Callable[[Report], str], str]] = {
    "markdown": (report_to_markdown, "roundtrip.md"),
    "text": (report_to_text, "roundtrip.txt"),
    "html": (report_to_html, "roundtrip.html"),
}


def _read_back(layout: str, report: Report) -> Report:
    render, name = LAYOUTS[layout]
    parsed = parse_bytes(render(report).encode("utf-8"), name)
    assert len(parsed) == 1, f"{layout}: expected one report, got {len(parsed)}"
    return parsed[0]


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@SETTINGS
@given(report=valid_reports())
def test_valid_report_survives_the_round_trip(layout: str, report: Report) -> None:
    back = _read_back(layout, report)
    assert back.generation == report.generation
    assert back.year == report.year
    assert dict(back.metrics) == dict(report.metrics)


@pytest.mark.parametrize("layout", ["html", "markdown"])
@SETTINGS
@given(report=partial_reports())
def test_absent_figures_stay_absent(layout: str, report: Report) -> None:
    # HTML and Markdown keep a blank cell in its column, so a blank reads back as absent.
    # One-cell-per-line text is left out: a blank cell there is an empty line, which a
    # decoder of scraped text may reasonably drop.
    back = _read_back(layout, report)
    assert back.generation == report.generation
    assert dict(back.metrics) == dict(report.metrics)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@settings(max_examples=20, deadline=None)
@given(report=valid_reports())
def test_agency_survives_the_round_trip(layout: str, report: Report) -> None:
    assert _read_back(layout, report).agency == report.agency


# --- Arbitrary input never crashes the parser -----------------------------------------

_NAMES = ("input.txt", "input.md", "input.html", "input.pdf", "input.docx", "input")


def _parses_or_refuses(data: bytes, name: str) -> None:
    for report in parsed_or_refused(data, name, UnreadableInput):
        assert set(report.metrics) <= set(METRICS)


@SETTINGS
@given(text=st.text(), name=st.sampled_from(_NAMES))
def test_arbitrary_text_never_crashes_the_parser(text: str, name: str) -> None:
    _parses_or_refuses(text.encode("utf-8"), name)


@SETTINGS
@given(data=st.binary(max_size=4096), name=st.sampled_from(_NAMES))
def test_arbitrary_bytes_never_crash_the_parser(data: bytes, name: str) -> None:
    _parses_or_refuses(data, name)


# Lines that reach deep into extraction: labels, numbers, pipes, section titles.
_FRAGMENTS = st.sampled_from(
    (
        "某某区人民政府2023年政府信息公开工作年度报告",
        "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "第二十条第（一）项",
        "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数",
        "一、本年新收政府信息公开申请数量 | 3 | 0 | | 0 | 0 | 0 | 3",
        "（六）其他处理",
        "（七）总计 | 1 | 2",
        "共收到政府信息公开申请12件，其中予以公开5件，占41.7%。",
        "| --- | --- |",
        "|",
        "",
        "-",
        "+163",
        "104367.118823万元",
        "<table><tr><td rowspan='99'>三、本年度办理结果</td></tr></table>",
    )
)


@SETTINGS
@given(lines=st.lists(st.one_of(_FRAGMENTS, st.text(max_size=40)), max_size=60))
def test_report_like_fragments_never_crash_the_parser(lines: list[str]) -> None:
    for name in ("fragments.txt", "fragments.html"):
        _parses_or_refuses("\n".join(lines).encode("utf-8"), name)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
@settings(max_examples=30, deadline=None)
@given(report=valid_reports(), data=st.data())
def test_damaged_rendered_report_never_crashes_the_parser(
    layout: str, report: Report, data: st.DataObject
) -> None:
    render, name = LAYOUTS[layout]
    lines = render(report).splitlines()
    cut = data.draw(st.sets(st.integers(0, len(lines) - 1), max_size=len(lines) // 2))
    damaged = "\n".join(line for i, line in enumerate(lines) if i not in cut)
    _parses_or_refuses(damaged.encode("utf-8"), name)
