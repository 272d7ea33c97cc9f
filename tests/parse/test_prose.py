"""Statements, breakdowns, percentages and absences read from the prose of reports."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.parse._document import Line
from gongkai.parse.locate._split import Section, document_to_sections
from gongkai.parse.prose._prose import ProseExtraction, lines_to_prose
from gongkai.parse.read._decode import path_to_document
from gongkai.report import Generation, Method
from tests.conftest import FIXTURES, seed

NEW = Generation.Y2021


@cache
def _tianqiao() -> dict[int, Section]:
    return {s.year or 0: s for s in document_to_sections(path_to_document(seed("000")))}


def _seed_year(year: int) -> ProseExtraction:
    return lines_to_prose(_tianqiao()[year].lines, generation=Generation.for_year(year))


def _text(*texts: str, generation: Generation = NEW) -> ProseExtraction:
    lines = tuple(Line(n, (t,)) for n, t in enumerate(texts, 1))
    return lines_to_prose(lines, generation=generation)


def _stated(extraction: ProseExtraction) -> list[tuple[str | None, int | Decimal]]:
    return [(s.subject, s.value) for s in extraction.statements]


def test_seed_000_2022() -> None:
    extraction = _seed_year(2022)
    assert _stated(extraction) == [
        ("t3.total.total", 333),  # 全区办理政府信息公开申请333件
        ("t3.granted.total", 69),
        ("t3.partially_granted.total", 35),
        ("t3.denied", 8),
        ("t3.unavailable", 198),
        ("t3.not_processed", 6),
        ("t3.other", 17),
        ("t3.carried_forward.total", 12),  # 结转至下年办理12件
    ]
    # "第六项“其他处理”的11件为…" explains a table cell: no statement.
    assert all(s.origin.line == 8 for s in extraction.statements)
    assert all(s.origin.method is Method.PROSE for s in extraction.statements)
    (breakdown,) = extraction.breakdowns
    assert breakdown.total.value == 333
    assert [p.value for p in breakdown.parts] == [69, 35, 8, 198, 6, 17]
    assert [(p.part.value, p.base.value, p.percent) for p in extraction.percentages] == [
        (69, 333, Decimal(21)),
        (35, 333, Decimal(10)),
        (8, 333, Decimal(2)),
        (198, 333, Decimal(60)),
        (6, 333, Decimal(2)),
        (17, 333, Decimal(5)),
    ]
    assert extraction.absences == []
    assert extraction.figures == {}


def test_seed_000_2021() -> None:
    extraction = _seed_year(2021)
    assert _stated(extraction) == [
        ("t3.received_new.total", 358),
        ("t3.carried_over.total", 8),
        ("t3.total.total", 344),  # 其中,本年度办结344件
        ("t3.carried_forward.total", 22),
    ]
    assert extraction.breakdowns == []  # 344 + 22 split the unstated 366


def test_seed_000_2020() -> None:
    extraction = _seed_year(2020)
    assert _stated(extraction) == [
        ("t3.received_new.total", 162),
        ("t3.carried_over.total", 10),
        ("t3.total.total", 164),  # 164件全部受理并按时答复完毕
        ("t3.carried_forward.total", 8),
        ("t3.granted.total", 6),
        ("t3.partially_granted.total", 27),
        ("t3.denied", 1),
        ("t3.unavailable", 109),
        ("t3.not_processed", 20),
    ]
    # The outcome list has no 其他处理: it does not claim to add up to 164.
    assert extraction.breakdowns == []
    # "办结留言185条,公开答复95条" are messages, not requests.
    assert ("t3.total.total", 95) not in _stated(extraction)


def test_seed_000_2019() -> None:
    extraction = _seed_year(2019)
    assert _stated(extraction) == [
        ("t3.received_new.total", 243),
        ("t3.carried_over.total", 100),  # 结转上年100件
        ("t3.granted.total", 70),
        ("t3.partially_granted.total", 59),
        ("t3.denied", 27),
        ("t3.unavailable", 160),
        ("t3.not_processed", 6),
        ("t3.other", 11),
        ("t3.carried_forward.total", 10),
    ]
    # "新收…243件,结转上年100件。其中,…": the parts are outcomes of the unstated handled
    # total, so no breakdown; the 建议提案 "占72.5%" are no percentages of ours.
    assert extraction.breakdowns == []
    assert extraction.percentages == []


def test_seed_004_absence() -> None:
    (section,) = document_to_sections(path_to_document(seed("004")))
    extraction = lines_to_prose(section.lines, generation=Generation.Y2019)
    (absence,) = extraction.absences
    assert absence.subjects == (
        "t4.reconsideration.total",
        "t4.litigation_direct.total",
        "t4.litigation_after_reconsideration.total",
    )
    assert absence.origin.line == 7
    assert "未发生有关政府信息公开事务的行政复议和诉讼案件" in absence.origin.text
    assert extraction.statements == []


def test_pdf_statement() -> None:
    (section,) = document_to_sections(path_to_document(FIXTURES / "hongze-2024.pdf"))
    extraction = lines_to_prose(section.lines, generation=NEW)
    (statement,) = extraction.statements
    assert (statement.subject, statement.value) == ("t3.received_new.total", 17)
    assert statement.origin.line == 24  # "信息公开申请 17 件" wrapped from line 23
    assert "受理政府信息公开申请17件" in statement.origin.text
    assert extraction.absences == []  # "降低行政复议、行政诉讼发生率" denies nothing


def test_full_width_digits_and_traditional_leftovers() -> None:
    extraction = _text("本年新收政府信息公開申請１２件，上年結轉申請３件。")
    assert _stated(extraction) == [
        ("t3.received_new.total", 12),
        ("t3.carried_over.total", 3),
    ]


def test_skip_lines_are_ignored() -> None:
    lines = (
        Line(1, ("本年新收政府信息公开申请12件。",)),
        Line(2, ("本年新收政府信息公开申请99件。",)),
    )
    extraction = lines_to_prose(lines, generation=NEW, skip=frozenset({2}))
    assert _stated(extraction) == [("t3.received_new.total", 12)]


def test_review_counts_with_results() -> None:
    extraction = _text(
        "本年度因政府信息公开被申请行政复议5件,其中维持3件,纠正1件,尚未审结1件;"
        "未经复议直接起诉的行政诉讼2件。"
    )
    assert _stated(extraction) == [
        ("t4.reconsideration.total", 5),
        ("t4.reconsideration.upheld", 3),
        ("t4.reconsideration.corrected", 1),
        ("t4.reconsideration.pending", 1),
        ("t4.litigation_direct.total", 2),
    ]
    (breakdown,) = extraction.breakdowns
    assert breakdown.total.value == 5
    assert extraction.absences == []  # "未经复议" is not a denial


def test_channel_breakdown_of_new_generation() -> None:
    extraction = _text("全年共收到政府信息公开申请20件,其中当面申请5件,网上申请15件。")
    assert _stated(extraction) == [("t3.received_new.total", 20)]
    (breakdown,) = extraction.breakdowns
    assert [(p.subject, p.value, p.label) for p in breakdown.parts] == [
        (None, 5, "当面申请"),
        (None, 15, "网上申请"),
    ]


def test_lookalikes_are_not_statements() -> None:
    extraction = _text(
        "全年受理政务服务事项97638件,办结率98.5%。",
        "区政府共承办人大代表建议93件,政协提案221件。",
        "全年收到政府信息公开申请近千件,网站发布信息2419余条,约300件已答复。",
        "累计办理企业群众申请的事项5.91万件。",
        "邀请专业律师列席区政府第92次常务会。",
        "依申请公开受理全市累计35件。",
        "办结留言151条,公开答复67条。",
    )
    assert extraction.statements == []
    assert extraction.breakdowns == []
    assert extraction.percentages == []


def test_absences_of_the_new_generation() -> None:
    for sentence in (
        "本年度未发生政府信息公开行政复议、行政诉讼案件。",
        "全年没有发生行政复议和行政诉讼。",
    ):
        (absence,) = _text(sentence).absences
        assert absence.subjects == (
            "t4.reconsideration.total",
            "t4.litigation_direct.total",
            "t4.litigation_after_reconsideration.total",
        )
    (only_review,) = _text("全年未收到行政复议申请。").absences
    assert only_review.subjects == ("t4.reconsideration.total",)
    assert _text("案件尚未审结,将努力降低行政复议发生率。").absences == []


def test_old_sentences() -> None:
    extraction = _text(
        "二、依申请公开情况",
        "全区共收到公开政府信息申请２８３件,其中当面申请2件,网上申请9件,信函申请272件。",
        "提起行政复议的有52件,维持50件,纠错1件,其他情况1件。",
        "截止2018年12月31日,主动公开信息16387条。",
        "对于申请公开政府信息暂免收费。",
        generation=Generation.OLD,
    )
    assert {k: f.value for k, f in extraction.figures.items()} == {
        "old.requests.received": 283,
        "old.requests.in_person": 2,
        "old.requests.online": 9,
        "old.requests.letter": 272,
        "old.reconsideration.total": 52,
        "old.reconsideration.upheld": 50,
        "old.reconsideration.corrected": 1,
        "old.reconsideration.other": 1,
        "old.proactive.total": 16387,
        "old.fees.amount_yuan": 0,
    }
    assert len(extraction.breakdowns) == 2


def test_old_fee_amount_and_letters_that_are_not_applications() -> None:
    extraction = _text(
        "三、依申请公开情况",
        "全年受理群众来信226件,其中诉求类37件,举报类10件。",
        "依申请公开收取检索、复制费用共120元。",
        generation=Generation.OLD,
    )
    assert {k: f.value for k, f in extraction.figures.items()} == {"old.fees.amount_yuan": 120}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=120), max_size=10), st.sampled_from(list(Generation)))
def test_arbitrary_text_never_raises(texts: list[str], generation: Generation) -> None:
    lines = tuple(Line(n, (t,), tabular="|" in t) for n, t in enumerate(texts, 1))
    extraction = lines_to_prose(lines, generation=generation)
    for statement in extraction.statements:
        assert statement.origin.line in range(1, len(texts) + 1)
