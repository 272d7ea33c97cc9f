"""The seed reports' figures, typed in by reading /work/shared/seeds and the hongze PDF.

They were read from the files by eye (not by running the parser), so they can check the
parser as well as validation. Line numbers are those of the seed text files.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.report import Breakdown, Generation, Method, Report, Value, t3_rows

from .report_builders import (
    Cells,
    absence,
    add_figures,
    add_table3,
    add_table4,
    n,
    percentage,
    statement,
)

TIANQIAO = "济南市天桥区人民政府"
NO_LITIGATION = (
    "t4.reconsideration.total",
    "t4.litigation_direct.total",
    "t4.litigation_after_reconsideration.total",
)


def _outcomes(
    *,
    granted: Cells,
    partially_granted: Cells,
    denied: list[Cells],
    unavailable: list[Cells],
    not_processed: list[Cells],
    other: list[Cells],
) -> dict[str, Cells]:
    rows: dict[str, Cells] = {"granted": granted, "partially_granted": partially_granted}
    split = len(other) == 3
    specs = [r for r in t3_rows(Generation.Y2021, split_other=split) if r.group is not None]
    groups = {"denied": denied, "unavailable": unavailable, "not_processed": not_processed}
    groups["other"] = other
    for name, cells in groups.items():
        names = [r.row for r in specs if r.row == name or r.row.startswith(f"{name}.")]
        assert len(names) == len(cells), name
        rows.update(zip(names, cells, strict=True))
    return rows


def tianqiao_2022() -> Report:
    """Seed 000, the 2022 report (lines 1-96): consistent tables; prose line 8."""
    r = Report("000", 0, TIANQIAO, 2022, Generation.Y2021, first_line=1, last_line=96)
    z = n(0)
    add_table3(
        r,
        {
            "received_new": n(323),
            "carried_over": n(22),
            **_outcomes(
                granted=n(69),
                partially_granted=n(35),
                denied=[z, z, z, n(2), n(5), z, n(1), z],
                unavailable=[n(197), n(1), z],
                not_processed=[n(4), n(1), z, z, n(1)],
                other=[n(6), z, n(11)],
            ),
            "total": n(333),
            "carried_forward": n(12),
        },
    )
    add_figures(
        r,
        {
            "t2.rules.issued": 0,
            "t2.rules.repealed": 0,
            "t2.rules.in_force": 0,
            "t2.normative_documents.issued": 1,
            "t2.normative_documents.repealed": 1,
            "t2.normative_documents.in_force": 2,
            "t2.licensing.decisions": 69110,
            "t2.penalty.decisions": 946,
            "t2.coercion.decisions": 88,
            "t2.fees.amount_wan_yuan": 5952,
        },
    )
    add_table4(
        r,
        {
            "reconsideration": [41, 7, 5, 3, 56],
            "litigation_direct": [23, 3, 2, 13, 41],
            "litigation_after_reconsideration": [30, 1, 3, 4, 38],
        },
    )
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
    r = Report("000", 1, TIANQIAO, 2021, Generation.Y2021, first_line=97, last_line=194)
    z = n(0)
    add_table3(
        r,
        {
            "received_new": [340, 17, 0, 0, 1, 0, 358],
            "carried_over": n(8),
            **_outcomes(
                granted=[51, 3, 0, 0, 0, 0, 54],
                partially_granted=[51, 2, 0, 0, 0, 0, 53],
                denied=[z, z, z, [6, 2, 0, 0, 0, 0, 8], n(1), z, z, z],
                unavailable=[[182, 10, 0, 0, 1, 0, 193], n(2), z],
                not_processed=[n(4), n(1), z, z, z],
                other=[[3, 0, 0, 0, 0, 0, 1], z, n(25)],
            ),
            "total": [326, 17, 0, 0, 1, 0, 344],
            "carried_forward": n(22),
        },
    )
    add_figures(
        r,
        {
            "t2.rules.issued": 0,
            "t2.rules.repealed": 0,
            "t2.rules.in_force": 0,
            "t2.normative_documents.issued": 1,
            "t2.normative_documents.repealed": 0,
            "t2.normative_documents.in_force": 3,
            "t2.licensing.decisions": 95386,
            "t2.penalty.decisions": 1506,
            "t2.coercion.decisions": 88,
            "t2.fees.amount_wan_yuan": 7167,
        },
    )
    add_table4(
        r,
        {
            "reconsideration": [18, 3, 2, 17, 40],
            "litigation_direct": [11, 4, 1, 4, 20],
            "litigation_after_reconsideration": [41, 1, 1, 5, 48],
        },
    )
    return r


def _t2_2019(
    docs: tuple[int, int, int], fees: tuple[int, int], procurement: tuple[int, str]
) -> dict[str, Value]:
    # Seed 000's 2019 and 2020 tables 2 differ only in these cells; the rest is repeated.
    figures: dict[str, Value] = {"t2.rules.made": 0, "t2.rules.published": 0}
    figures["t2.rules.total_published"] = 0
    for column, value in zip(("made", "published", "total_published"), docs, strict=True):
        figures[f"t2.normative_documents.{column}"] = value
    repeated = {
        "licensing": (210, -32, 74026),
        "other_services": (319, 163, 14465),
        "penalty": (2155, -89, 1349),
        "coercion": (58, -3, 55),
    }
    for row, values in repeated.items():
        for column, value in zip(("previous_items", "change", "decisions"), values, strict=True):
            figures[f"t2.{row}.{column}"] = value
    figures["t2.fees.previous_items"], figures["t2.fees.change"] = fees
    figures["t2.procurement.items"] = procurement[0]
    figures["t2.procurement.amount_wan_yuan"] = Decimal(procurement[1])
    return figures


def tianqiao_2020() -> Report:
    """Seed 000, the 2020 report (lines 195-290): 自然人 and 商业企业 columns break I1."""
    r = Report("000", 2, TIANQIAO, 2020, Generation.Y2019, first_line=195, last_line=290)
    z = n(0)
    add_table3(
        r,
        {
            "received_new": [286, 0, 0, 0, 1, 0, 287],
            "carried_over": n(10),
            **_outcomes(
                granted=[78, 1, 0, 0, 1, 0, 80],
                partially_granted=n(36),
                denied=[n(1), z, n(2), n(1), n(2), z, n(3), z],
                unavailable=[[128, 1, 0, 0, 0, 0, 129], z, n(8)],
                not_processed=[n(22), z, z, z, n(1)],
                other=[n(4)],
            ),
            "total": [286, 2, 0, 0, 1, 0, 289],
            "carried_forward": n(8),
        },
    )
    add_figures(r, _t2_2019((1, 1, 9), (17, 0), (7710, "104367.118823")))
    add_table4(
        r,
        {
            "reconsideration": [31, 10, 24, 0, 65],
            "litigation_direct": [38, 1, 4, 15, 58],
            "litigation_after_reconsideration": [18, 0, 4, 10, 32],
        },
    )
    # Line 220 speaks of 区政府 alone and disagrees with the district-wide table.
    r.statements.append(
        statement("t3.received_new.total", 162, "区政府共收到政府信息公开依申请", 220)
    )
    return r


def tianqiao_2019() -> Report:
    """Seed 000, the 2019 report (lines 291-384): consistent tables."""
    r = Report("000", 3, TIANQIAO, 2019, Generation.Y2019, first_line=291, last_line=384)
    z = n(0)
    add_table3(
        r,
        {
            "received_new": [241, 2, 0, 0, 0, 0, 243],
            "carried_over": n(100),
            **_outcomes(
                granted=n(70),
                partially_granted=n(59),
                denied=[z, n(1), z, n(1), n(4), z, n(3), n(18)],
                unavailable=[[157, 2, 0, 0, 0, 0, 159], z, n(1)],
                not_processed=[n(1), z, z, n(5), z],
                other=[n(11)],
            ),
            "total": [331, 2, 0, 0, 0, 0, 333],
            "carried_forward": n(10),
        },
    )
    add_figures(r, _t2_2019((1, 1, 8), (16, 1), (7030, "87420.234406")))
    add_table4(
        r,
        {
            "reconsideration": [26, 3, 4, 1, 34],
            "litigation_direct": [17, 0, 1, 11, 29],
            "litigation_after_reconsideration": [15, 0, 0, 3, 18],
        },
    )
    return r


def tianqiao_2018() -> Report:
    """Seed 000, the 2018 report (2008 generation, lines 385-445): figures in prose only."""
    r = Report("000", 4, TIANQIAO, 2018, Generation.OLD, first_line=385, last_line=445)
    add_figures(
        r,
        {
            "old.proactive.total": 16387,
            "old.requests.received": 283,
            "old.requests.in_person": 2,
            "old.requests.online": 9,
            "old.requests.letter": 272,
            "old.reconsideration.total": 52,
            "old.reconsideration.upheld": 50,
            "old.reconsideration.corrected": 1,
            "old.reconsideration.other": 1,
            "old.litigation.total": 38,
            "old.litigation.upheld": 38,
            "old.litigation.corrected": 0,
            "old.litigation.other": 0,
        },
        Method.PROSE,
    )
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
    z = n(0)
    add_table3(
        r,
        {
            "received_new": n(2),
            "carried_over": z,
            **_outcomes(
                granted=n(2),
                partially_granted=z,
                denied=[z] * 8,
                unavailable=[z] * 3,
                not_processed=[z] * 5,
                other=[z],
            ),
            "total": n(2),
            "carried_forward": z,
        },
    )
    add_table4(
        r,
        {
            "reconsideration": [0, 0, 0, 0, 0],
            "litigation_direct": [2, 0, 0, 1, 3],
            "litigation_after_reconsideration": [0, 0, 0, 0, 0],
        },
    )
    r.absences.append(
        absence("未發生有關政府信息公開事務的行政復議和訴訟案件", *NO_LITIGATION, line=7)
    )
    return r


def hongze_2024() -> Report:
    """fixtures/hongze-2024.pdf: a 2021-format table 3 with （六）其他处理 undivided."""
    r = Report("hongze-2024.pdf", 0, "淮安市洪泽区人民政府", 2024, Generation.Y2021)
    z = n(0)
    add_table3(
        r,
        {
            "received_new": n(95),
            "carried_over": z,
            **_outcomes(
                granted=n(50),
                partially_granted=n(9),
                denied=[z, z, n(1), z, z, n(1), n(1), z],
                unavailable=[n(31), n(1), z],
                not_processed=[n(1), z, z, z, z],
                other=[z],
            ),
            "total": n(95),
            "carried_forward": z,
        },
    )
    add_figures(
        r,
        {
            "t2.rules.issued": 0,
            "t2.rules.repealed": 0,
            "t2.rules.in_force": 0,
            "t2.normative_documents.issued": 3,
            "t2.normative_documents.repealed": 0,
            "t2.normative_documents.in_force": 8,
            "t2.licensing.decisions": 9487,
            "t2.penalty.decisions": 2776,
            "t2.coercion.decisions": 84,
            "t2.fees.amount_wan_yuan": 7545,
        },
    )
    add_table4(
        r,
        {
            "reconsideration": [1, 1, 0, 0, 2],
            "litigation_direct": [1, 0, 0, 0, 1],
            "litigation_after_reconsideration": [2, 0, 1, 0, 3],
        },
    )
    r.statements.append(
        statement("t3.received_new.total", 17, "区政府办代表区政府受理政府信息公开申请")
    )
    return r


def zhangping_2017() -> Report:
    """Seed 003 (漳平市 2017, 2008 generation): prose says 37 applications, the 附表 says 7."""
    r = Report("003", 0, "漳平市人民政府办公室", 2017, Generation.OLD)
    add_figures(
        r,
        {
            "old.proactive.total": 96,
            "old.requests.received": 7,
            "old.requests.in_person": 0,
            "old.requests.online": 4,
            "old.replies.total": 7,
            "old.replies.granted": 0,
            "old.replies.partially_granted": 0,
            "old.replies.denied": 0,
            "old.replies.other": 7,
            "old.complaints.total": 0,
            "old.reconsideration.total": 0,
            "old.litigation.total": 1,
        },
    )
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
