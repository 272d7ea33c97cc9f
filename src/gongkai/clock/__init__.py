"""Working-day calendar and statutory deadlines (pure core: no Django)."""

from ._calendar import PACKAGE_YEARS, DayInfo, DaySource, WorkCalendar, default_calendar
from ._deadline import (
    CONSULTATION_REPLY_DAYS,
    CORRECTION_NOTICE_DAYS,
    DEFAULT_RULES,
    FEE_PAYMENT_DAYS,
    Deadline,
    DeadlineKind,
    ExcludedPeriod,
    ExclusionKind,
    PauseKind,
    compute_deadline,
    consultation_reply_due,
    correction_due,
    fee_payment_due,
)
from ._errors import ClockError
from ._receipt import CHINA_TIME, Channel, ReceiptDateError, receipt_date
from ._settings import (
    NEW_REGULATION_IN_FORCE,
    ClockRules,
    NonWorkingReceipt,
    Regulation,
    regulation_for,
)

__all__ = [
    "CHINA_TIME",
    "CONSULTATION_REPLY_DAYS",
    "CORRECTION_NOTICE_DAYS",
    "DEFAULT_RULES",
    "FEE_PAYMENT_DAYS",
    "NEW_REGULATION_IN_FORCE",
    "PACKAGE_YEARS",
    "Channel",
    "ClockError",
    "ClockRules",
    "DayInfo",
    "DaySource",
    "Deadline",
    "DeadlineKind",
    "ExcludedPeriod",
    "ExclusionKind",
    "NonWorkingReceipt",
    "PauseKind",
    "ReceiptDateError",
    "Regulation",
    "WorkCalendar",
    "compute_deadline",
    "consultation_reply_due",
    "correction_due",
    "default_calendar",
    "fee_payment_due",
    "receipt_date",
    "regulation_for",
]
