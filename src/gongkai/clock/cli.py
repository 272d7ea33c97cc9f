"""``gongkai deadline``: the reply deadline of a request, with its explanation."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from gongkai._argparse import ChineseArgumentParser

from ._calendar import WorkCalendar, default_calendar
from ._deadline import Deadline, compute_deadline
from ._errors import ClockError
from ._settings import ClockRules, Regulation

__all__ = ["EXIT_UNCERTAIN", "register", "run_deadline"]

EXIT_UNCERTAIN = 3  # the count ran into a year the calendar does not know


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期无效：{text!r}（应为 YYYY-MM-DD）") from None


def _date_range(text: str) -> tuple[date, date]:
    first, separator, last = text.partition(":")
    if not separator:
        raise argparse.ArgumentTypeError(f"期间无效：{text!r}（应为 开始日期:结束日期）")
    started_on, ended_on = _iso_date(first), _iso_date(last)
    if ended_on < started_on:
        raise argparse.ArgumentTypeError(
            f"期间无效：开始日期 {started_on.isoformat()} 晚于结束日期 {ended_on.isoformat()}"
        )
    return started_on, ended_on


_DAY_KINDS = {
    "上班": True,
    "工作日": True,
    "workday": True,
    "休息": False,
    "休息日": False,
    "off": False,
}


def read_calendar_file(path: str) -> tuple[dict[date, bool], dict[date, str]]:
    """Administrator days from a CSV file: ``YYYY-MM-DD,上班|休息[,说明]`` per line."""
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = handle.read().splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "不是 UTF-8 文本"
        raise argparse.ArgumentTypeError(f"无法读取日历文件 {path}：{reason}") from None
    overrides: dict[date, bool] = {}
    notes: dict[date, str] = {}
    for number, line in enumerate(lines, start=1):
        cells = [c.strip() for c in line.split(",")]
        if not cells[0] or cells[0].startswith("#") or cells[0] in ("日期", "date"):
            continue
        try:
            day = date.fromisoformat(cells[0])
        except ValueError:
            day = None
        if day is None or len(cells) < 2 or cells[1] not in _DAY_KINDS:
            raise argparse.ArgumentTypeError(
                f"日历文件 {path} 第 {number} 行无效：应为“YYYY-MM-DD,上班或休息[,说明]”"
            )
        overrides[day] = _DAY_KINDS[cells[1]]
        if len(cells) > 2 and cells[2]:
            notes[day] = cells[2]
    return overrides, notes


def register(subparsers: Any) -> None:
    """Add the ``deadline`` sub-command."""
    parser = subparsers.add_parser(
        "deadline",
        help="计算依申请公开的答复期限并说明计算过程",
        description=(
            "计算答复期限：打印到期日（ISO 格式）及计算说明。"
            "日期超出工作日历已知年份时仍打印暂定日期，并以状态 3 退出。"
        ),
        epilog="退出码：\n  0  成功\n  2  参数或日历文件有误\n  3  结果为暂定（日历未覆盖所涉年份）",
    )
    # The sub-parser answers bad input in Chinese, on one line (argparse itself would not);
    # set here too so that the command keeps it when registered under another parser.
    parser.__class__ = ChineseArgumentParser
    parser.add_argument(
        "received", metavar="RECEIVED", type=_iso_date, help="收到申请的日期 YYYY-MM-DD"
    )
    parser.add_argument(
        "--rules",
        choices=[regulation.value for regulation in Regulation],
        help="适用的条例版本（默认按收到日期：2019-05-15 前为 2008）",
    )
    parser.add_argument("--extended", action="store_true", help="已依法延长答复期限")
    parser.add_argument(
        "--pause",
        metavar="FROM:TO",
        type=_date_range,
        action="append",
        default=[],
        help="征求意见期间（含首尾两日），可重复",
    )
    parser.add_argument("--restart", metavar="DATE", type=_iso_date, help="收到补正后申请的日期")
    parser.add_argument(
        "--count-receipt-day", action="store_true", help="收到当日计入期限（默认不计入）"
    )
    parser.add_argument(
        "--calendar",
        metavar="FILE",
        help="补充或调整工作日历的 CSV 文件，每行“YYYY-MM-DD,上班或休息[,说明]”",
    )
    parser.add_argument(
        "--complete-year",
        metavar="YEAR",
        type=int,
        action="append",
        default=[],
        help="该年度节假日安排已在 --calendar 文件中完整录入（可重复）",
    )
    parser.set_defaults(handler=run_deadline)


def run_deadline(args: argparse.Namespace) -> int:
    """Print the due date and its explanation; 3 when the date is only provisional."""
    try:
        deadline = _deadline_from(args)
    except argparse.ArgumentTypeError as exc:
        print(f"gongkai deadline：{exc}", file=sys.stderr)
        return 2
    except (ClockError, ValueError, OverflowError) as exc:
        # Every ClockError carries a Chinese message; date arithmetic past year 9999 does not.
        message = str(exc) if isinstance(exc, ClockError) else "日期超出可计算的范围"
        print(f"gongkai deadline：{message}", file=sys.stderr)
        return 2
    print(deadline.due_on.isoformat())
    for line in deadline.explain():
        print(line)
    if deadline.uncertain:
        years = "、".join(str(year) for year in deadline.unknown_years)
        print(
            f"警告：期限涉及工作日历未覆盖的年份（{years}），到期日 "
            f"{deadline.due_on.isoformat()} 为按周一至周五推算的暂定日期，须复核",
            file=sys.stderr,
        )
        return EXIT_UNCERTAIN
    return 0


def _deadline_from(args: argparse.Namespace) -> Deadline:
    rules = ClockRules(
        regulation=Regulation(args.rules) if args.rules else None,
        count_receipt_day=bool(args.count_receipt_day),
    )
    calendar = default_calendar()
    if args.calendar or args.complete_year:
        overrides, notes = read_calendar_file(args.calendar) if args.calendar else ({}, {})
        calendar = WorkCalendar(overrides, covered_years=args.complete_year, notes=notes)
    return compute_deadline(
        args.received,
        calendar=calendar,
        rules=rules,
        extended=bool(args.extended),
        pauses=args.pause,
        clock_restarted_on=args.restart,
    )
