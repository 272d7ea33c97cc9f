"""The options of the statutory clock: which regulation, and the counting conventions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ._errors import ClockError

__all__ = [
    "NEW_REGULATION_IN_FORCE",
    "ClockRules",
    "NonWorkingReceipt",
    "Regulation",
    "regulation_for",
]

# 国务院令第711号 took effect on this day; requests received earlier follow 国务院令第492号.
NEW_REGULATION_IN_FORCE = date(2019, 5, 15)


class Regulation(StrEnum):
    """The version of 《政府信息公开条例》 that governs a request."""

    Y2008 = "2008"  # 国务院令第492号, art. 24: 15 working days, extension at most 15
    Y2019 = "2019"  # 国务院令第711号, art. 33: 20 working days, extension at most 20

    @property
    def reply_days(self) -> int:
        """Working days to reply."""
        return 15 if self is Regulation.Y2008 else 20

    @property
    def extension_days(self) -> int:
        """Maximum extension, in working days."""
        return 15 if self is Regulation.Y2008 else 20

    @property
    def short_label(self) -> str:
        """The regulation's short name as the register shows it ("2019年条例")."""
        return f"{self.value}年条例"

    @property
    def label(self) -> str:
        """How the regulation and its deadline article are cited in explanations."""
        if self is Regulation.Y2008:
            return "2008 年施行的《政府信息公开条例》（国务院令第492号）第二十四条"
        return "2019 年修订的《政府信息公开条例》（国务院令第711号）第三十三条"


def regulation_for(received_on: date) -> Regulation:
    """The regulation in force on the day a request was received.

    A request received before 2019-05-15 keeps the 2008 rules even if it was still pending on
    that day: no transitional rule was found (statute-facts B, [U]); the rules in force at
    receipt are the conservative reading. ``ClockRules.regulation`` overrides this choice.
    """
    return Regulation.Y2008 if received_on < NEW_REGULATION_IN_FORCE else Regulation.Y2019


class NonWorkingReceipt(StrEnum):
    """What a receipt on a weekend or public holiday means for the count.

    The law says nothing (statute-facts D1 rule 5 and open point 4, [U]).
    """

    # The receipt date stays as fixed by art. 31; the first counted day is simply the next
    # working day, as it would be after any receipt. This is the default: it never moves a
    # legal date the regulation fixes; with ``count_receipt_day=False`` the due date is the
    # same as for a receipt on the last working day before the weekend or holiday.
    COUNT_FROM_NEXT_WORKING_DAY = "count_from_next_working_day"
    # The receipt itself is deemed to happen on the next working day (one reported 2008-era
    # case, [S]); with ``count_receipt_day=False`` the count then starts one working day later.
    RECEIPT_MOVES_TO_NEXT_WORKING_DAY = "receipt_moves_to_next_working_day"


@dataclass(frozen=True, slots=True)
class ClockRules:
    """Counting conventions of the statutory clock; the defaults are documented choices.

    - ``regulation``: None chooses by the receipt date (``regulation_for``); "2008" or "2019"
      forces one (e.g. the version stored on an application).
    - ``count_receipt_day``: False (default) means the receipt date is day 0 and the due date is
      the Nth working day after it, as 民法典 art. 201 counts periods ("开始的当日不计入"). The
      regulation does not say (statute-facts D1, [U]); True counts the receipt day as day 1
      when it is a working day.
    - ``non_working_receipt``: see ``NonWorkingReceipt``; default COUNT_FROM_NEXT_WORKING_DAY.
    - ``fee_notice_pauses_clock``: True (default) excludes the time from a fee notice to the
      payment from the reply period. The 办法's text on this was not retrieved (statute-facts
      A8, [U]: recalled, not confirmed); False counts that time like any other.
    """

    regulation: Regulation | None = None
    count_receipt_day: bool = False
    non_working_receipt: NonWorkingReceipt = NonWorkingReceipt.COUNT_FROM_NEXT_WORKING_DAY
    fee_notice_pauses_clock: bool = True

    def __post_init__(self) -> None:
        if self.regulation is not None and not isinstance(self.regulation, Regulation):
            try:
                object.__setattr__(self, "regulation", Regulation(str(self.regulation)))
            except ValueError:
                raise ClockError(
                    f"条例版本只能是 2008 或 2019，收到：{self.regulation!r}"
                ) from None
        if not isinstance(self.non_working_receipt, NonWorkingReceipt):
            try:
                object.__setattr__(
                    self, "non_working_receipt", NonWorkingReceipt(str(self.non_working_receipt))
                )
            except ValueError:
                raise ClockError(
                    f"非工作日收到申请的处理方式无效：{self.non_working_receipt!r}"
                ) from None
        for name in ("count_receipt_day", "fee_notice_pauses_clock"):
            if not isinstance(getattr(self, name), bool):
                raise ClockError(f"{name} 必须是布尔值")

    def regulation_for(self, received_on: date) -> Regulation:
        """The regulation these rules apply to a request received on ``received_on``."""
        return self.regulation if self.regulation is not None else regulation_for(received_on)
