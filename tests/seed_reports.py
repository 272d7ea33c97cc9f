"""The seed reports as Reports, for the validation tests: tables from seed_figures, prose by hand.

The table figures are those of ``seed_figures.py``; the prose items (statements, breakdowns,
percentages, absences) were typed here by reading the seed text. Line numbers are those of
the seed text files.
"""

from __future__ import annotations

from gongkai.report import Breakdown, Generation, Method, Report

from .report_builders import absence, add_figures, percentage, statement
from .seed_figures import (
    ANKANG_2019,
    HONGZE_2024,
    OLD,
    TIANQIAO_2019,
    TIANQIAO_2020,
    TIANQIAO_2021,
    TIANQIAO_2022,
    SeedTables,
)

TIANQIAO = "济南市天桥区人民政府"
NO_LITIGATION = (
    "t4.reconsideration.total",
    "t4.litigation_direct.total",
    "t4.litigation_after_reconsideration.total",
)


def _tables(report: Report, tables: SeedTables) -> None:
    """Tables 2, 3 and 4 of a seed report, as printed."""
    add_figures(report, tables.t2)
    for key, value in {**tables.t3_figures(), **tables.t4_figures()}.items():
        report.set(key, value)


def _tianqiao(
    index: int,
    year: int,
    generation: Generation,
    lines: tuple[int, int],
    tables: SeedTables | None = None,
) -> Report:
    """Report ``index`` of seed 000 over its (first, last) lines, with its tables if given."""
    first, last = lines
    r = Report("000", index, TIANQIAO, year, generation, first_line=first, last_line=last)
    if tables is not None:
        _tables(r, tables)
    return r


def tianqiao_2022() -> Report:
    """Seed 000, the 2022 report (lines 1-96): consistent tables; prose line 8."""
    r = _tianqiao(0, 2022, Generation.Y2021, (1, 96), TIANQIAO_2022)
    base = statement("t3.total.total", 333, "全区办理政府信息公开申请", 8)
    parts = [
        (statement("t3.granted.total", 69, "予以公开", 8), "21"),
        (statement("t3.partially_granted.total", 35, "部分公开", 8), "10"),
        (statement("t3.denied", 8, "不予公开", 8), "2"),
        (statement("t3.unavailable", 198, "无法提供", 8), "60"),
        (statement("t3.not_processed", 6, "不予处理", 8), "2"),
        (statement("t3.other", 17, "其他处理", 8), "5"),
    ]
    r.statements += [base, *(p for p, _ in parts)]
    r.statements.append(statement("t3.carried_forward.total", 12, "结转至下年办理", 8))
    r.percentages += [percentage(p, base, pct, 8) for p, pct in parts]
    r.breakdowns.append(Breakdown(base, tuple(p for p, _ in parts)))
    return r


def tianqiao_2021() -> Report:
    """Seed 000, the 2021 report (lines 97-194): row （六）1 has 自然人 3 but 总计 1."""
    return _tianqiao(1, 2021, Generation.Y2021, (97, 194), TIANQIAO_2021)


def tianqiao_2020() -> Report:
    """Seed 000, the 2020 report (lines 195-290): 自然人 and 商业企业 columns break I1."""
    r = _tianqiao(2, 2020, Generation.Y2019, (195, 290), TIANQIAO_2020)
    # Line 220 speaks of 区政府 alone and disagrees with the district-wide table.
    r.statements.append(
        statement("t3.received_new.total", 162, "区政府共收到政府信息公开依申请", 220)
    )
    return r


def tianqiao_2019() -> Report:
    """Seed 000, the 2019 report (lines 291-384): consistent tables."""
    return _tianqiao(3, 2019, Generation.Y2019, (291, 384), TIANQIAO_2019)


def tianqiao_2018() -> Report:
    """Seed 000, the 2018 report (2008 generation, lines 385-445): figures in prose only."""
    r = _tianqiao(4, 2018, Generation.OLD, (385, 445))
    add_figures(r, OLD[("000", 2018)], Method.PROSE)
    received = statement("old.requests.received", 283, "全区共收到公开政府信息申请", 429)
    channels = (
        statement("old.requests.in_person", 2, "当面申请", 429),
        statement("old.requests.online", 9, "网上申请", 429),
        statement("old.requests.letter", 272, "信函申请", 429),
    )
    replies = statement("old.replies.total", 283, "全区政府机关共办结政府信息公开申请", 431)
    kinds = (
        statement("old.replies.already_public", 38, "已主动公开", 431),
        statement("old.replies.granted", 110, "同意公开", 431),
        statement("old.replies.partially_granted", 4, "同意部分公开", 431),
        statement("old.replies.denied", 45, "不予公开", 431),
        statement("old.replies.other", 197, "其他情况", 431),
    )
    r.breakdowns += [Breakdown(received, channels), Breakdown(replies, kinds)]
    return r


def ankang_2019() -> Report:
    """Seed 004 (安康高新区 2019): prose says no reconsideration or lawsuit; table 4 has 3."""
    r = Report("004", 0, "安康高新區", 2019, Generation.Y2019)
    _tables(r, ANKANG_2019)
    r.absences.append(
        absence("未發生有關政府信息公開事務的行政復議和訴訟案件", *NO_LITIGATION, line=7)
    )
    return r


def hongze_2024() -> Report:
    """fixtures/hongze-2024.pdf: a 2021-format table 3 with （六）其他处理 undivided."""
    r = Report("hongze-2024.pdf", 0, "淮安市洪泽区人民政府", 2024, Generation.Y2021)
    _tables(r, HONGZE_2024)
    r.statements.append(
        statement("t3.received_new.total", 17, "区政府办代表区政府受理政府信息公开申请")
    )
    return r


def zhangping_2017() -> Report:
    """Seed 003 (漳平市 2017, 2008 generation): prose says 37 applications, the 附表 says 7."""
    r = Report("003", 0, "漳平市人民政府办公室", 2017, Generation.OLD)
    add_figures(r, OLD[("003", 2017)])
    received = statement("old.requests.received", 37, "全市各级各部门共收到政府信息公开申请", 50)
    channels = (
        statement("old.requests.in_person", 12, "当面申请", 50),
        statement("old.requests.online", 20, "网络申请", 50),
        statement("old.requests.letter", 5, "信函申请", 50),
    )
    replies = statement("old.replies.total", 37, "全市依法依规办结政府信息公开申请", 52)
    kinds = (
        statement("old.replies.already_public", 7, "属于已主动公开范围", 52),
        statement(None, 30, "其他形式答复", 52),
    )
    r.statements += [received, replies]
    r.statements.append(statement("old.litigation.total", 1, "行政诉讼案件", 57))
    r.breakdowns += [Breakdown(received, channels), Breakdown(replies, kinds)]
    r.percentages += [
        percentage(p, received, pct, 50)
        for p, pct in zip(channels, ("32.4", "54.1", "13.5"), strict=True)
    ]
    r.percentages += [
        percentage(p, replies, pct, 52) for p, pct in zip(kinds, ("18.9", "81.1"), strict=True)
    ]
    return r
