"""2008-generation headline figures of every old seed report, as verified by reading them."""

from __future__ import annotations

from functools import cache

import pytest

from gongkai.parse._decode import path_to_document
from gongkai.parse._prose import ProseExtraction, lines_to_prose
from gongkai.parse._split import Section, document_to_sections
from gongkai.report import Generation, Method
from tests.conftest import seed


@cache
def _sections(prefix: str) -> tuple[Section, ...]:
    return tuple(document_to_sections(path_to_document(seed(prefix))))


def _old(prefix: str, year: int) -> ProseExtraction:
    (section,) = [s for s in _sections(prefix) if s.year == year]
    return lines_to_prose(section.lines, generation=Generation.OLD)


_DENIED_ALL = {  # "全区未发生针对政府信息公开事务的行政复议申请、申诉和行政诉讼案件"
    "old.reconsideration.total": 0,
    "old.litigation.total": 0,
    "old.complaints.total": 0,
}
_FREE = {"old.fees.amount_yuan": 0}  # "对于申请公开政府信息暂免收费"

EXPECTED: dict[tuple[str, int], dict[str, int]] = {
    ("000", 2018): {
        "old.proactive.total": 16387,  # 截止2018年12月31日,主动公开信息16387条
        "old.requests.received": 283,
        "old.requests.in_person": 2,
        "old.requests.online": 9,
        "old.requests.letter": 272,
        "old.replies.total": 283,  # 共办结政府信息公开申请283件 (its parts add up to 394)
        "old.replies.already_public": 38,
        "old.replies.granted": 110,
        "old.replies.partially_granted": 4,
        "old.replies.denied": 45,
        "old.replies.other": 197,
        **_FREE,
        "old.reconsideration.total": 52,
        "old.reconsideration.upheld": 50,
        "old.reconsideration.corrected": 1,
        "old.reconsideration.other": 1,
        "old.litigation.total": 38,
        "old.litigation.upheld": 38,
        "old.litigation.corrected": 0,
        "old.litigation.other": 0,
    },
    ("000", 2017): {
        "old.proactive.total": 14696,
        "old.requests.received": 187,
        "old.requests.online": 10,
        "old.requests.letter": 177,
        **_FREE,
        "old.reconsideration.total": 14,
        "old.reconsideration.upheld": 5,
        "old.reconsideration.corrected": 0,
        "old.reconsideration.other": 9,
        "old.litigation.total": 6,
        "old.litigation.upheld": 6,
        "old.litigation.corrected": 0,
        "old.litigation.other": 0,
    },
    ("000", 2016): {
        "old.proactive.total": 4905,
        # "共收到来信38件,已全部受理" in 六、政府信息公开申请办理情况: the applications.
        # "通过政府网站办理群众来信496件" (the mailbox, section 三) is not.
        "old.requests.received": 38,
        **_FREE,
        "old.reconsideration.total": 18,
        "old.litigation.total": 7,
    },
    ("000", 2015): {
        "old.proactive.total": 4817,
        "old.requests.received": 16,
        "old.requests.online": 11,
        "old.requests.letter": 5,
        **_FREE,
        "old.reconsideration.total": 0,
        # "行政诉讼的有2件,1件已结案,1件正在处理": no upheld/corrected split.
        "old.litigation.total": 2,
    },
    ("000", 2014): {
        # "信息公开系统共发布信息7391条": the only count of the proactive section.
        "old.proactive.total": 7391,
        # "依申请公开7条(重复内容3条),已办结6条(重复内容3条),另有1条正在办理之中"
        "old.requests.received": 7,
        "old.replies.total": 6,
        **_FREE,
        "old.reconsideration.total": 0,
        "old.litigation.total": 2,
    },
    # 2009-2013: "全区发布信息N条,其中“主动公开信息”X条,“依申请公开信息”Y条": X is the
    # proactive total; Y counts information items published on request, not requests.
    ("000", 2013): {"old.proactive.total": 6303, **_FREE, **_DENIED_ALL},
    ("000", 2012): {"old.proactive.total": 3807, **_FREE, **_DENIED_ALL},
    ("000", 2011): {"old.proactive.total": 2345, **_FREE, **_DENIED_ALL},
    ("000", 2010): {"old.proactive.total": 2949, **_FREE, **_DENIED_ALL},
    ("000", 2009): {"old.proactive.total": 3893, **_FREE, **_DENIED_ALL},
    ("000", 2008): {
        "old.proactive.total": 643,  # 2008年公开各类政府信息643条
        "old.requests.received": 0,  # 全区未收到政府信息公开申请
        **_FREE,
        **_DENIED_ALL,
    },
    ("001", 2013): {
        # "受理群众来信226件" (诉求/咨询/意见建议/举报) are letters, not applications.
        "old.proactive.total": 3759,
        "old.fees.amount_yuan": 0,  # 没有…因政府信息公开收取复印、递送等成本费用
        "old.reconsideration.total": 0,
        "old.litigation.total": 0,
    },
    ("002", 2017): {
        "old.proactive.total": 4725,  # 通过不同渠道和方式公开政府信息4725条
        "old.requests.received": 19,  # 收到…依申请公开信息19条,全部来自网络申请
        "old.requests.online": 19,
        "old.reconsideration.total": 0,  # 没有发生行政复议和行政诉讼
        "old.litigation.total": 0,
        "old.fees.amount_yuan": 0,  # 未收取任何相关费用
        "old.complaints.total": 0,  # 未引起…政务公开工作方面的投诉举报
    },
    ("003", 2017): {  # the 附表 (本年 column); the prose says 37 received
        "old.proactive.total": 96,
        "old.requests.received": 7,
        "old.requests.in_person": 0,
        "old.requests.online": 4,
        "old.requests.letter": 3,  # 信函、传真申请数
        "old.replies.total": 7,
        "old.replies.granted": 0,
        "old.replies.partially_granted": 0,
        "old.replies.denied": 0,
        "old.replies.other": 7,
        "old.complaints.total": 0,
        "old.reconsideration.total": 0,
        "old.litigation.total": 1,
    },
}


