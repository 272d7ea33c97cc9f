"""A decoded document -> the annual reports it holds (one file may carry many)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._document import Document, Line
from ._meta import (
    is_debris,
    lines_to_agency,
    lines_to_year,
    normalise_prose,
    qualify_agency,
    text_to_stats_year,
)

__all__ = ["Section", "document_to_sections"]


@dataclass(frozen=True, slots=True)
class Section:
    """One report found in a document: its span of lines, issuing body and year."""

    first_line: int
    last_line: int
    lines: tuple[Line, ...]
    agency: str | None
    year: int | None


_MASTHEAD = re.compile(r"^(?:大中小)+")
_FIRST_HEADING = re.compile(r"^一[、.．]{1,2}[^,，。]{0,6}?(?:总体|概述|概况|基本情况)")
_LATER_HEADING = re.compile(r"^(?:[二三四五六七八九]|十[一二三四五六七八九]?)[、.．]")
_TITLE_LINE = re.compile(
    r"(?:19|20)\d{2}年度?[\u4e00-\u9fff]{0,12}?(?:信息公开|政务公开)[\u4e00-\u9fff]{0,12}报告$"
)
_SUBHEADING = re.compile(r"^(?:\(|（)?[一二三四五六七八九十\d]{1,2}[)）、.．]")
_INTRO = re.compile(
    r"本报告|本年报|年度报告|工作报告|统计期限|统计时限|所列数据|联系地址|联系电话|联系方式|"
    r"电子信箱|电子邮箱|邮编|地址[::]|电话[::]"
)
_EVIDENCE_REPORT = re.compile(r"报告|年报")
_EVIDENCE_STRUCTURE = re.compile(
    r"统计期限|统计时限|所列数据|本年新收政府信息公开申请|主动公开政府信息|依申请公开|"
    r"政府信息公开申请"
)
_MAX_INTRO = 12
_YEAR = re.compile(r"(?:19|20)\d{2}年")


@dataclass(slots=True)
class _Scan:
    texts: list[str]  # normalised text per line index, masthead removed
    tabular: list[bool]


def _scan(lines: tuple[Line, ...]) -> _Scan:
    texts = [_MASTHEAD.sub("", normalise_prose(line.text)) for line in lines]
    return _Scan(texts, [line.tabular for line in lines])


def _is_heading(scan: _Scan, i: int, pattern: re.Pattern[str]) -> bool:
    text = scan.texts[i]
    return not scan.tabular[i] and len(text) <= 60 and pattern.match(text) is not None


def _is_title(scan: _Scan, i: int) -> bool:
    text = scan.texts[i]
    return len(text) <= 80 and _TITLE_LINE.search(text) is not None


def _is_intro(scan: _Scan, i: int) -> bool:
    text = scan.texts[i]
    if is_debris(text) or _is_title(scan, i):
        return True
    if _SUBHEADING.match(text):
        return False
    return _INTRO.search(text) is not None


def _intro_start(scan: _Scan, heading: int, floor: int) -> int:
    """The first line of the intro (title, scope, contacts) that leads up to a heading."""
    start = heading
    i = heading - 1
    passed_debris = False
    while i > floor and heading - i <= _MAX_INTRO and _is_intro(scan, i):
        # Page furniture ("字号:", "扫码…") separates two scraped reports: the text above
        # it is the end of the previous report, even when it names 本报告 (its contacts).
        if is_debris(scan.texts[i]):
            passed_debris = True
        elif passed_debris:
            break
        start = i
        i -= 1
    while start < heading and is_debris(scan.texts[start]):
        start += 1
    return start


def _starts(scan: _Scan) -> list[int]:
    """Indexes where a report begins."""
    starts = [0]
    later_seen = False
    stats_year: int | None = None
    for i, text in enumerate(scan.texts):
        if not text:
            continue
        begin: int | None = None
        if _is_heading(scan, i, _FIRST_HEADING):
            if later_seen:
                begin = _intro_start(scan, i, starts[-1])
        elif later_seen and not scan.tabular[i] and _is_title(scan, i) and len(text) <= 60:
            begin = _intro_start(scan, i + 1, starts[-1])
            begin = min(begin, i)
        else:
            year = text_to_stats_year(text) if "1月1日" in text else None
            if year is not None:
                if later_seen and stats_year is not None and year != stats_year:
                    begin = _intro_start(scan, i + 1, starts[-1])
                    begin = min(begin, i)
                    stats_year = year
                elif stats_year is None:
                    stats_year = year
        if begin is not None and begin > starts[-1]:
            starts.append(begin)
            later_seen = False
            stats_year = text_to_stats_year(text) if "1月1日" in text else None
            # The intro lines between the start and here may already hold the period.
            for j in range(begin, i):
                if stats_year is None and "1月1日" in scan.texts[j]:
                    stats_year = text_to_stats_year(scan.texts[j])
        if _is_heading(scan, i, _LATER_HEADING):
            later_seen = True
    return starts


def _is_report(text: str) -> bool:
    return (
        ("政府信息公开" in text or "政务公开" in text)
        and _EVIDENCE_REPORT.search(text) is not None
        and _EVIDENCE_STRUCTURE.search(text) is not None
        and _YEAR.search(text) is not None
    )


def document_to_sections(document: Document) -> list[Section]:
    """One Section per report, in order of appearance; [] when the text holds no report."""
    lines = document.lines
    if not lines:
        return []
    scan = _scan(lines)
    starts = _starts(scan)
    bounds = [*starts[1:], len(lines)]
    found: list[tuple[int, int]] = []
    for first, end in zip(starts, bounds, strict=True):
        last = end - 1
        while last > first and is_debris(scan.texts[last]):
            last -= 1
        while first < last and is_debris(scan.texts[first]):
            first += 1
        if _is_report("".join(scan.texts[first : last + 1])):
            found.append((first, last))
    if not found:
        return []
    # Lines joined with a break: a city name must not run on from the cell before it
    # ("有效性：有效" above the title would otherwise make "有效济南市").
    document_text = "\n".join(scan.texts)
    raw: list[tuple[int, int, str | None, int | None]] = []
    for first, last in found:
        span = lines[first : last + 1]
        agency = qualify_agency(lines_to_agency(span), document_text)
        raw.append((first, last, agency, lines_to_year(span)))
    sections: list[Section] = []
    for n, (first, last, agency, year) in enumerate(raw):
        if agency is None:
            agency = _neighbour_agency(raw, n, "".join(scan.texts[first : last + 1]))
        sections.append(
            Section(lines[first].number, lines[last].number, lines[first : last + 1], agency, year)
        )
    return sections


def _neighbour_agency(
    raw: list[tuple[int, int, str | None, int | None]], n: int, text: str
) -> str | None:
    """The agency of the nearest report in the file that names the same place."""
    for distance in range(1, len(raw)):
        for m in (n - distance, n + distance):
            if 0 <= m < len(raw):
                agency = raw[m][2]
                if agency and _short_place(agency) in text:
                    return agency
    return None


def _short_place(agency: str) -> str:
    for suffix in ("人民政府", "管委会", "办事处"):
        if agency.endswith(suffix):
            agency = agency[: -len(suffix)]
            break
    # "济南市天桥区" is written "天桥区" in most reports.
    at = agency.rfind("市", 0, len(agency) - 1)
    return agency[at + 1 :] if at >= 0 else agency
