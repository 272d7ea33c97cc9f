"""Figures stated in the running text of a report: statements, breakdowns, percentages, absences.

The prose repeats figures the tables hold (so validation can compare them) and, in the 2008
generation, is where the headline figures live. Lines are joined into paragraphs (a PDF wraps
sentences over lines), each paragraph is cut into count tokens ("333件") with the label
before them, and a small state machine pairs totals with the parts listed under them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from gongkai.report import (
    Breakdown,
    Figure,
    Finding,
    Generation,
    Method,
    Origin,
    Percentage,
    Severity,
    Statement,
)

from .._document import Line
from ._denials import DENIAL_TOPIC, paragraph_denials
from ._old import (
    OLD_GROUPS,
    channel_of,
    lines_to_appendix,
    old_group,
    old_part_subject,
    old_total_subject,
)
from ._sentences import (
    LONG_PROSE_NUMBER,
    MAX_PROSE_DIGITS,
    SENTENCE_END,
    CountToken,
    Paragraph,
    lines_to_paragraphs,
    text_to_tokens,
)
from ._state import ProseExtraction, State, remember_old, sentence_of

__all__ = ["ProseExtraction", "lines_to_prose"]


_CUMULATIVE = re.compile(r"累计|历年")
_NOT_APPLICATION = re.compile(r"群众来信|事项|审批|服务|建议|提案|诉求|留言|咨询|信访|来信")
_RECEIVED = re.compile(r"收到|受理|接收|新收|接到|提交")
_HANDLED = re.compile(r"办理|办结|答复|回复|处理完毕|办理完毕")
_CARRIED_OVER = re.compile(r"上年结转|结转上年|上年度结转|去年结转|上一年度结转|上年度转入")
_CARRIED_FORWARD = re.compile(r"结转(?:至|到)?下一?年|下一?年度?继续办理|转入下一?年")
_OUTCOMES = (
    ("t3.partially_granted.total", re.compile(r"部分公开")),
    ("t3.denied", re.compile(r"不予公开")),
    ("t3.granted.total", re.compile(r"予以公开|同意公开")),
    ("t3.unavailable", re.compile(r"无法提供")),
    ("t3.not_processed", re.compile(r"不予处理")),
    ("t3.other", re.compile(r"其他处理")),
)
_OUTCOME_GROUPS = frozenset(key for key, _ in _OUTCOMES)
_T4_RESULTS = (
    ("upheld", re.compile(r"维持|驳回")),
    ("corrected", re.compile(r"纠正|纠错|撤销|确认违法")),
    ("pending", re.compile(r"尚未审结|未审结|正在审理|审理中")),
    ("other", re.compile(r"其他")),
)

# Kinds of totals and the subjects that itemise them.
_RECEIVED_KIND = "received"
_HANDLED_KIND = "handled"
_RESULT_KIND = "results"
_PROACTIVE_KIND = "proactive"
_KIND_OF = {
    "t3.received_new.total": _RECEIVED_KIND,
    "old.requests.received": _RECEIVED_KIND,
    "t3.total.total": _HANDLED_KIND,
    "old.replies.total": _HANDLED_KIND,
    "t4.reconsideration.total": _RESULT_KIND,
    "t4.litigation_direct.total": _RESULT_KIND,
    "t4.litigation_after_reconsideration.total": _RESULT_KIND,
    "old.reconsideration.total": _RESULT_KIND,
    "old.litigation.total": _RESULT_KIND,
    "old.proactive.total": _PROACTIVE_KIND,
}
_CATCH_ALL = re.compile(r"其他|其它")


def _outcome(label: str) -> str | None:
    for key, pattern in _OUTCOMES:
        if pattern.search(label):
            return key
    return None


def _new_part(label: str, total: str) -> tuple[str | None, bool]:
    """(subject, is a part) of a label under an open total, 2019/2021 generations."""
    kind = _KIND_OF.get(total)
    if kind == _HANDLED_KIND:
        outcome = _outcome(label)
        return outcome, outcome is not None
    if kind == _RECEIVED_KIND:
        channel = channel_of(label) if "申请" in label and not _RECEIVED.search(label) else None
        return None, channel is not None
    if kind == _RESULT_KIND:
        group = total.rsplit(".", 1)[0]
        for column, pattern in _T4_RESULTS:
            if pattern.search(label):
                return f"{group}.{column}", True
    return None, False


def _new_subject(label: str, sentence: str, about_requests: bool) -> str | None:
    """The table figure a label states, 2019/2021 generations."""
    if not label or _CUMULATIVE.search(label):
        return None
    if "直接起诉" in label:
        return "t4.litigation_direct.total"
    if "复议后起诉" in label:
        return "t4.litigation_after_reconsideration.total"
    if "复议" in label and "诉讼" not in label:
        return "t4.reconsideration.total"
    if _CARRIED_FORWARD.search(label):
        return "t3.carried_forward.total"
    if _CARRIED_OVER.search(label):
        return "t3.carried_over.total"
    outcome = _outcome(label)
    if outcome:
        return outcome
    if _NOT_APPLICATION.search(label):
        return None
    if "申请" in label and _RECEIVED.search(label) and not _HANDLED.search(label):
        return "t3.received_new.total"
    if _HANDLED.search(label):
        if "申请" in label:
            return "t3.total.total"
        # "其中,本年度办结344件": a bare verb counts requests only where the paragraph is
        # about them ("办结留言185条,公开答复95条" is not).
        if len(label) <= 12 and about_requests and not _NOT_APPLICATION.search(sentence):
            return "t3.total.total"
    return None


def _bare(label: str) -> bool:
    """A label with no words of its own ("2020年", ""): the words after the number count."""
    return len(_NOT_WORDS.sub("", label)) <= 1


_NOT_WORDS = re.compile(r"[^\u4e00-\u9fff]|\d{4}年|本年度|全年|全区|全市|全县")
_COMPLAINT = re.compile(r"申诉|举报|投诉")
_MAILBOX = re.compile(r"群众来信|热线|信箱")
_DIGIT = re.compile(r"\d")
# The prose of a report states a few hundred figures; reading is linear, and this bound on
# the count tokens and denials read per report keeps any text within one file's budget.
MAX_PROSE_TOKENS = 20_000

# --- the state machine ------------------------------------------------------------------


@dataclass(slots=True)
class _Open:
    total: Statement
    parts: list[Statement] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    listing: bool = False  # "其中" has opened the list of parts
    ended: bool = False  # the total's sentence has ended: only a part keeps it open


def _close(state: State, open_: _Open | None) -> None:
    if open_ is None or len(open_.parts) < 2:
        return
    kind = _KIND_OF.get(open_.total.subject or "")
    subjects = {p.subject for p in open_.parts}
    if kind == _HANDLED_KIND:
        # Outcome lists are often partial ("其中予以公开6件…" without 其他处理): only a list
        # that ends in a catch-all, or names every group, claims to add up to the total.
        exhaustive = (
            bool(subjects & {"t3.other", "old.replies.other"}) or subjects >= _OUTCOME_GROUPS
        )
    elif kind == _PROACTIVE_KIND:
        exhaustive = any(_CATCH_ALL.search(label) for label in open_.labels)
    else:  # channels and review results are listed whole
        exhaustive = True
    if exhaustive:
        state.out.breakdowns.append(Breakdown(open_.total, tuple(open_.parts)))


def _statement(
    state: State,
    para: Paragraph,
    token: CountToken,
    subject: str | None,
    label: str,
    *,
    listed: bool = True,
) -> Statement:
    assert token.value is not None
    origin = Origin(
        para.line_at(token.start), sentence_of(para, token.start, token.end), Method.PROSE
    )
    statement = Statement(subject, token.value, label, origin)
    if subject is not None and listed:
        state.out.statements.append(statement)
    return statement


_ALL_BY = re.compile(r"全部(?:来自|为|通过|是|系)(网络|网上|当面|信函|传真|邮寄)")


@dataclass(slots=True)
class _Reading:
    """One paragraph being read token by token: the open total and the last statement."""

    state: State
    para: Paragraph
    old: bool
    applications: bool  # the paragraph is under a heading about applications
    about_requests: bool  # the paragraph speaks of disclosure requests
    open_: _Open | None = None
    last: Statement | None = None  # the statement just made, for a following percentage
    last_end: int = 0


def _paragraph(state: State, para: Paragraph, tokens: Sequence[CountToken]) -> None:
    old = state.generation is Generation.OLD
    about_requests = "信息公开申请" in para.text or "依申请" in para.text
    reading = _Reading(state, para, old, "申请" in para.section, about_requests)
    for token in tokens:
        _between(reading, para.text[reading.last_end : token.start], token.qizhong)
        reading.last_end = token.end
        if token.percent is not None:
            _percentage(reading, token)
            continue
        label = token.label
        if _bare(label) and token.after:
            label = token.after
        reading.last = None
        if reading.open_ is not None and _part(reading, token, label):
            continue
        _total(reading, token, label)
    _close(state, reading.open_)


def _between(reading: _Reading, gap: str, qizhong: bool) -> None:
    """What the words since the previous token say about the open list."""
    open_ = reading.open_
    if open_ is None:
        return
    end = SENTENCE_END.search(gap)
    if end is not None:
        rest = gap[end.end() :]
        # A new sentence ends the list unless it goes on listing parts ("…37件。其中…",
        # "…。提交申请的方式包括:当面申请12件").
        open_.ended = not rest.lstrip('“"').startswith("其中")
    if qizhong:
        open_.listing = True
    if open_.total.subject == "old.requests.received" and not open_.parts:
        channel = _ALL_BY.search(gap)
        key = channel_of(channel.group(1) + "申请") if channel else None
        if channel and key:
            at = reading.last_end
            origin = Origin(
                reading.para.line_at(at), sentence_of(reading.para, at, at), Method.PROSE
            )
            part = Statement(key, open_.total.value, channel.group(0), origin)
            reading.state.out.statements.append(part)
            remember_old(reading.state, part)
            open_.parts.append(part)


def _percentage(reading: _Reading, token: CountToken) -> None:
    """A percentage of the part just stated, against the open total."""
    open_, last, para = reading.open_, reading.last, reading.para
    assert token.percent is not None
    if last is not None and open_ is not None and last in open_.parts:
        origin = Origin(
            para.line_at(token.start), sentence_of(para, token.start, token.end), Method.PROSE
        )
        reading.state.out.percentages.append(Percentage(last, open_.total, token.percent, origin))
    reading.last = None


def _part(reading: _Reading, token: CountToken, label: str) -> bool:
    """Add the token as a part of the open total if it is one; True if it was."""
    open_ = reading.open_
    assert open_ is not None
    total = open_.total.subject or ""
    if reading.old:
        part_subject = old_part_subject(label, total)
        is_part = part_subject is not None
        if not is_part and total == "old.proactive.total" and open_.listing:
            is_part = (
                token.value is not None
                and old_total_subject(label, applications_section=reading.applications) is None
            )
    else:
        part_subject, is_part = _new_part(label, total)
    if not is_part:
        return False
    statement = _statement(reading.state, reading.para, token, part_subject, label)
    remember_old(reading.state, statement)
    open_.parts.append(statement)
    open_.labels.append(label)
    open_.ended = False
    reading.last = statement
    return True


def _total(reading: _Reading, token: CountToken, label: str) -> None:
    """A statement of its own (a total or a single figure), which may open a list."""
    state, para, open_ = reading.state, reading.para, reading.open_
    if reading.old:
        found = old_total_subject(
            label,
            applications_section=reading.applications,
            after_received=open_ is not None and open_.total.subject == "old.requests.received",
        )
        subject, priority = found if found else (_old_single(label, para), 0)
    else:
        sentence = sentence_of(para, token.start, token.end)
        subject, priority = _new_subject(label, sentence, reading.about_requests), 0
    if subject is None:
        return
    if open_ is not None and subject == open_.total.subject:
        return  # "其中各级政府收到申请7件": a split of the open total by who received it
    if open_ is not None and open_.ended:
        _close(state, open_)
        reading.open_ = open_ = None
    # A weaker wording of a total ("公开各类政府信息") is a candidate, not a statement of
    # its own: it is listed only if no stronger wording states the figure.
    statement = _statement(state, para, token, subject, label, listed=priority == 0)
    remember_old(state, statement, priority)
    reading.last = statement
    if subject in _KIND_OF:
        _close(state, open_)
        reading.open_ = _Open(statement)


def _old_single(label: str, para: Paragraph) -> str | None:
    """Complaints about disclosure work (申诉/举报); the mailbox's "举报类10件" are not."""
    if (
        _COMPLAINT.search(label)
        and not label.endswith("类")
        and "公开" in para.text
        and not _MAILBOX.search(para.text)
    ):
        return "old.complaints.total"
    return None


