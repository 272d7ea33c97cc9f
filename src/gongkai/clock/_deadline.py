"""Statutory deadlines in working days, each able to explain how it was counted."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from ._calendar import WorkCalendar
from ._errors import ClockError
from ._settings import ClockRules, NonWorkingReceipt, Regulation

__all__ = [
    "CONSULTATION_REPLY_DAYS",
    "CORRECTION_NOTICE_DAYS",
    "DEFAULT_RULES",
    "FEE_PAYMENT_DAYS",
    "Deadline",
    "DeadlineKind",
    "ExcludedPeriod",
    "ExclusionKind",
    "PauseKind",
    "compute_deadline",
    "consultation_reply_due",
    "correction_due",
    "fee_payment_due",
]

DEFAULT_RULES = ClockRules()
CORRECTION_NOTICE_DAYS = 7  # art. 30: notify the applicant of corrections within 7 working days
CONSULTATION_REPLY_DAYS = 15  # arts. 32 and 34: the consulted party answers within 15
# Fee 办法 as restated by a provincial notice ([S], statute-facts A8): pay within 20 working
# days counted from the day after the notice is received, else the request is abandoned.
FEE_PAYMENT_DAYS = 20

_ONE_DAY = timedelta(days=1)


class DeadlineKind(StrEnum):
    """What a deadline is for."""

    REPLY = "reply"  # 答复 (art. 33; 2008: art. 24)
    CORRECTION_NOTICE = "correction_notice"  # 补正告知 (art. 30)
    CONSULTATION_REPLY = "consultation_reply"  # 第三方 / 会商机关答复 (arts. 32, 34)
    FEE_PAYMENT = "fee_payment"  # 缴纳信息处理费

    @property
    def start_label(self) -> str:
        """The name of the day the count starts from."""
        return _KIND_TEXT[self][0]

    @property
    def label(self) -> str:
        """The name of the deadline."""
        return _KIND_TEXT[self][1]


_KIND_TEXT = {
    DeadlineKind.REPLY: ("收到日期", "答复期限"),
    DeadlineKind.CORRECTION_NOTICE: ("收到日期", "补正告知期限"),
    DeadlineKind.CONSULTATION_REPLY: ("征求意见书送达日期", "征求意见答复期限"),
    DeadlineKind.FEE_PAYMENT: ("收到收费通知日期", "缴费期限"),
}


class ExclusionKind(StrEnum):
    """The kinds of time excluded from the reply period, as the explanation names them."""

    CONSULTATION = "consultation"  # third party (art. 32) or co-producing agency (art. 34)
    FEE_NOTICE = "fee_notice"  # from the fee notice to the payment ([U], a setting)

    @property
    def label(self) -> str:
        """The Chinese name of the period."""
        return "征求意见期间" if self is ExclusionKind.CONSULTATION else "收费通知至缴费期间"


class PauseKind(StrEnum):
    """What a recorded pause of a case is: the register's ``Pause.kind`` values."""

    THIRD_PARTY = "third_party"  # art. 32: a third party's rights are concerned
    CO_PRODUCER = "co_producer"  # art. 34: information made with other agencies (会商)
    # Always recorded; excluded from the clock only while the fee-notice setting is on
    # (A8: [U]), so the setting can change without rewriting history.
    FEE = "fee"

    @property
    def label(self) -> str:
        """The register's name of the pause."""
        return _PAUSE_LABELS[self]


_PAUSE_LABELS = {
    PauseKind.THIRD_PARTY: "第三方征求意见",
    PauseKind.CO_PRODUCER: "会商",
    PauseKind.FEE: "缴费期间",
}


@dataclass(frozen=True, slots=True)
class ExcludedPeriod:
    """A period whose working days did not count, as applied to the deadline."""

    kinds: tuple[ExclusionKind, ...]  # several when periods of different kinds overlapped
    started_on: date
    ended_on: date
    working_days: int  # working days inside the period, all of which were excluded