def test_every_old_seed_report_is_covered() -> None:
    found = {(p, s.year) for p in ("000", "001", "002", "003") for s in _sections(p)}
    old = {key for key in found if key[1] is not None and key[1] < 2019}
    assert old == set(EXPECTED)
    assert len([k for k in old if k[0] == "000"]) == 11


@pytest.mark.parametrize(("prefix", "year"), sorted(EXPECTED))
def test_old_figures(prefix: str, year: int) -> None:
    figures = _old(prefix, year).figures
    assert {key: f.value for key, f in figures.items()} == EXPECTED[(prefix, year)]


def test_appendix_cells_win_and_prose_becomes_statements() -> None:
    extraction = _old("003", 2017)
    received = extraction.figures["old.requests.received"]
    assert received.origin is not None
    assert received.origin.method is Method.CELL
    assert received.origin.line == 86
    stated = {(s.subject, s.value) for s in extraction.statements}
    assert ("old.requests.received", 37) in stated  # 共收到政府信息公开申请37件
    assert ("old.requests.in_person", 12) in stated  # the 附表 says 0
    assert ("old.replies.already_public", 7) in stated
    # 历年累计 and the cumulative 依申请公开受理全市累计35件 are never read.
    assert all(s.value not in (117, 35, 17) for s in extraction.statements)


def test_prose_figures_carry_their_line() -> None:
    figure = _old("000", 2018).figures["old.reconsideration.upheld"]
    assert figure.origin is not None
    assert figure.origin.method is Method.PROSE
    assert figure.origin.line == 435
    assert "维持50件" in figure.origin.text


def test_old_breakdowns_and_percentages() -> None:
    extraction = _old("000", 2017)
    (channels, recon, litigation) = extraction.breakdowns
    assert channels.total.value == 187
    assert [p.value for p in channels.parts] == [10, 177]
    assert recon.total.subject == "old.reconsideration.total"
    assert [p.value for p in recon.parts] == [5, 0, 9]
    assert litigation.total.value == 6
    assert [(p.part.value, p.base.value, str(p.percent)) for p in extraction.percentages] == [
        (10, 187, "5.3"),
        (177, 187, "94.7"),
    ]


def test_proactive_kinds_breakdown_in_seed_001() -> None:
    (breakdown,) = _old("001", 2013).breakdowns
    assert breakdown.total.subject == "old.proactive.total"
    assert [p.value for p in breakdown.parts] == [382, 2543, 416, 142, 276]
    assert all(p.subject is None for p in breakdown.parts)


def test_old_absences() -> None:
    (absence,) = _old("000", 2010).absences
    assert absence.subjects == (
        "old.reconsideration.total",
        "old.litigation.total",
        "old.complaints.total",
    )
    assert absence.origin.line == 718