# --- absences, "none" statements and fees ------------------------------------------------

# --- entry point ----------------------------------------------------------------------


def lines_to_prose(
    lines: Sequence[Line], *, generation: Generation, skip: frozenset[int] = frozenset()
) -> ProseExtraction:
    """What the running text states; ``skip`` holds the line numbers of the standard tables."""
    state = State(generation, ProseExtraction())
    appendix_figures: dict[str, Figure] = {}
    if generation is Generation.OLD:
        appendix = lines_to_appendix(lines, skip)
        appendix_figures = appendix.figures
        skip = skip | appendix.lines
    budget = MAX_PROSE_TOKENS
    for para in lines_to_paragraphs(lines, skip):
        if budget <= 0:
            _too_long(state, para)
            break
        if _DIGIT.search(para.text):
            _long_numbers(state, para)
            tokens = text_to_tokens(para.text, limit=budget)
            budget -= len(tokens)
            _paragraph(state, para, tokens)
        if DENIAL_TOPIC.search(para.text):
            budget -= paragraph_denials(state, para, limit=max(budget, 0))
    if generation is Generation.OLD:
        for priority, statement in state.old_figures.values():
            if priority > 0:
                state.out.statements.append(statement)
        state.out.figures = _old_figures(state, appendix_figures)
    return state.out


