"""Denials ("未发生行政复议", "没有收到申请") and, in the 2008 generation, fees in the prose."""

from __future__ import annotations

import re

from gongkai.report import Absence, Generation, Method, Origin, Statement

from ._old import sentence_to_fee
from ._sentences import Paragraph
from ._state import State, remember_old, sentence_of

__all__ = ["DENIAL_TOPIC", "paragraph_denials"]

DENIAL_TOPIC = re.compile(r"复议|诉讼|申请|费|举报|投诉|申诉")  # a paragraph worth reading here
_COMPLAINT = re.compile(r"申诉|举报|投诉")
_SENTENCES = re.compile(r"[^。;]+")
_ABOUT_DISCLOSURE = re.compile(r"信息|申请|公开")
# A clause is read this far past its negation: far enough for any real clause, and a bound
# on the work per match in a damaged line without punctuation.
_CLAUSE_REACH = 200
_NEGATION = re.compile(r"(?<!尚)(?:未|没有|无)(?!经)")
_CLAUSE_END = re.compile(r"[,;。!?]")
_NONE_RECEIVED = re.compile(r"(?:未|没有)(?:收到|受理|接到)[^,;。]{0,20}?申请")


def paragraph_denials(state: State, para: Paragraph, limit: int) -> int:
    """Absences (and, in 2008, zero statements) that the paragraph's denials state, from at
    most ``limit`` negations; returns how many were looked at."""
    old = state.generation is Generation.OLD
    text = para.text
    seen = 0
    for match in _NEGATION.finditer(text):
        seen += 1
        if seen > limit:
            return seen
        end = _CLAUSE_END.search(text, match.end(), match.end() + 50)
        clause = text[match.start() : min(end.start() if end else len(text), match.end() + 50)]
        subjects: list[str] = []
        if "复议" in clause:
            subjects.append("old.reconsideration.total" if old else "t4.reconsideration.total")
        if "诉讼" in clause:
            if old:
                subjects.append("old.litigation.total")
            else:
                subjects += [
                    "t4.litigation_direct.total",
                    "t4.litigation_after_reconsideration.total",
                ]
        if old and _COMPLAINT.search(clause) and "公开" in clause:
            subjects.append("old.complaints.total")
        if not subjects:
            continue
        origin = Origin(
            para.line_at(match.start()), sentence_of(para, match.start(), match.end()), Method.PROSE
        )
        state.out.absences.append(Absence(tuple(subjects), origin))
        if old:
            for subject in subjects:
                statement = Statement(subject, 0, clause, origin)
                state.out.statements.append(statement)
                remember_old(state, statement)
    for match in _NONE_RECEIVED.finditer(text):
        seen += 1
        if seen > limit:
            return seen
        end = _CLAUSE_END.search(text, match.end(), match.end() + _CLAUSE_REACH)
        clause = text[match.start() : end.start() if end else match.end() + _CLAUSE_REACH]
        if "复议" in clause or "诉讼" in clause or "费" in clause:
            continue
        origin = Origin(
            para.line_at(match.start()), sentence_of(para, match.start(), match.end()), Method.PROSE
        )
        subject = "old.requests.received" if old else "t3.received_new.total"
        statement = Statement(subject, 0, match.group(0), origin)
        state.out.statements.append(statement)
        remember_old(state, statement)
    if old and "old.fees.amount_yuan" not in state.old_figures:
        _fees(state, para)
    return seen


def _fees(state: State, para: Paragraph) -> None:
    text = para.text
    for sentence_match in _SENTENCES.finditer(text):
        sentence = sentence_match.group(0)
        if not _ABOUT_DISCLOSURE.search(sentence):
            continue
        fee = sentence_to_fee(sentence)
        if fee is None:
            continue
        value, offset = fee
        at = sentence_match.start() + offset
        origin = Origin(para.line_at(at), sentence, Method.PROSE)
        statement = Statement("old.fees.amount_yuan", value, sentence, origin)
        state.out.statements.append(statement)
        remember_old(state, statement)
        return
