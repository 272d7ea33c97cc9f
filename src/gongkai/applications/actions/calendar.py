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


class _CalendarChange(RecordAction[Any]):
    """A calendar row: saving or deleting it recomputes every open deadline, same actor."""

    reason: str  # "{verb}" and "{instance}" are filled in
    verbs: tuple[str, str]  # (saved, deleted)

    @classmethod
    def after_change(cls, actor: Any, instance: Any, *, deleted: bool) -> None:
        verb = cls.verbs[deleted]
        recompute_open_deadlines(
            actor=actor, reason=cls.reason.format(verb=verb, instance=instance)
        )


class ChangeCalendarDay(_CalendarChange):
    """工作日历调整: a day declared a working day or a day off over the package data."""

    name = "calendar_day"
    label = "调整工作日历"
    model = CalendarOverride
    reason = "工作日历调整：{verb}{instance}"
    verbs = ("设置", "删除")


class DeclareCalendarYear(_CalendarChange):
    """A year whose holiday notice has been entered completely."""

    name = "calendar_year"
    label = "登记已录入完整的日历年份"
    model = CalendarYear
    reason = "日历年份{verb}：{instance}"
    verbs = ("登记", "撤销")