def _too_long(state: State, para: Paragraph) -> None:
    """The finding that the prose was read up to ``para`` only."""
    state.out.findings.append(
        Finding(
            "parse.prose_too_long",
            Severity.WARNING,
            f"正文中的数字和否定表述超过 {MAX_PROSE_TOKENS:,} 处，不像年度报告的正文；"
            f"第{para.numbers[0]}行起的正文未读取",
        )
    )


def _long_numbers(state: State, para: Paragraph) -> None:
    """A finding for each number in the paragraph too long to be a count (left unread)."""
    for match in LONG_PROSE_NUMBER.finditer(para.text):
        state.out.findings.append(
            Finding(
                "parse.number_too_long",
                Severity.WARNING,
                f"正文第{para.line_at(match.start())}行有一个 {len(match.group())} 位的数字"
                f"（最多 {MAX_PROSE_DIGITS} 位），不是有效的统计数字，未读取",
            )
        )


def _old_figures(state: State, appendix: dict[str, Figure]) -> dict[str, Figure]:
    """The 附表 where it speaks, the prose elsewhere (a group never mixes the two)."""
    figures = dict(appendix)
    covered = {old_group(key) for key in appendix}
    for key, (_, statement) in state.old_figures.items():
        if old_group(key) in covered or key in figures:
            continue
        assert old_group(key) in OLD_GROUPS
        figures[key] = Figure(key, statement.value, statement.origin)
    return figures
