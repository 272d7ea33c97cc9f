"""The working calendar: administrator days and declared years, and the recompute they cause.

A change of the calendar moves every open deadline: the change and the recompute happen in
one transaction, the change as an audit entry and each moved deadline as an event of its
application, both naming the administrator who made the change.
"""

from __future__ import annotations

from typing import Any

from gongkai.audit.actions import RecordAction

from ..deadlines import recompute_open_deadlines
from ..models import CalendarOverride, CalendarYear

__all__ = ["ChangeCalendarDay", "DeclareCalendarYear"]


class ChangeCalendarDay(RecordAction[CalendarOverride]):
    """工作日历调整: a day declared a working day or a day off over the package data."""

    name = "calendar_day"
    label = "调整工作日历"
    model = CalendarOverride

    @classmethod
    def after_change(cls, actor: Any, instance: CalendarOverride, *, deleted: bool) -> None:
        verb = "删除" if deleted else "设置"
        recompute_open_deadlines(actor=actor, reason=f"工作日历调整：{verb}{instance}")


class DeclareCalendarYear(RecordAction[CalendarYear]):
    """A year whose holiday notice has been entered completely."""

    name = "calendar_year"
    label = "登记已录入完整的日历年份"
    model = CalendarYear

    @classmethod
    def after_change(cls, actor: Any, instance: CalendarYear, *, deleted: bool) -> None:
        verb = "撤销" if deleted else "登记"
        recompute_open_deadlines(actor=actor, reason=f"日历年份{verb}：{instance}")
