"""2008-generation headline figures of every old seed report (seed_figures.OLD), as parsed."""

from __future__ import annotations

from functools import cache

import pytest

from gongkai.parse.locate._split import Section, document_to_sections
from gongkai.parse.prose._prose import ProseExtraction, lines_to_prose
from gongkai.parse.read._decode import path_to_document
from gongkai.report import Generation, Method
from tests.conftest import seed
from tests.seed_figures import OLD


@cache
def _sections(prefix: str) -> tuple[Section, ...]:
    return tuple(document_to_sections(path_to_document(seed(prefix))))


def _old(prefix: str, year: int) -> ProseExtraction:
    (section,) = [s for s in _sections(prefix) if s.year == year]
    return lines_to_prose(section.lines, generation=Generation.OLD)


def test_every_old_seed_report_is_covered() -> None:
    found = {(p, s.year) for p in ("000", "001", "002", "003") for s in _sections(p)}
    old = {key for key in found if key[1] is not None and key[1] < 2019}
    assert old == set(OLD)
    assert len([k for k in old if k[0] == "000"]) == 11


@pytest.mark.parametrize(("prefix", "year"), sorted(OLD))
def test_old_figures(prefix: str, year: int) -> None:
    figures = _old(prefix, year).figures
    assert {key: f.value for key, f in figures.items()} == OLD[(prefix, year)]


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
