"""``gongkai manage remind``: the morning e-mail of cases overdue or due within 3 working days.

Run it from cron every morning (see the README); it sends on the office's working days only
and at most once a day per user, so running it twice, or every day of the week, is harmless.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.applications.deadlines import work_calendar
from gongkai.staff.reminders import send_reminders


class Command(BaseCommand):
    help = "向承办人和公开办负责人发送到期提醒邮件（已逾期或 3 个工作日内到期的申请），每人每天一次"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="按该日期发送（YYYY-MM-DD，默认今天）；同一天不会重复发送"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(f"日期应写作 YYYY-MM-DD：{options['date']}") from None
        if not work_calendar().is_workday(today):
            self.stdout.write(f"{today.isoformat()} 不是工作日，未发送提醒。")
            return
        run = send_reminders(today)
        self.stdout.write(
            f"{today.isoformat()}：已发送 {run.sent} 封提醒邮件；"
            f"今日已发送过 {run.already_sent} 人，无到期案件 {run.nothing_due} 人，"
            f"无邮箱地址 {run.no_address} 人。"
        )
