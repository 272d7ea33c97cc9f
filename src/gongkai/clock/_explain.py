"""The Chinese explanation of a deadline: how it was counted, one line per step.

Kept apart from the arithmetic in ``_deadline``: the wording changes for readers, the
counting changes only with the law.
"""

from __future__ import annotations

from datetime import date, timedelta

from ._calendar import DayInfo, DaySource
from ._deadline import Deadline, DeadlineKind
from ._settings import Regulation

__all__ = ["explain_lines"]

_ONE_DAY = timedelta(days=1)
_WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def explain_lines(deadline: Deadline) -> list[str]:
    """How the due date was counted, one Chinese line per step."""
    lines = [_receipt_line(deadline)]
    if deadline.clock_started_on != deadline.received_on:
        lines.append(
            f"补正后重新起算：{_day(deadline.clock_started_on)}收到补正后的申请，"
            "期限自该日重新计算（条例第三十条）"
        )
    lines.extend(_basis_lines(deadline))
    lines.append(_start_line(deadline))
    lines.append(f"法定期限：{deadline.base_days} 个工作日")
    if deadline.kind is DeadlineKind.REPLY:
        if deadline.extension_days:
            lines.append(
                f"延长：+{deadline.extension_days} 个工作日"
                "（经政府信息公开工作机构负责人同意并告知申请人）"
            )
        else:
            lines.append("延长：无")
        lines.extend(_excluded_lines(deadline))
    lines.extend(_calendar_lines(deadline))
    if deadline.uncertain:
        lines.append(_uncertain_line(deadline))
    provisional = "（暂定）" if deadline.uncertain else ""
    lines.append(
        f"{deadline.kind.label}：{_day(deadline.due_on)}{provisional}，"
        f"即自 {deadline.first_counted_on.isoformat()} 起第 {deadline.working_days} 个计入的工作日"
    )
    return lines


def _day(day: date) -> str:
    return f"{day.isoformat()}（{_WEEKDAYS_ZH[day.weekday()]}）"


def _receipt_line(deadline: Deadline) -> str:
    line = f"{deadline.kind.start_label}：{_day(deadline.received_on)}"
    info = deadline.calendar.day(deadline.received_on)
    if not info.is_workday:
        line += f"，该日为非工作日（{_day_off_name(info)}）"
    return line


def _basis_lines(deadline: Deadline) -> list[str]:
    regulation = deadline.regulation
    if deadline.kind is DeadlineKind.REPLY:
        chosen = "按收到日期确定" if deadline.rules.regulation is None else "按指定"
        return [
            f"适用规则：{regulation.label}（{chosen}；2019-05-15 前收到的申请适用 2008 年条例）"
        ]
    if deadline.kind is DeadlineKind.CORRECTION_NOTICE:
        lines = ["依据：条例第三十条，收到申请之日起 7 个工作日内一次性告知补正"]
        if regulation is Regulation.Y2008:
            lines.append("注意：2008 年施行的条例未规定补正告知时限，此处按 2019 年条例计算")
        return lines
    if deadline.kind is DeadlineKind.CONSULTATION_REPLY:
        lines = [
            "依据：条例第三十二条、第三十四条，被征求意见方自收到征求意见书之日起 15 个工作日内答复"
        ]
        if regulation is Regulation.Y2008:
            lines.append("注意：2008 年施行的条例未规定第三方答复时限，此处按 2019 年条例计算")
        return lines
    return [
        "依据：《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），"
        "自收到收费通知的次日起 20 个工作日内缴纳（据地方转发文件，原文未核实）"
    ]


def _start_line(deadline: Deadline) -> str:
    rules = deadline.rules
    started = deadline.clock_started_on
    first = deadline.first_counted_on.isoformat()
    if deadline.counted_from != started:
        return (
            f"起算规则：{started.isoformat()} 为非工作日，视为于其后第一个工作日 "
            f"{deadline.counted_from.isoformat()} 收到；"
            + (
                "该日计为第 1 个工作日"
                if rules.count_receipt_day
                else f"该日不计入，自 {first} 起算"
            )
        )
    if rules.count_receipt_day:
        if deadline.calendar.is_workday(started):
            return f"起算规则：收到当日计入，{started.isoformat()} 为第 1 个工作日"
        return f"起算规则：收到当日为非工作日，自其后第一个工作日 {first} 起算第 1 个工作日"
    return f"起算规则：收到当日不计入，自其后第一个工作日 {first} 起算第 1 个工作日"


def _excluded_lines(deadline: Deadline) -> list[str]:
    if not deadline.excluded:
        return ["扣除的征求意见期间：无"]
    lines = []
    for period in deadline.excluded:
        label = "、".join(kind.label for kind in period.kinds)
        lines.append(
            f"扣除的{label}：{period.started_on.isoformat()} 至 {period.ended_on.isoformat()}，"
            f"其中 {period.working_days} 个工作日不计入期限"
        )
    return lines


def _calendar_lines(deadline: Deadline) -> list[str]:
    window = deadline.calendar.days(deadline.anchor + _ONE_DAY, deadline.due_on)
    runs: list[tuple[str, date, date, bool]] = []  # name, first, last, entered by override
    makeup: list[str] = []
    weekend_days = 0
    for info in window:
        if info.is_makeup_workday:
            name = f"{info.name}调休上班" if info.name else "调休上班"
            marker = "，管理员调整" if info.source is DaySource.OVERRIDE else ""
            makeup.append(
                f"{info.day.isoformat()}（{_WEEKDAYS_ZH[info.day.weekday()]}，{name}{marker}）"
            )
        elif info.is_holiday:
            name = _day_off_name(info)
            overridden = info.source is DaySource.OVERRIDE
            if runs and runs[-1][0] == name and runs[-1][2] + _ONE_DAY == info.day:
                runs[-1] = (name, runs[-1][1], info.day, runs[-1][3] or overridden)
            else:
                runs.append((name, info.day, info.day, overridden))
        elif not info.is_workday:
            weekend_days += 1
    if runs:
        parts = []
        for name, first, last, overridden in runs:
            span = (
                first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
            )
            marker = "，含管理员调整" if overridden else ""
            parts.append(f"{name} {span}（{(last - first).days + 1} 天{marker}）")
        holidays = "；".join(parts)
    else:
        holidays = "无"
    lines = [f"跳过的节假日：{holidays}；另跳过普通周末 {weekend_days} 天"]
    if makeup:
        lines.append(f"计入的调休上班日：{'、'.join(makeup)}")
    return lines


def _day_off_name(info: DayInfo) -> str:
    if info.name:
        return info.name
    if info.source is DaySource.OVERRIDE:
        return "管理员设定的休息日"
    return "周末" if info.is_weekend else "节假日"


def _uncertain_line(deadline: Deadline) -> str:
    years = "、".join(f"{year} 年" for year in deadline.unknown_years)
    return (
        f"警告：工作日历未包含 {years}的节假日安排，暂按周一至周五为工作日推算，"
        "此期限仅为暂定；须在国务院办公厅公布该年节假日安排并录入日历后复核"
    )