@dataclass(frozen=True, slots=True)
class Deadline:
    """A due date and everything needed to explain it."""

    kind: DeadlineKind
    received_on: date
    clock_started_on: date  # the receipt, or the receipt of the corrected request (art. 30)
    counted_from: date  # day 0 proper: clock_started_on, moved if the rules move it
    regulation: Regulation
    rules: ClockRules
    base_days: int
    extension_days: int
    excluded: tuple[ExcludedPeriod, ...]
    due_on: date
    unknown_years: tuple[int, ...]  # years the calendar does not cover: the date is provisional
    calendar: WorkCalendar = field(compare=False, repr=False)

    @property
    def working_days(self) -> int:
        """Working days counted: the statutory period plus any extension."""
        return self.base_days + self.extension_days

    @property
    def uncertain(self) -> bool:
        """True when the count crosses a year the calendar does not know: a provisional date."""
        return bool(self.unknown_years)

    @property
    def extended(self) -> bool:
        """Whether the extension was granted."""
        return self.extension_days > 0

    @property
    def first_counted_on(self) -> date:
        """The working day counted as day 1."""
        return self.calendar.nth_workday_after(self.anchor, 1)

    @property
    def anchor(self) -> date:
        """The day after which working days are counted (day 0)."""
        return self.counted_from - _ONE_DAY if self.rules.count_receipt_day else self.counted_from

    def explain(self) -> list[str]:
        """How the due date was counted, one Chinese line per step."""
        from ._explain import explain_lines  # the wording lives apart from the arithmetic

        return explain_lines(self)


def compute_deadline(
    received_on: date,
    *,
    calendar: WorkCalendar,
    rules: ClockRules = DEFAULT_RULES,
    extended: bool = False,
    pauses: Iterable[tuple[date, date]] = (),
    fee_pauses: Iterable[tuple[date, date]] = (),
    clock_restarted_on: date | None = None,
) -> Deadline:
    """The reply deadline of a request (art. 33; 2008 rules art. 24).

    ``pauses`` are consultation periods (arts. 32, 34), both ends included: their working days
    do not count. ``fee_pauses`` (fee notice to payment) count as pauses only when
    ``rules.fee_notice_pauses_clock``. ``clock_restarted_on`` is the day a corrected request
    was received (art. 30): the count starts again from it and earlier pauses are irrelevant.
    Raises ClockError (a ValueError, Chinese message) for inconsistent dates.
    """
    received_on = _plain(received_on)
    regulation = rules.regulation_for(received_on)
    periods = _periods(pauses, ExclusionKind.CONSULTATION)
    if rules.fee_notice_pauses_clock:
        periods += _periods(fee_pauses, ExclusionKind.FEE_NOTICE)
    return _count(
        DeadlineKind.REPLY,
        received_on,
        calendar=calendar,
        rules=rules,
        regulation=regulation,
        base_days=regulation.reply_days,
        extension_days=regulation.extension_days if extended else 0,
        periods=periods,
        clock_restarted_on=clock_restarted_on,
    )


def _window(
    kind: DeadlineKind, start: date, days: int, calendar: WorkCalendar, rules: ClockRules
) -> Deadline:
    # A fixed number of working days from ``start`` under the regulation of that day.
    start = _plain(start)
    return _count(
        kind,
        start,
        calendar=calendar,
        rules=rules,
        regulation=rules.regulation_for(start),
        base_days=days,
    )


def correction_due(
    received_on: date, *, calendar: WorkCalendar, rules: ClockRules = DEFAULT_RULES
) -> Deadline:
    """The last day to tell the applicant, once, what to correct (art. 30: 7 working days)."""
    return _window(
        DeadlineKind.CORRECTION_NOTICE, received_on, CORRECTION_NOTICE_DAYS, calendar, rules
    )


def consultation_reply_due(
    letter_received_on: date, *, calendar: WorkCalendar, rules: ClockRules = DEFAULT_RULES
) -> Deadline:
    """The consulted party's reply window (arts. 32, 34: 15 working days from the letter)."""
    return _window(
        DeadlineKind.CONSULTATION_REPLY,
        letter_received_on,
        CONSULTATION_REPLY_DAYS,
        calendar,
        rules,
    )


def fee_payment_due(notice_received_on: date, *, calendar: WorkCalendar) -> Deadline:
    """The last day to pay the fee: 20 working days from the day after the notice ([S])."""
    notice_received_on = _plain(notice_received_on)
    # "自收到收费通知的次日起": the day of receipt never counts, whatever the reply settings.
    return _count(
        DeadlineKind.FEE_PAYMENT,
        notice_received_on,
        calendar=calendar,
        rules=DEFAULT_RULES,
        regulation=Regulation.Y2019,
        base_days=FEE_PAYMENT_DAYS,
    )


# -- counting -----------------------------------------------------------------------------

_Period = tuple[date, date, ExclusionKind]


def _count(
    kind: DeadlineKind,
    received_on: date,
    *,
    calendar: WorkCalendar,
    rules: ClockRules,
    regulation: Regulation,
    base_days: int,
    extension_days: int = 0,
    periods: Sequence[_Period] = (),
    clock_restarted_on: date | None = None,
) -> Deadline:
    clock_started_on = received_on
    if clock_restarted_on is not None:
        clock_started_on = _plain(clock_restarted_on)
        if clock_started_on < received_on:
            raise ClockError(
                "补正后重新起算的日期不能早于收到申请的日期",
                log_message="the corrected request was received before the request",
            )
    counted_from = clock_started_on
    if (
        rules.non_working_receipt is NonWorkingReceipt.RECEIPT_MOVES_TO_NEXT_WORKING_DAY
        and not calendar.is_workday(counted_from)
    ):
        counted_from = calendar.next_workday(counted_from)
    anchor = counted_from - _ONE_DAY if rules.count_receipt_day else counted_from
    days = base_days + extension_days
    if periods:
        due_on, excluded = _count_with_pauses(calendar, anchor, days, periods)
    else:
        due_on, excluded = calendar.nth_workday_after(anchor, days), ()
    return Deadline(
        kind=kind,
        received_on=received_on,
        clock_started_on=clock_started_on,
        counted_from=counted_from,
        regulation=regulation,
        rules=rules,
        base_days=base_days,
        extension_days=extension_days,
        excluded=excluded,
        due_on=due_on,
        unknown_years=calendar.unknown_years(min(clock_started_on, anchor), due_on),
        calendar=calendar,
    )


def _count_with_pauses(
    calendar: WorkCalendar, anchor: date, days: int, periods: Sequence[_Period]
) -> tuple[date, tuple[ExcludedPeriod, ...]]:
    remaining = days
    cursor = anchor
    applied: list[ExcludedPeriod] = []
    for started_on, ended_on, kinds in _merge(periods, after=anchor):
        available = calendar.workdays_between(cursor + _ONE_DAY, started_on - _ONE_DAY)
        if available >= remaining:
            break  # the period begins after the due date: it changes nothing
        remaining -= available
        working_days = calendar.workdays_between(started_on, ended_on)
        applied.append(ExcludedPeriod(kinds, started_on, ended_on, working_days))
        cursor = ended_on
    return calendar.nth_workday_after(cursor, remaining), tuple(applied)


def _merge(
    periods: Sequence[_Period], *, after: date
) -> list[tuple[date, date, tuple[ExclusionKind, ...]]]:
    # Overlapping periods are one period: a working day is excluded once, however many
    # consultations run on it. Days up to the anchor are not counted anyway.
    first_counted = after + _ONE_DAY
    merged: list[tuple[date, date, tuple[ExclusionKind, ...]]] = []
    for started_on, ended_on, kind in sorted(periods):
        started_on = max(started_on, first_counted)
        if ended_on < started_on:
            continue
        if merged and started_on <= merged[-1][1]:
            last_start, last_end, kinds = merged[-1]
            new_kinds = kinds if kind in kinds else (*kinds, kind)
            merged[-1] = (last_start, max(last_end, ended_on), new_kinds)
        else:
            merged.append((started_on, ended_on, (kind,)))
    return merged


def _periods(pauses: Iterable[tuple[date, date]], kind: ExclusionKind) -> list[_Period]:
    periods: list[_Period] = []
    for started_on, ended_on in pauses:
        started_on, ended_on = _plain(started_on), _plain(ended_on)
        if ended_on < started_on:
            raise ClockError(
                f"{kind.label}的开始日期 {started_on.isoformat()} 晚于结束日期 "
                f"{ended_on.isoformat()}"
            )
        periods.append((started_on, ended_on, kind))
    return periods


def _plain(day: date) -> date:
    if not isinstance(day, date):
        raise ClockError(f"不是日期：{day!r}", log_message=f"not a date: {day!r}")
    return day if type(day) is date else date(day.year, day.month, day.day)
